/*
 * segment_rfm.c - the Segment\Rfm class: fit, scores (as one array, as a
 * native iterator, as a CSV file, summed per segment), single-customer
 * scoring, segment maps as data, save and load.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "php.h"
#include "ext/json/php_json.h"
#include "ext/standard/php_var.h"
#include "main/php_globals.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"
#include "zend_strtod.h"

#include "php_segment.h"
#include "seg_profile_order.h"

#define RFM_FORMAT "segment-rfm"
#define RFM_VERSION 1

enum { MAP_SEGMENT, MAP_GROUPS, MAP_RETENTION, MAP_ROLES };
static const char *const role_names[MAP_ROLES] = {"segment", "groups", "retention"};
static const char *const role_defaults[MAP_ROLES] = {"rf11", "core", "retention"};

typedef struct php_segment_rfm {
	seg_rfm_model model;
	zval profiles;        /* the fitted Segment\Profiles (UNDEF after load()) */
	seg_rfm_score *scores;
	zval maps;            /* role => list of rules, as PHP data */
	seg_rfm_rule *rules[MAP_ROLES]; /* native copies; names point into maps */
	size_t nrules[MAP_ROLES];
	/* Made once by maps_setup(), so that a score array costs no string copy
	 * and no map search (a "cell" is one (r, f, m), see rfm_cell()): */
	zend_string **names[MAP_ROLES]; /* per rule: its name, interned */
	zend_string **groups;           /* per rule of the groups map: its group, or NULL */
	int32_t *cell_rule[MAP_ROLES];  /* per cell: the first matching rule, or -1 */
	zend_string **codes;            /* per cell: "545", made on first use; NULL when bins >= 10 */
	zend_object std;
} php_segment_rfm;

/* Array keys of score and summary arrays: permanent interned strings made in
 * MINIT, so building an array allocates no key. */
enum {
	K_R, K_F, K_M, K_SCORE, K_SEGMENT, K_VALUE_SEGMENT, K_GROUP, K_RETENTION,
	K_CUSTOMERS, K_SHARE, K_MONETARY, K_RECENCY_MEAN, K_FREQUENCY_MEAN, K_COUNT
};
static const char *const key_names[K_COUNT] = {
	"r", "f", "m", "score", "segment", "value_segment", "group", "retention",
	"customers", "share", "monetary", "recency_mean", "frequency_mean",
};
static zend_string *rfm_keys[K_COUNT];

static zend_object_handlers rfm_handlers;

static inline php_segment_rfm *rfm_from_obj(zend_object *obj)
{
	return (php_segment_rfm *)((char *)obj - XtOffsetOf(php_segment_rfm, std));
}

static zend_object *rfm_create(zend_class_entry *ce)
{
	php_segment_rfm *r = zend_object_alloc(sizeof(php_segment_rfm), ce);
	zend_object_std_init(&r->std, ce);
	object_properties_init(&r->std, ce);
	r->std.handlers = &rfm_handlers;
	memset(&r->model, 0, sizeof r->model);
	ZVAL_UNDEF(&r->profiles);
	ZVAL_UNDEF(&r->maps);
	r->scores = NULL;
	memset(r->rules, 0, sizeof r->rules);
	memset(r->nrules, 0, sizeof r->nrules);
	memset(r->names, 0, sizeof r->names);
	memset(r->cell_rule, 0, sizeof r->cell_rule);
	r->groups = NULL;
	r->codes = NULL;
	return &r->std;
}

static void strings_free(zend_string **list, size_t n)
{
	if (!list) return;
	for (size_t i = 0; i < n; i++)
		if (list[i]) zend_string_release(list[i]);
	efree(list);
}

static void rfm_free(zend_object *obj)
{
	php_segment_rfm *r = rfm_from_obj(obj);
	zval_ptr_dtor(&r->profiles);
	zval_ptr_dtor(&r->maps);
	if (r->scores) efree(r->scores);
	for (int i = 0; i < MAP_ROLES; i++) {
		if (r->rules[i]) efree(r->rules[i]);
		strings_free(r->names[i], r->nrules[i]);
		if (r->cell_rule[i]) efree(r->cell_rule[i]);
	}
	strings_free(r->groups, r->nrules[MAP_GROUPS]);
	strings_free(r->codes, (size_t)r->model.bins * r->model.bins * r->model.bins);
	zend_object_std_dtor(obj);
}

/* ---- maps as data -------------------------------------------------------- */

static void rule_range_zval(const uint8_t *range, uint32_t bins, zval *out)
{
	array_init_size(out, 2);
	add_next_index_long(out, range[0]);
	add_next_index_long(out, range[1] > bins ? bins : range[1]);
}

static void builtin_map_zval(const seg_rfm_map *map, zval *out)
{
	array_init_size(out, (uint32_t)map->nrules);
	for (size_t i = 0; i < map->nrules; i++) {
		const seg_rfm_rule *r = &map->rules[i];
		zval rule, range;
		array_init(&rule);
		add_assoc_string(&rule, "name", r->name);
		if (r->group) add_assoc_string(&rule, "group", r->group);
		rule_range_zval(r->r, 5, &range);
		add_assoc_zval(&rule, "r", &range);
		rule_range_zval(r->f, 5, &range);
		add_assoc_zval(&rule, "f", &range);
		rule_range_zval(r->m, 5, &range);
		add_assoc_zval(&rule, "m", &range);
		add_next_index_zval(out, &rule);
	}
}

static bool range_from(zval *rule, const char *key, uint32_t bins, uint8_t *out, const char *role, zend_long i)
{
	zval *v = zend_hash_str_find_deref(Z_ARRVAL_P(rule), key, strlen(key));
	out[0] = 1;
	out[1] = (uint8_t)bins;
	if (!v || Z_TYPE_P(v) == IS_NULL) return true;
	zval *lo, *hi;
	if (Z_TYPE_P(v) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(v)) != 2 ||
	    !(lo = zend_hash_index_find(Z_ARRVAL_P(v), 0)) || !(hi = zend_hash_index_find(Z_ARRVAL_P(v), 1)) ||
	    Z_TYPE_P(lo) != IS_LONG || Z_TYPE_P(hi) != IS_LONG || Z_LVAL_P(lo) < 1 || Z_LVAL_P(hi) > (zend_long)bins ||
	    Z_LVAL_P(lo) > Z_LVAL_P(hi)) {
		zend_value_error("%s map, rule " ZEND_LONG_FMT ": '%s' must be [low, high] with 1 <= low <= high <= %u", role, i,
		                 key, bins);
		return false;
	}
	out[0] = (uint8_t)Z_LVAL_P(lo);
	out[1] = (uint8_t)Z_LVAL_P(hi);
	return true;
}

/* Native rules from a PHP list of rules; names borrow the list's strings. */
static bool map_compile(zval *list, uint32_t bins, const char *role, seg_rfm_rule **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (Z_TYPE_P(list) != IS_ARRAY || !zend_array_is_list(Z_ARRVAL_P(list))) {
		zend_value_error("%s map must be a list of rules", role);
		return false;
	}
	uint32_t cnt = zend_hash_num_elements(Z_ARRVAL_P(list));
	seg_rfm_rule *rules = safe_emalloc(cnt ? cnt : 1, sizeof *rules, 0);
	zend_long i = 0;
	zval *rule;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(list), rule) {
		ZVAL_DEREF(rule);
		zval *name = Z_TYPE_P(rule) == IS_ARRAY ? zend_hash_str_find_deref(Z_ARRVAL_P(rule), ZEND_STRL("name")) : NULL;
		zval *group = name ? zend_hash_str_find_deref(Z_ARRVAL_P(rule), ZEND_STRL("group")) : NULL;
		if (!name || Z_TYPE_P(name) != IS_STRING || (group && Z_TYPE_P(group) != IS_STRING && Z_TYPE_P(group) != IS_NULL)) {
			efree(rules);
			zend_value_error("%s map, rule " ZEND_LONG_FMT ": needs a 'name' string (and 'group', if any, a string)", role, i);
			return false;
		}
		rules[i].name = Z_STRVAL_P(name);
		rules[i].group = group && Z_TYPE_P(group) == IS_STRING ? Z_STRVAL_P(group) : NULL;
		if (!range_from(rule, "r", bins, rules[i].r, role, i) || !range_from(rule, "f", bins, rules[i].f, role, i) ||
		    !range_from(rule, "m", bins, rules[i].m, role, i)) {
			efree(rules);
			return false;
		}
		i++;
	} ZEND_HASH_FOREACH_END();
	*out = rules;
	*n = (size_t)cnt;
	return true;
}

/* Interns each rule's name (and group) once, and finds for every (r, f, m)
 * cell the first rule of each map that contains it. */
static void maps_tabulate(php_segment_rfm *r)
{
	uint32_t b = r->model.bins, ncells = b * b * b;
	for (int role = 0; role < MAP_ROLES; role++) {
		zval *list = zend_hash_str_find(Z_ARRVAL(r->maps), role_names[role], strlen(role_names[role]));
		size_t n = r->nrules[role], i = 0;
		r->names[role] = ecalloc(n ? n : 1, sizeof(zend_string *));
		if (role == MAP_GROUPS) r->groups = ecalloc(n ? n : 1, sizeof(zend_string *));
		zval *rule;
		/* map_compile() checked every rule: an array with a string name. */
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(list), rule) {
			ZVAL_DEREF(rule);
			zval *v = zend_hash_str_find_deref(Z_ARRVAL_P(rule), ZEND_STRL("name"));
			r->names[role][i] = zend_new_interned_string(zend_string_copy(Z_STR_P(v)));
			if (role == MAP_GROUPS && (v = zend_hash_str_find_deref(Z_ARRVAL_P(rule), ZEND_STRL("group"))) &&
			    Z_TYPE_P(v) == IS_STRING)
				r->groups[i] = zend_new_interned_string(zend_string_copy(Z_STR_P(v)));
			i++;
		} ZEND_HASH_FOREACH_END();
		r->cell_rule[role] = safe_emalloc(ncells, sizeof(int32_t), 0);
		for (uint32_t c = 0; c < ncells; c++) {
			seg_rfm_score s = {(uint8_t)(c / (b * b) + 1), (uint8_t)(c / b % b + 1), (uint8_t)(c % b + 1)};
			r->cell_rule[role][c] = seg_rfm_map_find(r->rules[role], n, s);
		}
	}
	if (b < 10) r->codes = ecalloc(ncells, sizeof(zend_string *));
}

/* Fills r->maps from options (or built-ins) and compiles them. */
static bool maps_setup(php_segment_rfm *r, HashTable *opts)
{
	array_init(&r->maps);
	for (int role = 0; role < MAP_ROLES; role++) {
		zval *v = opts ? zend_hash_str_find_deref(opts, role_names[role], strlen(role_names[role])) : NULL;
		const char *key = role == MAP_SEGMENT ? "map" : role_names[role];
		if (role == MAP_SEGMENT) v = opts ? zend_hash_str_find_deref(opts, ZEND_STRL("map")) : NULL;
		zval list;
		if (v && Z_TYPE_P(v) == IS_ARRAY) {
			ZVAL_COPY(&list, v);
		} else {
			const char *name = v && Z_TYPE_P(v) == IS_STRING ? Z_STRVAL_P(v) : role_defaults[role];
			const seg_rfm_map *map = seg_rfm_default_map(name);
			if (v && Z_TYPE_P(v) != IS_STRING && Z_TYPE_P(v) != IS_NULL) {
				zend_type_error("option '%s' must be a built-in map name or a list of rules", key);
				return false;
			}
			if (!map) {
				zend_value_error("option '%s': there is no built-in map \"%s\" (rf11, core, retention)", key, name);
				return false;
			}
			if (r->model.bins != 5) {
				/* The built-in maps are written for scores 1..5. */
				array_init(&list);
			} else {
				builtin_map_zval(map, &list);
			}
		}
		add_assoc_zval(&r->maps, role_names[role], &list);
	}
	for (int role = 0; role < MAP_ROLES; role++) {
		zval *list = zend_hash_str_find(Z_ARRVAL(r->maps), role_names[role], strlen(role_names[role]));
		if (!map_compile(list, r->model.bins, role_names[role], &r->rules[role], &r->nrules[role])) return false;
	}
	maps_tabulate(r);
	return true;
}

/* ---- scores as PHP arrays ------------------------------------------------- */

/* The cell of a score: 0 .. bins^3 - 1. */
static inline uint32_t rfm_cell(const php_segment_rfm *r, seg_rfm_score s)
{
	uint32_t b = r->model.bins;
	ZEND_ASSERT(s.r >= 1 && s.r <= b && s.f >= 1 && s.f <= b && s.m >= 1 && s.m <= b);
	return ((uint32_t)(s.r - 1) * b + (uint32_t)(s.f - 1)) * b + (uint32_t)(s.m - 1);
}

/* "545": one string per cell for the Rfm's life (bins < 10 only). */
static zend_string *rfm_code(php_segment_rfm *r, uint32_t cell, seg_rfm_score s)
{
	if (!r->codes[cell]) {
		char code[3] = {(char)('0' + s.r), (char)('0' + s.f), (char)('0' + s.m)};
		r->codes[cell] = zend_new_interned_string(zend_string_init(code, 3, 0));
	}
	return r->codes[cell];
}

static inline void put(HashTable *ht, int key, zval *v) { zend_hash_add_new(ht, rfm_keys[key], v); }

/* A name or null; the string is shared, not copied. */
static inline void put_name(HashTable *ht, int key, zend_string *name)
{
	zval v;
	if (name) ZVAL_STR_COPY(&v, name);
	else ZVAL_NULL(&v);
	zend_hash_add_new(ht, rfm_keys[key], &v);
}

/* What a score array is made from: an Rfm's own tables, or a frozen copy. */
typedef struct rfm_tables {
	uint32_t bins;
	int32_t *const *cell_rule;  /* per role */
	zend_string **const *names; /* per role */
	zend_string *const *groups;
} rfm_tables;

/* [r, f, m, score, segment, value_segment, group, retention]; code: "545"
 * or NULL (bins >= 10). */
/* Fills ht (empty, initialised) with Rfm::score()'s entries for cell c. */
static void score_fill(HashTable *ht, const rfm_tables *t, uint32_t c, zend_string *code, seg_rfm_score s)
{
	zval v;
	ZVAL_LONG(&v, s.r);
	put(ht, K_R, &v);
	ZVAL_LONG(&v, s.f);
	put(ht, K_F, &v);
	ZVAL_LONG(&v, s.m);
	put(ht, K_M, &v);
	if (t->bins < 10) put_name(ht, K_SCORE, code);
	int32_t i = t->cell_rule[MAP_SEGMENT][c];
	put_name(ht, K_SEGMENT, i >= 0 ? t->names[MAP_SEGMENT][i] : NULL);
	i = t->cell_rule[MAP_GROUPS][c];
	put_name(ht, K_VALUE_SEGMENT, i >= 0 ? t->names[MAP_GROUPS][i] : NULL);
	put_name(ht, K_GROUP, i >= 0 ? t->groups[i] : NULL);
	i = t->cell_rule[MAP_RETENTION][c];
	put_name(ht, K_RETENTION, i >= 0 ? t->names[MAP_RETENTION][i] : NULL);
}

static void score_zval_from(const rfm_tables *t, uint32_t c, zend_string *code, seg_rfm_score s, zval *out)
{
	array_init_size(out, 8);
	score_fill(Z_ARRVAL_P(out), t, c, code, s);
}

static void score_zval(php_segment_rfm *r, seg_rfm_score s, zval *out)
{
	uint32_t c = rfm_cell(r, s);
	rfm_tables t = {r->model.bins, r->cell_rule, r->names, r->groups};
	score_zval_from(&t, c, r->model.bins < 10 ? rfm_code(r, c, s) : NULL, s, out);
}

/* True when the id is an integer key for PHP arrays ("12", not "012"), as
 * zend_symtable decides; guarded so that "-" is never read past its end. */
static inline bool id_is_index(seg_str id, zend_ulong *idx)
{
	return id.len > (id.len && id.s[0] == '-' ? 1u : 0u) && ZEND_HANDLE_NUMERIC_STR(id.s, id.len, *idx);
}

/* ---- methods ------------------------------------------------------------- */

PHP_METHOD(Segment_Rfm, fit)
{
	zend_object *pobj;
	HashTable *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJ_OF_CLASS(pobj, segment_ce_Profiles)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_profiles *pp = php_segment_profiles_fetch(pobj);
	if (!pp->profiles) {
		zend_throw_error(NULL, "Segment\\Profiles was not initialized");
		RETURN_THROWS();
	}
	seg_rfm_options o = {5, SEG_RFM_QUANTILE, pp->reference, NULL};
	zval *v;
	if (opts && (v = zend_hash_str_find_deref(opts, ZEND_STRL("bins"))) && Z_TYPE_P(v) != IS_NULL) {
		if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 2 || Z_LVAL_P(v) > SEG_RFM_MAX_BINS) {
			zend_value_error("option 'bins' must be an integer from 2 to %d", SEG_RFM_MAX_BINS);
			RETURN_THROWS();
		}
		o.bins = (uint32_t)Z_LVAL_P(v);
	}
	if (opts && (v = zend_hash_str_find_deref(opts, ZEND_STRL("method"))) && Z_TYPE_P(v) != IS_NULL) {
		if (Z_TYPE_P(v) == IS_STRING && zend_string_equals_literal(Z_STR_P(v), "pandas")) o.method = SEG_RFM_PANDAS;
		else if (!(Z_TYPE_P(v) == IS_STRING && zend_string_equals_literal(Z_STR_P(v), "quantile"))) {
			zend_value_error("option 'method' must be \"quantile\" or \"pandas\"");
			RETURN_THROWS();
		}
	}
	if (opts && (v = zend_hash_str_find_deref(opts, ZEND_STRL("reference"))) && Z_TYPE_P(v) != IS_NULL) {
		if (!php_segment_option_time(v, "reference", &o.reference)) RETURN_THROWS();
	}
	seg_error err;
	size_t n = seg_profiles_count(pp->profiles);
	uint32_t *rank = NULL;
	/* pandas' groupby orders customers by id, and rank(method="first")
	 * breaks ties in that order; the profiles themselves are not moved. */
	if (o.method == SEG_RFM_PANDAS) {
		rank = safe_emalloc(n ? n : 1, sizeof(uint32_t), 0);
		if (seg_profiles_id_rank(pp->profiles, rank, &err) != SEG_OK) {
			efree(rank);
			zend_throw_error(NULL, "segment: %s", err.message);
			RETURN_THROWS();
		}
		o.rank = rank;
	}
	object_init_ex(return_value, segment_ce_Rfm);
	php_segment_rfm *r = rfm_from_obj(Z_OBJ_P(return_value));
	r->scores = safe_emalloc(n ? n : 1, sizeof(seg_rfm_score), 0);
	seg_status fst = seg_rfm_fit(pp->profiles, &o, &r->model, r->scores, &err);
	if (rank) efree(rank);
	if (fst != SEG_OK) {
		zend_throw_exception_ex(segment_ce_Exception, 0, "RFM fit: %s", err.message);
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		RETURN_THROWS();
	}
	ZVAL_OBJ_COPY(&r->profiles, pobj);
	if (!maps_setup(r, opts)) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		RETURN_THROWS();
	}
}

static php_segment_rfm *this_rfm(zval *this_zv)
{
	php_segment_rfm *r = rfm_from_obj(Z_OBJ_P(this_zv));
	if (!r->model.bins) {
		zend_throw_error(NULL, "Segment\\Rfm must be made with Rfm::fit() or Rfm::load()");
		return NULL;
	}
	return r;
}

/* A fitted Rfm with its customers, or NULL and an Error: a loaded one has
 * only thresholds.  Every per-customer method starts here. */
static php_segment_rfm *rfm_fitted(zval *this_zv)
{
	php_segment_rfm *r = this_rfm(this_zv);
	if (r && Z_TYPE(r->profiles) != IS_OBJECT) {
		zend_throw_error(NULL, "a loaded Segment\\Rfm has thresholds, not the customers it was fitted on: use score()");
		return NULL;
	}
	return r;
}

static inline const seg_profiles *rfm_profiles(const php_segment_rfm *r)
{
	return php_segment_profiles_fetch(Z_OBJ(r->profiles))->profiles;
}

PHP_METHOD(Segment_Rfm, scores)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_rfm *r = rfm_fitted(ZEND_THIS);
	if (!r) RETURN_THROWS();
	const seg_profiles *ps = rfm_profiles(r);
	size_t n = seg_profiles_count(ps);
	array_init_size(return_value, (uint32_t)r->model.customers);
	for (size_t i = 0; i < n; i++) {
		if (!r->scores[i].r) continue;
		zval row;
		zend_ulong idx;
		score_zval(r, r->scores[i], &row);
		seg_str id = seg_profiles_id(ps, i);
		if (id_is_index(id, &idx)) zend_hash_index_update(Z_ARRVAL_P(return_value), idx, &row);
		else zend_hash_str_update(Z_ARRVAL_P(return_value), id.s, id.len, &row);
	}
}

/* ---- iteration: one score array at a time ---------------------------------- */

typedef struct rfm_iterator {
	zend_object_iterator it; /* it.data: the Rfm, which keeps its Profiles alive */
	const seg_profiles *ps;  /* the Rfm's; neither changes after fit() */
	size_t n;                /* profiles */
	size_t pos;              /* a scored profile, or n at the end */
	size_t built;            /* the profile `current` holds, or SIZE_MAX */
	zval current;
} rfm_iterator;

static php_segment_rfm *rit_rfm(zend_object_iterator *it) { return rfm_from_obj(Z_OBJ(it->data)); }

/* The first scored profile at or after pos (customers without orders have no scores). */
static size_t rit_skip(zend_object_iterator *it, size_t pos)
{
	rfm_iterator *ri = (rfm_iterator *)it;
	const seg_rfm_score *sc = rit_rfm(it)->scores;
	while (pos < ri->n && !sc[pos].r) pos++;
	return pos;
}

static void rit_dtor(zend_object_iterator *it)
{
	rfm_iterator *ri = (rfm_iterator *)it;
	zval_ptr_dtor(&ri->current);
	zval_ptr_dtor(&it->data);
}

static int rit_valid(zend_object_iterator *it)
{
	rfm_iterator *ri = (rfm_iterator *)it;
	return ri->pos < ri->n ? SUCCESS : FAILURE;
}

/* Past the end (InternalIterator::current() does not ask valid() first): NULL, i.e. null. */
static zval *rit_current(zend_object_iterator *it)
{
	rfm_iterator *ri = (rfm_iterator *)it;
	if (ri->pos >= ri->n) return NULL;
	if (ri->built != ri->pos) {
		php_segment_rfm *r = rit_rfm(it);
		zval_ptr_dtor(&ri->current);
		score_zval(r, r->scores[ri->pos], &ri->current);
		ri->built = ri->pos;
	}
	return &ri->current;
}

/* The id as scores() keys it: "12" gives int 12, "007" stays a string. */
static void rit_key(zend_object_iterator *it, zval *key)
{
	rfm_iterator *ri = (rfm_iterator *)it;
	if (ri->pos >= ri->n) {
		ZVAL_NULL(key); /* past the end, as for arrays */
		return;
	}
	seg_str id = seg_profiles_id(ri->ps, ri->pos);
	zend_ulong idx;
	if (id_is_index(id, &idx)) ZVAL_LONG(key, (zend_long)idx);
	else ZVAL_STRINGL(key, id.s, id.len);
}

static void rit_next(zend_object_iterator *it)
{
	rfm_iterator *ri = (rfm_iterator *)it;
	ri->pos = rit_skip(it, ri->pos + 1);
}

static void rit_rewind(zend_object_iterator *it)
{
	((rfm_iterator *)it)->pos = rit_skip(it, 0);
}

static const zend_object_iterator_funcs rfm_iterator_funcs = {
	rit_dtor, rit_valid, rit_current, rit_key, rit_next, rit_rewind, NULL, NULL,
};

static zend_object_iterator *rfm_get_iterator(zend_class_entry *ce, zval *object, int by_ref)
{
	(void)ce;
	if (by_ref) {
		zend_throw_error(NULL, "Segment\\Rfm cannot be iterated by reference");
		return NULL;
	}
	php_segment_rfm *r = rfm_fitted(object);
	if (!r) return NULL;
	rfm_iterator *ri = emalloc(sizeof *ri);
	zend_iterator_init(&ri->it);
	ZVAL_OBJ_COPY(&ri->it.data, Z_OBJ_P(object));
	ri->it.funcs = &rfm_iterator_funcs;
	ri->ps = rfm_profiles(r);
	ri->n = seg_profiles_count(ri->ps);
	ri->built = SIZE_MAX;
	ZVAL_UNDEF(&ri->current);
	ri->pos = rit_skip(&ri->it, 0);
	return &ri->it;
}

PHP_METHOD(Segment_Rfm, getIterator)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (zend_create_internal_iterator_zval(return_value, ZEND_THIS) == FAILURE) RETURN_THROWS();
}

/* ---- summary: customers per name of one map, in one pass ------------------- */

typedef struct rfm_tally {
	uint64_t customers;
	double monetary, comp; /* Kahan sum in profile order, as pandas' groupby().sum() */
	int64_t recency;       /* days, summed exactly */
	uint64_t orders;
} rfm_tally;

static void summary_entry(const rfm_tally *t, uint64_t scored, bool with_group, zend_string *group, zval *out)
{
	zval v;
	array_init_size(out, 6);
	HashTable *ht = Z_ARRVAL_P(out);
	if (with_group) put_name(ht, K_GROUP, group);
	ZVAL_LONG(&v, (zend_long)t->customers);
	put(ht, K_CUSTOMERS, &v);
	ZVAL_DOUBLE(&v, scored ? (double)t->customers / (double)scored : 0.0);
	put(ht, K_SHARE, &v);
	ZVAL_DOUBLE(&v, t->monetary);
	put(ht, K_MONETARY, &v);
	if (t->customers) ZVAL_DOUBLE(&v, (double)t->recency / (double)t->customers);
	else ZVAL_NULL(&v);
	put(ht, K_RECENCY_MEAN, &v);
	if (t->customers) ZVAL_DOUBLE(&v, (double)t->orders / (double)t->customers);
	else ZVAL_NULL(&v);
	put(ht, K_FREQUENCY_MEAN, &v);
}

PHP_METHOD(Segment_Rfm, summary)
{
	zend_string *map = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(map)
	ZEND_PARSE_PARAMETERS_END();
	int role = map ? MAP_ROLES : MAP_SEGMENT;
	for (int k = 0; map && k < MAP_ROLES; k++)
		if (zend_string_equals_cstr(map, role_names[k], strlen(role_names[k]))) role = k;
	if (role == MAP_ROLES) {
		zend_argument_value_error(1, "must be \"segment\", \"groups\" or \"retention\"");
		RETURN_THROWS();
	}
	php_segment_rfm *r = rfm_fitted(ZEND_THIS);
	if (!r) RETURN_THROWS();

	/* One entry per distinct name, in the order of its first rule (a map may
	 * give one name to several rules); customers no rule matches go to the
	 * entry "" (PHP's key for null), shared with a rule named "". */
	size_t nr = r->nrules[role];
	zend_string **names = r->names[role];
	uint32_t *entry_of = safe_emalloc(nr ? nr : 1, sizeof(uint32_t), 0);
	uint32_t *first_rule = safe_emalloc(nr + 1, sizeof(uint32_t), 0);
	uint32_t nent = 0;
	HashTable seen;
	zend_hash_init(&seen, (uint32_t)nr, NULL, NULL, 0);
	for (size_t i = 0; i < nr; i++) {
		zval *e = zend_hash_find(&seen, names[i]);
		if (e) {
			entry_of[i] = (uint32_t)Z_LVAL_P(e);
		} else {
			zval v;
			ZVAL_LONG(&v, nent);
			zend_hash_add_new(&seen, names[i], &v);
			first_rule[nent] = (uint32_t)i;
			entry_of[i] = nent++;
		}
	}
	zval *empty = zend_hash_find(&seen, ZSTR_EMPTY_ALLOC());
	uint32_t none = empty ? (uint32_t)Z_LVAL_P(empty) : nent;
	zend_hash_destroy(&seen);

	uint32_t b = r->model.bins, ncells = b * b * b;
	uint32_t *cell_entry = safe_emalloc(ncells, sizeof(uint32_t), 0);
	for (uint32_t c = 0; c < ncells; c++) {
		int32_t i = r->cell_rule[role][c];
		cell_entry[c] = i >= 0 ? entry_of[i] : none;
	}
	rfm_tally *t = ecalloc(nent + 1, sizeof *t);
	const seg_profiles *ps = rfm_profiles(r);
	size_t n = seg_profiles_count(ps);
	uint64_t scored = 0;
	for (size_t i = 0; i < n; i++) {
		seg_rfm_score s = r->scores[i];
		if (!s.r) continue;
		const seg_profile *p = seg_profiles_at(ps, i);
		rfm_tally *e = &t[cell_entry[rfm_cell(r, s)]];
		double y = p->monetary - e->comp, sum = e->monetary + y;
		e->comp = (sum - e->monetary) - y;
		e->monetary = sum;
		e->customers++;
		e->recency += seg_profile_recency(p, r->model.reference);
		e->orders += p->orders;
		scored++;
	}

	array_init_size(return_value, nent + 1);
	for (uint32_t k = 0; k <= nent; k++) {
		if (k == nent && (none != nent || !t[k].customers)) break; /* "" only when someone is in it */
		zval entry;
		zend_string *group = role == MAP_GROUPS && k != nent ? r->groups[first_rule[k]] : NULL;
		summary_entry(&t[k], scored, role == MAP_GROUPS, group, &entry);
		zend_symtable_update(Z_ARRVAL_P(return_value), k == nent ? ZSTR_EMPTY_ALLOC() : names[first_rule[k]], &entry);
	}
	efree(t);
	efree(cell_entry);
	efree(first_rule);
	efree(entry_of);
}

/* ---- toCsv: every scored customer, one line each ---------------------------- */

/* One CSV field, quoted as RFC 4180 wants when it holds a comma, a quote or a
 * line break. */
static void csv_field(smart_str *out, const char *s, size_t len)
{
	bool quote = false;
	for (size_t k = 0; k < len && !quote; k++) quote = s[k] == ',' || s[k] == '"' || s[k] == '\n' || s[k] == '\r';
	if (!quote) {
		smart_str_appendl(out, s, len);
		return;
	}
	smart_str_appendc(out, '"');
	for (size_t k = 0; k < len; k++) {
		if (s[k] == '"') smart_str_appendc(out, '"');
		smart_str_appendc(out, s[k]);
	}
	smart_str_appendc(out, '"');
}

/* ",name" (a null name is an empty field). */
static void csv_name(smart_str *out, zend_string *name)
{
	smart_str_appendc(out, ',');
	if (name) csv_field(out, ZSTR_VAL(name), ZSTR_LEN(name));
}

static bool csv_flush(php_stream *s, smart_str *buf)
{
	if (!buf->s || !ZSTR_LEN(buf->s)) return true;
	bool ok = php_stream_write(s, ZSTR_VAL(buf->s), ZSTR_LEN(buf->s)) == (ssize_t)ZSTR_LEN(buf->s);
	ZSTR_LEN(buf->s) = 0;
	return ok;
}

PHP_METHOD(Segment_Rfm, toCsv)
{
	zend_string *path;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_rfm *r = rfm_fitted(ZEND_THIS);
	if (!r) RETURN_THROWS();
	const seg_profiles *ps = rfm_profiles(r);
	size_t n = seg_profiles_count(ps);
	zend_long rows = 0;
	/* Write then rename, as save() does: a reader sees the old file or the
	 * whole new one, never half of it. */
	zend_string *tmp = zend_strpprintf(0, "%s.tmp.%d", ZSTR_VAL(path), (int)getpid());
	php_stream *s = php_stream_open_wrapper_ex(ZSTR_VAL(tmp), "wb", 0, NULL, NULL);
	bool ok = s != NULL;
	int err = ok ? 0 : errno;
	smart_str buf = {0};
	smart_str_appends(&buf, "customer_id,recency,frequency,monetary,r,f,m,score,segment,value_segment,group,retention\n");
	for (size_t i = 0; ok && i < n; i++) {
		seg_rfm_score sc = r->scores[i];
		if (!sc.r) continue;
		const seg_profile *p = seg_profiles_at(ps, i);
		seg_str id = seg_profiles_id(ps, i);
		uint32_t c = rfm_cell(r, sc);
		int32_t k;
		char num[64];
		csv_field(&buf, id.s, id.len);
		smart_str_appendc(&buf, ',');
		smart_str_append_long(&buf, (zend_long)seg_profile_recency(p, r->model.reference));
		smart_str_appendc(&buf, ',');
		smart_str_append_unsigned(&buf, p->orders);
		/* 17 significant digits, as Profiles::toCsv(): reads back as the same
		 * double.  zend_gcvt() directly, because printf's %g takes the
		 * decimal point from the C locale (LC_NUMERIC). */
		smart_str_appendc(&buf, ',');
		smart_str_appends(&buf, zend_gcvt(p->monetary, 17, '.', 'e', num));
		smart_str_appendc(&buf, ',');
		smart_str_append_unsigned(&buf, sc.r);
		smart_str_appendc(&buf, ',');
		smart_str_append_unsigned(&buf, sc.f);
		smart_str_appendc(&buf, ',');
		smart_str_append_unsigned(&buf, sc.m);
		smart_str_appendc(&buf, ',');
		if (r->model.bins < 10) smart_str_append(&buf, rfm_code(r, c, sc));
		k = r->cell_rule[MAP_SEGMENT][c];
		csv_name(&buf, k >= 0 ? r->names[MAP_SEGMENT][k] : NULL);
		k = r->cell_rule[MAP_GROUPS][c];
		csv_name(&buf, k >= 0 ? r->names[MAP_GROUPS][k] : NULL);
		csv_name(&buf, k >= 0 ? r->groups[k] : NULL);
		k = r->cell_rule[MAP_RETENTION][c];
		csv_name(&buf, k >= 0 ? r->names[MAP_RETENTION][k] : NULL);
		smart_str_appendc(&buf, '\n');
		rows++;
		if (ZSTR_LEN(buf.s) >= 65536 && !(ok = csv_flush(s, &buf))) err = errno;
	}
	if (ok && !(ok = csv_flush(s, &buf))) err = errno;
	smart_str_free(&buf);
	if (s && php_stream_close(s) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok && VCWD_RENAME(ZSTR_VAL(tmp), ZSTR_VAL(path)) != 0) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		if (s) VCWD_UNLINK(ZSTR_VAL(tmp));
		zend_throw_exception_ex(segment_ce_Exception, 0, "cannot write the RFM scores to '%s'%s%s", ZSTR_VAL(path),
		                        err ? ": " : "", err ? strerror(err) : "");
	}
	zend_string_release(tmp);
	if (!ok) RETURN_THROWS();
	RETURN_LONG(rows);
}

/* A number from a profile array key; false when absent. */
/* Profile keys read per customer, interned in MINIT with their hashes. */
enum { P_FREQUENCY, P_ORDERS, P_MONETARY, P_TOTAL_SPENT, P_RECENCY, P_COUNT };
static zend_string *profile_keys[P_COUNT];

static inline zval *profile_find(HashTable *ht, int key)
{
	zval *v = zend_hash_find_known_hash(ht, profile_keys[key]);
	if (v) ZVAL_DEREF(v);
	return v;
}

static bool profile_number(HashTable *ht, int k1, int k2, double *out)
{
	zval *v = profile_find(ht, k1);
	if ((!v || Z_TYPE_P(v) == IS_NULL) && k2 >= 0) v = profile_find(ht, k2);
	if (!v || Z_TYPE_P(v) == IS_NULL) return false;
	return php_segment_zval_number(v, out);
}

/* The recency (days to now), frequency and monetary of a profile array
 * (Rfm::score()'s input): 1 with the three set, 0 for a profile without
 * orders, -1 with an exception thrown (arg: the argument number named). */
static int profile_rfm_inputs(HashTable *profile, int64_t *now, uint32_t arg, double *rec, double *freq, double *mon)
{
	if (!profile_number(profile, P_FREQUENCY, P_ORDERS, freq) || *freq < 1) return 0; /* never ordered */
	if (!profile_number(profile, P_MONETARY, P_TOTAL_SPENT, mon)) {
		zend_argument_value_error(arg, "needs 'monetary' (or 'total_spent') as a number");
		return -1;
	}
	if (!profile_number(profile, P_RECENCY, -1, rec)) {
		/* From last_order_at, measured to now: a customer who orders now
		 * moves segment now. */
		zval *last = zend_hash_str_find_deref(profile, ZEND_STRL("last_order_at"));
		int64_t ts;
		if (!last || Z_TYPE_P(last) == IS_NULL || !php_segment_option_time(last, "last_order_at", &ts)) {
			if (!EG(exception)) zend_argument_value_error(arg, "needs 'recency' (days) or 'last_order_at'");
			return -1;
		}
		seg_profile tmp;
		tmp.last_ts = ts;
		*rec = (double)seg_profile_recency(&tmp, php_segment_now(now));
	}
	return 1;
}

PHP_METHOD(Segment_Rfm, score)
{
	HashTable *profile;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(profile)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_rfm *r = this_rfm(ZEND_THIS);
	if (!r) RETURN_THROWS();
	double rec, freq, mon;
	int64_t now = PHP_SEGMENT_NOW_LAZY;
	switch (profile_rfm_inputs(profile, &now, 1, &rec, &freq, &mon)) {
	case 0: RETURN_NULL();
	case -1: RETURN_THROWS();
	}
	score_zval(r, seg_rfm_score_one(&r->model, rec, freq, mon), return_value);
}

static void thresholds_zval(const double *t, uint32_t bins, zval *out)
{
	array_init_size(out, bins - 1);
	for (uint32_t i = 0; i + 1 < bins; i++) add_next_index_double(out, t[i]);
}

static void model_zval(php_segment_rfm *r, zval *out)
{
	zval t, th;
	array_init(out);
	add_assoc_string(out, "format", RFM_FORMAT);
	add_assoc_long(out, "version", RFM_VERSION);
	add_assoc_string(out, "method", r->model.method == SEG_RFM_PANDAS ? "pandas" : "quantile");
	add_assoc_long(out, "bins", r->model.bins);
	add_assoc_str(out, "reference", php_segment_format_wall(r->model.reference));
	add_assoc_long(out, "customers", (zend_long)r->model.customers);
	array_init(&th);
	thresholds_zval(r->model.r, r->model.bins, &t);
	add_assoc_zval(&th, "r", &t);
	thresholds_zval(r->model.f, r->model.bins, &t);
	add_assoc_zval(&th, "f", &t);
	thresholds_zval(r->model.m, r->model.bins, &t);
	add_assoc_zval(&th, "m", &t);
	add_assoc_zval(out, "thresholds", &th);
	Z_TRY_ADDREF(r->maps);
	add_assoc_zval(out, "maps", &r->maps);
}

PHP_METHOD(Segment_Rfm, toArray)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_rfm *r = this_rfm(ZEND_THIS);
	if (!r) RETURN_THROWS();
	model_zval(r, return_value);
}

PHP_METHOD(Segment_Rfm, save)
{
	zend_string *path;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_rfm *r = this_rfm(ZEND_THIS);
	if (!r) RETURN_THROWS();
	zval model;
	model_zval(r, &model);
	php_segment_save_json(&model, path, "RFM model");
}

static bool read_thresholds(zval *th, const char *key, uint32_t bins, double *out)
{
	zval *list = Z_TYPE_P(th) == IS_ARRAY ? zend_hash_str_find(Z_ARRVAL_P(th), key, strlen(key)) : NULL;
	if (!list || Z_TYPE_P(list) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(list)) != bins - 1) return false;
	uint32_t i = 0;
	zval *v;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(list), v) {
		double d;
		if (Z_TYPE_P(v) == IS_LONG) d = (double)Z_LVAL_P(v);
		else if (Z_TYPE_P(v) == IS_DOUBLE) d = Z_DVAL_P(v);
		else return false;
		if (!isfinite(d) || (i && d < out[i - 1])) return false;
		out[i++] = d;
	} ZEND_HASH_FOREACH_END();
	return true;
}

/* An Rfm from a decoded model document (Rfm::toArray()'s shape) into rv;
 * false with a Segment\Exception naming origin ("'path'") thrown. */
static bool rfm_from_doc(zval *doc, const char *origin, zval *return_value)
{
	const char *why = doc && Z_TYPE_P(doc) == IS_ARRAY ? NULL : "it is not a JSON object";
	zval *v;
	object_init_ex(return_value, segment_ce_Rfm);
	php_segment_rfm *r = rfm_from_obj(Z_OBJ_P(return_value));
	HashTable *ht = why ? NULL : Z_ARRVAL_P(doc);
	if (!why && (!(v = zend_hash_str_find(ht, ZEND_STRL("format"))) || Z_TYPE_P(v) != IS_STRING ||
	             !zend_string_equals_literal(Z_STR_P(v), RFM_FORMAT)))
		why = "'format' is not \"" RFM_FORMAT "\"";
	if (!why && (!(v = zend_hash_str_find(ht, ZEND_STRL("version"))) || Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) != RFM_VERSION))
		why = "its version is not 1";
	if (!why && (!(v = zend_hash_str_find(ht, ZEND_STRL("bins"))) || Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 2 ||
	             Z_LVAL_P(v) > SEG_RFM_MAX_BINS))
		why = "bins must be an integer from 2 to 10";
	if (!why) r->model.bins = (uint32_t)Z_LVAL_P(v);
	if (!why) {
		v = zend_hash_str_find(ht, ZEND_STRL("method"));
		if (v && Z_TYPE_P(v) == IS_STRING && zend_string_equals_literal(Z_STR_P(v), "pandas")) r->model.method = SEG_RFM_PANDAS;
		else if (v && Z_TYPE_P(v) == IS_STRING && zend_string_equals_literal(Z_STR_P(v), "quantile")) r->model.method = SEG_RFM_QUANTILE;
		else why = "a bad 'method' (\"quantile\" or \"pandas\")";
	}
	if (!why && (v = zend_hash_str_find(ht, ZEND_STRL("customers"))) && Z_TYPE_P(v) == IS_LONG)
		r->model.customers = (uint64_t)Z_LVAL_P(v);
	if (!why) {
		bool zoned;
		v = zend_hash_str_find(ht, ZEND_STRL("reference"));
		if (!v || Z_TYPE_P(v) != IS_STRING || !seg_str_to_local(Z_STRVAL_P(v), Z_STRLEN_P(v), &r->model.reference, &zoned))
			why = "'reference' is not a date";
	}
	zval *th = why ? NULL : zend_hash_str_find(ht, ZEND_STRL("thresholds"));
	if (!why && (!th || !read_thresholds(th, "r", r->model.bins, r->model.r) ||
	             !read_thresholds(th, "f", r->model.bins, r->model.f) || !read_thresholds(th, "m", r->model.bins, r->model.m)))
		why = "'thresholds' must hold r, f and m, each bins - 1 ascending numbers";
	zval *maps = why ? NULL : zend_hash_str_find(ht, ZEND_STRL("maps"));
	if (!why && (!maps || Z_TYPE_P(maps) != IS_ARRAY)) why = "'maps' is missing";
	if (why) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		zend_throw_exception_ex(segment_ce_Exception, 0, "%s is not a valid RFM model: %s", origin, why);
		return false;
	}
	/* The maps come back as options: lists of rules, validated again. */
	HashTable *opts = zend_new_array(3);
	for (int role = 0; role < MAP_ROLES; role++) {
		zval *list = zend_hash_str_find(Z_ARRVAL_P(maps), role_names[role], strlen(role_names[role]));
		if (list && Z_TYPE_P(list) == IS_ARRAY) {
			Z_TRY_ADDREF_P(list);
			zend_hash_str_update(opts, role == MAP_SEGMENT ? "map" : role_names[role],
			                     strlen(role == MAP_SEGMENT ? "map" : role_names[role]), list);
		}
	}
	bool ok = maps_setup(r, opts);
	zend_array_destroy(opts);
	if (!ok && EG(exception) && !instanceof_function(EG(exception)->ce, segment_ce_Exception)) {
		/* A corrupt file is bad content, not a programming error. */
		zval rv;
		zval *m = zend_read_property_ex(zend_ce_exception, EG(exception), ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
		zend_string *text = zval_get_string(m);
		zend_clear_exception();
		zend_throw_exception_ex(segment_ce_Exception, 0, "%s is not a valid RFM model: %s", origin, ZSTR_VAL(text));
		zend_string_release(text);
	}
	if (!ok) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
	}
	return ok;
}

bool php_segment_rfm_from_array(zval *doc, const char *origin, zval *out)
{
	return rfm_from_doc(doc, origin, out);
}

PHP_METHOD(Segment_Rfm, load)
{
	zend_string *path;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();
	zval doc;
	if (!php_segment_read_json(ZSTR_VAL(path), ZSTR_VAL(path), "RFM model", 32, &doc, NULL)) RETURN_THROWS();
	zend_string *origin = strpprintf(0, "'%s'", ZSTR_VAL(path));
	rfm_from_doc(&doc, ZSTR_VAL(origin), return_value);
	zend_string_release(origin);
	zval_ptr_dtor(&doc);
}

/* ---- frozen: what Segment\Model keeps across requests ----------------------- */

struct php_segment_rfm_frozen {
	seg_rfm_model model;
	size_t nrules[MAP_ROLES];
	int32_t *cell_rule[MAP_ROLES]; /* per cell */
	zend_string **names[MAP_ROLES];
	zend_string **groups;
	zend_string **codes;           /* per cell "545"; NULL when bins >= 10 */
	HashTable **cells;             /* per cell: its score array, made on first use; NULL when bins >= 10 */
};

static zend_string *frozen_str(zend_string *s)
{
	return s ? php_segment_persistent_str(ZSTR_VAL(s), ZSTR_LEN(s)) : NULL;
}

php_segment_rfm_frozen *php_segment_rfm_freeze(zend_object *obj)
{
	php_segment_rfm *r = rfm_from_obj(obj);
	uint32_t b = r->model.bins, ncells = b * b * b;
	php_segment_rfm_frozen *f = pecalloc(1, sizeof *f, 1);
	f->model = r->model;
	for (int role = 0; role < MAP_ROLES; role++) {
		size_t n = r->nrules[role];
		f->nrules[role] = n;
		f->names[role] = pecalloc(n ? n : 1, sizeof(zend_string *), 1);
		for (size_t i = 0; i < n; i++) f->names[role][i] = frozen_str(r->names[role][i]);
		f->cell_rule[role] = pemalloc(ncells * sizeof(int32_t), 1);
		memcpy(f->cell_rule[role], r->cell_rule[role], ncells * sizeof(int32_t));
	}
	size_t ng = r->nrules[MAP_GROUPS];
	f->groups = pecalloc(ng ? ng : 1, sizeof(zend_string *), 1);
	for (size_t i = 0; i < ng; i++) f->groups[i] = frozen_str(r->groups[i]);
	if (b < 10) {
		f->codes = pecalloc(ncells, sizeof(zend_string *), 1);
		for (uint32_t c = 0; c < ncells; c++) {
			char code[3] = {(char)('1' + c / (b * b)), (char)('1' + c / b % b), (char)('1' + c % b)};
			f->codes[c] = php_segment_persistent_str(code, 3);
		}
		f->cells = pecalloc(ncells, sizeof(HashTable *), 1);
	}
	return f;
}

void php_segment_rfm_frozen_free(php_segment_rfm_frozen *f)
{
	if (!f) return;
	uint32_t b = f->model.bins, ncells = b * b * b;
	for (int role = 0; role < MAP_ROLES; role++) {
		for (size_t i = 0; i < f->nrules[role]; i++) pefree(f->names[role][i], 1);
		pefree(f->names[role], 1);
		pefree(f->cell_rule[role], 1);
	}
	for (size_t i = 0; i < f->nrules[MAP_GROUPS]; i++)
		if (f->groups[i]) pefree(f->groups[i], 1);
	pefree(f->groups, 1);
	if (f->codes) {
		for (uint32_t c = 0; c < ncells; c++) pefree(f->codes[c], 1);
		pefree(f->codes, 1);
	}
	if (f->cells) {
		for (uint32_t c = 0; c < ncells; c++)
			if (f->cells[c]) php_segment_frozen_array_free(f->cells[c]);
		pefree(f->cells, 1);
	}
	pefree(f, 1);
}

int php_segment_rfm_frozen_score(const php_segment_rfm_frozen *f, HashTable *profile, int64_t *now, uint32_t arg,
                                 zval *out, zend_string **retention)
{
	double rec, freq, mon;
	int st = profile_rfm_inputs(profile, now, arg, &rec, &freq, &mon);
	if (st != 1) return st;
	seg_rfm_score s = seg_rfm_score_one(&f->model, rec, freq, mon);
	uint32_t b = f->model.bins;
	uint32_t c = ((uint32_t)(s.r - 1) * b + (uint32_t)(s.f - 1)) * b + (uint32_t)(s.m - 1);
	rfm_tables t = {b, f->cell_rule, f->names, f->groups};
	int32_t ri = f->cell_rule[MAP_RETENTION][c];
	*retention = ri >= 0 ? f->names[MAP_RETENTION][ri] : NULL; /* what the array's "retention" holds */
	if (!f->cells) {
		score_zval_from(&t, c, NULL, s, out);
		return 1;
	}
	/* Every customer of a cell gets the same array: it is made once, in
	 * persistent memory, and handed out immutable (no reference counting;
	 * PHP code that changes its copy gets a copy of its own).  Its strings
	 * are the frozen ones, marked interned; it goes with the model. */
	HashTable *ht = f->cells[c];
	if (!ht) {
		ht = pemalloc(sizeof(HashTable), 1);
		zend_hash_init(ht, 8, NULL, NULL, 1);
		zend_hash_real_init_mixed(ht);
		score_fill(ht, &t, c, f->codes[c], s);
		php_segment_array_freeze(ht);
		f->cells[c] = ht;
	}
	php_segment_zval_frozen_array(out, ht);
	return 1;
}

PHP_METHOD(Segment_Rfm, maps)
{
	ZEND_PARSE_PARAMETERS_NONE();
	size_t n;
	const seg_rfm_map *maps = seg_rfm_default_maps(&n);
	array_init(return_value);
	for (size_t i = 0; i < n; i++) {
		zval list;
		builtin_map_zval(&maps[i], &list);
		add_assoc_zval(return_value, maps[i].name, &list);
	}
}

void php_segment_rfm_init(zend_class_entry *ce)
{
	ce->create_object = rfm_create;
	ce->get_iterator = rfm_get_iterator;
	for (int k = 0; k < K_COUNT; k++) rfm_keys[k] = zend_string_init_interned(key_names[k], strlen(key_names[k]), 1);
	static const char *const pnames[P_COUNT] = {"frequency", "orders", "monetary", "total_spent", "recency"};
	for (int k = 0; k < P_COUNT; k++) profile_keys[k] = zend_string_init_interned(pnames[k], strlen(pnames[k]), 1);
	memcpy(&rfm_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	rfm_handlers.offset = XtOffsetOf(php_segment_rfm, std);
	rfm_handlers.free_obj = rfm_free;
	rfm_handlers.clone_obj = NULL;
}
