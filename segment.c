/*
 * segment.c - module entry, INI settings, globals and php --ri.
 *
 * Classes live in their own files (segment_ruleset.c); this file only wires
 * the module together.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <unistd.h>

#include "php.h"
#include "php_ini.h"
#include "ext/standard/info.h"
#include "ext/date/php_date.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"
#include "ext/json/php_json.h"

#include "php_segment.h"
#include "segment_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(segment)

zend_class_entry *segment_ce_Exception;
zend_class_entry *segment_ce_RuleSyntaxError;
zend_class_entry *segment_ce_AttributeError;
zend_class_entry *segment_ce_RuleSet;
zend_class_entry *segment_ce_DataError;
zend_class_entry *segment_ce_DatabaseError;
zend_class_entry *segment_ce_Profiles;
zend_class_entry *segment_ce_Rfm;
zend_class_entry *segment_ce_KMeans;
zend_class_entry *segment_ce_Model;

/*
 * The scope property reads run in: a class of its own, derived from nothing
 * and parent of nothing, so only public properties are visible (stdClass
 * would not do: a class extending stdClass would show its protected ones).
 */
zend_class_entry segment_public_scope;

#ifdef ZTS
#define SEGMENT_GLOBALS_PTR ((void *)&segment_globals_id)
#else
#define SEGMENT_GLOBALS_PTR ((void *)&segment_globals)
#endif

/* Limits are validated: a zero or negative limit would disable the guard. */
static ZEND_INI_MH(OnUpdatePositiveLimit)
{
	zend_long v = ZEND_STRTOL(ZSTR_VAL(new_value), NULL, 10);
	zend_long max = (zend_long)(uintptr_t)mh_arg3;
	if (v < 1 || v > max) {
		php_error_docref(NULL, E_WARNING, "%s must be between 1 and " ZEND_LONG_FMT, ZSTR_VAL(entry->name), max);
		return FAILURE;
	}
	return OnUpdateLong(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

/* Seconds, 0 (every call) or more. */
static ZEND_INI_MH(OnUpdateSeconds)
{
	zend_long v = ZEND_STRTOL(ZSTR_VAL(new_value), NULL, 10);
	if (v < 0) {
		php_error_docref(NULL, E_WARNING, "%s must be 0 or more seconds", ZSTR_VAL(entry->name));
		return FAILURE;
	}
	return OnUpdateLong(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

PHP_INI_BEGIN()
	STD_PHP_INI_ENTRY("segment.rules_file", "", PHP_INI_ALL, OnUpdateString, rules_file,
	                  zend_segment_globals, segment_globals)
	STD_PHP_INI_ENTRY("segment.model", "", PHP_INI_ALL, OnUpdateString, model_file,
	                  zend_segment_globals, segment_globals)
	STD_PHP_INI_BOOLEAN("segment.validate_timestamps", "1", PHP_INI_ALL, OnUpdateBool, validate_timestamps,
	                    zend_segment_globals, segment_globals)
	STD_PHP_INI_ENTRY("segment.revalidate_freq", "0", PHP_INI_ALL, OnUpdateSeconds, revalidate_freq,
	                  zend_segment_globals, segment_globals)
	STD_PHP_INI_ENTRY("segment.cache_size", "64", PHP_INI_SYSTEM, OnUpdateLong, cache_size,
	                  zend_segment_globals, segment_globals)
	ZEND_INI_ENTRY3("segment.max_rule_length", "65536", PHP_INI_ALL, OnUpdatePositiveLimit,
	                (void *)XtOffsetOf(zend_segment_globals, max_rule_length), SEGMENT_GLOBALS_PTR,
	                (void *)(uintptr_t)(16 * 1024 * 1024))
	ZEND_INI_ENTRY3("segment.max_depth", "64", PHP_INI_ALL, OnUpdatePositiveLimit,
	                (void *)XtOffsetOf(zend_segment_globals, max_depth), SEGMENT_GLOBALS_PTR, (void *)(uintptr_t)256)
PHP_INI_END()

zend_long php_segment_edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	/* Levenshtein over bytes, for "did you mean" only: short names. */
	if (alen > 64 || blen > 64) return 64;
	zend_long row[65];
	for (size_t j = 0; j <= blen; j++) row[j] = (zend_long)j;
	for (size_t i = 1; i <= alen; i++) {
		zend_long diag = row[0];
		row[0] = (zend_long)i;
		for (size_t j = 1; j <= blen; j++) {
			zend_long up = row[j];
			zend_long cost = a[i - 1] == b[j - 1] ? 0 : 1;
			zend_long best = diag + cost;
			if (up + 1 < best) best = up + 1;
			if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[blen];
}

/*
 * The default time zone, looked up once per request rather than once per
 * evaluation (ext/date's lookup is a hash search per call).  The two ways
 * PHP code changes it in a request are wrapped to bump zone_epoch, which
 * invalidates the cached pointer.
 */
static zif_handler orig_timezone_set;
static ZEND_INI_MH((*orig_timezone_ini));

static ZEND_NAMED_FUNCTION(segment_timezone_set)
{
	SEGMENT_G(zone_epoch)++;
	orig_timezone_set(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	SEGMENT_G(zone_epoch)++;
}

static ZEND_INI_MH(segment_timezone_ini)
{
	SEGMENT_G(zone_epoch)++;
	return orig_timezone_ini(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

static void wrap_timezone_changes(bool wrap)
{
	zend_function *f = zend_hash_str_find_ptr(CG(function_table), ZEND_STRL("date_default_timezone_set"));
	if (f && f->type == ZEND_INTERNAL_FUNCTION) {
		if (wrap) {
			orig_timezone_set = f->internal_function.handler;
			f->internal_function.handler = segment_timezone_set;
		} else if (orig_timezone_set) {
			f->internal_function.handler = orig_timezone_set;
		}
	}
	zend_ini_entry *e = zend_hash_str_find_ptr(EG(ini_directives), ZEND_STRL("date.timezone"));
	if (e) {
		if (wrap && e->on_modify) {
			orig_timezone_ini = e->on_modify;
			e->on_modify = segment_timezone_ini;
		} else if (!wrap && orig_timezone_ini) {
			e->on_modify = orig_timezone_ini;
		}
	}
}

timelib_tzinfo *php_segment_default_zone(void)
{
	if (SEGMENT_G(zone_generation) != SEGMENT_G(request_generation) ||
	    SEGMENT_G(zone_cached_epoch) != SEGMENT_G(zone_epoch) || !orig_timezone_set || !orig_timezone_ini) {
		SEGMENT_G(zone) = get_timezone_info();
		SEGMENT_G(zone_generation) = SEGMENT_G(request_generation);
		SEGMENT_G(zone_cached_epoch) = SEGMENT_G(zone_epoch);
	}
	return SEGMENT_G(zone);
}

static PHP_GINIT_FUNCTION(segment)
{
#if defined(COMPILE_DL_SEGMENT) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	memset(segment_globals, 0, sizeof *segment_globals);
	php_segment_cache_init(&segment_globals->cache);
	php_segment_model_cache_init(&segment_globals->model_cache);
}

static PHP_GSHUTDOWN_FUNCTION(segment)
{
	segment_globals->in_request = false;
	if (segment_globals->ua_memo) pefree(segment_globals->ua_memo, 1);
	if (segment_globals->lang_memo) pefree(segment_globals->lang_memo, 1);
	zend_hash_destroy(&segment_globals->model_cache);
	zend_hash_destroy(&segment_globals->cache);
}

PHP_MINIT_FUNCTION(segment)
{
	REGISTER_INI_ENTRIES();
	INIT_CLASS_ENTRY(segment_public_scope, "Segment\\PublicScope", NULL); /* never registered */
	segment_ce_Exception = register_class_Segment_Exception(zend_ce_exception);
	segment_ce_RuleSyntaxError = register_class_Segment_RuleSyntaxError(segment_ce_Exception);
	segment_ce_AttributeError = register_class_Segment_AttributeError(segment_ce_Exception);
	segment_ce_RuleSet = register_class_Segment_RuleSet(zend_ce_countable);
	php_segment_ruleset_init(segment_ce_RuleSet);
	segment_ce_DataError = register_class_Segment_DataError(segment_ce_Exception);
	segment_ce_DatabaseError = register_class_Segment_DatabaseError(segment_ce_Exception);
	segment_ce_Profiles = register_class_Segment_Profiles(zend_ce_countable, zend_ce_aggregate);
	php_segment_profiles_init(segment_ce_Profiles);
	php_segment_mysql_minit(segment_ce_Profiles);
	segment_ce_Rfm = register_class_Segment_Rfm(zend_ce_aggregate);
	php_segment_rfm_init(segment_ce_Rfm);
	segment_ce_KMeans = register_class_Segment_KMeans(zend_ce_aggregate);
	php_segment_kmeans_init(segment_ce_KMeans);
	segment_ce_Model = register_class_Segment_Model();
	php_segment_model_init(segment_ce_Model);
	php_segment_context_init(register_class_Segment_Context());
	php_segment_store_init(register_class_Segment_Store(), register_class_Segment_StoreBusyError(segment_ce_DatabaseError));
	wrap_timezone_changes(true);
	return SUCCESS;
}

PHP_MSHUTDOWN_FUNCTION(segment)
{
	wrap_timezone_changes(false);
	php_segment_mysql_mshutdown();
	UNREGISTER_INI_ENTRIES();
	return SUCCESS;
}

PHP_RINIT_FUNCTION(segment)
{
#if defined(COMPILE_DL_SEGMENT) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	SEGMENT_G(default_set) = NULL;
	SEGMENT_G(default_path) = NULL;
	SEGMENT_G(default_model) = NULL;
	SEGMENT_G(default_model_path) = NULL;
	SEGMENT_G(in_request) = true;
	if (++SEGMENT_G(request_generation) == 0) SEGMENT_G(request_generation) = 1;
	SEGMENT_G(clock_valid) = false; /* the INI time zone may differ per request */
	return SUCCESS;
}

PHP_RSHUTDOWN_FUNCTION(segment)
{
	php_segment_compiled_release(SEGMENT_G(default_set));
	SEGMENT_G(default_set) = NULL;
	if (SEGMENT_G(default_path)) zend_string_release(SEGMENT_G(default_path));
	SEGMENT_G(default_path) = NULL;
	php_segment_model_release(SEGMENT_G(default_model));
	SEGMENT_G(default_model) = NULL;
	if (SEGMENT_G(default_model_path)) zend_string_release(SEGMENT_G(default_model_path));
	SEGMENT_G(default_model_path) = NULL;
	return SUCCESS;
}

/* After the executor is gone: no request value can point into a released
 * set's strings any more, so the sets released during the request go. */
static ZEND_MODULE_POST_ZEND_DEACTIVATE_D(segment)
{
	SEGMENT_G(in_request) = false;
	php_segment_model_graveyard_free();
	php_segment_graveyard_free();
	return SUCCESS;
}

PHP_MINFO_FUNCTION(segment)
{
	char buf[32];
	php_info_print_table_start();
	php_info_print_table_header(2, "segment support", "enabled");
	php_info_print_table_row(2, "Version", PHP_SEGMENT_VERSION);
	snprintf(buf, sizeof buf, "%u", zend_hash_num_elements(&SEGMENT_G(cache)));
	php_info_print_table_row(2, "Cached rule sets", buf);
	snprintf(buf, sizeof buf, ZEND_LONG_FMT " / " ZEND_LONG_FMT, SEGMENT_G(cache_hits), SEGMENT_G(cache_misses));
	php_info_print_table_row(2, "Cache hits / misses", buf);
	snprintf(buf, sizeof buf, "%u", zend_hash_num_elements(&SEGMENT_G(model_cache)));
	php_info_print_table_row(2, "Cached models", buf);
	snprintf(buf, sizeof buf, ZEND_LONG_FMT " / " ZEND_LONG_FMT, SEGMENT_G(model_hits), SEGMENT_G(model_misses));
	php_info_print_table_row(2, "Model cache hits / misses", buf);
	php_info_print_table_row(2, "MySQL/MariaDB source (Profiles::fromDatabase)", php_segment_mysql_info());
	php_info_print_table_end();
	DISPLAY_INI_ENTRIES();
}

static const zend_module_dep segment_deps[] = {
	ZEND_MOD_REQUIRED("date")
	ZEND_MOD_REQUIRED("json")
	ZEND_MOD_REQUIRED("spl")
	ZEND_MOD_END
};

zend_module_entry segment_module_entry = {
	STANDARD_MODULE_HEADER_EX,
	NULL,
	segment_deps,
	"segment",
	ext_functions,
	PHP_MINIT(segment),
	PHP_MSHUTDOWN(segment),
	PHP_RINIT(segment),
	PHP_RSHUTDOWN(segment),
	PHP_MINFO(segment),
	PHP_SEGMENT_VERSION,
	PHP_MODULE_GLOBALS(segment),
	PHP_GINIT(segment),
	PHP_GSHUTDOWN(segment),
	ZEND_MODULE_POST_ZEND_DEACTIVATE_N(segment),
	STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_SEGMENT
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(segment)
#endif

/* ---- exception getters -------------------------------------------------- */

static zval *exception_prop(zend_class_entry *ce, zval *this_zv, const char *name, size_t len)
{
	zval rv;
	return zend_read_property(ce, Z_OBJ_P(this_zv), name, len, 1, &rv);
}

PHP_METHOD(Segment_RuleSyntaxError, getSegmentCode)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(exception_prop(segment_ce_RuleSyntaxError, ZEND_THIS, ZEND_STRL("segmentCode")));
}

PHP_METHOD(Segment_RuleSyntaxError, getRuleLine)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(exception_prop(segment_ce_RuleSyntaxError, ZEND_THIS, ZEND_STRL("ruleLine")));
}

PHP_METHOD(Segment_RuleSyntaxError, getRuleColumn)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(exception_prop(segment_ce_RuleSyntaxError, ZEND_THIS, ZEND_STRL("ruleColumn")));
}

PHP_METHOD(Segment_RuleSyntaxError, getExpected)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(exception_prop(segment_ce_RuleSyntaxError, ZEND_THIS, ZEND_STRL("expected")));
}

PHP_METHOD(Segment_AttributeError, getAttribute)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(exception_prop(segment_ce_AttributeError, ZEND_THIS, ZEND_STRL("attribute")));
}

PHP_METHOD(Segment_DataError, getDataFile)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(exception_prop(segment_ce_DataError, ZEND_THIS, ZEND_STRL("dataFile")));
}

PHP_METHOD(Segment_DataError, getDataLine)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(exception_prop(segment_ce_DataError, ZEND_THIS, ZEND_STRL("dataLine")));
}

PHP_METHOD(Segment_DataError, getColumn)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(exception_prop(segment_ce_DataError, ZEND_THIS, ZEND_STRL("column")));
}

PHP_METHOD(Segment_DatabaseError, getSqlState)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(exception_prop(segment_ce_DatabaseError, ZEND_THIS, ZEND_STRL("sqlState")));
}

/* ---- model files ----------------------------------------------------------- */

bool php_segment_read_json(const char *open_path, const char *path, const char *what, int depth, zval *doc,
                           zend_string **text)
{
	ZVAL_UNDEF(doc);
	if (text) *text = NULL;
	php_stream *s = php_stream_open_wrapper_ex(open_path, "rb", 0, NULL, NULL);
	if (!s) {
		zend_throw_exception_ex(segment_ce_Exception, 0, "cannot read the %s '%s'", what, path);
		return false;
	}
	zend_string *data = php_stream_copy_to_mem(s, PHP_STREAM_COPY_ALL, 0);
	php_stream_close(s);
	bool ok = data && php_json_decode_ex(doc, ZSTR_VAL(data), ZSTR_LEN(data), PHP_JSON_OBJECT_AS_ARRAY, depth) == SUCCESS &&
	          Z_TYPE_P(doc) == IS_ARRAY;
	if (!ok) {
		zval_ptr_dtor(doc);
		ZVAL_UNDEF(doc);
		zend_throw_exception_ex(segment_ce_Exception, 0, "'%s' is not a valid %s: it is not a JSON object", path, what);
	}
	if (ok && text) *text = data;
	else if (data) zend_string_release(data);
	return ok;
}

bool php_segment_save_json(zval *model, zend_string *path, const char *what)
{
	smart_str json = {0};
	/* serialize_precision -1, whatever the INI says: the shortest text that
	 * reads back as the same double, so a loaded model scores exactly as
	 * the saved one. */
	zend_long precision = PG(serialize_precision);
	PG(serialize_precision) = -1;
	int rc = php_json_encode(&json, model, PHP_JSON_PRETTY_PRINT | PHP_JSON_UNESCAPED_SLASHES |
	                                           PHP_JSON_UNESCAPED_UNICODE | PHP_JSON_PRESERVE_ZERO_FRACTION);
	PG(serialize_precision) = precision;
	zval_ptr_dtor(model);
	/* php_json_encode() reports a bad string (or a non-finite number) only in
	 * the json module's error code, writing something else instead. */
	if (rc == FAILURE || JSON_G(error_code) != PHP_JSON_ERROR_NONE || !json.s) {
		JSON_G(error_code) = PHP_JSON_ERROR_NONE;
		smart_str_free(&json);
		zend_throw_exception_ex(segment_ce_Exception, 0, "cannot encode the %s for '%s' (names must be UTF-8)", what,
		                        ZSTR_VAL(path));
		return false;
	}
	smart_str_appendc(&json, '\n');
	smart_str_0(&json);
	/* Write then rename, so a reader never sees half a model. */
	zend_string *tmp = zend_strpprintf(0, "%s.tmp.%d", ZSTR_VAL(path), (int)getpid());
	php_stream *s = php_stream_open_wrapper_ex(ZSTR_VAL(tmp), "wb", 0, NULL, NULL);
	bool ok = s && php_stream_write(s, ZSTR_VAL(json.s), ZSTR_LEN(json.s)) == (ssize_t)ZSTR_LEN(json.s);
	if (s) ok = php_stream_close(s) == 0 && ok;
	ok = ok && VCWD_RENAME(ZSTR_VAL(tmp), ZSTR_VAL(path)) == 0;
	if (!ok) {
		if (s) VCWD_UNLINK(ZSTR_VAL(tmp));
		zend_throw_exception_ex(segment_ce_Exception, 0, "cannot write the %s to '%s'", what, ZSTR_VAL(path));
	}
	zend_string_release(tmp);
	smart_str_free(&json);
	return ok;
}
