/*
 * segment_kmeans.c - the Segment\KMeans class: fit on rows or natively on
 * Profiles, prediction of one customer, descriptions, quality, suggestK,
 * save and load (docs/kmeans.md).
 *
 * A fitted model (km_model) is immutable and reference counted, so that
 * withNames() shares it: only the names belong to the PHP object.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "php.h"
#include "ext/json/php_json.h"
#include "main/php_globals.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"

#include "php_segment.h"
#include "seg_kdescribe.h"
#include "seg_kmeans.h"
#include "seg_kmodel.h"
#include "seg_kquality.h"
#include "seg_scale.h"

#define KM_FORMAT "segment-kmeans"
#define KM_VERSION 1
#define KM_DESCRIBE_MAX SEG_KDESCRIBE_MAX_D

enum { SRC_ROWS = 0, SRC_PROFILES = 1 };

/* ---- the features of a profile ------------------------------------------- */

enum { PF_RECENCY, PF_FREQUENCY, PF_MONETARY, PF_AOV, PF_TENURE, PF_GAP, PF_CANCELLED, PF_RETURNED, PF_COUNT };

typedef struct km_pfeature {
	const char *name;  /* the option's name */
	const char *alias; /* its key in a Profiles::get() array, when it differs */
	const char *label; /* in descriptions */
	const char *low, *high;
	bool log1p; /* by default */
} km_pfeature;

static const km_pfeature pfeatures[PF_COUNT] = {
	{"recency", NULL, "recency", "recent", "lapsed", false},
	{"frequency", "orders", "frequency", NULL, NULL, true},
	{"monetary", NULL, "monetary", NULL, NULL, true},
	{"avg_order_value", "average_order_value", "order value", NULL, NULL, true},
	{"tenure_days", NULL, "tenure", "new", "long-standing", false},
	{"mean_days_between_orders", NULL, "days between orders", NULL, NULL, false},
	{"cancelled", "cancelled_orders", "cancellations", NULL, NULL, true},
	{"returned", NULL, "returns", NULL, NULL, true},
};

/* Interned in MINIT: the profile keys row_values() looks up by name (a
 * lookup with the hash already known). */
static zend_string *pf_alias_strs[PF_COUNT];
static zend_string *str_orders, *str_frequency, *str_last_order_at;

static double pfeature_value(const seg_profile *p, int f, int64_t reference)
{
	switch (f) {
	case PF_RECENCY: return (double)seg_profile_recency(p, reference);
	case PF_FREQUENCY: return (double)p->orders;
	case PF_MONETARY: return p->monetary;
	case PF_AOV: return p->monetary / (double)p->orders;
	case PF_TENURE: return (double)((p->last_ts - p->first_ts) / 86400);
	case PF_GAP: /* one order: no gap was seen, 0 */
		return p->orders > 1 ? (double)(p->last_ts - p->first_ts) / 86400.0 / (double)(p->orders - 1) : 0.0;
	case PF_CANCELLED: return (double)p->cancelled;
	default: return p->returned;
	}
}

static const char *const algo_names[] = {"auto", "lloyd", "hamerly", "elkan"};

/* ---- the model ------------------------------------------------------------ */

typedef struct km_model {
	uint32_t refcount;
	uint32_t k, d;
	int source;
	uint8_t *pf;                /* profiles: per feature, its PF_* */
	zend_string **features;     /* d names */
	seg_scale_feature *scale;   /* d */
	double *centroids;          /* k x d, scaled space */
	double *original;           /* k x d, original units */
	zend_string **descriptions; /* k */
	double *percentiles;        /* k x d; NULL when d > KM_DESCRIBE_MAX */
	uint64_t *sizes;            /* k */
	uint64_t rows;
	double inertia;
	uint32_t iterations, n_init, best_init, max_iter, threads, seed_trials, local_search;
	double tol;
	zend_long seed;
	seg_kmeans_algo algo, algo_run;
	bool init_given;
	bool has_reference;
	int64_t reference; /* profiles: recency was measured to this */
	/* The fitted rows; x is NULL after load(). */
	size_t n;
	double *x;        /* n x d, scaled */
	uint32_t *labels; /* n */
	uint32_t *index;  /* profiles: the profile of each row */
	zval keys;        /* rows given with keys: the keys, a list; else UNDEF */
	zval profiles;    /* profiles: the Profiles object */
} km_model;

static km_model *model_new(void)
{
	km_model *m = ecalloc(1, sizeof *m);
	m->refcount = 1;
	ZVAL_UNDEF(&m->keys);
	ZVAL_UNDEF(&m->profiles);
	return m;
}

static void strings_free(zend_string **list, size_t n)
{
	if (!list) return;
	for (size_t i = 0; i < n; i++)
		if (list[i]) zend_string_release(list[i]);
	efree(list);
}

static void model_release(km_model *m)
{
	if (!m || --m->refcount) return;
	if (m->pf) efree(m->pf);
	strings_free(m->features, m->d);
	strings_free(m->descriptions, m->k);
	if (m->scale) efree(m->scale);
	if (m->centroids) efree(m->centroids);
	if (m->original) efree(m->original);
	if (m->percentiles) efree(m->percentiles);
	if (m->sizes) efree(m->sizes);
	if (m->x) efree(m->x);
	if (m->labels) efree(m->labels);
	if (m->index) efree(m->index);
	zval_ptr_dtor(&m->keys);
	zval_ptr_dtor(&m->profiles);
	efree(m);
}

typedef struct php_segment_kmeans {
	km_model *m;
	zend_string **names; /* k */
	zend_object std;
} php_segment_kmeans;

/* Array keys of the arrays the class returns, made once in MINIT. */
enum {
	K_CLUSTER, K_CLUSTER_NAME, K_DISTANCE, K_NAME, K_DESCRIPTION, K_SIZE, K_SHARE, K_CENTROID, K_PERCENTILES,
	K_K, K_INERTIA, K_SILHOUETTE, K_ITERATIONS, K_ROWS, K_SUGGESTED, K_COUNT
};
static const char *const key_names[K_COUNT] = {
	"cluster", "cluster_name", "distance", "name", "description", "size", "share", "centroid", "percentiles",
	"k", "inertia", "silhouette", "iterations", "rows", "suggested",
};
static zend_string *km_keys[K_COUNT];

static zend_object_handlers kmeans_handlers;

static inline php_segment_kmeans *kmeans_from_obj(zend_object *obj)
{
	return (php_segment_kmeans *)((char *)obj - XtOffsetOf(php_segment_kmeans, std));
}

static zend_object *kmeans_create(zend_class_entry *ce)
{
	php_segment_kmeans *km = zend_object_alloc(sizeof(php_segment_kmeans), ce);
	zend_object_std_init(&km->std, ce);
	object_properties_init(&km->std, ce);
	km->std.handlers = &kmeans_handlers;
	km->m = NULL;
	km->names = NULL;
	return &km->std;
}

static void kmeans_free(zend_object *obj)
{
	php_segment_kmeans *km = kmeans_from_obj(obj);
	if (km->m) strings_free(km->names, km->m->k);
	model_release(km->m);
	zend_object_std_dtor(obj);
}

/* A new KMeans object in *out holding m (the reference passes to it) and names. */
static php_segment_kmeans *kmeans_wrap(zval *out, km_model *m, zend_string **names)
{
	object_init_ex(out, segment_ce_KMeans);
	php_segment_kmeans *km = kmeans_from_obj(Z_OBJ_P(out));
	km->m = m;
	km->names = names;
	return km;
}

static php_segment_kmeans *this_kmeans(zval *this_zv)
{
	php_segment_kmeans *km = kmeans_from_obj(Z_OBJ_P(this_zv));
	if (!km->m) {
		zend_throw_error(NULL, "Segment\\KMeans must be made with KMeans::fit() or KMeans::load()");
		return NULL;
	}
	return km;
}

/* A model with its fitted rows, or NULL and an Error. */
static php_segment_kmeans *this_fitted(zval *this_zv, const char *what)
{
	php_segment_kmeans *km = this_kmeans(this_zv);
	if (km && !km->m->x) {
		zend_throw_error(NULL, "a loaded Segment\\KMeans has centroids, not the rows it was fitted on: %s", what);
		return NULL;
	}
	return km;
}

/* ---- options --------------------------------------------------------------- */

static zval *opt_find(HashTable *opts, const char *name)
{
	zval *v = opts ? zend_hash_str_find_deref(opts, name, strlen(name)) : NULL;
	return v && Z_TYPE_P(v) != IS_NULL ? v : NULL;
}

/* Every key of opts must be one of allowed (NULL-terminated). */
static bool opts_known(HashTable *opts, const char *const *allowed)
{
	if (!opts) return true;
	zend_string *key;
	zend_ulong idx;
	ZEND_HASH_FOREACH_KEY(opts, idx, key) {
		if (!key) {
			zend_value_error("options must be keyed by name, not by the integer " ZEND_ULONG_FMT, idx);
			return false;
		}
		const char *best = NULL;
		zend_long best_d = 3;
		bool found = false;
		for (const char *const *a = allowed; *a && !found; a++) {
			found = zend_string_equals_cstr(key, *a, strlen(*a));
			zend_long dist = php_segment_edit_distance(ZSTR_VAL(key), ZSTR_LEN(key), *a, strlen(*a));
			if (dist < best_d) {
				best_d = dist;
				best = *a;
			}
		}
		if (!found) {
			if (best) zend_value_error("unknown option '%s' (did you mean '%s'?)", ZSTR_VAL(key), best);
			else zend_value_error("unknown option '%s'", ZSTR_VAL(key));
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

static bool opt_long(HashTable *opts, const char *name, zend_long min, zend_long max, zend_long *out)
{
	zval *v = opt_find(opts, name);
	if (!v) return true;
	if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < min || Z_LVAL_P(v) > max) {
		zend_value_error("option '%s' must be an integer from " ZEND_LONG_FMT " to " ZEND_LONG_FMT, name, min, max);
		return false;
	}
	*out = Z_LVAL_P(v);
	return true;
}

/* A feature's index by name, or -1. */
static int feature_index(zend_string *const *features, uint32_t d, const char *name, size_t len)
{
	for (uint32_t j = 0; j < d; j++)
		if (ZSTR_LEN(features[j]) == len && memcmp(ZSTR_VAL(features[j]), name, len) == 0) return (int)j;
	return -1;
}

/* "recency, frequency, monetary" */
static zend_string *feature_list(zend_string *const *features, uint32_t d)
{
	smart_str s = {0};
	for (uint32_t j = 0; j < d; j++) {
		if (j) smart_str_appends(&s, ", ");
		smart_str_append(&s, features[j]);
	}
	smart_str_0(&s);
	return s.s ? s.s : ZSTR_EMPTY_ALLOC();
}

/* ---- numbers ---------------------------------------------------------------- */

/* A finite number from an int, a float or a numeric string; otherwise false
 * and why in msg ("NAN is not a finite number", "bool given"). */
static bool km_number(zval *v, double *out, char *msg, size_t cap)
{
	ZVAL_DEREF(v);
	switch (Z_TYPE_P(v)) {
	case IS_LONG: *out = (double)Z_LVAL_P(v); return true;
	case IS_DOUBLE:
		*out = Z_DVAL_P(v);
		if (isfinite(*out)) return true;
		snprintf(msg, cap, "%s is not a finite number", isnan(*out) ? "NAN" : *out > 0 ? "INF" : "-INF");
		return false;
	case IS_STRING:
		if (php_segment_zval_number(v, out)) return true;
		snprintf(msg, cap, "\"%.40s%s\" is not a finite number", Z_STRVAL_P(v), Z_STRLEN_P(v) > 40 ? "..." : "");
		return false;
	default:
		snprintf(msg, cap, "a number is needed, %s given", zend_zval_type_name(v));
		return false;
	}
}

/* The core's messages start with "row N, feature M: " or "feature M: ";
 * the glue says row and feature its own way. */
static const char *core_reason(const char *msg)
{
	if (strncmp(msg, "row ", 4) == 0 || strncmp(msg, "feature ", 8) == 0) {
		const char *c = strstr(msg, ": ");
		if (c) return c + 2;
	}
	return msg;
}

/* ---- input: rows or profiles into one matrix ---------------------------------- */

typedef struct km_prep {
	size_t n;
	uint32_t d;
	int source;
	double *raw;             /* n x d, original units */
	zend_string **features;  /* d */
	uint8_t *pf;             /* profiles */
	seg_scale_feature *scale;
	uint32_t *index;         /* profiles */
	zval keys, profiles;
	bool has_reference;
	int64_t reference;
} km_prep;

static void prep_init(km_prep *p)
{
	memset(p, 0, sizeof *p);
	ZVAL_UNDEF(&p->keys);
	ZVAL_UNDEF(&p->profiles);
}

static void prep_free(km_prep *p)
{
	if (p->raw) efree(p->raw);
	strings_free(p->features, p->d);
	if (p->pf) efree(p->pf);
	if (p->scale) efree(p->scale);
	if (p->index) efree(p->index);
	zval_ptr_dtor(&p->keys);
	zval_ptr_dtor(&p->profiles);
	prep_init(p);
}

/* Row i (0-based) as a DataError names it: the customer for profiles. */
static void prep_data_error(const km_prep *p, size_t i, uint32_t j, const char *reason)
{
	const char *feature = j < p->d && p->features ? ZSTR_VAL(p->features[j]) : NULL;
	if (p->source == SRC_PROFILES && i < p->n) {
		const seg_profiles *ps = php_segment_profiles_fetch(Z_OBJ(p->profiles))->profiles;
		seg_str id = seg_profiles_id(ps, p->index[i]);
		php_segment_throw_data_error(NULL, (zend_long)i + 1, feature, "customer %.*s: %s", (int)id.len, id.s, reason);
	} else {
		php_segment_throw_data_error(NULL, (zend_long)i + 1, feature, "%s", reason);
	}
}

/* A list of d distinct, non-empty strings (option 'features'). */
static bool names_option(zval *v, const char *option, uint32_t want, zend_string ***out, uint32_t *count)
{
	if (Z_TYPE_P(v) != IS_ARRAY || !zend_array_is_list(Z_ARRVAL_P(v)) || !zend_hash_num_elements(Z_ARRVAL_P(v))) {
		zend_value_error("option '%s' must be a non-empty list of strings", option);
		return false;
	}
	uint32_t n = zend_hash_num_elements(Z_ARRVAL_P(v));
	if (want && n != want) {
		zend_value_error("option '%s' must name %u columns, it names %u", option, want, n);
		return false;
	}
	if (n > SEG_KMEANS_MAX_D) {
		zend_value_error("option '%s' names %u features, at most %d are supported", option, n, SEG_KMEANS_MAX_D);
		return false;
	}
	zend_string **names = ecalloc(n, sizeof *names);
	uint32_t j = 0;
	zval *s;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), s) {
		ZVAL_DEREF(s);
		if (Z_TYPE_P(s) != IS_STRING || !Z_STRLEN_P(s)) {
			strings_free(names, n);
			zend_value_error("option '%s' must be a non-empty list of non-empty strings", option);
			return false;
		}
		if (feature_index(names, j, Z_STRVAL_P(s), Z_STRLEN_P(s)) >= 0) {
			strings_free(names, n);
			zend_value_error("option '%s' names '%s' twice", option, Z_STRVAL_P(s));
			return false;
		}
		names[j++] = zend_string_copy(Z_STR_P(s));
	} ZEND_HASH_FOREACH_END();
	*out = names;
	*count = n;
	return true;
}

static bool prep_rows(HashTable *data, HashTable *opts, km_prep *p)
{
	uint32_t n = zend_hash_num_elements(data);
	if (!n) {
		zend_argument_value_error(1, "must hold at least one row");
		return false;
	}
	if (opt_find(opts, "reference")) {
		zend_value_error("option 'reference' is for Segment\\Profiles, not rows");
		return false;
	}
	p->source = SRC_ROWS;
	zval *first = NULL;
	ZEND_HASH_FOREACH_VAL(data, first) {
		break;
	} ZEND_HASH_FOREACH_END();
	ZVAL_DEREF(first);
	if (Z_TYPE_P(first) != IS_ARRAY) {
		php_segment_throw_data_error(NULL, 1, NULL, "a row must be an array, %s given", zend_zval_type_name(first));
		return false;
	}
	HashTable *fr = Z_ARRVAL_P(first);
	bool list = zend_array_is_list(fr), given = false;
	zval *fopt = opt_find(opts, "features");
	uint32_t d = zend_hash_num_elements(fr);
	if (!d) {
		php_segment_throw_data_error(NULL, 1, NULL, "the row is empty");
		return false;
	}
	if (fopt) {
		if (!names_option(fopt, "features", list ? d : 0, &p->features, &p->d)) return false;
		given = true;
	} else if (d > SEG_KMEANS_MAX_D) {
		zend_argument_value_error(1, "has rows of %u values, at most %d features are supported", d, SEG_KMEANS_MAX_D);
		return false;
	} else {
		p->features = ecalloc(d, sizeof(zend_string *));
		p->d = d;
		if (list) {
			for (uint32_t j = 0; j < d; j++) p->features[j] = zend_strpprintf(0, "x%u", j);
		} else {
			zend_string *key;
			zend_ulong idx;
			uint32_t j = 0;
			ZEND_HASH_FOREACH_KEY(fr, idx, key) {
				if (key && !ZSTR_LEN(key)) {
					php_segment_throw_data_error(NULL, 1, NULL, "a feature name (a key of the first row) must not be empty");
					return false;
				}
				p->features[j++] = key ? zend_string_copy(key) : zend_long_to_str((zend_long)idx);
			} ZEND_HASH_FOREACH_END();
		}
	}
	d = p->d;
	p->n = n;
	p->raw = safe_emalloc((size_t)n, (size_t)d * sizeof(double), 0);
	char msg[160];
	size_t i = 0;
	zval *row;
	ZEND_HASH_FOREACH_VAL(data, row) {
		ZVAL_DEREF(row);
		double *out = p->raw + i * d;
		if (Z_TYPE_P(row) != IS_ARRAY) {
			php_segment_throw_data_error(NULL, (zend_long)i + 1, NULL, "a row must be an array, %s given",
			                             zend_zval_type_name(row));
			return false;
		}
		HashTable *r = Z_ARRVAL_P(row);
		uint32_t cnt = zend_hash_num_elements(r);
		if (list) {
			if (!zend_array_is_list(r)) {
				php_segment_throw_data_error(NULL, (zend_long)i + 1, NULL, "the row is keyed, the first row is a list");
				return false;
			}
			if (cnt != d) {
				php_segment_throw_data_error(NULL, (zend_long)i + 1, NULL, "the row has %u value%s, the first row has %u",
				                             cnt, cnt == 1 ? "" : "s", d);
				return false;
			}
			if (HT_IS_PACKED(r) && HT_IS_WITHOUT_HOLES(r)) {
				/* the usual row, a packed list: its values in place, floats
				 * taken as they are */
				zval *v = r->arPacked;
				for (uint32_t j = 0; j < d; j++, v++) {
					if (EXPECTED(Z_TYPE_P(v) == IS_DOUBLE) && isfinite(Z_DVAL_P(v))) out[j] = Z_DVAL_P(v);
					else if (!km_number(v, &out[j], msg, sizeof msg)) {
						php_segment_throw_data_error(NULL, (zend_long)i + 1, ZSTR_VAL(p->features[j]), "%s", msg);
						return false;
					}
				}
			} else {
				uint32_t j = 0;
				zval *v;
				ZEND_HASH_FOREACH_VAL(r, v) {
					if (!km_number(v, &out[j], msg, sizeof msg)) {
						php_segment_throw_data_error(NULL, (zend_long)i + 1, ZSTR_VAL(p->features[j]), "%s", msg);
						return false;
					}
					j++;
				} ZEND_HASH_FOREACH_END();
			}
		} else {
			if (!given && cnt != d) {
				php_segment_throw_data_error(NULL, (zend_long)i + 1, NULL, "the row has %u keys, the first row has %u", cnt,
				                             d);
				return false;
			}
			for (uint32_t j = 0; j < d; j++) {
				zval *v = zend_symtable_find(r, p->features[j]);
				if (!v) {
					php_segment_throw_data_error(NULL, (zend_long)i + 1, ZSTR_VAL(p->features[j]), "the key is missing");
					return false;
				}
				if (!km_number(v, &out[j], msg, sizeof msg)) {
					php_segment_throw_data_error(NULL, (zend_long)i + 1, ZSTR_VAL(p->features[j]), "%s", msg);
					return false;
				}
			}
		}
		i++;
	} ZEND_HASH_FOREACH_END();
	if (!zend_array_is_list(data)) {
		zend_string *key;
		zend_ulong idx;
		array_init_size(&p->keys, n);
		ZEND_HASH_FOREACH_KEY(data, idx, key) {
			zval k;
			if (key) ZVAL_STR_COPY(&k, key);
			else ZVAL_LONG(&k, (zend_long)idx);
			zend_hash_next_index_insert_new(Z_ARRVAL(p->keys), &k);
		} ZEND_HASH_FOREACH_END();
	}
	return true;
}

static int pfeature_find(const char *name, size_t len)
{
	for (int f = 0; f < PF_COUNT; f++)
		if (strlen(pfeatures[f].name) == len && memcmp(pfeatures[f].name, name, len) == 0) return f;
	return -1;
}

static bool prep_profiles(zend_object *pobj, HashTable *opts, km_prep *p)
{
	php_segment_profiles *pp = php_segment_profiles_fetch(pobj);
	if (!pp->profiles) {
		zend_throw_error(NULL, "Segment\\Profiles was not initialized");
		return false;
	}
	p->source = SRC_PROFILES;
	ZVAL_OBJ_COPY(&p->profiles, pobj);
	zval *fopt = opt_find(opts, "features");
	if (fopt) {
		if (!names_option(fopt, "features", 0, &p->features, &p->d)) return false;
		p->pf = emalloc(p->d);
		for (uint32_t j = 0; j < p->d; j++) {
			int f = pfeature_find(ZSTR_VAL(p->features[j]), ZSTR_LEN(p->features[j]));
			if (f < 0) {
				zend_value_error("option 'features': a profile has no feature '%s' (recency, frequency, monetary, "
				                 "avg_order_value, tenure_days, mean_days_between_orders, cancelled, returned)",
				                 ZSTR_VAL(p->features[j]));
				return false;
			}
			p->pf[j] = (uint8_t)f;
		}
	} else {
		static const uint8_t rfm[3] = {PF_RECENCY, PF_FREQUENCY, PF_MONETARY};
		p->d = 3;
		p->pf = emalloc(3);
		p->features = ecalloc(3, sizeof(zend_string *));
		for (uint32_t j = 0; j < 3; j++) {
			p->pf[j] = rfm[j];
			p->features[j] = zend_string_init(pfeatures[rfm[j]].name, strlen(pfeatures[rfm[j]].name), 0);
		}
	}
	p->has_reference = true;
	p->reference = pp->reference;
	zval *ref = opt_find(opts, "reference");
	if (ref && !php_segment_option_time(ref, "reference", &p->reference)) return false;

	const seg_profiles *ps = pp->profiles;
	size_t total = seg_profiles_count(ps), n = 0;
	for (size_t i = 0; i < total; i++) n += seg_profiles_at(ps, i)->orders > 0;
	if (!n) {
		zend_argument_value_error(1, "has no customer with orders");
		return false;
	}
	uint32_t d = p->d;
	p->n = n;
	p->raw = safe_emalloc(n, (size_t)d * sizeof(double), 0);
	p->index = safe_emalloc(n, sizeof(uint32_t), 0);
	size_t r = 0;
	for (size_t i = 0; i < total; i++) {
		const seg_profile *pr = seg_profiles_at(ps, i);
		if (!pr->orders) continue;
		double *out = p->raw + r * d;
		for (uint32_t j = 0; j < d; j++) out[j] = pfeature_value(pr, p->pf[j], p->reference);
		p->index[r++] = (uint32_t)i;
	}
	return true;
}

/* scale, log1p and weights. */
static bool prep_scaling(HashTable *opts, km_prep *p)
{
	uint32_t d = p->d;
	seg_scale_kind kind = SEG_SCALE_ZSCORE;
	zval *v = opt_find(opts, "scale");
	if (v) {
		if (Z_TYPE_P(v) == IS_STRING && zend_string_equals_literal(Z_STR_P(v), "zscore")) kind = SEG_SCALE_ZSCORE;
		else if (Z_TYPE_P(v) == IS_STRING && zend_string_equals_literal(Z_STR_P(v), "minmax")) kind = SEG_SCALE_MINMAX;
		else if (Z_TYPE_P(v) == IS_STRING && zend_string_equals_literal(Z_STR_P(v), "none")) kind = SEG_SCALE_NONE;
		else {
			zend_value_error("option 'scale' must be \"zscore\", \"minmax\" or \"none\"");
			return false;
		}
	}
	p->scale = ecalloc(d, sizeof(seg_scale_feature));
	for (uint32_t j = 0; j < d; j++) {
		p->scale[j].kind = kind;
		p->scale[j].weight = 1.0;
		p->scale[j].log1p = p->source == SRC_PROFILES && pfeatures[p->pf[j]].log1p;
	}
	v = opt_find(opts, "log1p");
	if (v) {
		if (Z_TYPE_P(v) == IS_TRUE || Z_TYPE_P(v) == IS_FALSE) {
			for (uint32_t j = 0; j < d; j++) p->scale[j].log1p = Z_TYPE_P(v) == IS_TRUE;
		} else if (Z_TYPE_P(v) == IS_ARRAY && zend_array_is_list(Z_ARRVAL_P(v))) {
			for (uint32_t j = 0; j < d; j++) p->scale[j].log1p = false;
			zval *s;
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), s) {
				ZVAL_DEREF(s);
				int j = Z_TYPE_P(s) == IS_STRING ? feature_index(p->features, d, Z_STRVAL_P(s), Z_STRLEN_P(s)) : -1;
				if (j < 0) {
					zend_string *all = feature_list(p->features, d);
					if (Z_TYPE_P(s) == IS_STRING)
						zend_value_error("option 'log1p': there is no feature '%s' (%s)", Z_STRVAL_P(s), ZSTR_VAL(all));
					else
						zend_value_error("option 'log1p' must be true, false or a list of feature names (%s)", ZSTR_VAL(all));
					zend_string_release(all);
					return false;
				}
				p->scale[j].log1p = true;
			} ZEND_HASH_FOREACH_END();
		} else {
			zend_value_error("option 'log1p' must be true, false or a list of feature names");
			return false;
		}
	}
	v = opt_find(opts, "weights");
	if (v) {
		if (Z_TYPE_P(v) != IS_ARRAY) {
			zend_value_error("option 'weights' must be an array of feature name => weight");
			return false;
		}
		zend_string *key;
		zend_ulong idx;
		zval *w;
		ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(v), idx, key, w) {
			char buf[32];
			const char *name = key ? ZSTR_VAL(key) : buf;
			size_t len = key ? ZSTR_LEN(key) : (size_t)snprintf(buf, sizeof buf, ZEND_ULONG_FMT, idx);
			int j = feature_index(p->features, d, name, len);
			if (j < 0) {
				zend_string *all = feature_list(p->features, d);
				zend_value_error("option 'weights': there is no feature '%s' (%s)", name, ZSTR_VAL(all));
				zend_string_release(all);
				return false;
			}
			ZVAL_DEREF(w);
			double x = Z_TYPE_P(w) == IS_LONG ? (double)Z_LVAL_P(w) : Z_TYPE_P(w) == IS_DOUBLE ? Z_DVAL_P(w) : NAN;
			if (!(x > 0.0) || !isfinite(x)) {
				zend_value_error("option 'weights': the weight of '%s' must be a finite number above 0", name);
				return false;
			}
			p->scale[j].weight = x;
		} ZEND_HASH_FOREACH_END();
	}
	return true;
}

/* The data and the feature options of fit() and suggestK(). */
static bool prep_data(zval *data, HashTable *opts, km_prep *p)
{
	prep_init(p);
	bool ok;
	if (Z_TYPE_P(data) == IS_OBJECT) ok = prep_profiles(Z_OBJ_P(data), opts, p);
	else ok = prep_rows(Z_ARRVAL_P(data), opts, p);
	return ok && prep_scaling(opts, p);
}

/* Whether the fitted scaler leaves every value as it is ('scale' => 'none',
 * weight 1, no log1p): applying it would be an exact copy. */
static bool scale_is_identity(const seg_scale_feature *f, uint32_t d)
{
	for (uint32_t j = 0; j < d; j++)
		if (f[j].kind != SEG_SCALE_NONE || f[j].log1p || f[j].weight != 1.0 || f[j].center != 0.0 ||
		    f[j].scale != 1.0)
			return false;
	return true;
}

/* Fits the scaler on raw and scales it into a new buffer (*x); when the
 * scaler is the identity, *x takes raw itself (p->raw becomes NULL). */
static bool prep_scale(km_prep *p, double **x)
{
	seg_error err;
	seg_status st = seg_scale_fit(p->scale, p->d, p->raw, p->n, &err);
	if (st == SEG_OK && scale_is_identity(p->scale, p->d)) {
		*x = p->raw;
		p->raw = NULL;
		return true;
	}
	if (st != SEG_OK ||
	    seg_scale_apply_rows(p->scale, p->d, p->raw, p->n, (*x = safe_emalloc(p->n, (size_t)p->d * sizeof(double), 0)),
	                         &err) != SEG_OK) {
		if (err.status == SEG_E_NOMEM) zend_throw_error(NULL, "segment: out of memory while scaling");
		else if (err.line) prep_data_error(p, err.line - 1, err.column ? err.column - 1 : UINT32_MAX, core_reason(err.message));
		else if (!err.column) php_segment_throw_data_error(NULL, 0, NULL, "%s", core_reason(err.message));
		else {
			/* A whole feature (no row): "column 'x': ...", as with a row. */
			const char *f = ZSTR_VAL(p->features[err.column - 1]);
			php_segment_throw_data_error(NULL, 0, NULL, "column '%s': %s", f, core_reason(err.message));
			zend_update_property_string(segment_ce_DataError, EG(exception), ZEND_STRL("column"), f);
		}
		return false;
	}
	return true;
}

/* The k-means options shared by fit() and suggestK(). */
static bool parse_kmeans_options(HashTable *opts, seg_kmeans_options *o)
{
	zend_long v;
	memset(o, 0, sizeof *o);
	o->tol = 1e-4;
	v = 0;
	if (!opt_long(opts, "n_init", 1, UINT32_MAX, &v)) return false;
	o->n_init = (uint32_t)v;
	v = 300;
	if (!opt_long(opts, "max_iter", 1, UINT32_MAX, &v)) return false;
	o->max_iter = (uint32_t)v;
	v = 1;
	if (!opt_long(opts, "threads", 1, 2, &v)) return false;
	o->threads = (uint32_t)v;
	v = 0; /* resolved by the fit (below) */
	if (!opt_long(opts, "seed_trials", 1, SEG_KMEANS_MAX_TRIALS, &v)) return false;
	o->seed_trials = (uint32_t)v;
	v = -1;
	if (!opt_long(opts, "local_search", 0, 100000, &v)) return false;
	o->local_search = v < 0 ? SEG_KMEANS_LOCAL_SEARCH_DEFAULT : (uint32_t)v;
	zval *z = opt_find(opts, "seed");
	if (z) {
		if (Z_TYPE_P(z) != IS_LONG) {
			zend_value_error("option 'seed' must be an integer");
			return false;
		}
		o->seed = (uint64_t)Z_LVAL_P(z);
	}
	z = opt_find(opts, "tol");
	if (z) {
		double t = Z_TYPE_P(z) == IS_LONG ? (double)Z_LVAL_P(z) : Z_TYPE_P(z) == IS_DOUBLE ? Z_DVAL_P(z) : NAN;
		if (!(t >= 0.0) || !isfinite(t)) {
			zend_value_error("option 'tol' must be a finite number >= 0");
			return false;
		}
		o->tol = t;
	}
	o->algo = SEG_KMEANS_AUTO;
	z = opt_find(opts, "algorithm");
	if (z) {
		int a = -1;
		for (int i = 0; i < 4 && Z_TYPE_P(z) == IS_STRING; i++)
			if (zend_string_equals_cstr(Z_STR_P(z), algo_names[i], strlen(algo_names[i]))) a = i;
		if (a < 0) {
			zend_value_error("option 'algorithm' must be \"auto\", \"lloyd\", \"hamerly\" or \"elkan\"");
			return false;
		}
		o->algo = (seg_kmeans_algo)a;
	}
	return true;
}

/* One row of original units from a list of d numbers or an array keyed by
 * feature name; for profile models (pf given) also a Profiles::get() array.
 * No exception is thrown, except by a bad last_order_at (ROW_BAD with
 * EG(exception) set): the caller words the error; *bad is the feature (the
 * value count for ROW_COUNT) and msg says what is wrong with a value. */
typedef enum { ROW_OK, ROW_MISSING, ROW_BAD, ROW_COUNT, ROW_NO_ORDERS } row_status;

/* row_values(): recency from last_order_at to the wall clock now */
#define KM_NOW PHP_SEGMENT_NOW_LAZY

static row_status row_values(HashTable *r, zend_string *const *features, const uint8_t *pf, uint32_t d, int64_t *now,
                             bool has_orders, double *out, uint32_t *bad, char *msg, size_t cap)
{
	if (zend_array_is_list(r) && zend_hash_num_elements(r)) {
		if (zend_hash_num_elements(r) != d) {
			*bad = zend_hash_num_elements(r);
			return ROW_COUNT;
		}
		uint32_t j = 0;
		zval *v;
		ZEND_HASH_FOREACH_VAL(r, v) {
			if (!km_number(v, &out[j], msg, cap)) {
				*bad = j;
				return ROW_BAD;
			}
			j++;
		} ZEND_HASH_FOREACH_END();
		return ROW_OK;
	}
	if (pf && !has_orders) {
		/* A profile without orders has no features to cluster. */
		zval *o = zend_hash_find_known_hash(r, str_orders);
		if (!o) o = zend_hash_find_known_hash(r, str_frequency);
		if (o) ZVAL_DEREF(o);
		double orders;
		if (o && Z_TYPE_P(o) != IS_NULL && km_number(o, &orders, msg, cap) && orders < 1) return ROW_NO_ORDERS;
	}
	for (uint32_t j = 0; j < d; j++) {
		zval *v = zend_symtable_find(r, features[j]);
		if (v) ZVAL_DEREF(v);
		const km_pfeature *f = pf ? &pfeatures[pf[j]] : NULL;
		if ((!v || Z_TYPE_P(v) == IS_NULL) && f && f->alias) {
			v = zend_hash_find_known_hash(r, pf_alias_strs[pf[j]]);
			if (v) ZVAL_DEREF(v);
		}
		if ((!v || Z_TYPE_P(v) == IS_NULL) && f && pf[j] == PF_GAP && v) {
			out[j] = 0.0; /* null in a profile array: one order, no gap */
			continue;
		}
		if ((!v || Z_TYPE_P(v) == IS_NULL) && f && pf[j] == PF_RECENCY) {
			/* From last_order_at, measured to now, as Rfm::score(). */
			zval *last = zend_hash_find_known_hash(r, str_last_order_at);
			if (last) ZVAL_DEREF(last);
			int64_t ts;
			if (last && Z_TYPE_P(last) != IS_NULL) {
				if (!php_segment_option_time(last, "last_order_at", &ts)) return ROW_BAD; /* exception thrown */
				seg_profile tmp;
				tmp.last_ts = ts;
				out[j] = (double)seg_profile_recency(&tmp, php_segment_now(now));
				continue;
			}
		}
		if (!v) {
			*bad = j;
			return ROW_MISSING;
		}
		if (!km_number(v, &out[j], msg, cap)) {
			*bad = j;
			return ROW_BAD;
		}
	}
	return ROW_OK;
}

/* The init option: k rows in original units, scaled with the fitted scaler. */
static bool parse_init(zval *v, const km_prep *p, uint32_t k, double **out)
{
	*out = NULL;
	if (Z_TYPE_P(v) == IS_STRING && zend_string_equals_literal(Z_STR_P(v), "k-means++")) return true;
	if (Z_TYPE_P(v) != IS_ARRAY || !zend_array_is_list(Z_ARRVAL_P(v))) {
		zend_value_error("option 'init' must be \"k-means++\" or a list of k rows of initial centroids");
		return false;
	}
	if (zend_hash_num_elements(Z_ARRVAL_P(v)) != k) {
		zend_value_error("option 'init' must hold k = %u rows, it holds %u", k, zend_hash_num_elements(Z_ARRVAL_P(v)));
		return false;
	}
	uint32_t d = p->d, c = 0;
	double *init = safe_emalloc(k, (size_t)d * sizeof(double), 0);
	zval *row;
	char msg[160];
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), row) {
		ZVAL_DEREF(row);
		uint32_t bad = 0;
		int64_t now = KM_NOW;
		row_status st = Z_TYPE_P(row) != IS_ARRAY ? ROW_COUNT
		                                           : row_values(Z_ARRVAL_P(row), p->features, NULL, d, &now, false, init + (size_t)c * d,
		                                                        &bad, msg, sizeof msg);
		if (st == ROW_OK && !seg_scale_apply(p->scale, d, init + (size_t)c * d, init + (size_t)c * d)) {
			efree(init);
			zend_value_error("option 'init', row %u: a value cannot be scaled (log1p of a value <= -1, or far outside the data)",
			                 c + 1);
			return false;
		}
		if (st != ROW_OK) {
			efree(init);
			if (EG(exception)) return false;
			if (st == ROW_MISSING) zend_value_error("option 'init', row %u: '%s' is missing", c + 1, ZSTR_VAL(p->features[bad]));
			else if (st == ROW_BAD) zend_value_error("option 'init', row %u, '%s': %s", c + 1, ZSTR_VAL(p->features[bad]), msg);
			else zend_value_error("option 'init', row %u: a row must be a list of %u numbers or an array keyed by feature name",
			                      c + 1, d);
			return false;
		}
		c++;
	} ZEND_HASH_FOREACH_END();
	*out = init;
	return true;
}

/* A list of k distinct, non-empty names; argument 0 is option 'names'. */
static zend_string **parse_names(zval *v, uint32_t k, uint32_t arg)
{
	const char *err = NULL;
	if (Z_TYPE_P(v) != IS_ARRAY || !zend_array_is_list(Z_ARRVAL_P(v)) || zend_hash_num_elements(Z_ARRVAL_P(v)) != k)
		err = "must be a list of k non-empty strings";
	zend_string **names = err ? NULL : ecalloc(k, sizeof *names);
	uint32_t i = 0;
	zval *s;
	if (!err) {
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), s) {
			ZVAL_DEREF(s);
			if (Z_TYPE_P(s) != IS_STRING || !Z_STRLEN_P(s)) {
				err = "must be a list of k non-empty strings";
				break;
			}
			for (uint32_t j = 0; j < i && !err; j++)
				if (zend_string_equals(names[j], Z_STR_P(s))) err = "must not name two clusters the same";
			if (err) break;
			names[i++] = zend_string_copy(Z_STR_P(s));
		} ZEND_HASH_FOREACH_END();
	}
	if (!err) return names;
	strings_free(names, k);
	if (arg) zend_argument_value_error(arg, "%s (k = %u)", err, k);
	else zend_value_error("option 'names' %s (k = %u)", err, k);
	return NULL;
}

/* ---- fit ---------------------------------------------------------------------- */

static const char *const fit_options[] = {"features", "reference", "scale", "log1p", "weights", "n_init", "max_iter",
                                          "tol", "seed", "seed_trials", "local_search", "algorithm", "threads", "init", "names", NULL};
static const char *const suggest_options[] = {"features", "reference", "scale", "log1p", "weights", "n_init", "max_iter",
                                              "tol", "seed", "seed_trials", "local_search", "algorithm", "threads", "init", "names", "sample", NULL};

/* array|Segment\Profiles, with ZPP's TypeError otherwise. */
static bool data_param(zval *data)
{
	ZVAL_DEREF(data);
	if (Z_TYPE_P(data) != IS_ARRAY &&
	    !(Z_TYPE_P(data) == IS_OBJECT && instanceof_function(Z_OBJCE_P(data), segment_ce_Profiles))) {
		zend_argument_type_error(1, "must be of type Segment\\Profiles|array, %s given", zend_zval_type_name(data));
		return false;
	}
	return true;
}

/* Descriptions, names and percentiles of a model whose centroids are set. */
static zend_string **describe_model(km_model *m, const double *raw, size_t n)
{
	uint32_t k = m->k, d = m->d;
	zend_string **names = ecalloc(k, sizeof *names);
	m->descriptions = ecalloc(k, sizeof(zend_string *));
	seg_kdescribe_cluster *out = NULL;
	seg_kdescribe_feature *f = NULL;
	seg_error err;
	bool ok = false;
	char (*labels)[SEG_KDESCRIBE_MAX_WORD + 1] = NULL;
	if (d <= KM_DESCRIBE_MAX) {
		out = safe_emalloc(k, sizeof *out, 0);
		f = ecalloc(d, sizeof *f);
		labels = ecalloc(d, sizeof *labels);
		for (uint32_t j = 0; j < d; j++) {
			if (m->source == SRC_PROFILES) {
				const km_pfeature *pf = &pfeatures[m->pf[j]];
				f[j].name = pf->label;
				f[j].low_word = pf->low;
				f[j].high_word = pf->high;
			} else {
				/* "days_since_login" reads "days since login"; a long name is
				 * cut (at a UTF-8 character boundary) to what fits. */
				size_t len = ZSTR_LEN(m->features[j]);
				if (len > SEG_KDESCRIBE_MAX_WORD) {
					len = SEG_KDESCRIBE_MAX_WORD;
					while (len && ((unsigned char)ZSTR_VAL(m->features[j])[len] & 0xC0) == 0x80) len--;
				}
				memcpy(labels[j], ZSTR_VAL(m->features[j]), len);
				labels[j][len] = '\0';
				for (char *c = labels[j]; *c; c++)
					if (*c == '_') *c = ' ';
				f[j].name = labels[j];
			}
		}
		ok = seg_kdescribe(f, d, raw, n, m->original, k, out, &err) == SEG_OK;
	}
	if (ok) m->percentiles = safe_emalloc(k, (size_t)d * sizeof(double), 0);
	for (uint32_t c = 0; c < k; c++) {
		if (ok) {
			names[c] = zend_string_init(out[c].name, strlen(out[c].name), 0);
			m->descriptions[c] = zend_string_init(out[c].description, strlen(out[c].description), 0);
			memcpy(m->percentiles + (size_t)c * d, out[c].percentile, d * sizeof(double));
		} else {
			names[c] = zend_strpprintf(0, "Cluster %u", c + 1);
			m->descriptions[c] = ZSTR_EMPTY_ALLOC();
		}
	}
	if (out) efree(out);
	if (f) efree(f);
	if (labels) efree(labels);
	return names;
}

/* Moves the prepared data into a new model. */
static km_model *model_from_prep(km_prep *p)
{
	km_model *m = model_new();
	m->d = p->d;
	m->source = p->source;
	m->pf = p->pf;
	m->features = p->features;
	m->scale = p->scale;
	m->index = p->index;
	m->n = p->n;
	m->rows = p->n;
	m->has_reference = p->has_reference;
	m->reference = p->reference;
	ZVAL_COPY_VALUE(&m->keys, &p->keys);
	ZVAL_COPY_VALUE(&m->profiles, &p->profiles);
	p->pf = NULL;
	p->features = NULL;
	p->scale = NULL;
	p->index = NULL;
	ZVAL_UNDEF(&p->keys);
	ZVAL_UNDEF(&p->profiles);
	p->d = 0;
	return m;
}

PHP_METHOD(Segment_KMeans, fit)
{
	zval *data;
	zend_long k;
	HashTable *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_ZVAL(data)
		Z_PARAM_LONG(k)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	if (!data_param(data)) RETURN_THROWS();
	if (k < 1 || k > SEG_KMEANS_MAX_K) {
		zend_argument_value_error(2, "must be between 1 and %d", SEG_KMEANS_MAX_K);
		RETURN_THROWS();
	}
	if (!opts_known(opts, fit_options)) RETURN_THROWS();
	seg_kmeans_options o;
	if (!parse_kmeans_options(opts, &o)) RETURN_THROWS();
	km_prep p;
	double *x = NULL, *init = NULL;
	zend_string **names = NULL;
	km_model *m = NULL;
	if (!prep_data(data, opts, &p)) goto fail;
	if ((size_t)k > p.n) {
		zend_argument_value_error(2, "must be at most the number of rows (%zu)", p.n);
		goto fail;
	}
	o.k = (uint32_t)k;
	zval *v = opt_find(opts, "names");
	if (v && !(names = parse_names(v, o.k, 0))) goto fail;
	if (!prep_scale(&p, &x)) goto fail;
	if ((v = opt_find(opts, "init")) && !parse_init(v, &p, o.k, &init)) goto fail;
	if (init) {
		if (o.n_init > 1) {
			zend_value_error("option 'n_init' must be 1 with explicit 'init' centroids");
			goto fail;
		}
		o.n_init = 1;
		o.init = init;
	}

	double *centroids = safe_emalloc(o.k, (size_t)p.d * sizeof(double), 0);
	uint32_t *labels = safe_emalloc(p.n, sizeof(uint32_t), 0);
	seg_kmeans_info info;
	seg_error err;
	seg_status st = seg_kmeans_fit(x, p.n, p.d, &o, centroids, labels, &info, &err);
	m = model_from_prep(&p);
	m->k = o.k;
	m->x = x;
	m->centroids = centroids;
	m->labels = labels;
	x = NULL;
	if (st != SEG_OK) {
		if (st == SEG_E_NOMEM) zend_throw_error(NULL, "segment: out of memory in k-means");
		else zend_throw_exception_ex(segment_ce_Exception, 0, "k-means: %s", err.message);
		goto fail;
	}
	m->inertia = info.inertia;
	m->iterations = info.iterations;
	m->n_init = info.n_init;
	m->best_init = info.best_init;
	m->algo = o.algo;
	m->algo_run = info.algo;
	m->max_iter = o.max_iter;
	m->seed_trials = o.seed_trials ? o.seed_trials : seg_kmeans_default_trials(o.k);
	m->local_search = init ? 0 : o.local_search == SEG_KMEANS_LOCAL_SEARCH_DEFAULT ? seg_kmeans_default_local_search(o.k)
	                                                                                 : o.local_search;
	m->tol = o.tol;
	m->seed = (zend_long)o.seed;
	m->threads = o.threads ? o.threads : 1;
	m->init_given = init != NULL;
	m->original = safe_emalloc(o.k, (size_t)m->d * sizeof(double), 0);
	for (uint32_t c = 0; c < o.k; c++)
		seg_scale_invert(m->scale, m->d, m->centroids + (size_t)c * m->d, m->original + (size_t)c * m->d);
	m->sizes = ecalloc(o.k, sizeof(uint64_t));
	for (size_t i = 0; i < m->n; i++) m->sizes[m->labels[i]]++;
	zend_string **described = describe_model(m, p.raw ? p.raw : m->x, m->n);
	if (names) strings_free(described, o.k);
	else names = described;
	if (init) efree(init);
	prep_free(&p);
	kmeans_wrap(return_value, m, names);
	return;

fail:
	if (x) efree(x);
	if (init) efree(init);
	if (names) strings_free(names, (uint32_t)k);
	model_release(m);
	prep_free(&p);
	RETURN_THROWS();
}

PHP_METHOD(Segment_KMeans, suggestK)
{
	zval *data;
	zend_long kmin = 2, kmax = 10;
	HashTable *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 4)
		Z_PARAM_ZVAL(data)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(kmin)
		Z_PARAM_LONG(kmax)
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	if (!data_param(data)) RETURN_THROWS();
	if (kmin < 1 || kmin > SEG_KMEANS_MAX_K) {
		zend_argument_value_error(2, "must be between 1 and %d", SEG_KMEANS_MAX_K);
		RETURN_THROWS();
	}
	if (kmax < kmin || kmax > SEG_KMEANS_MAX_K) {
		zend_argument_value_error(3, "must be between $kMin and %d", SEG_KMEANS_MAX_K);
		RETURN_THROWS();
	}
	if (!opts_known(opts, suggest_options)) RETURN_THROWS();
	zval *v = opt_find(opts, "init");
	if (v && !(Z_TYPE_P(v) == IS_STRING && zend_string_equals_literal(Z_STR_P(v), "k-means++"))) {
		zend_value_error("option 'init' must be \"k-means++\" for suggestK(): explicit centroids are for one k");
		RETURN_THROWS();
	}
	zend_long sample = 10000;
	if (!opt_long(opts, "sample", 0, ZEND_LONG_MAX, &sample)) RETURN_THROWS();
	seg_kmeans_options o;
	if (!parse_kmeans_options(opts, &o)) RETURN_THROWS();
	km_prep p;
	double *x = NULL;
	if (!prep_data(data, opts, &p)) goto fail;
	if ((size_t)kmax > p.n) {
		zend_argument_value_error(3, "must be at most the number of rows (%zu)", p.n);
		goto fail;
	}
	if (!prep_scale(&p, &x)) goto fail;
	uint32_t nk = (uint32_t)(kmax - kmin + 1), suggested = 0;
	seg_kquality_row *rows = safe_emalloc(nk, sizeof *rows, 0);
	seg_error err;
	o.k = (uint32_t)kmin;
	seg_status st = seg_kmeans_suggest_k(x, p.n, p.d, (uint32_t)kmin, (uint32_t)kmax, &o, (size_t)sample, rows,
	                                     &suggested, &err);
	if (st != SEG_OK) {
		efree(rows);
		if (st == SEG_E_NOMEM) zend_throw_error(NULL, "segment: out of memory in k-means");
		else zend_throw_exception_ex(segment_ce_Exception, 0, "k-means: %s", err.message);
		goto fail;
	}
	zval list;
	array_init_size(&list, nk);
	for (uint32_t i = 0; i < nk; i++) {
		zval row, z;
		array_init_size(&row, 4);
		ZVAL_LONG(&z, rows[i].k);
		zend_hash_add_new(Z_ARRVAL(row), km_keys[K_K], &z);
		ZVAL_DOUBLE(&z, rows[i].inertia);
		zend_hash_add_new(Z_ARRVAL(row), km_keys[K_INERTIA], &z);
		if (isnan(rows[i].silhouette)) ZVAL_NULL(&z);
		else ZVAL_DOUBLE(&z, rows[i].silhouette);
		zend_hash_add_new(Z_ARRVAL(row), km_keys[K_SILHOUETTE], &z);
		ZVAL_LONG(&z, rows[i].iterations);
		zend_hash_add_new(Z_ARRVAL(row), km_keys[K_ITERATIONS], &z);
		zend_hash_next_index_insert_new(Z_ARRVAL(list), &row);
	}
	efree(rows);
	efree(x);
	prep_free(&p);
	array_init_size(return_value, 2);
	zend_hash_add_new(Z_ARRVAL_P(return_value), km_keys[K_ROWS], &list);
	zval z;
	ZVAL_LONG(&z, suggested);
	zend_hash_add_new(Z_ARRVAL_P(return_value), km_keys[K_SUGGESTED], &z);
	return;

fail:
	if (x) efree(x);
	prep_free(&p);
	RETURN_THROWS();
}

/* ---- one customer --------------------------------------------------------------- */

/* The cluster of one row, or false with an exception. */
/* What prediction needs of a model: a fitted or loaded km_model, or a
 * frozen copy kept across requests. */
typedef struct km_predictor {
	uint32_t k, d;
	const uint8_t *pf;                /* profiles: per feature, its PF_*; NULL: rows */
	zend_string *const *features;
	const seg_scale_feature *scale;
	const double *centroids;          /* scaled */
} km_predictor;

static km_predictor model_predictor(const km_model *m)
{
	km_predictor p = {m->k, m->d, m->source == SRC_PROFILES ? m->pf : NULL, m->features, m->scale, m->centroids};
	return p;
}

/* The nearest cluster of a row; false with a ValueError about argument arg. */
static bool predict_row(const km_predictor *m, HashTable *r, int64_t *now, uint32_t arg, bool has_orders,
                        uint32_t *label, double *dist2)
{
	double row[SEG_KMEANS_MAX_D];
	char msg[160];
	uint32_t bad = 0;
	switch (row_values(r, m->features, m->pf, m->d, now, has_orders, row, &bad, msg, sizeof msg)) {
	case ROW_OK: break;
	case ROW_MISSING: {
		zend_string *all = feature_list(m->features, m->d);
		zend_argument_value_error(arg, "has no '%s' (the model's features: %s)", ZSTR_VAL(m->features[bad]), ZSTR_VAL(all));
		zend_string_release(all);
		return false;
	}
	case ROW_BAD:
		if (!EG(exception)) zend_argument_value_error(arg, "'%s': %s", ZSTR_VAL(m->features[bad]), msg);
		return false;
	case ROW_COUNT:
		zend_argument_value_error(arg, "has %u values, the model has %u features", bad, m->d);
		return false;
	case ROW_NO_ORDERS:
		zend_argument_value_error(arg, "is a profile without orders, which has no cluster");
		return false;
	}
	seg_kmodel model = {m->k, m->d, m->scale, m->centroids};
	seg_error err;
	if (seg_kmodel_predict(&model, row, label, dist2, &err) != SEG_OK) {
		uint32_t j = err.column ? err.column - 1 : 0;
		zend_argument_value_error(arg, "'%s': %s", ZSTR_VAL(m->features[j]), core_reason(err.message));
		return false;
	}
	return true;
}

/* [cluster, cluster_name, distance] */
static void assign_zval(uint32_t label, zend_string *name, double dist2, zval *out)
{
	zval z;
	array_init_size(out, 3);
	ZVAL_LONG(&z, label);
	zend_hash_add_new(Z_ARRVAL_P(out), km_keys[K_CLUSTER], &z);
	ZVAL_STR_COPY(&z, name);
	zend_hash_add_new(Z_ARRVAL_P(out), km_keys[K_CLUSTER_NAME], &z);
	ZVAL_DOUBLE(&z, sqrt(dist2));
	zend_hash_add_new(Z_ARRVAL_P(out), km_keys[K_DISTANCE], &z);
}

PHP_METHOD(Segment_KMeans, predict)
{
	HashTable *row;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(row)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	uint32_t label;
	km_predictor p = model_predictor(km->m);
	int64_t now = KM_NOW;
	if (!predict_row(&p, row, &now, 1, false, &label, NULL)) RETURN_THROWS();
	RETURN_LONG(label);
}

PHP_METHOD(Segment_KMeans, assign)
{
	HashTable *row;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(row)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	uint32_t label;
	double dist2;
	km_predictor p = model_predictor(km->m);
	int64_t now = KM_NOW;
	if (!predict_row(&p, row, &now, 1, false, &label, &dist2)) RETURN_THROWS();
	assign_zval(label, km->names[label], dist2, return_value);
}

/* ---- the fitted rows --------------------------------------------------------------- */

/* True when the id is an integer key for PHP arrays ("12", not "012"), as
 * zend_symtable decides (as segment_rfm.c). */
static inline bool id_is_index(seg_str id, zend_ulong *idx)
{
	return id.len > (id.len && id.s[0] == '-' ? 1u : 0u) && ZEND_HANDLE_NUMERIC_STR(id.s, id.len, *idx);
}

/* The key of fitted row i: its index, its key in $data, or the customer id. */
static void row_key(const km_model *m, size_t i, zval *key)
{
	if (m->source == SRC_PROFILES) {
		const seg_profiles *ps = php_segment_profiles_fetch(Z_OBJ(m->profiles))->profiles;
		seg_str id = seg_profiles_id(ps, m->index[i]);
		zend_ulong idx;
		if (id_is_index(id, &idx)) ZVAL_LONG(key, (zend_long)idx);
		else ZVAL_STRINGL(key, id.s, id.len);
	} else if (Z_TYPE(m->keys) == IS_ARRAY) {
		ZVAL_COPY(key, zend_hash_index_find(Z_ARRVAL(m->keys), i));
	} else {
		ZVAL_LONG(key, (zend_long)i);
	}
}

PHP_METHOD(Segment_KMeans, labels)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_kmeans *km = this_fitted(ZEND_THIS, "use predict()");
	if (!km) RETURN_THROWS();
	km_model *m = km->m;
	if (m->source == SRC_ROWS && Z_TYPE(m->keys) != IS_ARRAY) {
		array_init_size(return_value, (uint32_t)m->n);
		zend_hash_real_init_packed(Z_ARRVAL_P(return_value));
		ZEND_HASH_FILL_PACKED(Z_ARRVAL_P(return_value)) {
			for (size_t i = 0; i < m->n; i++) {
				ZEND_HASH_FILL_SET_LONG(m->labels[i]);
				ZEND_HASH_FILL_NEXT();
			}
		} ZEND_HASH_FILL_END();
		return;
	}
	array_init_size(return_value, (uint32_t)m->n);
	for (size_t i = 0; i < m->n; i++) {
		zval key, v;
		row_key(m, i, &key);
		ZVAL_LONG(&v, m->labels[i]);
		if (Z_TYPE(key) == IS_LONG) zend_hash_index_update(Z_ARRVAL_P(return_value), (zend_ulong)Z_LVAL(key), &v);
		else zend_symtable_update(Z_ARRVAL_P(return_value), Z_STR(key), &v);
		zval_ptr_dtor(&key);
	}
}

typedef struct km_iterator {
	zend_object_iterator it; /* it.data: the KMeans */
	size_t pos;
	zval current;
} km_iterator;

static km_model *kit_model(zend_object_iterator *it) { return kmeans_from_obj(Z_OBJ(it->data))->m; }

static void kit_dtor(zend_object_iterator *it)
{
	zval_ptr_dtor(&((km_iterator *)it)->current);
	zval_ptr_dtor(&it->data);
}

static int kit_valid(zend_object_iterator *it)
{
	return ((km_iterator *)it)->pos < kit_model(it)->n ? SUCCESS : FAILURE;
}

static zval *kit_current(zend_object_iterator *it)
{
	km_iterator *ki = (km_iterator *)it;
	km_model *m = kit_model(it);
	if (ki->pos >= m->n) return NULL;
	ZVAL_LONG(&ki->current, m->labels[ki->pos]);
	return &ki->current;
}

static void kit_key(zend_object_iterator *it, zval *key)
{
	km_iterator *ki = (km_iterator *)it;
	km_model *m = kit_model(it);
	if (ki->pos >= m->n) ZVAL_NULL(key);
	else row_key(m, ki->pos, key);
}

static void kit_next(zend_object_iterator *it) { ((km_iterator *)it)->pos++; }
static void kit_rewind(zend_object_iterator *it) { ((km_iterator *)it)->pos = 0; }

static const zend_object_iterator_funcs kmeans_iterator_funcs = {
	kit_dtor, kit_valid, kit_current, kit_key, kit_next, kit_rewind, NULL, NULL,
};

static zend_object_iterator *kmeans_get_iterator(zend_class_entry *ce, zval *object, int by_ref)
{
	(void)ce;
	if (by_ref) {
		zend_throw_error(NULL, "Segment\\KMeans cannot be iterated by reference");
		return NULL;
	}
	if (!this_fitted(object, "use predict()")) return NULL;
	km_iterator *ki = emalloc(sizeof *ki);
	zend_iterator_init(&ki->it);
	ZVAL_OBJ_COPY(&ki->it.data, Z_OBJ_P(object));
	ki->it.funcs = &kmeans_iterator_funcs;
	ki->pos = 0;
	ZVAL_UNDEF(&ki->current);
	return &ki->it;
}

PHP_METHOD(Segment_KMeans, getIterator)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (zend_create_internal_iterator_zval(return_value, ZEND_THIS) == FAILURE) RETURN_THROWS();
}

PHP_METHOD(Segment_KMeans, silhouette)
{
	zend_long sample = 10000, seed = 0;
	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(sample)
		Z_PARAM_LONG(seed)
	ZEND_PARSE_PARAMETERS_END();
	if (sample < 0) {
		zend_argument_value_error(1, "must be 0 (every row) or a number of rows");
		RETURN_THROWS();
	}
	php_segment_kmeans *km = this_fitted(ZEND_THIS, "silhouette() needs them");
	if (!km) RETURN_THROWS();
	km_model *m = km->m;
	double score;
	seg_error err;
	seg_status st = seg_silhouette(m->x, m->n, m->d, m->labels, m->k, (size_t)sample, (uint64_t)seed, &score, &err);
	if (st == SEG_E_NOMEM) {
		zend_throw_error(NULL, "segment: out of memory in silhouette()");
		RETURN_THROWS();
	}
	if (st != SEG_OK) {
		/* As scikit-learn: it needs 2 .. points - 1 clusters with points. */
		uint32_t present = 0;
		for (uint32_t c = 0; c < m->k; c++) present += m->sizes[c] > 0;
		size_t points = sample == 0 || (size_t)sample >= m->n ? m->n : (size_t)sample;
		if (present < 2 || present + 1 > points)
			zend_value_error("the silhouette needs 2 to %zu clusters with rows (the rows scored minus 1), this model has %u",
			                 points - 1, present);
		else
			zend_value_error("the silhouette is undefined here: %s", err.message);
		RETURN_THROWS();
	}
	RETURN_DOUBLE(score);
}

/* ---- the model as data ---------------------------------------------------------------- */

/* feature name => value, for the first `count` features. */
static void by_feature(const km_model *m, const double *values, uint32_t count, zval *out)
{
	array_init_size(out, count);
	for (uint32_t j = 0; j < count; j++) {
		zval v;
		ZVAL_DOUBLE(&v, values[j]);
		zend_symtable_update(Z_ARRVAL_P(out), m->features[j], &v);
	}
}

PHP_METHOD(Segment_KMeans, centroids)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	km_model *m = km->m;
	array_init_size(return_value, m->k);
	for (uint32_t c = 0; c < m->k; c++) {
		zval row;
		by_feature(m, m->original + (size_t)c * m->d, m->d, &row);
		zend_hash_next_index_insert_new(Z_ARRVAL_P(return_value), &row);
	}
}

PHP_METHOD(Segment_KMeans, inertia)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	RETURN_DOUBLE(km->m->inertia);
}

PHP_METHOD(Segment_KMeans, iterations)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	RETURN_LONG(km->m->iterations);
}

PHP_METHOD(Segment_KMeans, names)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	array_init_size(return_value, km->m->k);
	for (uint32_t c = 0; c < km->m->k; c++) add_next_index_str(return_value, zend_string_copy(km->names[c]));
}

PHP_METHOD(Segment_KMeans, withNames)
{
	zval *names;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY(names)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	zend_string **list = parse_names(names, km->m->k, 1);
	if (!list) RETURN_THROWS();
	km->m->refcount++;
	kmeans_wrap(return_value, km->m, list);
}

/* One cluster: name, description, size, share, centroid, percentiles (+ scaled). */
static void cluster_zval(const php_segment_kmeans *km, uint32_t c, bool with_index, bool with_scaled, zval *out)
{
	const km_model *m = km->m;
	zval z;
	array_init_size(out, 8);
	HashTable *ht = Z_ARRVAL_P(out);
	if (with_index) {
		ZVAL_LONG(&z, c);
		zend_hash_add_new(ht, km_keys[K_CLUSTER], &z);
	}
	ZVAL_STR_COPY(&z, km->names[c]);
	zend_hash_add_new(ht, km_keys[K_NAME], &z);
	ZVAL_STR_COPY(&z, m->descriptions[c]);
	zend_hash_add_new(ht, km_keys[K_DESCRIPTION], &z);
	ZVAL_LONG(&z, (zend_long)m->sizes[c]);
	zend_hash_add_new(ht, km_keys[K_SIZE], &z);
	ZVAL_DOUBLE(&z, m->rows ? (double)m->sizes[c] / (double)m->rows : 0.0);
	zend_hash_add_new(ht, km_keys[K_SHARE], &z);
	by_feature(m, m->original + (size_t)c * m->d, m->d, &z);
	zend_hash_add_new(ht, km_keys[K_CENTROID], &z);
	if (with_scaled) {
		array_init_size(&z, m->d);
		for (uint32_t j = 0; j < m->d; j++) add_next_index_double(&z, m->centroids[(size_t)c * m->d + j]);
		zend_hash_str_add_new(ht, ZEND_STRL("scaled"), &z);
	}
	if (m->percentiles) by_feature(m, m->percentiles + (size_t)c * m->d, m->d, &z);
	else array_init(&z);
	zend_hash_add_new(ht, km_keys[K_PERCENTILES], &z);
}

PHP_METHOD(Segment_KMeans, describe)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	array_init_size(return_value, km->m->k);
	for (uint32_t c = 0; c < km->m->k; c++) {
		zval row;
		cluster_zval(km, c, true, false, &row);
		zend_hash_next_index_insert_new(Z_ARRVAL_P(return_value), &row);
	}
}

static const char *const scaling_names[] = {"none", "zscore", "minmax"};

static void model_zval(const php_segment_kmeans *km, zval *out)
{
	const km_model *m = km->m;
	zval list, z;
	array_init(out);
	add_assoc_string(out, "format", KM_FORMAT);
	add_assoc_long(out, "version", KM_VERSION);
	add_assoc_long(out, "k", m->k);
	add_assoc_string(out, "source", m->source == SRC_PROFILES ? "profiles" : "rows");
	array_init_size(&list, m->d);
	for (uint32_t j = 0; j < m->d; j++) {
		const seg_scale_feature *f = &m->scale[j];
		array_init_size(&z, 6);
		add_assoc_str(&z, "name", zend_string_copy(m->features[j]));
		add_assoc_bool(&z, "log1p", f->log1p);
		add_assoc_string(&z, "scaling", (char *)scaling_names[f->kind]);
		add_assoc_double(&z, "center", f->center);
		add_assoc_double(&z, "scale", f->scale);
		add_assoc_double(&z, "weight", f->weight);
		add_next_index_zval(&list, &z);
	}
	add_assoc_zval(out, "features", &list);
	array_init_size(&list, m->k);
	for (uint32_t c = 0; c < m->k; c++) {
		cluster_zval(km, c, false, true, &z);
		add_next_index_zval(&list, &z);
	}
	add_assoc_zval(out, "clusters", &list);
	array_init(&z);
	add_assoc_long(&z, "rows", (zend_long)m->rows);
	/* Only the inertia can overflow (data near DBL_MAX with scale "none"):
	 * JSON has no infinity, so the file says null. */
	if (isfinite(m->inertia)) add_assoc_double(&z, "inertia", m->inertia);
	else add_assoc_null(&z, "inertia");
	add_assoc_long(&z, "iterations", m->iterations);
	add_assoc_long(&z, "n_init", m->n_init);
	add_assoc_long(&z, "best_init", m->best_init);
	add_assoc_long(&z, "max_iter", m->max_iter);
	add_assoc_double(&z, "tol", m->tol);
	add_assoc_long(&z, "seed", m->seed);
	add_assoc_long(&z, "seed_trials", m->seed_trials);
	add_assoc_long(&z, "local_search", m->local_search);
	add_assoc_string(&z, "algorithm", (char *)algo_names[m->algo]);
	add_assoc_string(&z, "algorithm_run", (char *)algo_names[m->algo_run]);
	add_assoc_string(&z, "init", m->init_given ? "given" : "k-means++");
	add_assoc_long(&z, "threads", m->threads);
	if (m->has_reference) add_assoc_str(&z, "reference", php_segment_format_wall(m->reference));
	else add_assoc_null(&z, "reference");
	add_assoc_zval(out, "fit", &z);
}

PHP_METHOD(Segment_KMeans, toArray)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	model_zval(km, return_value);
}

PHP_METHOD(Segment_KMeans, save)
{
	zend_string *path;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_kmeans *km = this_kmeans(ZEND_THIS);
	if (!km) RETURN_THROWS();
	zval model;
	model_zval(km, &model);
	php_segment_save_json(&model, path, "k-means model");
}

/* ---- load ---------------------------------------------------------------------------------- */

typedef struct km_loader {
	const char *origin; /* "'path'" */
	char field[128];
	bool failed;
} km_loader;

static bool load_fail(km_loader *L, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);

/* "'FILE' is not a valid k-means model: 'FIELD' WHAT" (origin: "'FILE'") */
static bool load_fail(km_loader *L, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zend_string *what = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	zend_throw_exception_ex(segment_ce_Exception, 0, "%s is not a valid k-means model: '%s' %s", L->origin, L->field,
	                        ZSTR_VAL(what));
	zend_string_release(what);
	L->failed = true;
	return false;
}

static zval *load_get(km_loader *L, zval *obj, const char *prefix, const char *key)
{
	if (prefix) snprintf(L->field, sizeof L->field, "%s.%s", prefix, key);
	else snprintf(L->field, sizeof L->field, "%s", key);
	zval *v = Z_TYPE_P(obj) == IS_ARRAY ? zend_hash_str_find(Z_ARRVAL_P(obj), key, strlen(key)) : NULL;
	if (!v) load_fail(L, "is missing");
	return v;
}

static bool load_long(km_loader *L, zval *obj, const char *prefix, const char *key, zend_long min, zend_long max,
                      zend_long *out)
{
	zval *v = load_get(L, obj, prefix, key);
	if (!v) return false;
	if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < min || Z_LVAL_P(v) > max)
		return load_fail(L, "must be an integer from " ZEND_LONG_FMT " to " ZEND_LONG_FMT, min, max);
	*out = Z_LVAL_P(v);
	return true;
}

static bool load_number(km_loader *L, zval *v, double *out)
{
	if (Z_TYPE_P(v) == IS_LONG) *out = (double)Z_LVAL_P(v);
	else if (Z_TYPE_P(v) == IS_DOUBLE) *out = Z_DVAL_P(v);
	else return load_fail(L, "must be a number, %s given", zend_zval_type_name(v));
	if (!isfinite(*out)) return load_fail(L, "must be a finite number");
	return true;
}

static bool load_double(km_loader *L, zval *obj, const char *prefix, const char *key, double min, double max,
                        double *out)
{
	zval *v = load_get(L, obj, prefix, key);
	if (!v || !load_number(L, v, out)) return false;
	if (*out < min || *out > max) return load_fail(L, "must be from %g to %g", min, max);
	return true;
}

/* One of the strings of `names`, as its index. */
static bool load_enum(km_loader *L, zval *obj, const char *prefix, const char *key, const char *const *names, int count,
                      int *out)
{
	zval *v = load_get(L, obj, prefix, key);
	if (!v) return false;
	for (int i = 0; i < count && Z_TYPE_P(v) == IS_STRING; i++) {
		if (zend_string_equals_cstr(Z_STR_P(v), names[i], strlen(names[i]))) {
			*out = i;
			return true;
		}
	}
	smart_str s = {0};
	for (int i = 0; i < count; i++) {
		smart_str_appends(&s, i ? ", \"" : "\"");
		smart_str_appends(&s, names[i]);
		smart_str_appendc(&s, '"');
	}
	smart_str_0(&s);
	load_fail(L, "must be one of %s", ZSTR_VAL(s.s));
	smart_str_free(&s);
	return false;
}

static zend_string *load_string(km_loader *L, zval *obj, const char *prefix, const char *key, bool nonempty)
{
	zval *v = load_get(L, obj, prefix, key);
	if (!v) return NULL;
	if (Z_TYPE_P(v) != IS_STRING || (nonempty && !Z_STRLEN_P(v))) {
		load_fail(L, "must be a %sstring", nonempty ? "non-empty " : "");
		return NULL;
	}
	return Z_STR_P(v);
}

/* A list of exactly n entries. */
static HashTable *load_list(km_loader *L, zval *obj, const char *prefix, const char *key, uint32_t n)
{
	zval *v = load_get(L, obj, prefix, key);
	if (!v) return NULL;
	if (Z_TYPE_P(v) != IS_ARRAY || !zend_array_is_list(Z_ARRVAL_P(v)) || zend_hash_num_elements(Z_ARRVAL_P(v)) != n) {
		load_fail(L, "must be a list of %u entries", n);
		return NULL;
	}
	return Z_ARRVAL_P(v);
}

/* feature name => number for each of the first `count` features, nothing else. */
static bool load_by_feature(km_loader *L, zval *obj, const char *prefix, const char *key, const km_model *m,
                            uint32_t count, double min, double max, double *out)
{
	zval *v = load_get(L, obj, prefix, key);
	if (!v) return false;
	if (Z_TYPE_P(v) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(v)) != count)
		return load_fail(L, "must map each of the %u features to a number", count);
	char base[128];
	snprintf(base, sizeof base, "%s", L->field);
	for (uint32_t j = 0; j < count; j++) {
		zval *x = zend_symtable_find(Z_ARRVAL_P(v), m->features[j]);
		snprintf(L->field, sizeof L->field, "%s.%s", base, ZSTR_VAL(m->features[j]));
		if (!x) return load_fail(L, "is missing");
		if (!load_number(L, x, &out[j])) return false;
		if (out[j] < min || out[j] > max) return load_fail(L, "must be from %g to %g", min, max);
	}
	return true;
}

static bool load_features(km_loader *L, zval *doc, km_model *m)
{
	zval *fl = load_get(L, doc, NULL, "features");
	if (!fl) return false;
	uint32_t d = Z_TYPE_P(fl) == IS_ARRAY ? zend_hash_num_elements(Z_ARRVAL_P(fl)) : 0;
	if (Z_TYPE_P(fl) != IS_ARRAY || !zend_array_is_list(Z_ARRVAL_P(fl)) || d < 1 || d > SEG_KMEANS_MAX_D)
		return load_fail(L, "must be a list of 1 to %d features", SEG_KMEANS_MAX_D);
	m->d = d;
	m->features = ecalloc(d, sizeof(zend_string *));
	m->scale = ecalloc(d, sizeof(seg_scale_feature));
	if (m->source == SRC_PROFILES) m->pf = ecalloc(d, 1);
	for (uint32_t j = 0; j < d; j++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "features[%u]", j);
		zval *f = zend_hash_index_find(Z_ARRVAL_P(fl), j);
		snprintf(L->field, sizeof L->field, "%s", prefix);
		if (Z_TYPE_P(f) != IS_ARRAY) return load_fail(L, "must be an object");
		zend_string *name = load_string(L, f, prefix, "name", true);
		if (!name) return false;
		if (feature_index(m->features, j, ZSTR_VAL(name), ZSTR_LEN(name)) >= 0) return load_fail(L, "repeats a name");
		if (m->source == SRC_PROFILES) {
			int pf = pfeature_find(ZSTR_VAL(name), ZSTR_LEN(name));
			if (pf < 0) return load_fail(L, "is not a profile feature");
			m->pf[j] = (uint8_t)pf;
		}
		m->features[j] = zend_string_copy(name);
		zval *lg = load_get(L, f, prefix, "log1p");
		if (!lg) return false;
		if (Z_TYPE_P(lg) != IS_TRUE && Z_TYPE_P(lg) != IS_FALSE) return load_fail(L, "must be true or false");
		m->scale[j].log1p = Z_TYPE_P(lg) == IS_TRUE;
		int kind = 0;
		if (!load_enum(L, f, prefix, "scaling", scaling_names, 3, &kind)) return false;
		m->scale[j].kind = (seg_scale_kind)kind;
		zval *x;
		if (!(x = load_get(L, f, prefix, "center")) || !load_number(L, x, &m->scale[j].center)) return false;
		if (!(x = load_get(L, f, prefix, "scale")) || !load_number(L, x, &m->scale[j].scale)) return false;
		if (!(x = load_get(L, f, prefix, "weight")) || !load_number(L, x, &m->scale[j].weight)) return false;
	}
	return true;
}

static bool load_clusters(km_loader *L, zval *doc, km_model *m, zend_string ***names_out)
{
	HashTable *cl = load_list(L, doc, NULL, "clusters", m->k);
	if (!cl) return false;
	uint32_t k = m->k, d = m->d;
	zend_string **names = ecalloc(k, sizeof *names);
	*names_out = names;
	m->descriptions = ecalloc(k, sizeof(zend_string *));
	m->centroids = safe_emalloc(k, (size_t)d * sizeof(double), 0);
	m->original = safe_emalloc(k, (size_t)d * sizeof(double), 0);
	m->sizes = ecalloc(k, sizeof(uint64_t));
	bool pct = true;
	for (uint32_t c = 0; c < k; c++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "clusters[%u]", c);
		zval *o = zend_hash_index_find(cl, c);
		snprintf(L->field, sizeof L->field, "%s", prefix);
		if (Z_TYPE_P(o) != IS_ARRAY) return load_fail(L, "must be an object");
		zend_string *s = load_string(L, o, prefix, "name", true);
		if (!s) return false;
		for (uint32_t i = 0; i < c; i++)
			if (zend_string_equals(names[i], s)) return load_fail(L, "repeats the name of clusters[%u]", i);
		names[c] = zend_string_copy(s);
		if (!(s = load_string(L, o, prefix, "description", false))) return false;
		m->descriptions[c] = zend_string_copy(s);
		zend_long size = 0;
		if (!load_long(L, o, prefix, "size", 0, ZEND_LONG_MAX, &size)) return false;
		m->sizes[c] = (uint64_t)size;
		double share = 0;
		if (!load_double(L, o, prefix, "share", 0.0, 1.0, &share)) return false;
		char sub[48];
		snprintf(sub, sizeof sub, "%s.scaled", prefix);
		HashTable *sc = load_list(L, o, prefix, "scaled", d);
		if (!sc) return false;
		for (uint32_t j = 0; j < d; j++) {
			snprintf(L->field, sizeof L->field, "%s[%u]", sub, j);
			if (!load_number(L, zend_hash_index_find(sc, j), &m->centroids[(size_t)c * d + j])) return false;
		}
		if (!load_by_feature(L, o, prefix, "centroid", m, d, -INFINITY, INFINITY, m->original + (size_t)c * d))
			return false;
		/* percentiles: every feature, or none for a model of more than 64 features */
		zval *p = load_get(L, o, prefix, "percentiles");
		if (!p) return false;
		if (c == 0) pct = Z_TYPE_P(p) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL_P(p)) > 0;
		if (pct) {
			if (d > KM_DESCRIBE_MAX) return load_fail(L, "must be empty for more than %d features", KM_DESCRIBE_MAX);
			if (!m->percentiles) m->percentiles = safe_emalloc(k, (size_t)d * sizeof(double), 0);
			if (!load_by_feature(L, o, prefix, "percentiles", m, d, 0.0, 100.0, m->percentiles + (size_t)c * d))
				return false;
		} else if (Z_TYPE_P(p) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(p))) {
			return load_fail(L, "must be empty, as in clusters[0]");
		}
	}
	return true;
}

static bool load_fit(km_loader *L, zval *doc, km_model *m)
{
	zval *fit = load_get(L, doc, NULL, "fit");
	if (!fit) return false;
	if (Z_TYPE_P(fit) != IS_ARRAY) return load_fail(L, "must be an object");
	zend_long v = 0;
	if (!load_long(L, fit, "fit", "rows", m->k, ZEND_LONG_MAX, &v)) return false;
	m->rows = (uint64_t)v;
	uint64_t sum = 0;
	for (uint32_t c = 0; c < m->k; c++) sum += m->sizes[c];
	if (sum != m->rows) return load_fail(L, "is " ZEND_LONG_FMT " but the cluster sizes add up to %" PRIu64, v, sum);
	zval *in = load_get(L, fit, "fit", "inertia");
	if (!in) return false;
	if (Z_TYPE_P(in) == IS_NULL) m->inertia = INFINITY; /* it overflowed */
	else if (!load_number(L, in, &m->inertia)) return false;
	else if (m->inertia < 0) return load_fail(L, "must not be negative");
	if (!load_long(L, fit, "fit", "iterations", 0, UINT32_MAX, &v)) return false;
	m->iterations = (uint32_t)v;
	if (!load_long(L, fit, "fit", "n_init", 1, UINT32_MAX, &v)) return false;
	m->n_init = (uint32_t)v;
	if (!load_long(L, fit, "fit", "best_init", 0, m->n_init - 1, &v)) return false;
	m->best_init = (uint32_t)v;
	if (!load_long(L, fit, "fit", "max_iter", 1, UINT32_MAX, &v)) return false;
	m->max_iter = (uint32_t)v;
	if (!load_double(L, fit, "fit", "tol", 0.0, INFINITY, &m->tol)) return false;
	if (!load_long(L, fit, "fit", "seed", ZEND_LONG_MIN, ZEND_LONG_MAX, &m->seed)) return false;
	if (!load_long(L, fit, "fit", "seed_trials", 1, SEG_KMEANS_MAX_TRIALS, &v)) return false;
	m->seed_trials = (uint32_t)v;
	if (!load_long(L, fit, "fit", "local_search", 0, 100000, &v)) return false;
	m->local_search = (uint32_t)v;
	int a = 0;
	if (!load_enum(L, fit, "fit", "algorithm", algo_names, 4, &a)) return false;
	m->algo = (seg_kmeans_algo)a;
	if (!load_enum(L, fit, "fit", "algorithm_run", algo_names + 1, 3, &a)) return false;
	m->algo_run = (seg_kmeans_algo)(a + 1);
	static const char *const inits[] = {"k-means++", "given"};
	if (!load_enum(L, fit, "fit", "init", inits, 2, &a)) return false;
	m->init_given = a == 1;
	if (!load_long(L, fit, "fit", "threads", 1, 2, &v)) return false;
	m->threads = (uint32_t)v;
	zval *ref = load_get(L, fit, "fit", "reference");
	if (!ref) return false;
	if (m->source == SRC_PROFILES) {
		bool zoned;
		if (Z_TYPE_P(ref) != IS_STRING || !seg_str_to_local(Z_STRVAL_P(ref), Z_STRLEN_P(ref), &m->reference, &zoned))
			return load_fail(L, "must be a date such as \"2011-12-10 12:50:00\"");
		m->has_reference = true;
	} else if (Z_TYPE_P(ref) != IS_NULL) {
		return load_fail(L, "must be null for a model fitted on rows");
	}
	return true;
}

/* A KMeans from a decoded model document (toArray()'s shape) into rv;
 * false with a Segment\Exception naming origin ("'path'") thrown. */
static bool kmeans_from_doc(zval *doc, const char *origin, zval *return_value)
{
	km_loader L = {origin, "", false};
	km_model *m = model_new();
	zend_string **names = NULL;
	zend_string *str;
	zend_long v = 0;
	int src = 0;
	static const char *const sources[] = {"rows", "profiles"};
	bool ok = (str = load_string(&L, doc, NULL, "format", false)) != NULL;
	if (ok && !zend_string_equals_literal(str, KM_FORMAT)) ok = load_fail(&L, "is not \"" KM_FORMAT "\"");
	zval *ver = ok ? load_get(&L, doc, NULL, "version") : NULL;
	ok = ok && ver;
	if (ok && (Z_TYPE_P(ver) != IS_LONG || Z_LVAL_P(ver) != KM_VERSION))
		ok = load_fail(&L, "is not %d, the version this extension reads", KM_VERSION);
	ok = ok && load_long(&L, doc, NULL, "k", 1, SEG_KMEANS_MAX_K, &v);
	if (ok) m->k = (uint32_t)v;
	ok = ok && load_enum(&L, doc, NULL, "source", sources, 2, &src);
	if (ok) m->source = src;
	ok = ok && load_features(&L, doc, m);
	ok = ok && load_clusters(&L, doc, m, &names);
	ok = ok && load_fit(&L, doc, m);
	if (ok) {
		seg_kmodel model = {m->k, m->d, m->scale, m->centroids};
		seg_error err;
		if (seg_kmodel_check(&model, m->original, &err) != SEG_OK) {
			/* The core names a centroid's feature by index; the file by name. */
			if (strncmp(err.attribute, "clusters[", 9) == 0 && strstr(err.attribute, ".centroid.") && err.column)
				snprintf(L.field, sizeof L.field, "clusters[%u].centroid.%s", err.line - 1,
				         ZSTR_VAL(m->features[err.column - 1]));
			else
				snprintf(L.field, sizeof L.field, "%s", err.attribute);
			ok = load_fail(&L, "%s", err.message);
		}
	}
	if (!ok) {
		strings_free(names, m->k);
		model_release(m);
		return false;
	}
	kmeans_wrap(return_value, m, names);
	return true;
}

bool php_segment_kmeans_from_array(zval *doc, const char *origin, zval *out)
{
	if (Z_TYPE_P(doc) != IS_ARRAY) {
		zend_throw_exception_ex(segment_ce_Exception, 0, "%s is not a valid k-means model: it is not a JSON object", origin);
		return false;
	}
	return kmeans_from_doc(doc, origin, out);
}

PHP_METHOD(Segment_KMeans, load)
{
	zend_string *path;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();
	zval doc;
	if (!php_segment_read_json(ZSTR_VAL(path), ZSTR_VAL(path), "k-means model", 16, &doc, NULL)) RETURN_THROWS();
	zend_string *origin = strpprintf(0, "'%s'", ZSTR_VAL(path));
	kmeans_from_doc(&doc, ZSTR_VAL(origin), return_value);
	zend_string_release(origin);
	zval_ptr_dtor(&doc);
}

/* ---- frozen: what Segment\Model keeps across requests ----------------------- */

struct php_segment_kmeans_frozen {
	km_predictor p;
	uint8_t *pf;
	zend_string **features; /* persistent, interned-marked */
	seg_scale_feature *scale;
	double *centroids;
	zend_string **names;    /* k */
};

php_segment_kmeans_frozen *php_segment_kmeans_freeze(zend_object *obj)
{
	php_segment_kmeans *km = kmeans_from_obj(obj);
	const km_model *m = km->m;
	php_segment_kmeans_frozen *f = pecalloc(1, sizeof *f, 1);
	if (m->source == SRC_PROFILES) {
		f->pf = pemalloc(m->d, 1);
		memcpy(f->pf, m->pf, m->d);
	}
	f->features = pemalloc(m->d * sizeof(zend_string *), 1);
	for (uint32_t j = 0; j < m->d; j++) f->features[j] = php_segment_persistent_str(ZSTR_VAL(m->features[j]), ZSTR_LEN(m->features[j]));
	f->scale = pemalloc(m->d * sizeof(seg_scale_feature), 1);
	memcpy(f->scale, m->scale, m->d * sizeof(seg_scale_feature));
	f->centroids = pemalloc((size_t)m->k * m->d * sizeof(double), 1);
	memcpy(f->centroids, m->centroids, (size_t)m->k * m->d * sizeof(double));
	f->names = pemalloc(m->k * sizeof(zend_string *), 1);
	for (uint32_t c = 0; c < m->k; c++) f->names[c] = php_segment_persistent_str(ZSTR_VAL(km->names[c]), ZSTR_LEN(km->names[c]));
	km_predictor p = {m->k, m->d, f->pf, f->features, f->scale, f->centroids};
	f->p = p;
	return f;
}

void php_segment_kmeans_frozen_free(php_segment_kmeans_frozen *f)
{
	if (!f) return;
	for (uint32_t j = 0; j < f->p.d; j++) pefree(f->features[j], 1);
	for (uint32_t c = 0; c < f->p.k; c++) pefree(f->names[c], 1);
	if (f->pf) pefree(f->pf, 1);
	pefree(f->features, 1);
	pefree(f->scale, 1);
	pefree(f->centroids, 1);
	pefree(f->names, 1);
	pefree(f, 1);
}

bool php_segment_kmeans_frozen_is_profiles(const php_segment_kmeans_frozen *f) { return f->pf != NULL; }

bool php_segment_kmeans_frozen_nearest(const php_segment_kmeans_frozen *f, HashTable *row, int64_t *now, uint32_t arg,
                                       zend_long *cluster, zend_string **name, double *distance)
{
	uint32_t label;
	double dist2;
	/* the caller (Model's derive_cluster()) has found the profile's orders */
	if (!predict_row(&f->p, row, now, arg, true, &label, &dist2)) return false;
	*cluster = label;
	*name = f->names[label];
	*distance = sqrt(dist2);
	return true;
}

void php_segment_kmeans_frozen_reads(const php_segment_kmeans_frozen *f, HashTable *set)
{
	/* what row_values() looks up */
	for (uint32_t j = 0; j < f->p.d; j++) {
		zend_hash_add_empty_element(set, f->features[j]);
		const char *alias = f->p.pf ? pfeatures[f->p.pf[j]].alias : NULL;
		if (alias) zend_hash_str_add_empty_element(set, alias, strlen(alias));
	}
	if (f->p.pf) {
		zend_hash_str_add_empty_element(set, ZEND_STRL("orders"));
		zend_hash_str_add_empty_element(set, ZEND_STRL("frequency"));
		zend_hash_str_add_empty_element(set, ZEND_STRL("last_order_at"));
	}
}

void php_segment_kmeans_init(zend_class_entry *ce)
{
	ce->create_object = kmeans_create;
	ce->get_iterator = kmeans_get_iterator;
	for (int k = 0; k < K_COUNT; k++) km_keys[k] = zend_string_init_interned(key_names[k], strlen(key_names[k]), 1);
	for (int f = 0; f < PF_COUNT; f++)
		if (pfeatures[f].alias) pf_alias_strs[f] = zend_string_init_interned(pfeatures[f].alias, strlen(pfeatures[f].alias), 1);
	str_orders = zend_string_init_interned(ZEND_STRL("orders"), 1);
	str_frequency = zend_string_init_interned(ZEND_STRL("frequency"), 1);
	str_last_order_at = zend_string_init_interned(ZEND_STRL("last_order_at"), 1);
	memcpy(&kmeans_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	kmeans_handlers.offset = XtOffsetOf(php_segment_kmeans, std);
	kmeans_handlers.free_obj = kmeans_free;
	kmeans_handlers.clone_obj = NULL;
}
