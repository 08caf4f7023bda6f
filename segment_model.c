/*
 * segment_model.c - Segment\Model: a store's rule set, RFM thresholds and
 * maps, k-means model and settings in one versioned file (docs/model.md),
 * kept per process across requests.
 *
 * A loaded model is "frozen": the compiled rules (shared with the rule-set
 * cache), the RFM tables and the k-means predictor in persistent memory,
 * reference counted, so the next request that asks for the same file pays a
 * stat() and a hash lookup.  The cache key is the absolute path; an entry is
 * reused while the file's mtime, size and inode are unchanged (or, with a version
 * key given by the caller, while the version matches, without a stat).  As
 * with rule sets, strings handed to PHP code are persistent and marked
 * interned, and data released during a request is freed after it (the
 * graveyard), when no request value can point at it any more.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <sys/stat.h>

#include "php.h"
#include "ext/date/php_date.h"
#include "ext/json/php_json.h"
#include "ext/standard/sha1.h"
#include "zend_exceptions.h"
#include "zend_bitset.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"

#include "php_segment.h"

#define MODEL_FORMAT  "segment-model"
#define MODEL_VERSION 1

struct php_segment_model_data {
	uint32_t refcount;
	struct php_segment_model_data *next_dead;
	php_segment_compiled *rules;
	php_segment_rfm_frozen *rfm;      /* NULL: the model has no RFM part */
	php_segment_kmeans_frozen *km;    /* NULL: no k-means part */
	zend_string *version;             /* persistent, interned-marked */
	zend_string *json;                /* persistent: the document, for toArray() and the parts */
	zend_long mtime, size;            /* cache identity (load()) */
	zend_ulong ino;                   /* ... and the inode: a rename over the file changes it even
	                                     within the same second at the same size */
	time_t checked_at;                /* last stat that found the file unchanged (segment.revalidate_freq) */
	/* The Model object load() handed out for this data in the current
	 * request, so that the next load() returns it instead of a new one.  No
	 * reference is held: model_free() clears it when that object goes, and
	 * every object goes at the latest at the end of its request; the
	 * generation guards against a stale pointer all the same. */
	zend_object *obj;
	uint32_t obj_generation;
	/* segments() (model_bind()): per rule slot, where its first name is
	 * found (SRC_*); name -> bit mask of the slots it starts, plus
	 * NAME_KM_READS when the cluster lookup reads it.  layered false: every
	 * call takes assign()'s path. */
	bool layered;
	uint8_t *slot_src;
	uint64_t slot_derived; /* slots whose first name is a derived attribute */
	HashTable *slot_names;
};

typedef struct php_segment_model {
	php_segment_model_data *data;
	zend_object std;
} php_segment_model;

static zend_object_handlers model_handlers;

/* Keys of assign()'s arrays, permanent interned strings made in MINIT. */
enum {
	K_SEGMENTS, K_ATTRIBUTES, K_VISITOR_TYPE, K_RFM, K_RETENTION, K_CLUSTER, K_CLUSTER_NAME, K_CLUSTER_DISTANCE,
	K_MODEL_VERSION, K_COUNT
};
static const char *const key_names[K_COUNT] = {
	"segments", "attributes", "visitor_type", "rfm", "retention", "cluster", "cluster_name", "cluster_distance",
	"model_version",
};
static zend_string *model_keys[K_COUNT];
static zend_string *visitor_types[3]; /* guest, registered, customer */
static zend_string *str_orders, *str_frequency;

static inline php_segment_model *model_from_obj(zend_object *obj)
{
	return (php_segment_model *)((char *)obj - XtOffsetOf(php_segment_model, std));
}

/* ---- the frozen data -------------------------------------------------------- */

static php_segment_model_data *data_addref(php_segment_model_data *d)
{
	d->refcount++;
	return d;
}

static void table_free(HashTable *ht)
{
	if (!ht) return;
	zend_hash_destroy(ht);
	pefree(ht, 1);
}

static void data_destroy(php_segment_model_data *d)
{
	table_free(d->slot_names);
	if (d->slot_src) pefree(d->slot_src, 1);
	if (d->rules) php_segment_compiled_release(d->rules);
	php_segment_rfm_frozen_free(d->rfm);
	php_segment_kmeans_frozen_free(d->km);
	if (d->version) pefree(d->version, 1);
	if (d->json) zend_string_release(d->json);
	pefree(d, 1);
}

static void data_release(php_segment_model_data *d)
{
	if (!d || --d->refcount > 0) return;
	if (SEGMENT_G(in_request)) {
		d->next_dead = SEGMENT_G(model_graveyard);
		SEGMENT_G(model_graveyard) = d;
	} else {
		data_destroy(d);
	}
}

void php_segment_model_graveyard_free(void)
{
	php_segment_model_data *d = SEGMENT_G(model_graveyard);
	SEGMENT_G(model_graveyard) = NULL;
	while (d) {
		php_segment_model_data *next = d->next_dead;
		data_destroy(d);
		d = next;
	}
}

static void model_cache_dtor(zval *zv) { data_release(Z_PTR_P(zv)); }

void php_segment_model_cache_init(HashTable *cache) { zend_hash_init(cache, 8, NULL, model_cache_dtor, 1); }

/* ---- the object ---------------------------------------------------------------- */

static zend_object *model_create(zend_class_entry *ce)
{
	php_segment_model *m = zend_object_alloc(sizeof(php_segment_model), ce);
	zend_object_std_init(&m->std, ce);
	object_properties_init(&m->std, ce);
	m->std.handlers = &model_handlers;
	m->data = NULL;
	return &m->std;
}

static void model_free(zend_object *obj)
{
	php_segment_model *m = model_from_obj(obj);
	if (m->data && m->data->obj == obj) m->data->obj = NULL;
	data_release(m->data);
	zend_object_std_dtor(obj);
}

static void model_wrap(zval *out, php_segment_model_data *d)
{
	object_init_ex(out, segment_ce_Model);
	model_from_obj(Z_OBJ_P(out))->data = d;
}

static php_segment_model_data *this_model(zval *this_zv)
{
	php_segment_model_data *d = model_from_obj(Z_OBJ_P(this_zv))->data;
	if (!d) zend_throw_error(NULL, "Segment\\Model was not built or loaded");
	return d;
}

/* ---- from a document --------------------------------------------------------------- */

/* Calls a method without arguments (toArray(), definitions()). */
static void call0(zend_object *obj, const char *name, zval *rv)
{
	zend_call_method(obj, obj->ce, NULL, name, strlen(name), rv, 0, NULL, NULL);
}

static bool doc_fail(const char *origin, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);

static bool doc_fail(const char *origin, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zend_string *what = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	zend_throw_exception_ex(segment_ce_Exception, 0, "%s is not a valid segment model: %s", origin, ZSTR_VAL(what));
	zend_string_release(what);
	return false;
}

static void model_bind(php_segment_model_data *d);

/* Freezes a decoded document (docs/model.md) into d; false with a
 * Segment\Exception naming origin.  Each part is validated by its own
 * class's loader (Rfm::load(), KMeans::load(), new RuleSet), so a model
 * file accepts exactly what those accept. */
static bool data_from_doc(php_segment_model_data *d, zval *doc, const char *origin)
{
	HashTable *ht = Z_ARRVAL_P(doc);
	zval *v = zend_hash_str_find(ht, ZEND_STRL("format"));
	if (!v || Z_TYPE_P(v) != IS_STRING || !zend_string_equals_literal(Z_STR_P(v), MODEL_FORMAT))
		return doc_fail(origin, "'format' is not \"" MODEL_FORMAT "\"");
	v = zend_hash_str_find(ht, ZEND_STRL("version"));
	if (!v || Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) != MODEL_VERSION)
		return doc_fail(origin, "'version' is not %d, the version this extension reads", MODEL_VERSION);
	v = zend_hash_str_find(ht, ZEND_STRL("model_version"));
	if (!v || Z_TYPE_P(v) != IS_STRING || !Z_STRLEN_P(v) || Z_STRLEN_P(v) > 128)
		return doc_fail(origin, "'model_version' must be a string of 1 to 128 bytes");
	d->version = php_segment_persistent_str(Z_STRVAL_P(v), Z_STRLEN_P(v));

	v = zend_hash_str_find(ht, ZEND_STRL("rules"));
	if (!v || Z_TYPE_P(v) != IS_ARRAY || !zend_array_is_list(Z_ARRVAL_P(v)))
		return doc_fail(origin, "'rules' must be a list of segment definitions");
	zend_string *what = strpprintf(0, "%s (rules)", origin);
	d->rules = php_segment_compile_definitions(v, ZSTR_VAL(what));
	zend_string_release(what);
	if (!d->rules) return false;

	zval obj;
	v = zend_hash_str_find(ht, ZEND_STRL("rfm"));
	if (v && Z_TYPE_P(v) != IS_NULL) {
		what = strpprintf(0, "%s (rfm)", origin);
		bool ok = php_segment_rfm_from_array(v, ZSTR_VAL(what), &obj);
		zend_string_release(what);
		if (!ok) return false;
		d->rfm = php_segment_rfm_freeze(Z_OBJ(obj));
		zval_ptr_dtor(&obj);
	}
	v = zend_hash_str_find(ht, ZEND_STRL("kmeans"));
	if (v && Z_TYPE_P(v) != IS_NULL) {
		what = strpprintf(0, "%s (kmeans)", origin);
		bool ok = php_segment_kmeans_from_array(v, ZSTR_VAL(what), &obj);
		zend_string_release(what);
		if (!ok) return false;
		d->km = php_segment_kmeans_freeze(Z_OBJ(obj));
		zval_ptr_dtor(&obj);
	}
	v = zend_hash_str_find(ht, ZEND_STRL("settings"));
	if (v && Z_TYPE_P(v) != IS_ARRAY) return doc_fail(origin, "'settings' must be an object");
	model_bind(d);
	return true;
}

/* A document's JSON, frozen; the model_version default is a digest of the
 * document without it, so equal contents get equal versions. */
static zend_string *doc_encode(zval *doc)
{
	smart_str buf = {0};
	php_json_encode(&buf, doc, PHP_JSON_UNESCAPED_SLASHES | PHP_JSON_UNESCAPED_UNICODE | PHP_JSON_PRESERVE_ZERO_FRACTION);
	smart_str_0(&buf);
	return buf.s ? buf.s : ZSTR_EMPTY_ALLOC();
}

PHP_METHOD(Segment_Model, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

/* ---- Model::build() --------------------------------------------------------------- */

PHP_METHOD(Segment_Model, build)
{
	zval *rules;
	zend_object *rfm = NULL, *km = NULL;
	HashTable *settings = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 4)
		Z_PARAM_ZVAL(rules)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(rfm, segment_ce_Rfm)
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(km, segment_ce_KMeans)
		Z_PARAM_ARRAY_HT(settings)
	ZEND_PARSE_PARAMETERS_END();

	zval doc, part;
	array_init(&doc);
	add_assoc_string(&doc, "format", MODEL_FORMAT);
	add_assoc_long(&doc, "version", MODEL_VERSION);
	zend_string *version = NULL;
	if (settings) {
		zval *v = zend_hash_str_find_deref(settings, ZEND_STRL("version"));
		if (v && (Z_TYPE_P(v) != IS_STRING || !Z_STRLEN_P(v) || Z_STRLEN_P(v) > 128)) {
			zend_argument_value_error(4, "'version' must be a string of 1 to 128 bytes");
			zval_ptr_dtor(&doc);
			RETURN_THROWS();
		}
		if (v) version = zend_string_copy(Z_STR_P(v));
	}
	/* rules: a RuleSet or definitions, stored as RuleSet::definitions()
	 * gives them, so equal rules make equal files (and versions) */
	if (Z_TYPE_P(rules) == IS_OBJECT && instanceof_function(Z_OBJCE_P(rules), segment_ce_RuleSet)) {
		php_segment_compiled *set = php_segment_ruleset_compiled(Z_OBJ_P(rules));
		if (!set) {
			zend_argument_value_error(1, "is a RuleSet that was not initialized");
			goto fail;
		}
		php_segment_definitions_into(set, &part);
	} else if (Z_TYPE_P(rules) == IS_ARRAY) {
		php_segment_compiled *set = php_segment_compile_definitions(rules, "Segment\\Model::build(): Argument #1 ($rules)");
		if (!set) goto fail;
		php_segment_definitions_into(set, &part);
		php_segment_compiled_release(set);
	} else {
		zend_argument_type_error(1, "must be of type Segment\\RuleSet|array, %s given", zend_zval_type_name(rules));
		goto fail;
	}
	if (EG(exception)) goto fail;
	add_assoc_zval(&doc, "rules", &part);
	if (rfm) {
		call0(rfm, "toArray", &part);
		if (EG(exception)) goto fail;
		add_assoc_zval(&doc, "rfm", &part);
	} else {
		add_assoc_null(&doc, "rfm");
	}
	if (km) {
		call0(km, "toArray", &part);
		if (EG(exception)) goto fail;
		add_assoc_zval(&doc, "kmeans", &part);
	} else {
		add_assoc_null(&doc, "kmeans");
	}
	if (settings) {
		ZVAL_ARR(&part, zend_array_dup(settings));
		zend_hash_str_del(Z_ARRVAL(part), ZEND_STRL("version"));
		if (zend_hash_num_elements(Z_ARRVAL(part)) == 0) {
			zval_ptr_dtor(&part);
			array_init(&part);
		}
	} else {
		array_init(&part);
	}
	add_assoc_zval(&doc, "settings", &part);
	if (!version) {
		/* a digest of everything else: the same parts, the same version */
		zend_string *json = doc_encode(&doc);
		PHP_SHA1_CTX ctx;
		unsigned char digest[20];
		PHP_SHA1Init(&ctx);
		PHP_SHA1Update(&ctx, (const unsigned char *)ZSTR_VAL(json), ZSTR_LEN(json));
		PHP_SHA1Final(digest, &ctx);
		zend_string_release(json);
		char hex[13];
		for (int i = 0; i < 6; i++) snprintf(hex + 2 * i, 3, "%02x", digest[i]);
		version = zend_string_init(hex, 12, 0);
	}
	{
		/* the file reads best with its identity first */
		zval ordered;
		array_init(&ordered);
		zval *fmt = zend_hash_str_find(Z_ARRVAL(doc), ZEND_STRL("format"));
		zval *ver = zend_hash_str_find(Z_ARRVAL(doc), ZEND_STRL("version"));
		Z_TRY_ADDREF_P(fmt);
		add_assoc_zval(&ordered, "format", fmt);
		Z_TRY_ADDREF_P(ver);
		add_assoc_zval(&ordered, "version", ver);
		add_assoc_str(&ordered, "model_version", version);
		version = NULL;
		zend_hash_merge(Z_ARRVAL(ordered), Z_ARRVAL(doc), zval_add_ref, 0);
		zval_ptr_dtor(&doc);
		ZVAL_COPY_VALUE(&doc, &ordered);
	}

	php_segment_model_data *d = pecalloc(1, sizeof *d, 1);
	d->refcount = 1;
	if (!data_from_doc(d, &doc, "the model being built")) {
		data_destroy(d);
		goto fail;
	}
	zend_string *json = doc_encode(&doc);
	d->json = zend_string_init(ZSTR_VAL(json), ZSTR_LEN(json), 1);
	zend_string_release(json);
	zval_ptr_dtor(&doc);
	model_wrap(return_value, d);
	return;
fail:
	if (version) zend_string_release(version);
	zval_ptr_dtor(&doc);
	RETURN_THROWS();
}

/* ---- save / load ------------------------------------------------------------------- */

static bool decode(zend_string *json, zval *doc)
{
	return php_json_decode_ex(doc, ZSTR_VAL(json), ZSTR_LEN(json), PHP_JSON_OBJECT_AS_ARRAY, 64) == SUCCESS &&
	       Z_TYPE_P(doc) == IS_ARRAY;
}

PHP_METHOD(Segment_Model, save)
{
	zend_string *path;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_model_data *d = this_model(ZEND_THIS);
	if (!d) RETURN_THROWS();
	zval doc;
	if (!decode(d->json, &doc)) {
		zval_ptr_dtor(&doc);
		zend_throw_error(NULL, "Segment\\Model: the stored document does not decode");
		RETURN_THROWS();
	}
	php_segment_save_json(&doc, path, "segment model");
}

/* The cache key of a path: the absolute path (docs/model.md).  A path that
 * is already absolute and plain (no ".", ".." or empty segments, no
 * trailing slash) is its own key and needs no expansion, which costs a
 * realpath-cache lookup and a copy on every load(); others are expanded
 * against the working directory.  NULL when the path cannot be expanded. */
static zend_string *model_key(zend_string *path)
{
#ifndef PHP_WIN32
	const char *p = ZSTR_VAL(path);
	size_t len = ZSTR_LEN(path);
	if (len > 1 && len < MAXPATHLEN && p[0] == '/' && p[len - 1] != '/') {
		bool plain = true;
		for (size_t i = 0; i + 1 < len && plain; i++)
			if (p[i] == '/' && (p[i + 1] == '/' || p[i + 1] == '.')) plain = false;
		if (plain) return zend_string_copy(path);
	}
#endif
	char abs[MAXPATHLEN];
	if (!expand_filepath(ZSTR_VAL(path), abs)) return NULL;
	return zend_string_init(abs, strlen(abs), 0);
}

/* Whether a cached entry may be used without a stat: segment.revalidate_freq
 * seconds have not passed since a stat last found the file unchanged. */
static inline bool fresh_enough(php_segment_model_data *d, time_t *now)
{
	zend_long freq = SEGMENT_G(revalidate_freq);
	if (freq <= 0) return false;
	*now = time(NULL);
	return *now >= d->checked_at && *now - d->checked_at < (time_t)freq;
}

/* The frozen model of a file: from the cache when the file is unchanged
 * (mtime, size and inode; or, with version, when the cached model has that
 * version, without looking at the file), else read and frozen now. */
php_segment_model_data *php_segment_model_load(zend_string *path, zend_string *version)
{
	zend_string *key = model_key(path);
	if (!key) {
		zend_throw_exception_ex(segment_ce_Exception, 0, "cannot read the segment model '%s'", ZSTR_VAL(path));
		return NULL;
	}
	HashTable *cache = &SEGMENT_G(model_cache);
	php_segment_model_data *hit = zend_hash_find_ptr(cache, key);
	if (hit && version) {
		if (zend_string_equals(hit->version, version)) {
			SEGMENT_G(model_hits)++;
			zend_string_release(key);
			return data_addref(hit);
		}
	}
	time_t now = 0;
	if (hit && !version && (!SEGMENT_G(validate_timestamps) || fresh_enough(hit, &now))) {
		SEGMENT_G(model_hits)++;
		zend_string_release(key);
		return data_addref(hit);
	}
	zend_stat_t st;
	bool stat_ok = VCWD_STAT(ZSTR_VAL(key), &st) == 0;
	if (hit && !version && stat_ok && (zend_long)st.st_mtime == hit->mtime && (zend_long)st.st_size == hit->size &&
	    (zend_ulong)st.st_ino == hit->ino) {
		SEGMENT_G(model_hits)++;
		if (SEGMENT_G(revalidate_freq) > 0) hit->checked_at = now ? now : time(NULL);
		zend_string_release(key);
		return data_addref(hit);
	}
	SEGMENT_G(model_misses)++;
	if (!stat_ok) {
		zend_throw_exception_ex(segment_ce_Exception, 0, "cannot read the segment model '%s'", ZSTR_VAL(path));
		zend_string_release(key);
		return NULL;
	}
	zval doc;
	zend_string *text;
	if (!php_segment_read_json(ZSTR_VAL(key), ZSTR_VAL(path), "segment model", 64, &doc, &text)) {
		zend_string_release(key);
		return NULL;
	}
	zend_string *origin = strpprintf(0, "'%s'", ZSTR_VAL(path));
	php_segment_model_data *d = pecalloc(1, sizeof *d, 1);
	d->refcount = 1;
	if (!data_from_doc(d, &doc, ZSTR_VAL(origin))) {
		data_destroy(d);
		d = NULL;
	} else if (version && !zend_string_equals(d->version, version)) {
		doc_fail(ZSTR_VAL(origin), "its model_version is \"%s\", not the \"%s\" asked for", ZSTR_VAL(d->version),
		         ZSTR_VAL(version));
		data_destroy(d);
		d = NULL;
	}
	zval_ptr_dtor(&doc);
	zend_string_release(origin);
	if (!d) {
		if (text) zend_string_release(text);
		zend_string_release(key);
		return NULL;
	}
	d->json = zend_string_init(ZSTR_VAL(text), ZSTR_LEN(text), 1);
	zend_string_release(text);
	d->mtime = (zend_long)st.st_mtime;
	d->size = (zend_long)st.st_size;
	d->ino = (zend_ulong)st.st_ino;
	d->checked_at = time(NULL);
	/* bounded like the rule-set cache: the oldest entry goes first */
	if (!hit && SEGMENT_G(cache_size) > 0 && zend_hash_num_elements(cache) >= (uint32_t)SEGMENT_G(cache_size)) {
		zend_string *oldest = NULL;
		zend_ulong idx;
		ZEND_HASH_FOREACH_KEY(cache, idx, oldest) {
			(void)idx;
			break;
		} ZEND_HASH_FOREACH_END();
		if (oldest) zend_hash_del(cache, oldest);
	}
	if (SEGMENT_G(cache_size) > 0) {
		zend_string *pkey = zend_string_init(ZSTR_VAL(key), ZSTR_LEN(key), 1);
		zend_hash_update_ptr(cache, pkey, data_addref(d));
		zend_string_release(pkey);
	}
	zend_string_release(key);
	return d;
}

PHP_METHOD(Segment_Model, load)
{
	zend_string *path, *version = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_PATH_STR(path)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(version)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_model_data *d = php_segment_model_load(path, version);
	if (!d) RETURN_THROWS();
	/* The same cached model in the same request: the same object. */
	uint32_t gen = SEGMENT_G(request_generation);
	if (d->obj && d->obj_generation == gen) {
		data_release(d); /* the object holds its own reference */
		GC_ADDREF(d->obj);
		RETURN_OBJ(d->obj);
	}
	model_wrap(return_value, d);
	d->obj = Z_OBJ_P(return_value);
	d->obj_generation = gen;
}

/* ---- assign / explain ------------------------------------------------------------- */

static inline void put(HashTable *ht, int key, zval *v) { zend_hash_update(ht, model_keys[key], v); }

/* Room for the context's attributes (20 built in, a few from with()) and
 * the derived ones, so that building the customer does not resize it. */
#define ATTRS_ROOM 48

/* The profile's entries appended to an empty table that has room for them,
 * as zend_array_dup() would copy them (a reference only the profile holds
 * is copied as its value). */
static void copy_profile(HashTable *dst, HashTable *src)
{
	zend_string *key;
	zend_ulong idx;
	zval *v;
	ZEND_HASH_FOREACH_KEY_VAL(src, idx, key, v) {
		if (Z_ISREF_P(v) && Z_REFCOUNT_P(v) == 1 &&
		    (Z_TYPE_P(Z_REFVAL_P(v)) != IS_ARRAY || Z_ARRVAL_P(Z_REFVAL_P(v)) != src))
			v = Z_REFVAL_P(v);
		Z_TRY_ADDREF_P(v);
		if (key) _zend_hash_append(dst, key, v);
		else zend_hash_index_add_new(dst, idx, v);
	} ZEND_HASH_FOREACH_END();
}

/* The derived attributes, in dv[K_VISITOR_TYPE .. K_MODEL_VERSION] (NULL
 * where the model has no part for them); each is a new reference. */
#define D_FIRST K_VISITOR_TYPE
#define D_LAST  K_MODEL_VERSION

static void derived_init(zval *dv)
{
	for (int k = D_FIRST; k <= D_LAST; k++) ZVAL_NULL(&dv[k]);
}

static void derived_release(zval *dv)
{
	/* mostly interned strings, numbers and the shared RFM arrays: no call for those */
	for (int k = D_FIRST; k <= D_LAST; k++)
		if (Z_REFCOUNTED(dv[k])) zval_ptr_dtor(&dv[k]);
}

/* Visitor type, model version, RFM scores and retention, from the profile
 * alone; *type: 0 guest, 1 registered, 2 customer (orders >= 1). */
static bool derive_profile(php_segment_model_data *d, HashTable *prof, int64_t *when, int *type, zval *dv)
{
	*type = 0; /* guest */
	if (prof) {
		double orders = 0;
		zval *o = zend_hash_find_known_hash(prof, str_orders);
		if (o) ZVAL_DEREF(o);
		if (!o || Z_TYPE_P(o) == IS_NULL) {
			o = zend_hash_find_known_hash(prof, str_frequency);
			if (o) ZVAL_DEREF(o);
		}
		*type = o && php_segment_zval_number(o, &orders) && orders >= 1 ? 2 : 1;
	}
	ZVAL_INTERNED_STR(&dv[K_VISITOR_TYPE], visitor_types[*type]);
	ZVAL_INTERNED_STR(&dv[K_MODEL_VERSION], d->version);
	if (d->rfm && *type == 2) {
		zend_string *retention = NULL;
		int r = php_segment_rfm_frozen_score(d->rfm, prof, when, 1, &dv[K_RFM], &retention);
		if (r < 0) return false;
		if (r > 0 && retention) ZVAL_INTERNED_STR(&dv[K_RETENTION], retention); /* a frozen string, marked interned */
	}
	return true;
}

/* The nearest cluster, its name and distance, reading the features from row. */
static bool derive_cluster(php_segment_model_data *d, int type, HashTable *row, int64_t *when, zval *dv)
{
	if (!d->km || type != 2) return true; /* guests and customers without orders have no cluster */
	zend_long cluster;
	zend_string *name;
	double distance;
	if (!php_segment_kmeans_frozen_nearest(d->km, row, when, 1, &cluster, &name, &distance)) return false;
	ZVAL_LONG(&dv[K_CLUSTER], cluster);
	ZVAL_INTERNED_STR(&dv[K_CLUSTER_NAME], name);
	ZVAL_DOUBLE(&dv[K_CLUSTER_DISTANCE], distance);
	return true;
}

/* The customer rules see: the profile's keys, then the live context's
 * (replacing the profile's on a clash: what happens now is newer), then
 * the derived attributes (reserved names).  Built in one table sized for
 * all of it; a Segment\Context writes its attributes straight into it. */
static bool build_attributes(php_segment_model_data *d, zval *profile, zval *context, zval *now, zval *out)
{
	HashTable *prof = profile && Z_TYPE_P(profile) == IS_ARRAY ? Z_ARRVAL_P(profile) : NULL;
	HashTable *ht = zend_new_array((prof ? zend_hash_num_elements(prof) : 0) + ATTRS_ROOM);
	zend_hash_real_init_mixed(ht);
	ZVAL_ARR(out, ht);
	if (prof) copy_profile(ht, prof);
	if (context && !(Z_TYPE_P(context) == IS_OBJECT && php_segment_context_add_to(Z_OBJ_P(context), ht))) {
		zval tmp;
		ZVAL_UNDEF(&tmp);
		HashTable *ctx = NULL;
		if (Z_TYPE_P(context) == IS_ARRAY) {
			ctx = Z_ARRVAL_P(context);
		} else {
			zend_object *o = Z_OBJ_P(context);
			if (!zend_hash_str_exists(&o->ce->function_table, ZEND_STRL("toarray"))) {
				zend_argument_type_error(2, "must be an array, a Segment\\Context or null, %s given", ZSTR_VAL(o->ce->name));
				return false;
			}
			call0(o, "toArray", &tmp);
			if (EG(exception)) return false;
			if (Z_TYPE(tmp) != IS_ARRAY) {
				zval_ptr_dtor(&tmp);
				zend_argument_value_error(2, "toArray() did not return an array");
				return false;
			}
			ctx = Z_ARRVAL(tmp);
		}
		zend_hash_merge(ht, ctx, zval_add_ref, 1);
		zval_ptr_dtor(&tmp);
	}
	int64_t when = PHP_SEGMENT_NOW_LAZY; /* asked of the clock only if a part needs it */
	if (now && !php_segment_option_time(now, "now", &when)) return false;

	zval dv[K_COUNT];
	derived_init(dv);
	int type;
	bool ok = derive_profile(d, prof, &when, &type, dv);
	put(ht, K_VISITOR_TYPE, &dv[K_VISITOR_TYPE]); /* the order assign() has always given */
	put(ht, K_MODEL_VERSION, &dv[K_MODEL_VERSION]);
	put(ht, K_RFM, &dv[K_RFM]);
	put(ht, K_RETENTION, &dv[K_RETENTION]);
	/* the cluster's features are read from the whole table, as they always were */
	if (ok) ok = derive_cluster(d, type, ht, &when, dv);
	for (int k = K_CLUSTER; k <= K_CLUSTER_DISTANCE; k++) put(ht, k, &dv[k]);
	return ok;
}

/* ---- the layered path: Model::segments(), segment_of() -------------------------- */

/* Where a slot's first name is found whatever the request: */
enum {
	SRC_LAYERS = 0,   /* with() additions, then the context, then the profile */
	SRC_CONTEXT = 32, /* + i: built-in context attribute i, unless with() added it */
};                    /* D_FIRST .. D_LAST: that derived attribute */

#define LAYERED_MAX_SLOTS 63
#define NAME_KM_READS     ((uint64_t)1 << 63) /* in names: the cluster lookup reads this name */

/* The K_* of a derived attribute's name, or -1. */
static int derived_index(zend_string *name)
{
	for (int k = D_FIRST; k <= D_LAST; k++)
		if (zend_string_equals(name, model_keys[k])) return k;
	return -1;
}

static void names_or(HashTable *names, zend_string *name, uint64_t bits)
{
	zval *m = zend_hash_find(names, name);
	if (m) {
		Z_LVAL_P(m) = (zend_long)((uint64_t)Z_LVAL_P(m) | bits);
	} else {
		zval z;
		ZVAL_LONG(&z, (zend_long)bits);
		zend_hash_add_new(names, name, &z);
	}
}

/* Works out, once per model, what segments_layered() needs: where each
 * slot's first name is found, and a table of names (slot_names) giving the
 * slots that start with each, and whether the cluster lookup reads it.  A
 * model whose cluster features include a context or derived name (the
 * cluster is then read from assign()'s whole table) or with more than 63
 * attribute paths keeps to assign()'s path. */
static void model_bind(php_segment_model_data *d)
{
	php_segment_compiled *c = d->rules;
	d->layered = false;
	if (c->nslots > LAYERED_MAX_SLOTS) return;
	d->slot_names = pemalloc(sizeof(HashTable), 1);
	zend_hash_init(d->slot_names, 8, NULL, NULL, 1);
	if (d->km) {
		HashTable reads;
		zend_hash_init(&reads, 8, NULL, NULL, 1);
		php_segment_kmeans_frozen_reads(d->km, &reads);
		bool clash = false;
		zend_string *key;
		ZEND_HASH_FOREACH_STR_KEY(&reads, key) {
			if (!key || php_segment_context_builtin_index(key) >= 0 || derived_index(key) >= 0) {
				clash = true;
				break;
			}
			names_or(d->slot_names, key, NAME_KM_READS); /* the k-means part's own string, or a reference */
		} ZEND_HASH_FOREACH_END();
		zend_hash_destroy(&reads);
		if (clash) return;
	}
	d->slot_src = pecalloc(c->nslots ? c->nslots : 1, 1, 1);
	for (uint32_t s = 0; s < c->nslots; s++) {
		zend_string *name = c->keys[c->slot_first[s]];
		int k = derived_index(name), i = k < 0 ? php_segment_context_builtin_index(name) : -1;
		if (k >= 0) {
			d->slot_src[s] = (uint8_t)k;
			d->slot_derived |= (uint64_t)1 << s;
		} else if (i >= 0) {
			d->slot_src[s] = (uint8_t)(SRC_CONTEXT + i);
		}
		names_or(d->slot_names, name, (uint64_t)1 << s);
	}
	d->layered = true;
}

/*
 * segments() without assign()'s table: each rule attribute is read where it
 * is, in assign()'s precedence (derived attributes, then with() additions,
 * then the context's own, then the profile), so the answer is the one
 * assign() gives, without copying some 40 attributes into a table and
 * freeing them again on every page view.  1: done; 0: not taken (nothing
 * done; assign()'s path must answer: a context given as an array or an
 * object of another class, or with() additions the cluster lookup reads);
 * -1: an exception was thrown.
 */
static int segments_layered(php_segment_model_data *d, zval *profile, zval *context, zval *now, size_t max,
                            bool as_string, zval *return_value)
{
	if (!d->layered) return 0;
	HashTable *prof = profile && Z_TYPE_P(profile) == IS_ARRAY ? Z_ARRVAL_P(profile) : NULL;
	php_segment_context_data *cd = NULL;
	HashTable *extra = NULL;
	if (context) {
		if (Z_TYPE_P(context) != IS_OBJECT) return 0;
		cd = php_segment_context_parts(Z_OBJ_P(context), &extra);
		if (!cd) return 0;
	}
	php_segment_compiled *c = d->rules;
	uint32_t n = c->nslots;
	zval *first[LAYERED_MAX_SLOTS];
	zval own[LAYERED_MAX_SLOTS];
	seg_value preset[LAYERED_MAX_SLOTS];
	uint64_t preset_mask = 0;
	uint64_t derived = d->slot_derived, owned = 0, todo = (((uint64_t)1 << n) - 1) & ~derived;
	/* with() additions: one lookup each, before anything is computed */
	if (extra) {
		zend_string *key;
		zval *v;
		ZEND_HASH_FOREACH_STR_KEY_VAL(extra, key, v) {
			zval *m = key ? zend_hash_find_known_hash(d->slot_names, key) : NULL;
			if (!m) continue;
			uint64_t names = (uint64_t)Z_LVAL_P(m);
			if (names & NAME_KM_READS) return 0;
			for (uint64_t bits = names & todo; bits; bits &= bits - 1) {
				uint32_t s = (uint32_t)zend_ulong_ntz(bits);
				first[s] = v;
				todo &= ~((uint64_t)1 << s);
			}
		} ZEND_HASH_FOREACH_END();
	}
	int64_t when = PHP_SEGMENT_NOW_LAZY;
	if (now && !php_segment_option_time(now, "now", &when)) return -1;

	zval dv[K_COUNT];
	derived_init(dv);
	int type;
	if (!derive_profile(d, prof, &when, &type, dv) || !derive_cluster(d, type, prof, &when, dv)) {
		derived_release(dv);
		return -1;
	}
	for (uint64_t bits = derived; bits; bits &= bits - 1) {
		uint32_t s = (uint32_t)zend_ulong_ntz(bits);
		first[s] = &dv[d->slot_src[s]];
	}
	for (uint64_t bits = todo; bits; bits &= bits - 1) {
		uint32_t s = (uint32_t)zend_ulong_ntz(bits);
		uint8_t src = d->slot_src[s];
		if (cd && src >= SRC_CONTEXT && c->slot_first[s + 1] - c->slot_first[s] == 1 &&
		    php_segment_context_builtin_value(cd, src - SRC_CONTEXT, &preset[s])) {
			preset_mask |= (uint64_t)1 << s; /* a one-name path: the value itself */
			first[s] = NULL;
		} else if (cd && src >= SRC_CONTEXT) {
			php_segment_context_builtin(cd, src - SRC_CONTEXT, &own[s]);
			owned |= (uint64_t)1 << s;
			first[s] = &own[s];
		} else {
			first[s] = prof ? php_segment_find_first(c, s, prof) : NULL;
		}
	}

	zval none;
	ZVAL_NULL(&none);
	php_segment_match_first_into(c, &none, first, preset, preset_mask, now, max, as_string, return_value);
	for (uint64_t bits = owned; bits; bits &= bits - 1) {
		zval *v = &own[zend_ulong_ntz(bits)];
		if (Z_REFCOUNTED_P(v)) zval_ptr_dtor(v); /* most built-ins are interned strings or numbers */
	}
	derived_release(dv);
	return EG(exception) ? -1 : 1;
}

static bool check_context(zval *context, uint32_t arg)
{
	if (!context || Z_TYPE_P(context) == IS_ARRAY || Z_TYPE_P(context) == IS_OBJECT) return true;
	zend_argument_type_error(arg, "must be of type Segment\\Context|array|null, %s given", zend_zval_type_name(context));
	return false;
}

static bool check_now(zval *now, uint32_t arg)
{
	if (!now || Z_TYPE_P(now) == IS_LONG ||
	    (Z_TYPE_P(now) == IS_OBJECT && instanceof_function(Z_OBJCE_P(now), php_date_get_interface_ce())))
		return true;
	zend_argument_type_error(arg, "must be of type DateTimeInterface|int|null, %s given", zend_zval_type_name(now));
	return false;
}

/* assign() and segments(): ($profile = null, $context = null, $now = null),
 * checked, and this model's data as d. */
#define MODEL_ASSIGN_PARAMS()                                                                 \
	zval *profile = NULL, *context = NULL, *now = NULL;                                       \
	ZEND_PARSE_PARAMETERS_START(0, 3)                                                         \
		Z_PARAM_OPTIONAL                                                                      \
		Z_PARAM_ARRAY_OR_NULL(profile)                                                        \
		Z_PARAM_ZVAL_OR_NULL(context)                                                         \
		Z_PARAM_ZVAL_OR_NULL(now)                                                             \
	ZEND_PARSE_PARAMETERS_END();                                                              \
	if (!check_context(context, 2) || !check_now(now, 3)) RETURN_THROWS();                    \
	php_segment_model_data *d = this_model(ZEND_THIS);                                        \
	if (!d) RETURN_THROWS()

PHP_METHOD(Segment_Model, assign)
{
	MODEL_ASSIGN_PARAMS();
	zval attrs, segments;
	if (!build_attributes(d, profile, context, now, &attrs)) {
		zval_ptr_dtor(&attrs);
		RETURN_THROWS();
	}
	php_segment_match_into(d->rules, &attrs, now, 0, false, &segments);
	if (EG(exception)) {
		zval_ptr_dtor(&attrs);
		RETURN_THROWS();
	}
	array_init_size(return_value, 2);
	zend_hash_add_new(Z_ARRVAL_P(return_value), model_keys[K_SEGMENTS], &segments);
	zend_hash_add_new(Z_ARRVAL_P(return_value), model_keys[K_ATTRIBUTES], &attrs);
}

PHP_METHOD(Segment_Model, segments)
{
	MODEL_ASSIGN_PARAMS();
	int r = segments_layered(d, profile, context, now, 0, false, return_value);
	if (r < 0) RETURN_THROWS();
	if (r > 0) return;
	zval attrs;
	if (!build_attributes(d, profile, context, now, &attrs)) {
		zval_ptr_dtor(&attrs);
		RETURN_THROWS();
	}
	php_segment_match_into(d->rules, &attrs, now, 0, false, return_value);
	zval_ptr_dtor(&attrs);
}

PHP_METHOD(Segment_Model, explain)
{
	zval *profile = NULL, *context = NULL, *now = NULL;
	zend_string *code;
	ZEND_PARSE_PARAMETERS_START(3, 4)
		Z_PARAM_ARRAY_OR_NULL(profile)
		Z_PARAM_ZVAL_OR_NULL(context)
		Z_PARAM_STR(code)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL_OR_NULL(now)
	ZEND_PARSE_PARAMETERS_END();
	if (!check_context(context, 2) || !check_now(now, 4)) RETURN_THROWS();
	php_segment_model_data *d = this_model(ZEND_THIS);
	if (!d) RETURN_THROWS();
	int64_t pos = seg_ruleset_find(d->rules->rs, ZSTR_VAL(code), ZSTR_LEN(code));
	if (pos < 0) {
		zend_argument_value_error(3, "must be the code of a segment in this model, \"%s\" is not", ZSTR_VAL(code));
		RETURN_THROWS();
	}
	zval attrs;
	if (!build_attributes(d, profile, context, now, &attrs)) {
		zval_ptr_dtor(&attrs);
		RETURN_THROWS();
	}
	php_segment_explain_into(d->rules, &attrs, (size_t)pos, now, return_value);
	if (EG(exception)) {
		zval_ptr_dtor(&attrs);
		RETURN_THROWS();
	}
	add_assoc_zval(return_value, "attributes", &attrs);
}

/* Model::assign($profile, null, $now) for C callers (Segment\Store): the
 * codes into *segments and the attributes into *attrs (both to release by
 * the caller when true is returned); false with an exception. */
bool php_segment_model_assign(zend_object *model, zval *profile, zval *now, zval *segments, zval *attrs)
{
	php_segment_model_data *d = model_from_obj(model)->data;
	if (!d) {
		zend_throw_error(NULL, "Segment\\Model was not built or loaded");
		return false;
	}
	if (!build_attributes(d, profile, NULL, now, attrs)) {
		zval_ptr_dtor(attrs);
		return false;
	}
	php_segment_match_into(d->rules, attrs, now, 0, false, segments);
	if (EG(exception)) {
		zval_ptr_dtor(attrs);
		return false;
	}
	return true;
}

/* The model's version string (borrowed), or NULL for a model not built. */
zend_string *php_segment_model_version(zend_object *model)
{
	php_segment_model_data *d = model_from_obj(model)->data;
	return d ? d->version : NULL;
}

/* segment_of() / segments_of() with INI segment.model: the customer array
 * is the profile, there is no live context. */
void php_segment_model_match(php_segment_model_data *d, zval *customer, bool first, zval *return_value)
{
	zval attrs;
	zval *profile = customer;
	zval arr;
	ZVAL_UNDEF(&arr);
	if (Z_TYPE_P(customer) == IS_OBJECT) {
		/* its properties, as an (array) cast gives them */
		HashTable *props = zend_get_properties_for(customer, ZEND_PROP_PURPOSE_ARRAY_CAST);
		if (props) {
			ZVAL_ARR(&arr, zend_proptable_to_symtable(props, 1));
			zend_release_properties(props);
		} else {
			array_init(&arr);
		}
		profile = &arr;
	}
	int r = segments_layered(d, profile, NULL, NULL, first ? 1 : 0, first, return_value);
	if (r == 0) {
		bool ok = build_attributes(d, profile, NULL, NULL, &attrs);
		if (ok) php_segment_match_into(d->rules, &attrs, NULL, first ? 1 : 0, first, return_value);
		zval_ptr_dtor(&attrs);
	}
	zval_ptr_dtor(&arr);
}

/* ---- accessors ---------------------------------------------------------------------- */

PHP_METHOD(Segment_Model, version)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_model_data *d = this_model(ZEND_THIS);
	if (!d) RETURN_THROWS();
	RETURN_INTERNED_STR(d->version);
}

PHP_METHOD(Segment_Model, rules)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_model_data *d = this_model(ZEND_THIS);
	if (!d) RETURN_THROWS();
	RETURN_OBJ(php_segment_ruleset_wrap(php_segment_compiled_addref(d->rules)));
}

/* The decoded document, or one part of it; NULL with an Error thrown. */
static bool doc_part(php_segment_model_data *d, const char *key, zval *out)
{
	zval doc;
	if (!decode(d->json, &doc)) {
		zval_ptr_dtor(&doc);
		zend_throw_error(NULL, "Segment\\Model: the stored document does not decode");
		return false;
	}
	if (!key) {
		ZVAL_COPY_VALUE(out, &doc);
		return true;
	}
	zval *v = zend_hash_str_find(Z_ARRVAL(doc), key, strlen(key));
	if (v) ZVAL_COPY(out, v);
	else ZVAL_NULL(out);
	zval_ptr_dtor(&doc);
	return true;
}

PHP_METHOD(Segment_Model, rfm)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_model_data *d = this_model(ZEND_THIS);
	if (!d) RETURN_THROWS();
	if (!d->rfm) RETURN_NULL();
	zval part;
	if (!doc_part(d, "rfm", &part)) RETURN_THROWS();
	php_segment_rfm_from_array(&part, "the model's rfm part", return_value);
	zval_ptr_dtor(&part);
}

PHP_METHOD(Segment_Model, kmeans)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_model_data *d = this_model(ZEND_THIS);
	if (!d) RETURN_THROWS();
	if (!d->km) RETURN_NULL();
	zval part;
	if (!doc_part(d, "kmeans", &part)) RETURN_THROWS();
	php_segment_kmeans_from_array(&part, "the model's kmeans part", return_value);
	zval_ptr_dtor(&part);
}

PHP_METHOD(Segment_Model, toArray)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_model_data *d = this_model(ZEND_THIS);
	if (!d) RETURN_THROWS();
	if (!doc_part(d, NULL, return_value)) RETURN_THROWS();
}

PHP_METHOD(Segment_Model, cacheInfo)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	add_assoc_long(return_value, "hits", SEGMENT_G(model_hits));
	add_assoc_long(return_value, "misses", SEGMENT_G(model_misses));
	add_assoc_long(return_value, "entries", zend_hash_num_elements(&SEGMENT_G(model_cache)));
}

void php_segment_model_init(zend_class_entry *ce)
{
	ce->create_object = model_create;
	memcpy(&model_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	model_handlers.offset = XtOffsetOf(php_segment_model, std);
	model_handlers.free_obj = model_free;
	model_handlers.clone_obj = NULL;
	for (int k = 0; k < K_COUNT; k++) model_keys[k] = zend_string_init_interned(key_names[k], strlen(key_names[k]), 1);
	visitor_types[0] = zend_string_init_interned(ZEND_STRL("guest"), 1);
	visitor_types[1] = zend_string_init_interned(ZEND_STRL("registered"), 1);
	visitor_types[2] = zend_string_init_interned(ZEND_STRL("customer"), 1);
	str_orders = zend_string_init_interned(ZEND_STRL("orders"), 1);
	str_frequency = zend_string_init_interned(ZEND_STRL("frequency"), 1);
}

void php_segment_model_release(php_segment_model_data *d) { data_release(d); }
