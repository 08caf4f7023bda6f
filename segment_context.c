/*
 * segment_context.c - Segment\Context, the live request context.
 *
 * The parsing is the core's (src/seg_context.h); this file reads the
 * request arrays.  What fromRequest() parsed is kept as C values (ctx_data,
 * shared by a context and the contexts with() makes from it), plus the
 * attributes with() added; the attribute array is built only when PHP code
 * asks for it (toArray(), get(), var_dump()), once per context, and then
 * shared: toArray() hands out the same array (PHP separates it if the
 * caller writes to it).  Segment\Model::assign() does not need that array:
 * it writes the attributes straight into the customer it builds
 * (php_segment_context_add_to).
 *
 * It runs on every page view, so values are made without lookups or copies
 * where they can be: keys are permanent interned strings made in MINIT and
 * appended without a duplicate check, class and network names are interned
 * too, and utm_* values and the landing path share the request's own
 * strings.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>

#include "php.h"
#include "ext/date/php_date.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "php_segment.h"
#include "seg_context.h"
#include "seg_value.h"

/* What fromRequest() parsed: immutable, reference counted, shared by a
 * context, its clones and the contexts with() makes from it. */
typedef struct php_segment_context_data {
	uint32_t refcount;
	uint8_t device;            /* seg_device */
	uint8_t source;            /* seg_source */
	bool is_bot, returning;
	int16_t search_engine, social_network; /* network ids, or -1 */
	uint8_t month, weekday, hour;
	zend_string *bot_name;     /* or NULL */
	zend_string *referrer_host; /* made when first asked for (from host below), or NULL */
	uint8_t host_len;          /* the referrer's host when it fits here, else 0 and referrer_host made */
	char host[47];
	zend_string *utm[SEG_PARAM_UTM_COUNT];
	zend_string *landing_page; /* never NULL */
	seg_context_languages langs; /* as parsed; the strings below are made when first asked for */
	zend_string *language;     /* languages[0], or NULL (none, or not made yet) */
	zend_array *languages;     /* a list (the immutable empty array when none), or NULL (not made yet) */
} php_segment_context_data;
typedef php_segment_context_data ctx_data;

typedef struct php_segment_context {
	ctx_data *data;    /* NULL: not built by fromRequest() */
	zend_array *extra; /* added by with(), in the order first added; NULL: none */
	bool overrides;    /* extra replaces a built-in attribute */
	zend_array *attrs; /* the attribute array, built on first request; never modified once built */
	zend_object std;
} php_segment_context;

static zend_class_entry *context_ce;
static zend_object_handlers context_handlers;

/* Built in MINIT, read-only afterwards (safe to share between threads). */
static seg_context_index ua_index;

/* Attribute keys, in toArray() order. */
enum {
	A_DEVICE, A_IS_BOT, A_BOT_NAME, A_TRAFFIC_SOURCE, A_REFERRER_HOST, A_SEARCH_ENGINE, A_SOCIAL_NETWORK,
	A_UTM_SOURCE, A_UTM_MEDIUM, A_UTM_CAMPAIGN, A_UTM_TERM, A_UTM_CONTENT, A_LANDING_PAGE, A_VISITOR, A_RETURNING,
	A_LANGUAGE, A_LANGUAGES, A_MONTH, A_WEEKDAY, A_HOUR, A_COUNT
};
static const char *const attr_names[A_COUNT] = {
	"device", "is_bot", "bot_name", "traffic_source", "referrer_host", "search_engine", "social_network",
	"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "landing_page", "visitor", "returning",
	"language", "languages", "month", "weekday", "hour",
};

/* $_SERVER keys read, and option names. */
enum {
	S_USER_AGENT, S_REFERER, S_HOST, S_SERVER_NAME, S_REQUEST_URI, S_ACCEPT_LANGUAGE, S_CH_MOBILE,
	S_REQUEST_TIME_FLOAT, S_REQUEST_TIME, S_COUNT
};
static const char *const server_names[S_COUNT] = {
	"HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_HOST", "SERVER_NAME", "REQUEST_URI", "HTTP_ACCEPT_LANGUAGE",
	"HTTP_SEC_CH_UA_MOBILE", "REQUEST_TIME_FLOAT", "REQUEST_TIME",
};
enum { O_OWN_HOSTS, O_VISITOR_COOKIE, O_TIMEZONE, O_NOW, O_COUNT };
static const char *const option_names[O_COUNT] = {"own_hosts", "visitor_cookie", "timezone", "now"};

#define MAX_NAMES 256
static zend_string *attr_keys[A_COUNT];
static zend_string *server_keys[S_COUNT];
static zend_string *option_keys[O_COUNT];
static zend_string *device_strs[SEG_DEVICE_COUNT];
static zend_string *source_strs[SEG_SOURCE_COUNT];
static zend_string *network_strs[MAX_NAMES];
static zend_string *bot_strs[MAX_NAMES];
static zend_string *str_new, *str_returning, *str_slash, *default_cookie;

static inline php_segment_context *context_from_obj(zend_object *obj)
{
	return (php_segment_context *)((char *)obj - XtOffsetOf(php_segment_context, std));
}

static zend_object *context_create(zend_class_entry *ce)
{
	php_segment_context *c = zend_object_alloc(sizeof(php_segment_context), ce);
	zend_object_std_init(&c->std, ce);
	object_properties_init(&c->std, ce);
	c->std.handlers = &context_handlers;
	c->data = NULL;
	c->extra = NULL;
	c->overrides = false;
	c->attrs = NULL;
	return &c->std;
}

static void data_release(ctx_data *d)
{
	if (!d || --d->refcount > 0) return;
	if (d->bot_name) zend_string_release(d->bot_name);
	if (d->referrer_host) zend_string_release(d->referrer_host);
	for (int i = 0; i < SEG_PARAM_UTM_COUNT; i++)
		if (d->utm[i]) zend_string_release(d->utm[i]);
	zend_string_release(d->landing_page);
	if (d->language) zend_string_release(d->language);
	if (d->languages) zend_array_release(d->languages);
	efree(d);
}

static void context_free(zend_object *obj)
{
	php_segment_context *c = context_from_obj(obj);
	data_release(c->data);
	if (c->extra) zend_array_release(c->extra);
	if (c->attrs) zend_array_release(c->attrs);
	zend_object_std_dtor(obj);
}

/* A new Context object around data and extra (the references are taken over). */
static zend_object *context_new(ctx_data *data, zend_array *extra)
{
	zend_object *obj = context_create(context_ce);
	php_segment_context *c = context_from_obj(obj);
	c->data = data;
	c->extra = extra;
	return obj;
}

/* A clone shares the (immutable) data, additions and attribute array. */
static zend_object *context_clone(zend_object *old)
{
	php_segment_context *o = context_from_obj(old);
	zend_object *obj = context_create(old->ce);
	php_segment_context *c = context_from_obj(obj);
	if ((c->data = o->data) != NULL) c->data->refcount++;
	if ((c->extra = o->extra) != NULL) GC_TRY_ADDREF(c->extra);
	c->overrides = o->overrides;
	if ((c->attrs = o->attrs) != NULL) GC_ADDREF(c->attrs);
	zend_objects_clone_members(obj, old);
	return obj;
}

static HashTable *context_attrs(php_segment_context *c);

/* var_dump() and print_r() show the attributes. */
static HashTable *context_debug_info(zend_object *obj, int *is_temp)
{
	php_segment_context *c = context_from_obj(obj);
	*is_temp = 0;
	return c->data ? context_attrs(c) : (HashTable *)&zend_empty_array;
}

/* ---- reading the request -------------------------------------------------- */

static inline zval *find_known(HashTable *ht, zend_string *key)
{
	zval *v = zend_hash_find_known_hash(ht, key);
	if (v) ZVAL_DEREF(v);
	return v;
}

/* A string value of the request array, or NULL. */
static inline zend_string *request_str(HashTable *ht, zend_string *key)
{
	zval *v = find_known(ht, key);
	return v && Z_TYPE_P(v) == IS_STRING ? Z_STR_P(v) : NULL;
}

/* ---- time ------------------------------------------------------------------- */

/* timelib's own functions are not exported by PHP: offsets come from
 * ext/date's API (php_idate) and from DateTimeZone/DateTime methods. */

/* PHP's default zone's offset at ts.  Shares the per-request (zone,
 * second) slot that rule evaluation uses for "now" (segment_value.c), so
 * a context and the rules of the same request ask ext/date once.  Behind
 * it, a cache that outlives the request, by zone name and UTC day: a day
 * whose first and last second have the same offset has no transition in
 * it (as offset_cb() in segment_value.c assumes), so every request of the
 * day gets the offset without asking ext/date (which works out a full
 * local date for it); the two days a year with a transition are asked
 * second by second. */
static int32_t zone_offset_at(timelib_tzinfo *tz, int64_t ts)
{
	size_t nl = tz && tz->name ? strlen(tz->name) : 0;
	if (nl == 0 || nl >= sizeof SEGMENT_G(zone_days)[0].zone) return (int32_t)php_idate('Z', (time_t)ts, 0);
	int64_t day = seg_floor_day(ts);
	size_t n = sizeof SEGMENT_G(zone_days) / sizeof SEGMENT_G(zone_days)[0];
	struct php_segment_zone_day *e = &SEGMENT_G(zone_days)[(uint64_t)day % n];
	if (!e->valid || e->day != day || memcmp(e->zone, tz->name, nl + 1) != 0) {
		e->start = (int32_t)php_idate('Z', (time_t)(day * 86400), 0);
		e->end = (int32_t)php_idate('Z', (time_t)(day * 86400 + 86399), 0);
		memcpy(e->zone, tz->name, nl + 1);
		e->day = day;
		e->valid = true;
	}
	return e->start == e->end ? e->start : (int32_t)php_idate('Z', (time_t)ts, 0) /* 0: local time (sic) */;
}

static int32_t default_offset(int64_t ts)
{
	timelib_tzinfo *tz = php_segment_default_zone();
	if (!SEGMENT_G(clock_valid) || tz != SEGMENT_G(clock_tz) || (zend_long)ts != SEGMENT_G(clock_now)) {
		SEGMENT_G(clock_offset) = zone_offset_at(tz, ts);
		SEGMENT_G(clock_tz) = tz;
		SEGMENT_G(clock_now) = (zend_long)ts;
		SEGMENT_G(clock_valid) = true;
	}
	return SEGMENT_G(clock_offset);
}

/* The int a method returned; false with an exception (a subclass may
 * override getTimestamp()/getOffset() and return something else). */
static bool method_long(zval *obj, const char *method, zval *arg, zend_long *out)
{
	zval rv;
	ZVAL_UNDEF(&rv);
	zend_call_method(Z_OBJ_P(obj), Z_OBJCE_P(obj), NULL, method, strlen(method), &rv, arg ? 1 : 0, arg, NULL);
	bool ok = !EG(exception) && Z_TYPE(rv) == IS_LONG;
	if (ok) *out = Z_LVAL(rv);
	else if (!EG(exception))
		zend_type_error("%s::%s() must return an int, %s returned", ZSTR_VAL(Z_OBJCE_P(obj)->name), method,
		                zend_zval_type_name(&rv));
	zval_ptr_dtor(&rv);
	return ok;
}

/* A DateTimeZone's offset at ts (when is a DateTimeInterface at ts, or NULL). */
static bool zone_offset(zval *tz, int64_t ts, zval *when, int32_t *off)
{
	php_timezone_obj *z = Z_PHPTIMEZONE_P(tz);
	if (z->type == TIMELIB_ZONETYPE_OFFSET) {
		*off = (int32_t)z->tzi.utc_offset;
		return true;
	}
	if (z->type == TIMELIB_ZONETYPE_ABBR) {
		*off = (int32_t)(z->tzi.z.utc_offset + z->tzi.z.dst * 3600);
		return true;
	}
	if (z->tzi.tz == php_segment_default_zone()) { /* the usual case: the shop's zone is PHP's */
		*off = default_offset(ts);
		return true;
	}
	zval dt;
	ZVAL_UNDEF(&dt);
	if (!when) {
		char buf[32];
		int len = snprintf(buf, sizeof buf, "@%" PRId64, ts);
		php_date_instantiate(php_date_get_date_ce(), &dt);
		if (!php_date_initialize(Z_PHPDATE_P(&dt), buf, (size_t)len, NULL, NULL, 0)) {
			zval_ptr_dtor(&dt);
			if (!EG(exception)) zend_throw_error(NULL, "cannot make a DateTime for %s", buf);
			return false;
		}
		when = &dt;
	}
	zend_long o = 0;
	bool ok = method_long(tz, "getOffset", when, &o);
	*off = (int32_t)o;
	zval_ptr_dtor(&dt);
	return ok;
}

/* The request's time: REQUEST_TIME_FLOAT, else REQUEST_TIME, else now. */
static int64_t request_time(HashTable *server)
{
	zval *v = find_known(server, server_keys[S_REQUEST_TIME_FLOAT]);
	if (v && Z_TYPE_P(v) == IS_DOUBLE && isfinite(Z_DVAL_P(v))) {
		double t = floor(Z_DVAL_P(v));
		if (t >= (double)SEG_DATE_MIN && t <= (double)SEG_DATE_MAX) return (int64_t)t;
	}
	v = find_known(server, server_keys[S_REQUEST_TIME]);
	if (v && Z_TYPE_P(v) == IS_LONG && seg_ts_valid(Z_LVAL_P(v))) return Z_LVAL_P(v);
	return (int64_t)time(NULL);
}

/* Local wall-clock seconds for the time attributes.  Zone: the timezone
 * option, else a DateTimeInterface now's own zone, else PHP's default. */
static bool local_time(HashTable *server, zval *now, zval *tz, bool tz_default, int64_t *local)
{
	int64_t ts;
	zval *now_obj = now && Z_TYPE_P(now) == IS_OBJECT ? now : NULL;
	if (now) {
		zend_long t = 0;
		if (now_obj && !method_long(now_obj, "getTimestamp", NULL, &t)) return false;
		ts = now_obj ? t : Z_LVAL_P(now);
		if (!seg_ts_valid(ts)) {
			zend_value_error("option 'now' is outside years 0000-9999");
			return false;
		}
	} else {
		ts = request_time(server);
	}
	int32_t off;
	if (tz_default) {
		off = default_offset(ts);
	} else if (tz) {
		if (!zone_offset(tz, ts, now_obj, &off)) return false;
	} else if (now_obj) {
		zend_long o = 0;
		if (!method_long(now_obj, "getOffset", NULL, &o)) return false;
		off = (int32_t)o;
	} else {
		off = default_offset(ts);
	}
	*local = ts + off;
	return true;
}

/* ---- options ------------------------------------------------------------------ */

typedef struct context_options {
	HashTable *own_hosts;
	zend_string *cookie;
	zval *now;
	zval tz; /* a DateTimeZone (owned) or UNDEF */
	bool tz_default; /* the timezone option names PHP's default zone */
} context_options;

static bool options_parse(HashTable *opts, context_options *o)
{
	o->own_hosts = NULL;
	o->cookie = default_cookie;
	o->now = NULL;
	ZVAL_UNDEF(&o->tz);
	o->tz_default = false;
	if (!opts || zend_hash_num_elements(opts) == 0) return true;

	zend_string *key;
	zend_ulong idx;
	ZEND_HASH_FOREACH_KEY(opts, idx, key) {
		if (!key) {
			zend_value_error("options must be keyed by name, not by the integer " ZEND_ULONG_FMT, idx);
			return false;
		}
		bool known = false;
		for (int i = 0; i < O_COUNT && !known; i++) known = zend_string_equals(key, option_keys[i]);
		if (!known) { /* a suggestion only for a key that needs one */
			const char *best = NULL;
			zend_long best_d = 3;
			for (int i = 0; i < O_COUNT; i++) {
				zend_long dist =
					php_segment_edit_distance(ZSTR_VAL(key), ZSTR_LEN(key), option_names[i], strlen(option_names[i]));
				if (dist < best_d) {
					best_d = dist;
					best = option_names[i];
				}
			}
			if (best) zend_value_error("unknown option '%s' (did you mean '%s'?)", ZSTR_VAL(key), best);
			else zend_value_error("unknown option '%s'", ZSTR_VAL(key));
			return false;
		}
	} ZEND_HASH_FOREACH_END();

	zval *v = find_known(opts, option_keys[O_OWN_HOSTS]);
	if (v && Z_TYPE_P(v) != IS_NULL) {
		if (Z_TYPE_P(v) != IS_ARRAY) {
			zend_type_error("option 'own_hosts' must be an array of host names, %s given", zend_zval_type_name(v));
			return false;
		}
		zval *h;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), h) {
			ZVAL_DEREF(h);
			if (Z_TYPE_P(h) != IS_STRING) {
				zend_type_error("option 'own_hosts' must hold host names (strings), %s given", zend_zval_type_name(h));
				return false;
			}
			if (Z_STRLEN_P(h) == 0) {
				zend_value_error("option 'own_hosts' must not hold an empty host name");
				return false;
			}
		} ZEND_HASH_FOREACH_END();
		o->own_hosts = Z_ARRVAL_P(v);
	}

	v = find_known(opts, option_keys[O_VISITOR_COOKIE]);
	if (v && Z_TYPE_P(v) != IS_NULL) {
		if (Z_TYPE_P(v) != IS_STRING) {
			zend_type_error("option 'visitor_cookie' must be a string, %s given", zend_zval_type_name(v));
			return false;
		}
		if (Z_STRLEN_P(v) == 0) {
			zend_value_error("option 'visitor_cookie' must not be empty");
			return false;
		}
		o->cookie = Z_STR_P(v);
	}

	v = find_known(opts, option_keys[O_NOW]);
	if (v && Z_TYPE_P(v) != IS_NULL) {
		if (Z_TYPE_P(v) != IS_LONG &&
		    !(Z_TYPE_P(v) == IS_OBJECT && instanceof_function(Z_OBJCE_P(v), php_date_get_interface_ce()))) {
			zend_type_error("option 'now' must be a DateTimeInterface or a Unix timestamp (int), %s given",
			                zend_zval_type_name(v));
			return false;
		}
		o->now = v;
	}

	v = find_known(opts, option_keys[O_TIMEZONE]);
	timelib_tzinfo *def;
	if (v && Z_TYPE_P(v) != IS_NULL) {
		if (Z_TYPE_P(v) == IS_OBJECT && instanceof_function(Z_OBJCE_P(v), php_date_get_timezone_ce())) {
			if (!Z_PHPTIMEZONE_P(v)->initialized) {
				zend_throw_error(NULL, "option 'timezone': the DateTimeZone object has not been correctly initialized by its constructor");
				return false;
			}
			ZVAL_COPY(&o->tz, v);
		} else if (Z_TYPE_P(v) == IS_STRING && (def = php_segment_default_zone()) != NULL && def->name &&
		           zend_string_equals_cstr(Z_STR_P(v), def->name, strlen(def->name))) {
			/* the shop's zone is PHP's, by its exact name (what a module
			 * passes on every request): no DateTimeZone to make */
			o->tz_default = true;
		} else if (Z_TYPE_P(v) == IS_STRING) {
			/* DateTimeZone's own constructor: the same names as PHP, from
			 * ext/date's per-request zone cache. */
			object_init_ex(&o->tz, php_date_get_timezone_ce());
			zend_call_known_instance_method_with_1_params(Z_OBJCE(o->tz)->constructor, Z_OBJ(o->tz), NULL, v);
			if (EG(exception)) {
				zend_clear_exception();
				zval_ptr_dtor(&o->tz);
				ZVAL_UNDEF(&o->tz);
				zend_value_error("option 'timezone' must be a time zone name such as \"Europe/Paris\", \"%s\" is not",
				                 Z_STRVAL_P(v));
				return false;
			}
		} else {
			zend_type_error("option 'timezone' must be a time zone name or a DateTimeZone, %s given",
			                zend_zval_type_name(v));
			return false;
		}
	}
	return true;
}

/* ---- fromRequest() ------------------------------------------------------------- */

PHP_METHOD(Segment_Context, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

PHP_METHOD(Segment_Context, fromRequest)
{
	HashTable *server, *cookie = NULL, *get = NULL, *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 4)
		Z_PARAM_ARRAY_HT(server)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(cookie)
		Z_PARAM_ARRAY_HT(get)
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	context_options o;
	if (!options_parse(opts, &o)) {
		zval_ptr_dtor(&o.tz);
		RETURN_THROWS();
	}
	int64_t local;
	bool ok = local_time(server, o.now, Z_TYPE(o.tz) == IS_OBJECT ? &o.tz : NULL, o.tz_default, &local);
	if (Z_REFCOUNTED(o.tz)) zval_ptr_dtor(&o.tz); /* usually undefined: no call */
	if (!ok) RETURN_THROWS();

	/* Device */
	zend_string *ua = request_str(server, server_keys[S_USER_AGENT]);
	zend_string *ch = request_str(server, server_keys[S_CH_MOBILE]);
	seg_context_ua dev;
	if (!SEGMENT_G(ua_memo)) SEGMENT_G(ua_memo) = pecalloc(1, sizeof(seg_ua_memo), 1);
	seg_context_device_memo(&ua_index, SEGMENT_G(ua_memo), ua ? ZSTR_VAL(ua) : NULL, ua ? ZSTR_LEN(ua) : 0,
	                        ch ? ZSTR_VAL(ch) : NULL, ch ? ZSTR_LEN(ch) : 0, &dev);

	/* Traffic source: the query's tags and click ids, one pass over $_GET. */
	seg_context_request req;
	memset(&req, 0, sizeof req);
	zend_string *utm[SEG_PARAM_UTM_COUNT] = {NULL};
	if (get) {
		zend_string *key;
		zval *v;
		ZEND_HASH_FOREACH_STR_KEY_VAL(get, key, v) {
			if (!key) continue;
			int id = seg_context_param(ZSTR_VAL(key), ZSTR_LEN(key));
			if (id < 0) continue;
			ZVAL_DEREF(v);
			if (Z_TYPE_P(v) != IS_STRING || Z_STRLEN_P(v) == 0) continue;
			req.params[id].s = Z_STRVAL_P(v);
			req.params[id].len = Z_STRLEN_P(v);
			if (id < SEG_PARAM_UTM_COUNT) utm[id] = Z_STR_P(v);
		} ZEND_HASH_FOREACH_END();
	}
	zend_string *ref = request_str(server, server_keys[S_REFERER]);
	if (ref) {
		req.referrer = ZSTR_VAL(ref);
		req.referrer_len = ZSTR_LEN(ref);
	}
	zend_string *host = request_str(server, server_keys[S_HOST]);
	if (!host) host = request_str(server, server_keys[S_SERVER_NAME]);
	if (host) {
		req.host = ZSTR_VAL(host);
		req.host_len = ZSTR_LEN(host);
	}
	seg_str own_buf[8];
	seg_str *own = own_buf;
	if (o.own_hosts) {
		uint32_t n = zend_hash_num_elements(o.own_hosts);
		if (n > sizeof own_buf / sizeof own_buf[0]) own = safe_emalloc(n, sizeof *own, 0);
		zval *h;
		ZEND_HASH_FOREACH_VAL(o.own_hosts, h) {
			ZVAL_DEREF(h);
			own[req.own_count].s = Z_STRVAL_P(h);
			own[req.own_count].len = Z_STRLEN_P(h);
			req.own_count++;
		} ZEND_HASH_FOREACH_END();
		req.own_hosts = own;
	}
	seg_context_traffic src;
	seg_context_source(&req, &src);
	if (own != own_buf) efree(own);

	/* The parsed values; the attribute array waits until PHP code asks for it. */
	ctx_data *d = emalloc(sizeof *d);
	d->refcount = 1;
	d->device = (uint8_t)dev.device;
	d->is_bot = dev.is_bot;
	if (dev.bot >= 0 && dev.bot < MAX_NAMES && bot_strs[dev.bot]) d->bot_name = bot_strs[dev.bot];
	else if (dev.name_len) d->bot_name = zend_string_init(ZSTR_VAL(ua) + dev.name_off, dev.name_len, 0);
	else d->bot_name = NULL;
	d->source = (uint8_t)src.source;
	/* most page views never read it: a short host waits here as bytes */
	d->host_len = src.host_len <= sizeof d->host ? (uint8_t)src.host_len : 0;
	memcpy(d->host, src.host, d->host_len);
	d->referrer_host = src.host_len > sizeof d->host ? zend_string_init(src.host, src.host_len, 0) : NULL;
	d->search_engine = (int16_t)(src.search_engine >= 0 && src.search_engine < MAX_NAMES ? src.search_engine : -1);
	d->social_network = (int16_t)(src.social_network >= 0 && src.social_network < MAX_NAMES ? src.social_network : -1);
	for (int i = 0; i < SEG_PARAM_UTM_COUNT; i++) d->utm[i] = utm[i] ? zend_string_copy(utm[i]) : NULL;

	/* Landing page: the request's own string when it is all path. */
	zend_string *uri = request_str(server, server_keys[S_REQUEST_URI]);
	size_t poff = 0, plen = 0;
	if (uri) seg_context_path(ZSTR_VAL(uri), ZSTR_LEN(uri), &poff, &plen);
	if (!plen) d->landing_page = str_slash;
	else if (poff == 0 && plen == ZSTR_LEN(uri)) d->landing_page = zend_string_copy(uri);
	else d->landing_page = zend_string_init(ZSTR_VAL(uri) + poff, plen, 0);

	/* Visitor: the modules' cookie, present and not empty. */
	zval *ck = cookie ? zend_hash_find_deref(cookie, o.cookie) : NULL;
	d->returning = ck && Z_TYPE_P(ck) == IS_STRING && Z_STRLEN_P(ck) > 0;

	/* Languages: parsed now, made into PHP strings when asked for */
	zend_string *al = request_str(server, server_keys[S_ACCEPT_LANGUAGE]);
	d->langs.count = 0;
	if (al) {
		if (!SEGMENT_G(lang_memo)) SEGMENT_G(lang_memo) = pecalloc(1, sizeof(seg_lang_memo), 1);
		seg_context_languages_memo(SEGMENT_G(lang_memo), ZSTR_VAL(al), ZSTR_LEN(al), &d->langs);
	}
	d->language = NULL;
	d->languages = NULL;

	/* Local time */
	seg_context_clock clk;
	seg_context_clock_of(local, &clk);
	d->month = (uint8_t)clk.month;
	d->weekday = (uint8_t)clk.weekday;
	d->hour = (uint8_t)clk.hour;

	RETURN_OBJ(context_new(d, NULL));
}

/* ---- the attributes ------------------------------------------------------------ */

static inline void str_or_null(zval *v, zend_string *s)
{
	if (s) ZVAL_STR_COPY(v, s);
	else ZVAL_NULL(v);
}

/* Two-letter language tags (ISO 639-1, "fr"), interned in MINIT: most
 * visitors' languages cost no allocation. */
static zend_string *lang2_strs[26 * 26];

static zend_string *lang_str(const char *tag, uint8_t len)
{
	if (len == 2 && (unsigned char)(tag[0] - 'a') < 26 && (unsigned char)(tag[1] - 'a') < 26)
		return lang2_strs[(tag[0] - 'a') * 26 + (tag[1] - 'a')];
	return zend_string_init(tag, len, 0);
}

/* The referrer's host, made into a string on first use (NULL: none). */
static zend_string *referrer_host_of(ctx_data *d)
{
	if (!d->referrer_host && d->host_len) d->referrer_host = zend_string_init(d->host, d->host_len, 0);
	return d->referrer_host;
}

/* The first preferred language, made on first use (NULL: none). */
static zend_string *language_of(ctx_data *d)
{
	if (!d->language && d->langs.count) d->language = lang_str(d->langs.tag[0], d->langs.len[0]);
	return d->language;
}

/* The preferred languages, a list made on first use. */
static zend_array *languages_of(ctx_data *d)
{
	if (d->languages) return d->languages;
	if (d->langs.count == 0) return d->languages = (zend_array *)&zend_empty_array;
	d->languages = zend_new_array(d->langs.count);
	zend_hash_real_init_packed(d->languages);
	ZEND_HASH_FILL_PACKED(d->languages) {
		for (uint32_t i = 0; i < d->langs.count; i++) {
			if (i == 0) { /* language and languages[0] share it */
				ZEND_HASH_FILL_SET_STR_COPY(language_of(d));
			} else {
				ZEND_HASH_FILL_SET_STR(lang_str(d->langs.tag[i], d->langs.len[i]));
			}
			ZEND_HASH_FILL_NEXT();
		}
	} ZEND_HASH_FILL_END();
	return d->languages;
}

/* What built-in attribute i is: a string (*str, NULL for null), an int or
 * a bool (*num), or the languages list; one switch for both forms below.
 * (d is shared and otherwise immutable; the lazy strings are made here once.) */
enum { BV_STR, BV_LONG, BV_BOOL, BV_LIST };

static int builtin_raw(ctx_data *d, int i, zend_string **str, zend_long *num)
{
	*str = NULL;
	switch (i) {
	case A_DEVICE: *str = device_strs[d->device]; return BV_STR;
	case A_IS_BOT: *num = d->is_bot; return BV_BOOL;
	case A_BOT_NAME: *str = d->bot_name; return BV_STR;
	case A_TRAFFIC_SOURCE: *str = source_strs[d->source]; return BV_STR;
	case A_REFERRER_HOST: *str = referrer_host_of(d); return BV_STR;
	case A_SEARCH_ENGINE: *str = d->search_engine >= 0 ? network_strs[d->search_engine] : NULL; return BV_STR;
	case A_SOCIAL_NETWORK: *str = d->social_network >= 0 ? network_strs[d->social_network] : NULL; return BV_STR;
	case A_UTM_SOURCE:
	case A_UTM_MEDIUM:
	case A_UTM_CAMPAIGN:
	case A_UTM_TERM:
	case A_UTM_CONTENT: *str = d->utm[i - A_UTM_SOURCE]; return BV_STR;
	case A_LANDING_PAGE: *str = d->landing_page; return BV_STR;
	case A_VISITOR: *str = d->returning ? str_returning : str_new; return BV_STR;
	case A_RETURNING: *num = d->returning; return BV_BOOL;
	case A_LANGUAGE: *str = language_of(d); return BV_STR;
	case A_LANGUAGES: return BV_LIST;
	case A_MONTH: *num = d->month; return BV_LONG;
	case A_WEEKDAY: *num = d->weekday; return BV_LONG;
	case A_HOUR: *num = d->hour; return BV_LONG;
	default: return BV_STR; /* null */
	}
}

/* Built-in attribute i of d, a new reference. */
static void builtin_value(ctx_data *d, int i, zval *v)
{
	zend_string *str;
	zend_long num = 0;
	switch (builtin_raw(d, i, &str, &num)) {
	case BV_STR: str_or_null(v, str); break;
	case BV_LONG: ZVAL_LONG(v, num); break;
	case BV_BOOL: ZVAL_BOOL(v, num); break;
	default: {
		zend_array *list = languages_of(d);
		if (GC_FLAGS(list) & IS_ARRAY_IMMUTABLE) {
			ZVAL_EMPTY_ARRAY(v);
		} else {
			GC_ADDREF(list);
			ZVAL_ARR(v, list);
		}
		break;
	}
	}
}

/* Two bits of each built-in name's hash, so that a table's keys can be
 * checked against all 20 names with two bit tests each (set in MINIT). */
static uint64_t name_filter[2];

/* Whether a key of ht may be a built-in attribute name: when none is, the
 * built-in attributes can be appended without looking each one up. */
static bool has_builtin_key(HashTable *ht)
{
	zend_string *key;
	zend_ulong h;
	ZEND_HASH_FOREACH_KEY(ht, h, key) {
		if (!key) continue;
		h = ZSTR_H(key);
		if (!((name_filter[0] >> (h & 63)) & 1) || !((name_filter[1] >> ((h >> 6) & 63)) & 1)) continue;
		for (int i = 0; i < A_COUNT; i++)
			if (zend_string_equals(key, attr_keys[i])) return true;
	} ZEND_HASH_FOREACH_END();
	return false;
}

/*
 * Writes a context's attributes into ht in toArray() order: the built-in
 * ones (each replaced by a with() value of its name), then the with()
 * additions.  With lookup, keys ht already has are replaced in place (the
 * merge assign() does); without, ht must be empty and have room for them,
 * and they are appended.
 */
static void attrs_into(const php_segment_context *c, HashTable *ht, bool lookup)
{
	zval v;
	HashTable *extra = c->overrides ? c->extra : NULL;
	/* appending needs room (_zend_hash_append does not grow the table) */
	if (lookup && ht->nTableSize - ht->nNumUsed >= A_COUNT && !has_builtin_key(ht)) lookup = false;
	for (int i = 0; i < A_COUNT; i++) {
		zval *x = extra ? zend_hash_find_known_hash(extra, attr_keys[i]) : NULL;
		if (x) ZVAL_COPY(&v, x);
		else builtin_value(c->data, i, &v);
		if (lookup) zend_hash_update(ht, attr_keys[i], &v);
		else _zend_hash_append_ex(ht, attr_keys[i], &v, 1);
	}
	if (c->extra) {
		zend_string *key;
		zval *x;
		ZEND_HASH_FOREACH_STR_KEY_VAL(c->extra, key, x) {
			Z_TRY_ADDREF_P(x);
			zend_hash_update(ht, key, x); /* a built-in name: the same value, already in place */
		} ZEND_HASH_FOREACH_END();
	}
}

/* The attribute array, built on first use and kept. */
static HashTable *context_attrs(php_segment_context *c)
{
	if (!c->attrs) {
		HashTable *ht = zend_new_array(A_COUNT + (c->extra ? zend_hash_num_elements(c->extra) : 0));
		zend_hash_real_init_mixed(ht);
		attrs_into(c, ht, false);
		c->attrs = ht;
	}
	return c->attrs;
}


/* ---- accessors ------------------------------------------------------------------- */

static php_segment_context *this_context(zval *this_zv)
{
	php_segment_context *c = context_from_obj(Z_OBJ_P(this_zv));
	if (!c->data) zend_throw_error(NULL, "Segment\\Context was not built by fromRequest()");
	return c->data ? c : NULL;
}

PHP_METHOD(Segment_Context, toArray)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_context *c = this_context(ZEND_THIS);
	if (!c) RETURN_THROWS();
	HashTable *ht = context_attrs(c);
	GC_ADDREF(ht);
	RETURN_ARR(ht);
}

PHP_METHOD(Segment_Context, get)
{
	zend_string *name;
	zval *def = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(name)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(def)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_context *c = this_context(ZEND_THIS);
	if (!c) RETURN_THROWS();
	zval *v = zend_symtable_find(context_attrs(c), name);
	if (v) RETURN_COPY(v);
	if (def) RETURN_COPY_DEREF(def);
	RETURN_NULL();
}

/* ---- with() ------------------------------------------------------------------------ */

#define WITH_MAX_DEPTH 32

/* Checks one value: -1 (error thrown) if it is not null, bool, int, float,
 * string or an array of those; 1 if it holds references (so it must be
 * copied, or the caller could change the context later), else 0. */
static int with_check(zval *v, const char *key, int depth)
{
	int refs = 0;
	if (Z_ISREF_P(v)) {
		refs = 1;
		v = Z_REFVAL_P(v);
	}
	switch (Z_TYPE_P(v)) {
	case IS_NULL:
	case IS_FALSE:
	case IS_TRUE:
	case IS_LONG:
	case IS_DOUBLE:
	case IS_STRING: return refs;
	case IS_ARRAY: {
		if (depth >= WITH_MAX_DEPTH) {
			zend_argument_value_error(1, "value of \"%s\" is nested more than %d levels deep", key, WITH_MAX_DEPTH);
			return -1;
		}
		zval *item;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), item) {
			int r = with_check(item, key, depth + 1);
			if (r < 0) return -1;
			refs |= r;
		} ZEND_HASH_FOREACH_END();
		return refs;
	}
	default:
		zend_argument_value_error(1, "value of \"%s\" must be null, bool, int, float, string or an array of those, %s given",
		                          key, zend_zval_type_name(v));
		return -1;
	}
}

/* A copy of a checked value with every reference replaced by its value. */
static void with_copy_deref(zval *v, zval *out)
{
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_ARRAY) {
		ZVAL_COPY(out, v);
		return;
	}
	HashTable *src = Z_ARRVAL_P(v);
	array_init_size(out, zend_hash_num_elements(src));
	zend_string *k;
	zend_ulong idx;
	zval *item;
	ZEND_HASH_FOREACH_KEY_VAL(src, idx, k, item) {
		zval c;
		with_copy_deref(item, &c);
		if (k) zend_hash_add_new(Z_ARRVAL_P(out), k, &c);
		else zend_hash_index_add_new(Z_ARRVAL_P(out), idx, &c);
	} ZEND_HASH_FOREACH_END();
}

PHP_METHOD(Segment_Context, with)
{
	HashTable *attributes;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(attributes)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_context *c = this_context(ZEND_THIS);
	if (!c) RETURN_THROWS();

	zend_string *key;
	zend_ulong idx;
	zval *v;
	int refs = 0;
	ZEND_HASH_FOREACH_KEY_VAL(attributes, idx, key, v) {
		if (!key) {
			zend_argument_value_error(1, "must have non-empty string keys, integer key " ZEND_ULONG_FMT " given", idx);
			RETURN_THROWS();
		}
		if (ZSTR_LEN(key) == 0) {
			zend_argument_value_error(1, "must have non-empty string keys, \"\" given");
			RETURN_THROWS();
		}
		int r = with_check(v, ZSTR_VAL(key), 0);
		if (r < 0) RETURN_THROWS();
		refs |= r;
	} ZEND_HASH_FOREACH_END();

	/* Only the call holds this context (fromRequest(...)->with(...)): no
	 * code can see it before or after, so the additions go into it and it
	 * is returned, instead of a new context that copies them. */
	zend_object *self = Z_OBJ_P(ZEND_THIS);
	bool in_place = GC_REFCOUNT(self) == 1;

	/* A new context shares the parsed data; only the additions are copied.
	 * A first with() whose array holds no references keeps that array
	 * itself: PHP arrays are copied on write, so the caller's later changes
	 * go to a copy of their own and this one never changes. */
	HashTable *ht;
	if (!c->extra && !refs) {
		ht = attributes;
		GC_TRY_ADDREF(ht);
	} else if (c->extra && in_place && !(GC_FLAGS(c->extra) & IS_ARRAY_IMMUTABLE) && GC_REFCOUNT(c->extra) == 1) {
		ht = c->extra;
	} else if (c->extra) {
		ht = zend_array_dup(c->extra);
	} else {
		ht = zend_new_array(zend_hash_num_elements(attributes));
		zend_hash_real_init_mixed(ht);
	}
	if (ht != attributes) {
		ZEND_HASH_FOREACH_STR_KEY_VAL(attributes, key, v) {
			zval copy;
			if (with_check(v, ZSTR_VAL(key), 0) == 0) ZVAL_COPY(&copy, v);
			else with_copy_deref(v, &copy);
			zend_hash_update(ht, key, &copy);
		} ZEND_HASH_FOREACH_END();
	}
	if (in_place) {
		if (c->extra && c->extra != ht) zend_array_release(c->extra);
		c->extra = ht;
		c->overrides = has_builtin_key(ht);
		if (c->attrs) {
			zend_array_release(c->attrs);
			c->attrs = NULL;
		}
		RETURN_OBJ_COPY(self);
	}
	c->data->refcount++;
	zend_object *obj = context_new(c->data, ht);
	context_from_obj(obj)->overrides = has_builtin_key(ht);
	RETURN_OBJ(obj);
}

/* ---- MINIT ---------------------------------------------------------------------------- */

static zend_string *intern(const char *s) { return zend_string_init_interned(s, strlen(s), 1); }

int php_segment_context_builtin_index(zend_string *name)
{
	for (int i = 0; i < A_COUNT; i++)
		if (zend_string_equals(name, attr_keys[i])) return i;
	return -1;
}

php_segment_context_data *php_segment_context_parts(zend_object *obj, HashTable **extra)
{
	if (obj->ce != context_ce) return NULL;
	php_segment_context *c = context_from_obj(obj);
	*extra = c->extra;
	return c->data;
}

void php_segment_context_builtin(php_segment_context_data *d, int i, zval *out) { builtin_value(d, i, out); }

/* builtin_value() as a rule value, for Model::segments(): no zval made,
 * converted and destroyed per attribute.  Strings stay owned by d.  False
 * for the languages list and for a string too long for a rule value: the
 * zval path then decides (with its error). */
bool php_segment_context_builtin_value(php_segment_context_data *d, int i, seg_value *out)
{
	zend_string *str;
	zend_long num = 0;
	switch (builtin_raw(d, i, &str, &num)) {
	case BV_STR:
		if (!str) *out = seg_null();
		else if (ZSTR_LEN(str) > UINT32_MAX) return false;
		else *out = seg_string(ZSTR_VAL(str), ZSTR_LEN(str));
		return true;
	case BV_LONG: *out = seg_int(num); return true;
	case BV_BOOL: *out = seg_bool(num != 0); return true;
	default: return false;
	}
}

bool php_segment_context_add_to(zend_object *obj, HashTable *ht)
{
	if (obj->ce != context_ce) return false;
	php_segment_context *c = context_from_obj(obj);
	if (!c->data) return false;
	attrs_into(c, ht, zend_hash_num_elements(ht) > 0);
	return true;
}

void php_segment_context_init(zend_class_entry *ce)
{
	context_ce = ce;
	ce->create_object = context_create;
	memcpy(&context_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	context_handlers.offset = XtOffsetOf(php_segment_context, std);
	context_handlers.free_obj = context_free;
	context_handlers.clone_obj = context_clone;
	context_handlers.get_debug_info = context_debug_info;

	if (!seg_context_index_init(&ua_index) || seg_context_bot_count() > MAX_NAMES ||
	    seg_context_network_count() > MAX_NAMES)
		zend_error(E_CORE_ERROR, "segment: the context tables do not fit their index");
	for (int i = 0; i < A_COUNT; i++) {
		attr_keys[i] = intern(attr_names[i]);
		zend_ulong h = ZSTR_H(attr_keys[i]);
		name_filter[0] |= (uint64_t)1 << (h & 63);
		name_filter[1] |= (uint64_t)1 << ((h >> 6) & 63);
	}
	for (int i = 0; i < S_COUNT; i++) server_keys[i] = intern(server_names[i]);
	for (int i = 0; i < O_COUNT; i++) option_keys[i] = intern(option_names[i]);
	for (int i = 0; i < SEG_DEVICE_COUNT; i++) device_strs[i] = intern(seg_device_name((seg_device)i));
	for (int i = 0; i < SEG_SOURCE_COUNT; i++) source_strs[i] = intern(seg_source_name((seg_source)i));
	for (int i = 0; i < seg_context_network_count(); i++)
		network_strs[i] = intern(seg_context_network_name(i));
	for (int i = 0; i < seg_context_bot_count(); i++) {
		const char *name = seg_context_bot_name(i);
		bot_strs[i] = name ? intern(name) : NULL;
	}
	for (int i = 0; i < 26 * 26; i++) {
		char tag[3] = {(char)('a' + i / 26), (char)('a' + i % 26), '\0'};
		lang2_strs[i] = intern(tag);
	}
	str_new = intern("new");
	str_returning = intern("returning");
	str_slash = intern("/");
	default_cookie = intern("seg_visitor");
}
