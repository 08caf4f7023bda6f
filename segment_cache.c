/*
 * segment_cache.c - compiled rule sets and the per-process cache.
 *
 * Like ext/pcre's pattern cache: a persistent HashTable made in GINIT whose
 * keys and values are persistent memory, so a compiled set survives the
 * request and the next request pays a lookup instead of a parse.  Entries
 * are reference counted because RuleSet objects share them; evicting an
 * entry only drops the cache's reference.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "php.h"
#include "ext/json/php_json.h"
#include "zend_exceptions.h"

#include "php_segment.h"

static const char *json_error(php_json_error_code code)
{
	switch (code) {
	case PHP_JSON_ERROR_DEPTH: return "maximum depth exceeded";
	case PHP_JSON_ERROR_STATE_MISMATCH: return "underflow or modes mismatch";
	case PHP_JSON_ERROR_CTRL_CHAR: return "unexpected control character";
	case PHP_JSON_ERROR_UTF8: return "malformed UTF-8";
	default: return "syntax error";
	}
}

/*
 * Strings handed to PHP code (segment codes in match() results, names,
 * rules, the keys passed to offsetGet()/__get()) are persistent and marked
 * interned: request code copies them without touching a reference count
 * and never frees them.  They are freed with their set, and a set released
 * during a request is only freed after the request, when no request value
 * can still point at them (php_segment_graveyard_free, post-deactivate).
 */
zend_string *php_segment_persistent_str(const char *s, size_t len)
{
	zend_string *z = zend_string_init(s, len, 1);
	zend_string_hash_val(z);
	GC_SET_REFCOUNT(z, 1);
	GC_TYPE_INFO(z) = GC_STRING | ((IS_STR_INTERNED | IS_STR_PERSISTENT) << GC_FLAGS_SHIFT);
	return z;
}

void php_segment_array_freeze(HashTable *ht)
{
	GC_SET_REFCOUNT(ht, 2); /* never 1: nothing writes to it in place */
	GC_TYPE_INFO(ht) = GC_ARRAY | ((IS_ARRAY_IMMUTABLE | IS_ARRAY_PERSISTENT | GC_NOT_COLLECTABLE) << GC_FLAGS_SHIFT);
}

void php_segment_frozen_array_free(HashTable *ht)
{
	zend_hash_destroy(ht);
	pefree(ht, 1);
}

php_segment_compiled *php_segment_compiled_addref(php_segment_compiled *c)
{
	c->refcount++;
	return c;
}

static void compiled_destroy(php_segment_compiled *c)
{
	for (uint32_t i = 0; i < c->ndefs; i++) {
		pefree(c->codes[i], 1);
		pefree(c->names[i], 1);
		pefree(c->rules[i], 1);
	}
	uint32_t nkeys = c->slot_first ? c->slot_first[c->nslots] : 0;
	for (uint32_t k = 0; k < nkeys; k++) pefree(c->keys[k], 1);
	pefree(c->codes, 1);
	pefree(c->names, 1);
	pefree(c->rules, 1);
	if (c->slot_first) pefree(c->slot_first, 1);
	if (c->keys) pefree(c->keys, 1);
	if (c->hints) pefree(c->hints, 1);
	if (c->lists) {
		zend_hash_destroy(c->lists);
		pefree(c->lists, 1);
	}
	seg_ruleset_free(c->rs);
	pefree(c, 1);
}

void php_segment_compiled_release(php_segment_compiled *c)
{
	if (!c || --c->refcount > 0) return;
	if (SEGMENT_G(in_request)) {
		c->next_dead = SEGMENT_G(graveyard);
		SEGMENT_G(graveyard) = c;
	} else {
		compiled_destroy(c);
	}
}

void php_segment_graveyard_free(void)
{
	php_segment_compiled *c = SEGMENT_G(graveyard);
	SEGMENT_G(graveyard) = NULL;
	while (c) {
		php_segment_compiled *next = c->next_dead;
		compiled_destroy(c);
		c = next;
	}
}

static void cache_dtor(zval *zv) { php_segment_compiled_release(Z_PTR_P(zv)); }

void php_segment_cache_init(HashTable *cache) { zend_hash_init(cache, 16, NULL, cache_dtor, 1); }

/* Reads one definition's field; NULL when absent. */
static zval *field(zval *def, const char *name, size_t len)
{
	if (Z_TYPE_P(def) == IS_ARRAY) return zend_hash_str_find_deref(Z_ARRVAL_P(def), name, len);
	return NULL;
}

static bool definition_error(const char *origin, uint32_t i, const char *what)
{
	zend_throw_exception_ex(segment_ce_Exception, 0, "%s: definition %u %s", origin, i, what);
	return false;
}

php_segment_compiled *php_segment_compile_definitions(zval *definitions, const char *origin)
{
	HashTable *ht = Z_ARRVAL_P(definitions);
	uint32_t n = zend_hash_num_elements(ht), i = 0;
	seg_rule_def *defs = safe_emalloc(n ? n : 1, sizeof(seg_rule_def), 0);
	zend_string **names = safe_emalloc(n ? n : 1, sizeof(zend_string *), 0);
	zval *def;
	bool ok = true;

	ZEND_HASH_FOREACH_VAL(ht, def) {
		ZVAL_DEREF(def);
		if (Z_TYPE_P(def) != IS_ARRAY) {
			ok = definition_error(origin, i, "is not an array with 'code' and 'rule'");
			break;
		}
		zval *code = field(def, ZEND_STRL("code")), *rule = field(def, ZEND_STRL("rule"));
		zval *name = field(def, ZEND_STRL("name")), *prio = field(def, ZEND_STRL("priority"));
		zval *enabled = field(def, ZEND_STRL("enabled"));
		if (!code || Z_TYPE_P(code) != IS_STRING) {
			ok = definition_error(origin, i, "needs 'code' as a string");
			break;
		}
		if (!rule || Z_TYPE_P(rule) != IS_STRING) {
			ok = definition_error(origin, i, "needs 'rule' as a string");
			break;
		}
		if (name && Z_TYPE_P(name) != IS_STRING && Z_TYPE_P(name) != IS_NULL) {
			ok = definition_error(origin, i, "has a 'name' that is not a string");
			break;
		}
		zend_long priority = 0;
		if (prio && Z_TYPE_P(prio) != IS_NULL) {
			if (Z_TYPE_P(prio) == IS_LONG) {
				priority = Z_LVAL_P(prio);
			} else if (Z_TYPE_P(prio) == IS_STRING &&
			           is_numeric_string(Z_STRVAL_P(prio), Z_STRLEN_P(prio), &priority, NULL, false) == IS_LONG) {
				/* "10" from a database column */
			} else {
				ok = definition_error(origin, i, "has a 'priority' that is not an integer");
				break;
			}
		}
		bool on = true;
		if (enabled && Z_TYPE_P(enabled) != IS_NULL) {
			if (Z_TYPE_P(enabled) == IS_TRUE || Z_TYPE_P(enabled) == IS_FALSE || Z_TYPE_P(enabled) == IS_LONG ||
			    Z_TYPE_P(enabled) == IS_STRING) {
				on = zend_is_true(enabled); /* true, 1, "1" from a tinyint column */
			} else {
				ok = definition_error(origin, i, "has an 'enabled' that is not a boolean");
				break;
			}
		}
		defs[i].code = Z_STRVAL_P(code);
		defs[i].code_len = Z_STRLEN_P(code);
		defs[i].rule = Z_STRVAL_P(rule);
		defs[i].rule_len = Z_STRLEN_P(rule);
		defs[i].priority = priority;
		defs[i].enabled = on;
		names[i] = name && Z_TYPE_P(name) == IS_STRING ? Z_STR_P(name) : Z_STR_P(code);
		i++;
	} ZEND_HASH_FOREACH_END();

	php_segment_compiled *c = NULL;
	if (ok) {
		seg_limits limits = {(size_t)SEGMENT_G(max_rule_length), (uint32_t)SEGMENT_G(max_depth)};
		seg_ruleset *rs;
		seg_error err;
		if (seg_ruleset_compile(defs, n, &limits, &rs, &err) != SEG_OK) {
			if (err.status == SEG_E_DUPLICATE || err.status == SEG_E_ARGUMENT) {
				zend_throw_exception_ex(segment_ce_Exception, 0, "%s: definition %d: %s", origin, err.rule_index,
				                        err.message);
			} else if (err.rule_index >= 0) {
				php_segment_throw_error(&err, defs[err.rule_index].code, defs[err.rule_index].code_len);
			} else {
				php_segment_throw_error(&err, NULL, 0);
			}
		} else {
			c = pecalloc(1, sizeof *c, 1);
			c->refcount = 1;
			c->rs = rs;
			c->ndefs = n;
			c->codes = pemalloc(sizeof(zend_string *) * (n ? n : 1), 1);
			c->names = pemalloc(sizeof(zend_string *) * (n ? n : 1), 1);
			c->rules = pemalloc(sizeof(zend_string *) * (n ? n : 1), 1);
			for (uint32_t k = 0; k < n; k++) {
				c->codes[k] = php_segment_persistent_str(defs[k].code, defs[k].code_len);
				c->names[k] = php_segment_persistent_str(ZSTR_VAL(names[k]), ZSTR_LEN(names[k]));
				c->rules[k] = php_segment_persistent_str(defs[k].rule, defs[k].rule_len);
			}
			/* One hashed key per path segment, so lookups skip hashing. */
			c->nslots = (uint32_t)seg_ruleset_slot_count(rs);
			c->slot_first = pemalloc(sizeof(uint32_t) * (c->nslots + 1), 1);
			uint32_t nkeys = 0;
			for (uint32_t s = 0; s < c->nslots; s++) nkeys += seg_ruleset_slot(rs, s)->nsegs;
			c->keys = pemalloc(sizeof(zend_string *) * (nkeys ? nkeys : 1), 1);
			nkeys = 0;
			for (uint32_t s = 0; s < c->nslots; s++) {
				const seg_path *p = seg_ruleset_slot(rs, s);
				c->slot_first[s] = nkeys;
				for (uint32_t g = 0; g < p->nsegs; g++) c->keys[nkeys++] = php_segment_persistent_str(p->segs[g].s, p->segs[g].len);
			}
			c->slot_first[c->nslots] = nkeys;
			c->hints = pecalloc(nkeys ? nkeys : 1, sizeof(php_segment_key_hint), 1);
		}
	}
	efree(defs);
	efree(names);
	return c;
}

php_segment_compiled *php_segment_cache_get(zend_string *key)
{
	php_segment_compiled *c = zend_hash_find_ptr(&SEGMENT_G(cache), key);
	if (c) SEGMENT_G(cache_hits)++;
	return c;
}

void php_segment_cache_put(zend_string *key, php_segment_compiled *c)
{
	HashTable *cache = &SEGMENT_G(cache);
	if (SEGMENT_G(cache_size) <= 0) return;
	zend_hash_del(cache, key);
	/* Bounded: drop the oldest entries (insertion order) when full. */
	while (zend_hash_num_elements(cache) >= (uint32_t)SEGMENT_G(cache_size)) {
		zend_string *oldest;
		zend_ulong idx;
		zend_hash_internal_pointer_reset(cache);
		if (zend_hash_get_current_key(cache, &oldest, &idx) != HASH_KEY_IS_STRING) break;
		zend_hash_del(cache, oldest);
	}
	zend_string *pkey = zend_string_init(ZSTR_VAL(key), ZSTR_LEN(key), 1);
	zend_hash_add_new_ptr(cache, pkey, php_segment_compiled_addref(c));
	zend_string_release(pkey);
}

/* Reads a whole file into a request string. */
static zend_string *read_file(zend_string *path, zend_stat_t *st_out)
{
	/* No REPORT_ERRORS: the caller throws one exception saying what failed,
	 * rather than a warning followed by an exception. */
	errno = 0;
	php_stream *stream = php_stream_open_wrapper_ex(ZSTR_VAL(path), "rb", 0, NULL, NULL);
	if (!stream) return NULL;
	php_stream_statbuf ssb;
	if (php_stream_stat(stream, &ssb) == 0) *st_out = ssb.sb;
	zend_string *data = php_stream_copy_to_mem(stream, PHP_STREAM_COPY_ALL, 0);
	php_stream_close(stream);
	return data ? data : ZSTR_EMPTY_ALLOC();
}

php_segment_compiled *php_segment_load_file(zend_string *path)
{
	zend_string *key = zend_string_concat2("file:", 5, ZSTR_VAL(path), ZSTR_LEN(path));
	php_segment_compiled *c = php_segment_cache_get(key);
	if (c) {
		if (!SEGMENT_G(validate_timestamps)) {
			zend_string_release(key);
			return php_segment_compiled_addref(c);
		}
		zend_stat_t sb;
		if (VCWD_STAT(ZSTR_VAL(path), &sb) == 0 && (zend_long)sb.st_mtime == c->mtime &&
		    (zend_long)sb.st_size == c->size) {
			zend_string_release(key);
			return php_segment_compiled_addref(c);
		}
		SEGMENT_G(cache_hits)--; /* stale: counts as a miss */
	}
	SEGMENT_G(cache_misses)++;

	zend_stat_t sb;
	memset(&sb, 0, sizeof sb);
	zend_string *data = read_file(path, &sb);
	if (!data) {
		if (!EG(exception))
			zend_throw_exception_ex(segment_ce_Exception, 0, "cannot read rules file '%s': %s", ZSTR_VAL(path),
			                        errno ? strerror(errno) : "failed to open stream");
		zend_string_release(key);
		return NULL;
	}
	zval json;
	if (php_json_decode_ex(&json, ZSTR_VAL(data), ZSTR_LEN(data), PHP_JSON_OBJECT_AS_ARRAY, 64) == FAILURE) {
		zend_throw_exception_ex(segment_ce_Exception, 0, "rules file '%s' is not valid JSON: %s", ZSTR_VAL(path),
		                        json_error(JSON_G(error_code)));
		zend_string_release(data);
		zend_string_release(key);
		return NULL;
	}
	zend_string_release(data);
	zval *list = &json;
	if (Z_TYPE(json) == IS_ARRAY && !zend_array_is_list(Z_ARRVAL(json))) {
		list = zend_hash_str_find(Z_ARRVAL(json), ZEND_STRL("segments"));
	}
	if (!list || Z_TYPE_P(list) != IS_ARRAY) {
		zend_throw_exception_ex(segment_ce_Exception, 0,
		                        "rules file '%s' must hold a list of definitions or {\"segments\": [...]}",
		                        ZSTR_VAL(path));
		zval_ptr_dtor(&json);
		zend_string_release(key);
		return NULL;
	}
	c = php_segment_compile_definitions(list, ZSTR_VAL(path));
	zval_ptr_dtor(&json);
	if (c) {
		c->mtime = (zend_long)sb.st_mtime;
		c->size = (zend_long)sb.st_size;
		php_segment_cache_put(key, c);
	}
	zend_string_release(key);
	return c;
}
