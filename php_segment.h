/*
 * php_segment.h - the segment extension's Zend-facing declarations.
 *
 * The C core in src/ knows nothing of PHP; everything here translates.
 * Lifetimes (see docs/internals.md): compiled rule sets live in persistent
 * memory, shared by the per-process cache and by RuleSet objects through a
 * reference count; request memory never points into a set that can go away.
 */
#ifndef PHP_SEGMENT_H
#define PHP_SEGMENT_H

#include "php.h"
#include "seg_profile.h"
#include "seg_rfm.h"
#include "seg_rule.h"

#define PHP_SEGMENT_VERSION "0.1.0"

extern zend_module_entry segment_module_entry;
#define phpext_segment_ptr &segment_module_entry

#if defined(ZTS) && defined(COMPILE_DL_SEGMENT)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

/*
 * Customers built by the same code share their (interned) key strings, so
 * after one content comparison a key lookup can be settled by pointer.  A
 * hint is trusted only in the request that recorded it, because interned
 * strings live at least that long.
 */
typedef struct php_segment_key_hint {
	zend_string *key;    /* the customer's own (interned) key string */
	uint32_t generation; /* request the hint was recorded in */
	uint32_t index;      /* bucket it was found in: same-shaped arrays hit directly */
} php_segment_key_hint;

/* A compiled rule set plus the persistent PHP strings the glue needs. */
typedef struct php_segment_compiled {
	uint32_t refcount;
	struct php_segment_compiled *next_dead; /* graveyard link, see segment_cache.c */
	seg_ruleset *rs;
	uint32_t ndefs;
	zend_string **codes;     /* by definition index; persistent, marked interned */
	zend_string **names;
	zend_string **rules;
	uint32_t nslots;
	uint32_t *slot_first;    /* slot i's keys: keys[slot_first[i] .. slot_first[i+1]) */
	zend_string **keys;      /* one persistent key per path segment, hash precomputed */
	struct php_segment_key_hint *hints; /* per key: the customer's own key string last seen */
	HashTable *lists;        /* match set (bit per rule position) -> immutable list of codes; see segment_ruleset.c */
	/* cache identity */
	zend_long mtime;
	zend_long size;
} php_segment_compiled;

ZEND_BEGIN_MODULE_GLOBALS(segment)
	HashTable cache;             /* key -> php_segment_compiled*, persistent */
	zend_long cache_size;        /* INI segment.cache_size */
	bool validate_timestamps;    /* INI segment.validate_timestamps */
	zend_long revalidate_freq;   /* INI segment.revalidate_freq: seconds between a model file's stats */
	char *rules_file;            /* INI segment.rules_file */
	zend_long max_rule_length;   /* INI segment.max_rule_length */
	zend_long max_depth;         /* INI segment.max_depth */
	/* per request */
	php_segment_compiled *default_set; /* resolved once per request */
	zend_string *default_path;   /* the INI value default_set was loaded for */
	php_segment_compiled *graveyard; /* sets released during the request, freed after it */
	bool in_request;
	uint32_t request_generation; /* incremented per request, never 0 */
	bool clock_valid;            /* clock_offset is clock_tz's offset at clock_now */
	void *clock_tz;              /* timelib_tzinfo*, valid for the request */
	zend_long clock_now;
	int32_t clock_offset;
	/* UTC offsets of the default zone per UTC day, tagged with the request
	 * generation they were computed in (zone pointers are per request). */
	struct { void *tz; zend_long day; uint32_t generation; int32_t start, end; } offsets[1024];
	/* The default zone's offsets by zone name and UTC day, across requests
	 * (segment_context.c, zone_offset_at()). */
	struct php_segment_zone_day { char zone[64]; zend_long day; int32_t start, end; bool valid; } zone_days[8];
	struct _timelib_tzinfo *zone; /* the default zone, cached (php_segment_default_zone) */
	uint32_t zone_generation;    /* request it was looked up in */
	uint32_t zone_epoch;         /* bumped when PHP code changes the default zone */
	uint32_t zone_cached_epoch;
	void *fixed_zone;            /* a transition-free default zone and its offset */
	uint32_t fixed_generation;
	int32_t fixed_offset;
	/* statistics for php --ri / tests */
	zend_long cache_hits;
	zend_long cache_misses;
	/* Segment\Model (segment_model.c) */
	HashTable model_cache;       /* absolute path -> php_segment_model_data*, persistent */
	char *model_file;            /* INI segment.model */
	struct php_segment_model_data *model_graveyard; /* released during the request, freed after it */
	struct php_segment_model_data *default_model;   /* per request: INI segment.model, resolved once */
	zend_string *default_model_path;                /* the INI value default_model was loaded for */
	zend_long model_hits;
	zend_long model_misses;
	/* Segment\Context (segment_context.c): User-Agent scans by string,
	 * allocated on first use */
	struct seg_ua_memo *ua_memo;
	struct seg_lang_memo *lang_memo; /* ... and Accept-Language parses */
ZEND_END_MODULE_GLOBALS(segment)

void php_segment_graveyard_free(void);

ZEND_EXTERN_MODULE_GLOBALS(segment)
#define SEGMENT_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(segment, v)

extern zend_class_entry *segment_ce_Exception;
extern zend_class_entry *segment_ce_RuleSyntaxError;
extern zend_class_entry *segment_ce_AttributeError;
extern zend_class_entry *segment_ce_RuleSet;

/* segment_cache.c: the per-process cache of compiled sets. */
void php_segment_cache_init(HashTable *cache);
php_segment_compiled *php_segment_compiled_addref(php_segment_compiled *c);
void php_segment_compiled_release(php_segment_compiled *c);
/* Builds from a PHP list of definitions; throws and returns NULL on error. */
php_segment_compiled *php_segment_compile_definitions(zval *definitions, const char *origin);
/* fromFile() semantics; returns a new reference or NULL with an exception. */
php_segment_compiled *php_segment_load_file(zend_string *path);
php_segment_compiled *php_segment_cache_get(zend_string *key);
void php_segment_cache_put(zend_string *key, php_segment_compiled *c);

/* segment_value.c: customers and values. */
typedef struct php_segment_eval {
	seg_env env;
	seg_arena arena;
	php_segment_compiled *set;
	zval *customer;
	/* Per slot, the value its first name resolves to (NULL: missing), when
	 * the attributes come in layers (Model::segments()) rather than in one
	 * customer; NULL: every path starts at customer. */
	zval **first;
	HashTable *temps;  /* values that must live until the evaluation ends */
	bool failed;
	bool has_now;        /* match(..., $now) fixed the clock */
	bool has_now_offset; /* ... and its time zone (a DateTimeInterface) */
	int32_t now_offset;
	zend_long now;
	zval now_zone;       /* $now's DateTimeZone (UNDEF: PHP's default zone) */
	/* The zone dates are read in (offset_cb), worked out on first use. */
	bool zone_known;
	bool default_zone_known;
	struct _timelib_tzinfo *default_zone;
	bool zone_fixed;     /* no transitions: zone_offset always */
	int32_t zone_offset;
	struct _timelib_tzinfo *zone;
	int32_t (*zone_offset_fn)(struct php_segment_eval *ev, zend_long utc);
	/* Slots the caller has already as values (Model::segments()'s context
	 * attributes): preset[slot] for each bit of preset_mask. */
	const seg_value *preset;
	uint64_t preset_mask;
} php_segment_eval;

/* The value of slot's first name in ht (NULL: none), through the key hints. */
zval *php_segment_find_first(php_segment_compiled *c, uint32_t slot, HashTable *ht);
void php_segment_eval_begin(php_segment_eval *ev, php_segment_compiled *set, zval *customer, zval **first,
                            const seg_value *preset, uint64_t preset_mask, seg_value *slots, void *arena_buf,
                            size_t arena_cap, zval *now);
void php_segment_eval_end(php_segment_eval *ev);
/* Throws the exception matching err (RuleSyntaxError, AttributeError ...). */
void php_segment_throw_error(const seg_error *err, const char *code, size_t code_len);
void php_segment_value_to_zval(const seg_value *v, php_segment_eval *ev, zval *out);

/* segment_profiles.c, segment_csv.c: Segment\Profiles */
typedef struct php_segment_profiles {
	seg_profiles *profiles;
	int64_t reference; /* recency is measured to this wall-clock time */
	bool with_country; /* profiles carry 'country' (fromDatabase with a country column) */
	zend_object std;
} php_segment_profiles;

/* The 'progress' option of fromCsv() and fromIterable(): a callable given
 * ['lines', 'bytes', 'total_bytes', 'seconds'] every
 * PHP_SEGMENT_PROGRESS_EVERY lines (a power of two: one mask test per line)
 * and once at the end. */
#define PHP_SEGMENT_PROGRESS_EVERY ((zend_long)1 << 16)
typedef struct php_segment_progress {
	zval callable;    /* IS_UNDEF: no progress option */
	uint64_t start;   /* php_hrtime_current() when reading began */
	zend_long total;  /* total_bytes; -1: unknown (null) */
} php_segment_progress;

/* Column (or key) names and policy shared by fromCsv() and fromIterable(). */
typedef struct php_segment_mapping {
	zend_string *customer, *order, *date, *amount, *quantity, *price, *status, *date_format;
	char delimiter;
	seg_profile_policy policy;
	seg_str *statuses;
	int64_t reference;
	php_segment_progress progress;
} php_segment_mapping;

extern zend_class_entry *segment_ce_DataError;
extern zend_class_entry *segment_ce_DatabaseError;

/* segment_mysql.c: Profiles::fromDatabase() and the client library's
 * process-wide state (MINIT/MSHUTDOWN); "disabled ..." or the client
 * version for php --ri. */
void php_segment_mysql_minit(zend_class_entry *profiles);
/* segment_store.c: Segment\Store and Segment\StoreBusyError, in MINIT */
void php_segment_store_init(zend_class_entry *store, zend_class_entry *busy);
void php_segment_mysql_mshutdown(void);
const char *php_segment_mysql_info(void);
extern zend_class_entry *segment_ce_Profiles;
extern zend_class_entry *segment_ce_Rfm;
extern zend_class_entry *segment_ce_KMeans;
extern zend_class_entry *segment_ce_Model;
void php_segment_profiles_init(zend_class_entry *ce);
php_segment_profiles *php_segment_profiles_fetch(zend_object *obj);
void php_segment_profiles_read_csv(php_segment_profiles *self, zend_string *path, php_segment_mapping *m);
/* The options every source shares (returns, reference, progress, and
 * cancelled_statuses when `statuses`), into m (zeroed by the caller). */
bool php_segment_policy_parse(HashTable *opts, php_segment_mapping *m, bool statuses);
void php_segment_mapping_free(php_segment_mapping *m);
/* A new, empty Profiles object in return_value; NULL with an exception. */
php_segment_profiles *php_segment_new_profiles(zval *return_value, const php_segment_mapping *m);
void php_segment_profile_to_zval(const seg_profiles *ps, size_t i, int64_t reference, zval *out);
/* Profiles::get()'s array for the customer at index i (with 'country' when the source had one). */
void php_segment_profiles_profile(const php_segment_profiles *self, size_t i, zval *out);
void php_segment_throw_data_error(const char *file, zend_long line, const char *column, const char *fmt, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 4, 5);
bool php_segment_option_time(zval *v, const char *name, int64_t *out);
int64_t php_segment_wall_now(void);
/* "Now" worked out only if something needs it: a variable holding
 * PHP_SEGMENT_NOW_LAZY becomes php_segment_wall_now() on first use, so the
 * parts of one call share one instant and a call that needs no clock asks
 * none (profiles usually carry their recency). */
#define PHP_SEGMENT_NOW_LAZY INT64_MIN
static zend_always_inline int64_t php_segment_now(int64_t *now)
{
	if (*now == PHP_SEGMENT_NOW_LAZY) *now = php_segment_wall_now();
	return *now;
}
zend_string *php_segment_format_wall(int64_t ts);
bool php_segment_zval_number(zval *v, double *out);
bool php_segment_parse_date(const php_segment_mapping *m, const char *s, size_t len, int64_t *ts);
/* Calls the progress callable (if any); false when it threw. */
bool php_segment_progress_report(php_segment_progress *p, zend_long lines, zend_long bytes);

/* segment.c: a fitted model as a JSON file.  Encodes model (released
 * here) with doubles that read back exactly, writes a temporary file beside
 * path and renames it over path; throws Segment\Exception naming `what` and
 * path on failure. */
bool php_segment_save_json(zval *model, zend_string *path, const char *what);
/* The other way: reads open_path and decodes it (at most depth levels) into
 * doc, which must be a JSON object; the raw text goes to *text when text is
 * not NULL (the caller releases it).  On failure throws Segment\Exception
 * "cannot read the WHAT 'PATH'" or "'PATH' is not a valid WHAT: it is not a
 * JSON object" (path: the name the user gave) and leaves doc UNDEF. */
bool php_segment_read_json(const char *open_path, const char *path, const char *what, int depth, zval *doc,
                           zend_string **text);

/* segment_cache.c: a persistent string marked interned (request code
 * copies it without reference counting); freed with pefree(s, 1). */
zend_string *php_segment_persistent_str(const char *s, size_t len);
/* A persistent array (zend_hash_init(..., 1), filled) made immutable like
 * opcache's: handed to PHP code without reference counting, copied on
 * write; freed with php_segment_frozen_array_free() when no request value
 * can point at it any more (the graveyard). */
void php_segment_array_freeze(HashTable *ht);
void php_segment_frozen_array_free(HashTable *ht);
static zend_always_inline void php_segment_zval_frozen_array(zval *zv, HashTable *ht)
{
	Z_ARR_P(zv) = ht;
	Z_TYPE_INFO_P(zv) = IS_ARRAY; /* not refcounted */
}

/* segment_rfm.c: Segment\Rfm, and its frozen form for Segment\Model */
void php_segment_rfm_init(zend_class_entry *ce);
typedef struct php_segment_rfm_frozen php_segment_rfm_frozen;
/* An Rfm (out) from a decoded toArray() document; false with a
 * Segment\Exception that names origin ("'path'"). */
bool php_segment_rfm_from_array(zval *doc, const char *origin, zval *out);
php_segment_rfm_frozen *php_segment_rfm_freeze(zend_object *rfm);
void php_segment_rfm_frozen_free(php_segment_rfm_frozen *f);
/* Rfm::score() from frozen tables, recency measured to now: 1 with out set
 * (and *retention its retention name, or NULL), 0 for a profile without
 * orders, -1 with an exception about argument arg. */
int php_segment_rfm_frozen_score(const php_segment_rfm_frozen *f, HashTable *profile, int64_t *now, uint32_t arg,
                                 zval *out, zend_string **retention);

/* segment_kmeans.c: Segment\KMeans, and its frozen form for Segment\Model */
void php_segment_kmeans_init(zend_class_entry *ce);
typedef struct php_segment_kmeans_frozen php_segment_kmeans_frozen;
bool php_segment_kmeans_from_array(zval *doc, const char *origin, zval *out);
php_segment_kmeans_frozen *php_segment_kmeans_freeze(zend_object *km);
void php_segment_kmeans_frozen_free(php_segment_kmeans_frozen *f);
bool php_segment_kmeans_frozen_is_profiles(const php_segment_kmeans_frozen *f);
/* KMeans::assign() from the frozen model, without the array: the cluster,
 * its name (a persistent string marked interned) and the distance to its
 * centroid; false with a ValueError about argument arg. */
/* Adds to set (a persistent table) every key the nearest-cluster lookup may read from a row. */
void php_segment_kmeans_frozen_reads(const php_segment_kmeans_frozen *f, HashTable *set);
/* The nearest cluster of a profile the caller knows has orders (it does not
 * look again); false with an exception about argument arg. */
bool php_segment_kmeans_frozen_nearest(const php_segment_kmeans_frozen *f, HashTable *row, int64_t *now, uint32_t arg,
                                       zend_long *cluster, zend_string **name, double *distance);

/* segment_model.c: Segment\Model */
typedef struct php_segment_model_data php_segment_model_data;
void php_segment_model_init(zend_class_entry *ce);
void php_segment_model_cache_init(HashTable *cache);
void php_segment_model_graveyard_free(void);
/* The frozen model of a file, from the per-process cache or read now (a new
 * reference); NULL with a Segment\Exception thrown. */
php_segment_model_data *php_segment_model_load(zend_string *path, zend_string *version);
void php_segment_model_release(php_segment_model_data *d);
/* Model::assign($profile, null, $now) from C: codes and attributes; false with an exception. */
bool php_segment_model_assign(zend_object *model, zval *profile, zval *now, zval *segments, zval *attrs);
zend_string *php_segment_model_version(zend_object *model);
/* segment_of()/segments_of() through a model: the customer is the profile. */
void php_segment_model_match(php_segment_model_data *d, zval *customer, bool first, zval *return_value);

void php_segment_context_init(zend_class_entry *ce); /* segment_context.c: Segment\Context, in MINIT */
/* Adds a Segment\Context's attributes to ht as toArray() would give them,
 * replacing keys ht has in place (an array merge, without building the
 * context's own array); false for any other object or a context that was
 * not built. */
bool php_segment_context_add_to(zend_object *obj, HashTable *ht);
/* For Model::segments(), which reads a context's attributes one by one
 * instead of writing them all into a table: the index of a built-in
 * attribute name (-1: none); a built context's parsed data (NULL: obj is not
 * a context built by fromRequest()) and its with() additions (NULL: none);
 * built-in attribute i of the data, a new reference. */
typedef struct php_segment_context_data php_segment_context_data;
int php_segment_context_builtin_index(zend_string *name);
php_segment_context_data *php_segment_context_parts(zend_object *obj, HashTable **extra);
void php_segment_context_builtin(php_segment_context_data *d, int i, zval *out);
/* The same as a rule value (strings owned by the context); false for the
 * one that is a list (languages): then php_segment_context_builtin(). */
bool php_segment_context_builtin_value(php_segment_context_data *d, int i, seg_value *out);
/* segment.c */
struct _timelib_tzinfo *php_segment_default_zone(void);
extern zend_class_entry segment_public_scope; /* a scope that sees public members only */
zend_long php_segment_edit_distance(const char *a, size_t alen, const char *b, size_t blen);

/* segment_ruleset.c */
void php_segment_ruleset_init(zend_class_entry *ce); /* MINIT: object handlers */
php_segment_compiled *php_segment_ruleset_compiled(zend_object *obj);
zend_object *php_segment_ruleset_wrap(php_segment_compiled *c);
/* RuleSet::match()/first() (max 0: all; as_string: the first code or null) */
void php_segment_match_into(php_segment_compiled *set, zval *customer, zval *now, size_t max, bool as_string,
                            zval *return_value);
/* The same with the attributes in layers: first[slot] is the value slot's
 * first name resolves to (NULL: missing), or for the bits of preset_mask
 * preset[slot] is its value (a one-name path); customer is not read. */
void php_segment_match_first_into(php_segment_compiled *set, zval *customer, zval **first, const seg_value *preset,
                                  uint64_t preset_mask, zval *now, size_t max, bool as_string, zval *return_value);
/* RuleSet::definitions(): code, name, rule, priority, enabled, in priority order */
void php_segment_definitions_into(php_segment_compiled *set, zval *return_value);
/* RuleSet::explain() of the rule at position pos */
void php_segment_explain_into(php_segment_compiled *set, zval *customer, size_t pos, zval *now, zval *return_value);

#endif
