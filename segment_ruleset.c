/*
 * segment_ruleset.c - the Segment\RuleSet class.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "ext/date/php_date.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"

#include "php_segment.h"

typedef struct php_segment_ruleset {
	php_segment_compiled *set;
	zend_object std;
} php_segment_ruleset;

static zend_object_handlers ruleset_handlers;

static inline php_segment_ruleset *ruleset_from_obj(zend_object *obj)
{
	return (php_segment_ruleset *)((char *)obj - XtOffsetOf(php_segment_ruleset, std));
}

#define Z_RULESET_P(zv) ruleset_from_obj(Z_OBJ_P(zv))

static zend_object *ruleset_create(zend_class_entry *ce)
{
	php_segment_ruleset *r = zend_object_alloc(sizeof(php_segment_ruleset), ce);
	zend_object_std_init(&r->std, ce);
	object_properties_init(&r->std, ce);
	r->std.handlers = &ruleset_handlers;
	r->set = NULL;
	return &r->std;
}

static void ruleset_free(zend_object *obj)
{
	php_segment_ruleset *r = ruleset_from_obj(obj);
	php_segment_compiled_release(r->set);
	r->set = NULL;
	zend_object_std_dtor(obj);
}

php_segment_compiled *php_segment_ruleset_compiled(zend_object *obj) { return ruleset_from_obj(obj)->set; }

zend_object *php_segment_ruleset_wrap(php_segment_compiled *c)
{
	zend_object *obj = ruleset_create(segment_ce_RuleSet);
	ruleset_from_obj(obj)->set = c; /* takes the caller's reference */
	return obj;
}

static php_segment_compiled *this_set(zval *this_zv)
{
	php_segment_compiled *c = Z_RULESET_P(this_zv)->set;
	if (!c) zend_throw_error(NULL, "Segment\\RuleSet was not initialized");
	return c;
}

/* ---- evaluation --------------------------------------------------------- */

#define SLOTS_ON_STACK 64
#define ARENA_ON_STACK 2048
#define MATCHES_ON_STACK 128

/*
 * Evaluates the enabled rules of `set` for one customer and fills
 * return_value with the matching codes (max 0 = all).  Shared by match(),
 * first(), segment_of() and segments_of().
 */
void php_segment_match_into(php_segment_compiled *set, zval *customer, zval *now, size_t max, bool as_string,
                            zval *return_value)
{
	php_segment_match_first_into(set, customer, NULL, NULL, 0, now, max, as_string, return_value);
}

/* The codes of the matched positions out[0..n), appended to an empty ht. */
static void codes_into(php_segment_compiled *set, const uint32_t *out, size_t n, HashTable *ht)
{
	zend_hash_real_init_packed(ht);
	ZEND_HASH_FILL_PACKED(ht) {
		for (size_t i = 0; i < n; i++) {
			zend_string *code = set->codes[seg_ruleset_def_index(set->rs, out[i])];
			ZEND_HASH_FILL_SET_STR_COPY(code);
			ZEND_HASH_FILL_NEXT();
		}
	} ZEND_HASH_FILL_END();
}

#define MATCH_LISTS_MAX 256

static void match_list_dtor(zval *zv) { php_segment_frozen_array_free(Z_PTR_P(zv)); }

/*
 * A rule set gives few distinct answers (the same two or three segments for
 * most visitors), so for sets of up to 64 rules each answer is kept as an
 * immutable persistent list, made on first use: a page view's segments()
 * then allocates and frees no array (PHP code that changes its copy gets a
 * copy of its own, as with opcache's arrays).  At most MATCH_LISTS_MAX
 * lists; after that, answers are built per call.  The lists go with the
 * set, through the graveyard, like the code strings in them.
 */
static bool match_list_cached(php_segment_compiled *set, const uint32_t *out, size_t n, size_t nrules, zval *rv)
{
	if (nrules > 64) return false;
	uint64_t mask = 0;
	for (size_t i = 0; i < n; i++) mask |= (uint64_t)1 << out[i];
	/* PHP finds an integer key by its low bits, and answers that differ only
	 * in low-priority rules differ only in high bits: mixed first (a
	 * bijection, murmur3's finaliser, so keys stay unique). */
	mask ^= mask >> 33;
	mask *= UINT64_C(0xff51afd7ed558ccd);
	mask ^= mask >> 33;
	mask *= UINT64_C(0xc4ceb9fe1a85ec53);
	mask ^= mask >> 33;
	zend_ulong key = (zend_ulong)mask;
	HashTable *list = set->lists ? zend_hash_index_find_ptr(set->lists, key) : NULL;
	if (!list) {
		if (!set->lists) {
			set->lists = pemalloc(sizeof(HashTable), 1);
			zend_hash_init(set->lists, 8, NULL, match_list_dtor, 1);
		}
		if (zend_hash_num_elements(set->lists) >= MATCH_LISTS_MAX) return false;
		list = pemalloc(sizeof(HashTable), 1);
		zend_hash_init(list, (uint32_t)n, NULL, NULL, 1);
		codes_into(set, out, n, list);
		php_segment_array_freeze(list);
		zend_hash_index_add_new_ptr(set->lists, key, list);
	}
	php_segment_zval_frozen_array(rv, list);
	return true;
}

void php_segment_match_first_into(php_segment_compiled *set, zval *customer, zval **first, const seg_value *preset,
                                  uint64_t preset_mask, zval *now, size_t max, bool as_string, zval *return_value)
{
	seg_value slots_buf[SLOTS_ON_STACK];
	uint32_t out_buf[MATCHES_ON_STACK];
	char arena_buf[ARENA_ON_STACK];
	size_t nrules = seg_ruleset_count(set->rs);
	seg_value *slots = set->nslots <= SLOTS_ON_STACK ? slots_buf : safe_emalloc(set->nslots, sizeof(seg_value), 0);
	uint32_t *out = nrules <= MATCHES_ON_STACK ? out_buf : safe_emalloc(nrules, sizeof(uint32_t), 0);

	php_segment_eval ev;
	php_segment_eval_begin(&ev, set, customer, first, preset, preset_mask, slots, arena_buf, sizeof arena_buf, now);
	seg_error err;
	size_t n = 0;
	seg_status st = seg_ruleset_match(set->rs, &ev.env, out, &n, max, &err);
	if (st != SEG_OK) {
		php_segment_throw_error(&err, NULL, 0);
	} else if (as_string) {
		if (n) RETVAL_STR_COPY(set->codes[seg_ruleset_def_index(set->rs, out[0])]);
		else RETVAL_NULL();
	} else if (n == 0) {
		RETVAL_EMPTY_ARRAY();
	} else if (!match_list_cached(set, out, n, nrules, return_value)) {
		array_init_size(return_value, (uint32_t)n);
		codes_into(set, out, n, Z_ARRVAL_P(return_value));
	}
	php_segment_eval_end(&ev);
	if (slots != slots_buf) efree(slots);
	if (out != out_buf) efree(out);
}

static bool parse_now(zval *now_zv, zend_object *now_obj, zend_long now_long, bool now_null, zval *tmp, zval **now)
{
	(void)now_zv;
	*now = NULL;
	if (now_null) return true;
	if (now_obj) ZVAL_OBJ(tmp, now_obj);
	else ZVAL_LONG(tmp, now_long);
	*now = tmp;
	return true;
}

#define PARSE_CUSTOMER_AND_NOW(min, max_args, extra)                                                          \
	zval *customer;                                                                                          \
	zend_object *now_obj = NULL;                                                                             \
	zend_long now_long = 0;                                                                                  \
	bool now_null = true;                                                                                    \
	ZEND_PARSE_PARAMETERS_START(min, max_args)                                                               \
		Z_PARAM_ARRAY_OR_OBJECT(customer)                                                                    \
		extra                                                                                                \
		Z_PARAM_OPTIONAL                                                                                     \
		Z_PARAM_OBJ_OF_CLASS_OR_LONG_OR_NULL(now_obj, php_date_get_interface_ce(), now_long, now_null)       \
	ZEND_PARSE_PARAMETERS_END();                                                                             \
	zval now_tmp, *now;                                                                                      \
	parse_now(NULL, now_obj, now_long, now_null, &now_tmp, &now);

PHP_METHOD(Segment_RuleSet, match)
{
	PARSE_CUSTOMER_AND_NOW(1, 2, )
	php_segment_compiled *set = this_set(ZEND_THIS);
	if (!set) RETURN_THROWS();
	php_segment_match_into(set, customer, now, 0, false, return_value);
}

PHP_METHOD(Segment_RuleSet, first)
{
	PARSE_CUSTOMER_AND_NOW(1, 2, )
	php_segment_compiled *set = this_set(ZEND_THIS);
	if (!set) RETURN_THROWS();
	php_segment_match_into(set, customer, now, 1, true, return_value);
}

static int64_t find_code(php_segment_compiled *set, zend_string *code)
{
	int64_t pos = seg_ruleset_find(set->rs, ZSTR_VAL(code), ZSTR_LEN(code));
	if (pos < 0) zend_argument_value_error(2, "must be the code of a segment in this set, \"%s\" is not", ZSTR_VAL(code));
	return pos;
}

PHP_METHOD(Segment_RuleSet, matches)
{
	zend_string *code;
	PARSE_CUSTOMER_AND_NOW(2, 3, Z_PARAM_STR(code))
	php_segment_compiled *set = this_set(ZEND_THIS);
	if (!set) RETURN_THROWS();
	int64_t pos = find_code(set, code);
	if (pos < 0) RETURN_THROWS();

	seg_value slots_buf[SLOTS_ON_STACK];
	char arena_buf[ARENA_ON_STACK];
	seg_value *slots = set->nslots <= SLOTS_ON_STACK ? slots_buf : safe_emalloc(set->nslots, sizeof(seg_value), 0);
	php_segment_eval ev;
	php_segment_eval_begin(&ev, set, customer, NULL, NULL, 0, slots, arena_buf, sizeof arena_buf, now);
	seg_error err;
	bool result = false;
	if (seg_ruleset_eval(set->rs, (size_t)pos, &ev.env, &result, &err) != SEG_OK) php_segment_throw_error(&err, NULL, 0);
	else RETVAL_BOOL(result);
	php_segment_eval_end(&ev);
	if (slots != slots_buf) efree(slots);
}

/* explain(): callbacks arrive children first; a stack of pending children
 * per depth turns them into a tree. */
typedef struct explain_builder {
	zval levels[SEG_DEFAULT_MAX_DEPTH * 4 + 2]; /* pending child lists per depth */
	uint32_t maxdepth;
	zval flat;   /* leaf conditions in source order */
	zval root;
	php_segment_eval *ev;
} explain_builder;

static void explain_cb(void *ud, const seg_explain_node *n)
{
	static const char *const kinds[] = {"and", "or", "not", "condition"};
	explain_builder *b = ud;
	uint32_t d = n->depth;
	if (d + 1 >= sizeof b->levels / sizeof b->levels[0]) return;
	zval node;
	array_init(&node);
	add_assoc_string(&node, "type", kinds[n->kind]);
	add_assoc_stringl(&node, "text", n->text.s, n->text.len);
	add_assoc_bool(&node, "result", n->result);
	if (n->kind == SEG_EXPLAIN_CONDITION) {
		zval values;
		array_init(&values);
		for (uint32_t i = 0; i < n->nvalues; i++) {
			zval v;
			php_segment_value_to_zval(&n->values[i], b->ev, &v);
			add_next_index_zval(&values, &v);
		}
		add_assoc_zval(&node, "values", &values);
		Z_ADDREF(node);
		add_next_index_zval(&b->flat, &node);
	} else {
		/* Children were collected one level deeper. */
		zval *kids = &b->levels[d + 1];
		if (Z_TYPE_P(kids) != IS_ARRAY) array_init(kids);
		add_assoc_zval(&node, "children", kids);
		ZVAL_UNDEF(kids);
	}
	if (d == 0) {
		ZVAL_COPY_VALUE(&b->root, &node);
		return;
	}
	if (Z_TYPE(b->levels[d]) != IS_ARRAY) array_init(&b->levels[d]);
	add_next_index_zval(&b->levels[d], &node);
	if (d > b->maxdepth) b->maxdepth = d;
}

void php_segment_explain_into(php_segment_compiled *set, zval *customer, size_t pos, zval *now, zval *return_value)
{
	seg_value slots_buf[SLOTS_ON_STACK];
	char arena_buf[ARENA_ON_STACK];
	seg_value *slots = set->nslots <= SLOTS_ON_STACK ? slots_buf : safe_emalloc(set->nslots, sizeof(seg_value), 0);
	php_segment_eval ev;
	php_segment_eval_begin(&ev, set, customer, NULL, NULL, 0, slots, arena_buf, sizeof arena_buf, now);

	uint32_t def = seg_ruleset_def_index(set->rs, pos);
	explain_builder *b = ecalloc(1, sizeof *b);
	array_init(&b->flat);
	ZVAL_UNDEF(&b->root);
	b->ev = &ev;
	seg_error err;
	seg_status st = seg_ruleset_explain(set->rs, pos, &ev.env, explain_cb, b, &err);
	for (size_t i = 0; i < sizeof b->levels / sizeof b->levels[0]; i++) zval_ptr_dtor(&b->levels[i]);
	if (st != SEG_OK || Z_TYPE(b->root) == IS_UNDEF) {
		if (st != SEG_OK) php_segment_throw_error(&err, ZSTR_VAL(set->codes[def]), ZSTR_LEN(set->codes[def]));
		zval_ptr_dtor(&b->flat);
		zval_ptr_dtor(&b->root);
	} else {
		array_init(return_value);
		add_assoc_str(return_value, "code", zend_string_copy(set->codes[def]));
		add_assoc_str(return_value, "rule", zend_string_copy(set->rules[def]));
		add_assoc_bool(return_value, "enabled", seg_ruleset_enabled(set->rs, pos));
		add_assoc_bool(return_value, "result", zend_is_true(zend_hash_str_find(Z_ARRVAL(b->root), ZEND_STRL("result"))));
		add_assoc_zval(return_value, "conditions", &b->flat);
		add_assoc_zval(return_value, "tree", &b->root);
	}
	efree(b);
	php_segment_eval_end(&ev);
	if (slots != slots_buf) efree(slots);
}

PHP_METHOD(Segment_RuleSet, explain)
{
	zend_string *code;
	PARSE_CUSTOMER_AND_NOW(2, 3, Z_PARAM_STR(code))
	php_segment_compiled *set = this_set(ZEND_THIS);
	if (!set) RETURN_THROWS();
	int64_t pos = find_code(set, code);
	if (pos < 0) RETURN_THROWS();
	php_segment_explain_into(set, customer, (size_t)pos, now, return_value);
}

/* ---- construction ------------------------------------------------------- */

PHP_METHOD(Segment_RuleSet, __construct)
{
	zval *definitions;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY(definitions)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_ruleset *r = Z_RULESET_P(ZEND_THIS);
	if (r->set) {
		zend_throw_error(NULL, "Segment\\RuleSet is immutable; create a new one");
		RETURN_THROWS();
	}
	r->set = php_segment_compile_definitions(definitions, "Segment\\RuleSet::__construct()");
}

PHP_METHOD(Segment_RuleSet, fromFile)
{
	zend_string *path;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();
	if (ZSTR_LEN(path) == 0) {
		zend_argument_value_error(1, "cannot be empty");
		RETURN_THROWS();
	}
	php_segment_compiled *c = php_segment_load_file(path);
	if (!c) RETURN_THROWS();
	RETURN_OBJ(php_segment_ruleset_wrap(c));
}

PHP_METHOD(Segment_RuleSet, cached)
{
	zend_string *key;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(key)
		Z_PARAM_FUNC(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();
	zend_string *ckey = zend_string_concat2("key:", 4, ZSTR_VAL(key), ZSTR_LEN(key));
	php_segment_compiled *c = php_segment_cache_get(ckey);
	if (c) {
		zend_string_release(ckey);
		RETURN_OBJ(php_segment_ruleset_wrap(php_segment_compiled_addref(c)));
	}
	SEGMENT_G(cache_misses)++;
	zval defs;
	fci.retval = &defs;
	if (zend_call_function(&fci, &fcc) == FAILURE || EG(exception)) {
		zend_string_release(ckey);
		RETURN_THROWS();
	}
	if (Z_TYPE(defs) != IS_ARRAY) {
		zend_type_error("Segment\\RuleSet::cached(): the loader must return an array of definitions, %s returned",
		                zend_zval_type_name(&defs));
		zval_ptr_dtor(&defs);
		zend_string_release(ckey);
		RETURN_THROWS();
	}
	c = php_segment_compile_definitions(&defs, "Segment\\RuleSet::cached()");
	zval_ptr_dtor(&defs);
	if (!c) {
		zend_string_release(ckey);
		RETURN_THROWS();
	}
	php_segment_cache_put(ckey, c);
	zend_string_release(ckey);
	RETURN_OBJ(php_segment_ruleset_wrap(c));
}

typedef struct validate_ctx {
	zval *list;
	HashTable seen;
	HashTable *allowed;
	seg_error unknown; /* first path whose root is not allowed */
	bool have_unknown;
	const char *rule;
} validate_ctx;

static void validate_path(void *ud, const seg_str *path, uint32_t line, uint32_t column)
{
	validate_ctx *v = ud;
	if (!zend_hash_str_exists(&v->seen, path->s, path->len)) {
		zend_hash_str_add_empty_element(&v->seen, path->s, path->len);
		add_next_index_stringl(v->list, path->s, path->len);
	}
	if (v->allowed && !v->have_unknown) {
		size_t root = 0;
		while (root < path->len && path->s[root] != '.') root++;
		if (!zend_hash_str_exists(v->allowed, path->s, root)) {
			/* Suggest the closest known attribute: typos are the usual cause. */
			zend_string *best = NULL, *name;
			zend_long best_d = 3;
			ZEND_HASH_FOREACH_STR_KEY(v->allowed, name) {
				if (!name) continue;
				zend_long d = php_segment_edit_distance(path->s, root, ZSTR_VAL(name), ZSTR_LEN(name));
				if (d < best_d) {
					best_d = d;
					best = name;
				}
			} ZEND_HASH_FOREACH_END();
			seg_error_clear(&v->unknown);
			v->unknown.status = SEG_E_TYPE;
			v->unknown.line = line;
			v->unknown.column = column;
			snprintf(v->unknown.expected, sizeof v->unknown.expected, "a known attribute");
			snprintf(v->unknown.attribute, sizeof v->unknown.attribute, "%.*s", (int)root, path->s);
			if (best)
				snprintf(v->unknown.message, sizeof v->unknown.message, "unknown attribute '%.*s'; did you mean '%s'?",
				         (int)root, path->s, ZSTR_VAL(best));
			else
				snprintf(v->unknown.message, sizeof v->unknown.message, "unknown attribute '%.*s'", (int)root, path->s);
			v->have_unknown = true;
		}
	}
}

PHP_METHOD(Segment_RuleSet, validate)
{
	zend_string *rule;
	HashTable *attributes = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(rule)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT_OR_NULL(attributes)
	ZEND_PARSE_PARAMETERS_END();

	validate_ctx v;
	memset(&v, 0, sizeof v);
	v.list = return_value;
	array_init(return_value);
	zend_hash_init(&v.seen, 8, NULL, NULL, 0);
	HashTable allowed;
	if (attributes) {
		zend_hash_init(&allowed, zend_hash_num_elements(attributes), NULL, NULL, 0);
		zval *a;
		ZEND_HASH_FOREACH_VAL(attributes, a) {
			ZVAL_DEREF(a);
			if (Z_TYPE_P(a) != IS_STRING) {
				zend_hash_destroy(&allowed);
				zend_hash_destroy(&v.seen);
				zval_ptr_dtor(return_value);
				ZVAL_NULL(return_value);
				zend_argument_type_error(2, "must be a list of attribute names (strings)");
				RETURN_THROWS();
			}
			zend_hash_add_empty_element(&allowed, Z_STR_P(a));
		} ZEND_HASH_FOREACH_END();
		v.allowed = &allowed;
	}
	seg_limits limits = {(size_t)SEGMENT_G(max_rule_length), (uint32_t)SEGMENT_G(max_depth)};
	seg_error err;
	seg_status st = seg_rule_validate(ZSTR_VAL(rule), ZSTR_LEN(rule), &limits, validate_path, &v, &err);
	if (st == SEG_OK && v.have_unknown) {
		err = v.unknown;
		st = SEG_E_TYPE;
	}
	zend_hash_destroy(&v.seen);
	if (attributes) zend_hash_destroy(&allowed);
	if (st != SEG_OK) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		php_segment_throw_error(&err, NULL, 0);
		RETURN_THROWS();
	}
}

/* ---- introspection ------------------------------------------------------ */

PHP_METHOD(Segment_RuleSet, codes)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_compiled *set = this_set(ZEND_THIS);
	if (!set) RETURN_THROWS();
	size_t n = seg_ruleset_count(set->rs);
	array_init_size(return_value, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		add_next_index_str(return_value, zend_string_copy(set->codes[seg_ruleset_def_index(set->rs, i)]));
}

PHP_METHOD(Segment_RuleSet, definitions)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_compiled *set = this_set(ZEND_THIS);
	if (!set) RETURN_THROWS();
	php_segment_definitions_into(set, return_value);
}

void php_segment_definitions_into(php_segment_compiled *set, zval *return_value)
{
	size_t n = seg_ruleset_count(set->rs);
	array_init_size(return_value, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		uint32_t d = seg_ruleset_def_index(set->rs, i);
		zval def;
		array_init_size(&def, 5);
		add_assoc_str(&def, "code", zend_string_copy(set->codes[d]));
		add_assoc_str(&def, "name", zend_string_copy(set->names[d]));
		add_assoc_str(&def, "rule", zend_string_copy(set->rules[d]));
		add_assoc_long(&def, "priority", (zend_long)seg_ruleset_priority(set->rs, i));
		add_assoc_bool(&def, "enabled", seg_ruleset_enabled(set->rs, i));
		add_next_index_zval(return_value, &def);
	}
}

PHP_METHOD(Segment_RuleSet, attributes)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_compiled *set = this_set(ZEND_THIS);
	if (!set) RETURN_THROWS();
	array_init_size(return_value, set->nslots);
	for (uint32_t s = 0; s < set->nslots; s++) {
		const seg_path *p = seg_ruleset_slot(set->rs, s);
		add_next_index_stringl(return_value, p->text.s, p->text.len);
	}
}

PHP_METHOD(Segment_RuleSet, count)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_compiled *set = this_set(ZEND_THIS);
	if (!set) RETURN_THROWS();
	RETURN_LONG((zend_long)seg_ruleset_count(set->rs));
}

/* ---- global functions --------------------------------------------------- */

/* The set named by INI segment.rules_file: loaded once per request, again
 * only if the setting changes (ini_set gives it a new string). */
static php_segment_compiled *default_set(void)
{
	const char *file = SEGMENT_G(rules_file);
	if (SEGMENT_G(default_set) && file && strcmp(ZSTR_VAL(SEGMENT_G(default_path)), file) == 0)
		return SEGMENT_G(default_set);
	if (!file || !*file) {
		zend_throw_error(NULL, "No rule set given and segment.rules_file is not set");
		return NULL;
	}
	zend_string *path = zend_string_init(file, strlen(file), 0);
	php_segment_compiled *c = php_segment_load_file(path);
	if (!c) {
		zend_string_release(path);
		return NULL;
	}
	php_segment_compiled_release(SEGMENT_G(default_set));
	if (SEGMENT_G(default_path)) zend_string_release(SEGMENT_G(default_path));
	SEGMENT_G(default_set) = c; /* both released at request end */
	SEGMENT_G(default_path) = path;
	return c;
}

static void global_match(INTERNAL_FUNCTION_PARAMETERS, bool first)
{
	zval *customer;
	zend_object *set_obj = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_OR_OBJECT(customer)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(set_obj, segment_ce_RuleSet)
	ZEND_PARSE_PARAMETERS_END();
	if (!set_obj && SEGMENT_G(model_file) && SEGMENT_G(model_file)[0]) {
		/* INI segment.model: the process default model, resolved once per request */
		const char *file = SEGMENT_G(model_file);
		zend_string *was = SEGMENT_G(default_model_path);
		if (!SEGMENT_G(default_model) || !was || !zend_string_equals_cstr(was, file, strlen(file))) {
			/* first use in this request, or ini_set() changed the path */
			php_segment_model_release(SEGMENT_G(default_model));
			SEGMENT_G(default_model) = NULL;
			if (was) zend_string_release(was);
			zend_string *path = zend_string_init(file, strlen(file), 0);
			SEGMENT_G(default_model_path) = path;
			SEGMENT_G(default_model) = php_segment_model_load(path, NULL);
			if (!SEGMENT_G(default_model)) RETURN_THROWS();
		}
		php_segment_model_match(SEGMENT_G(default_model), customer, first, return_value);
		return;
	}
	php_segment_compiled *set = set_obj ? php_segment_ruleset_compiled(set_obj) : default_set();
	if (!set) {
		if (!EG(exception)) zend_throw_error(NULL, "Segment\\RuleSet was not initialized");
		RETURN_THROWS();
	}
	php_segment_match_into(set, customer, NULL, first ? 1 : 0, first, return_value);
}

PHP_FUNCTION(segment_of) { global_match(INTERNAL_FUNCTION_PARAM_PASSTHRU, true); }
PHP_FUNCTION(segments_of) { global_match(INTERNAL_FUNCTION_PARAM_PASSTHRU, false); }

void php_segment_ruleset_init(zend_class_entry *ce)
{
	ce->create_object = ruleset_create;
	memcpy(&ruleset_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	ruleset_handlers.offset = XtOffsetOf(php_segment_ruleset, std);
	ruleset_handlers.free_obj = ruleset_free;
	ruleset_handlers.clone_obj = NULL;
}
