/*
 * segment_value.c - from PHP customers to core values, and errors back.
 *
 * The core asks for an attribute (a slot) the first time a rule needs it.
 * We walk the customer along the slot's path using keys whose hashes were
 * computed at compile time, and hand the core a borrowed view of the zval:
 * strings are not copied, so reading an attribute costs a hash lookup.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "ext/date/php_date.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_enum.h"
#include "zend_smart_str.h"

#include "php_segment.h"

/* Nested lists deeper than this are refused rather than recursed into. */
#define SEGMENT_MAX_VALUE_DEPTH 8
/* Items taken from one PHP array. */
#define SEGMENT_MAX_LIST_ITEMS 100000

/*
 * A value produced by user code (offsetGet, __get, __toString) is moved into
 * ev->temps, which owns it until the evaluation ends; the caller keeps using
 * its own zval struct as a borrowed view, because the core points into it.
 */
static void keep_temp(php_segment_eval *ev, zval *zv)
{
	if (!Z_REFCOUNTED_P(zv)) return;
	if (!ev->temps) {
		ALLOC_HASHTABLE(ev->temps);
		zend_hash_init(ev->temps, 8, NULL, ZVAL_PTR_DTOR, 0);
	}
	zend_hash_next_index_insert(ev->temps, zv);
}

/*
 * A value read from an object (a property, offsetGet()) or through a PHP
 * reference can be changed by user code that runs later in the same
 * evaluation (__get, offsetGet, __toString of another attribute).  Holding a
 * reference for the evaluation makes such a change copy-on-write, so the
 * views the core already has stay valid.
 */
static void hold(php_segment_eval *ev, zval *zv)
{
	if (!Z_REFCOUNTED_P(zv)) return;
	Z_ADDREF_P(zv);
	keep_temp(ev, zv);
}

static seg_status attr_error(seg_error *err, const seg_path *path, const char *fmt, const char *detail)
{
	seg_error_set(err, SEG_E_ATTRIBUTE, fmt, (int)path->text.len, path->text.s, detail);
	snprintf(err->attribute, sizeof err->attribute, "%.*s", (int)path->text.len, path->text.s);
	return SEG_E_ATTRIBUTE;
}

static zend_long date_timestamp(zend_object *obj, bool *ok)
{
	zval rv;
	*ok = false;
	zend_call_method_with_0_params(obj, obj->ce, NULL, "gettimestamp", &rv);
	if (EG(exception) || Z_TYPE(rv) != IS_LONG) {
		zval_ptr_dtor(&rv);
		return 0;
	}
	*ok = true;
	return Z_LVAL(rv);
}

static seg_status convert(php_segment_eval *ev, zval *zv, seg_value *out, const seg_path *path, int depth,
                          seg_error *err)
{
	if (Z_ISREF_P(zv)) {
		zv = Z_REFVAL_P(zv);
		hold(ev, zv);
	}
	switch (Z_TYPE_P(zv)) {
	case IS_UNDEF:
	case IS_NULL:
		*out = seg_null();
		return SEG_OK;
	case IS_FALSE:
		*out = seg_bool(false);
		return SEG_OK;
	case IS_TRUE:
		*out = seg_bool(true);
		return SEG_OK;
	case IS_LONG:
		*out = seg_int(Z_LVAL_P(zv));
		return SEG_OK;
	case IS_DOUBLE:
		*out = seg_float(Z_DVAL_P(zv));
		return SEG_OK;
	case IS_STRING:
		if (Z_STRLEN_P(zv) > UINT32_MAX)
			return attr_error(err, path, "attribute '%.*s' is a string too long for rules%s", "");
		*out = seg_string(Z_STRVAL_P(zv), Z_STRLEN_P(zv));
		return SEG_OK;
	case IS_ARRAY: {
		HashTable *ht = Z_ARRVAL_P(zv);
		uint32_t n = zend_hash_num_elements(ht), i = 0;
		if (depth >= SEGMENT_MAX_VALUE_DEPTH)
			return attr_error(err, path, "attribute '%.*s' nests lists too deeply%s", "");
		if (n > SEGMENT_MAX_LIST_ITEMS)
			return attr_error(err, path, "attribute '%.*s' has too many items for rules%s", "");
		seg_value *items = seg_arena_alloc(&ev->arena, sizeof(seg_value) * (n ? n : 1));
		if (!items) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
		zval *item;
		/* A map's values form the list: {"12": "vegan"} works like ["vegan"]. */
		ZEND_HASH_FOREACH_VAL(ht, item) {
			seg_status st = convert(ev, item, &items[i], path, depth + 1, err);
			if (st) return st;
			i++;
		} ZEND_HASH_FOREACH_END();
		*out = seg_list(items, i);
		return SEG_OK;
	}
	case IS_OBJECT: {
		zend_object *obj = Z_OBJ_P(zv);
		if (instanceof_function(obj->ce, php_date_get_interface_ce())) {
			bool ok;
			zend_long ts = date_timestamp(obj, &ok);
			if (!ok) return attr_error(err, path, "attribute '%.*s' is a date that has no timestamp%s", "");
			*out = seg_date(ts);
			return SEG_OK;
		}
		if (obj->ce->ce_flags & ZEND_ACC_ENUM) {
			if (obj->ce->enum_backing_type == IS_UNDEF)
				return attr_error(err, path, "attribute '%.*s' is a pure enum case of %s; rules need a backed enum",
				                  ZSTR_VAL(obj->ce->name));
			return convert(ev, zend_enum_fetch_case_value(obj), out, path, depth, err);
		}
		if (obj->ce->__tostring) {
			zval str;
			if (zend_std_cast_object_tostring(obj, &str, IS_STRING) == FAILURE || EG(exception)) {
				if (!EG(exception)) zval_ptr_dtor(&str);
				return attr_error(err, path, "attribute '%.*s' could not be converted to a string%s", "");
			}
			keep_temp(ev, &str);
			*out = seg_string(Z_STRVAL(str), Z_STRLEN(str));
			return SEG_OK;
		}
		return attr_error(err, path,
		                  "attribute '%.*s' is an object of class %s; rules can use numbers, strings, "
		                  "booleans, dates and lists",
		                  ZSTR_VAL(obj->ce->name));
	}
	default:
		return attr_error(err, path, "attribute '%.*s' is a %s; rules can use numbers, strings, booleans, dates and lists",
		                  zend_zval_type_name(zv));
	}
}

/* One step along a path: array key, ArrayAccess offset or public property. */
static zval *member(php_segment_eval *ev, zval *container, zend_string *key, zval *rv)
{
	ZVAL_DEREF(container);
	if (Z_TYPE_P(container) == IS_ARRAY) {
		zval *r = zend_hash_find_known_hash(Z_ARRVAL_P(container), key);
		if (r && Z_TYPE_P(r) == IS_INDIRECT) r = Z_INDIRECT_P(r);
		if (r && Z_ISREF_P(r)) {
			r = Z_REFVAL_P(r);
			hold(ev, r);
		}
		return r;
	}
	if (Z_TYPE_P(container) != IS_OBJECT) return NULL;
	zend_object *obj = Z_OBJ_P(container);
	zval *r;
	if (instanceof_function(obj->ce, zend_ce_arrayaccess)) {
		zval offset;
		ZVAL_STR(&offset, key);
		r = obj->handlers->read_dimension(obj, &offset, BP_VAR_IS, rv);
	} else {
		/* Read as code outside any class would: public properties only,
		 * even when segment_of() is called from inside a class. */
		zend_class_entry *old_scope = EG(fake_scope);
		EG(fake_scope) = &segment_public_scope;
		r = obj->handlers->read_property(obj, key, BP_VAR_IS, NULL, rv);
		EG(fake_scope) = old_scope;
	}
	if (r == rv) {
		keep_temp(ev, rv); /* a temporary: now owned by ev->temps */
	} else if (r) {
		if (Z_ISREF_P(r)) r = Z_REFVAL_P(r);
		hold(ev, r);
	}
	if (EG(exception)) return NULL;
	return r;
}

/*
 * zend_hash_find_known_hash() with an inline cache (see php_segment.h):
 * customers built by the same code put the same interned key in the same
 * bucket, so the cached bucket is checked first, by pointer.
 */
static zend_always_inline zval *bucket_value(Bucket *p)
{
	/* Symbol tables ($GLOBALS, get_defined_vars()) hold INDIRECT slots. */
	return EXPECTED(Z_TYPE(p->val) != IS_INDIRECT) ? &p->val : Z_INDIRECT(p->val);
}

static zend_always_inline zval *find_key(HashTable *ht, zend_string *key, php_segment_key_hint *hint)
{
	uint32_t gen = SEGMENT_G(request_generation);
	if (hint->generation == gen && !(HT_FLAGS(ht) & HASH_FLAG_PACKED) && hint->index < ht->nNumUsed) {
		Bucket *p = ht->arData + hint->index;
		if (p->key == hint->key) return bucket_value(p);
	}
	zend_ulong h = ZSTR_H(key);
	Bucket *data = ht->arData;
	uint32_t idx = HT_HASH_EX(data, (uint32_t)h | ht->nTableMask);
	while (idx != HT_INVALID_IDX) {
		Bucket *p = HT_HASH_TO_BUCKET_EX(data, idx);
		if (p->h == h && p->key && (p->key == key || zend_string_equal_content(p->key, key))) {
			if (ZSTR_IS_INTERNED(p->key)) {
				hint->key = p->key;
				hint->index = idx;
				hint->generation = gen;
			}
			return bucket_value(p);
		}
		idx = Z_NEXT(p->val);
	}
	return NULL;
}

zval *php_segment_find_first(php_segment_compiled *c, uint32_t slot, HashTable *ht)
{
	uint32_t k = c->slot_first[slot];
	return find_key(ht, c->keys[k], &c->hints[k]);
}

static seg_status resolve(void *ud, uint32_t slot, seg_value *out, seg_arena *arena, seg_error *err)
{
	(void)arena;
	php_segment_eval *ev = ud;
	php_segment_compiled *c = ev->set;
	uint32_t k = c->slot_first[slot], end = c->slot_first[slot + 1];
	zval *cur = ev->customer;
	if (ev->first) { /* the layers resolved the first name */
		if (slot < 64 && (ev->preset_mask >> slot & 1)) {
			*out = ev->preset[slot];
			return SEG_OK;
		}
		cur = ev->first[slot];
		if (!cur) {
			*out = seg_null();
			return SEG_OK;
		}
		if (Z_ISREF_P(cur)) { /* held as member() holds what it reads through a reference */
			cur = Z_REFVAL_P(cur);
			hold(ev, cur);
		}
		k++;
	}

	/* Fast path: arrays all the way down to a scalar, the usual shape. */
	zval *container = cur;
	while (k < end && Z_TYPE_P(cur) == IS_ARRAY) {
		zval *v = find_key(Z_ARRVAL_P(cur), c->keys[k], &c->hints[k]);
		if (!v) {
			*out = seg_null();
			return SEG_OK;
		}
		if (Z_ISREF_P(v)) break; /* the general path holds what it reads */
		container = cur;
		cur = v;
		k++;
	}
	(void)container;
	if (k == end) {
		switch (Z_TYPE_P(cur)) {
		case IS_LONG: *out = seg_int(Z_LVAL_P(cur)); return SEG_OK;
		case IS_STRING:
			if (EXPECTED(Z_STRLEN_P(cur) <= UINT32_MAX)) {
				*out = seg_string(Z_STRVAL_P(cur), Z_STRLEN_P(cur));
				return SEG_OK;
			}
			break;
		case IS_DOUBLE: *out = seg_float(Z_DVAL_P(cur)); return SEG_OK;
		case IS_NULL: *out = seg_null(); return SEG_OK;
		case IS_TRUE: *out = seg_bool(true); return SEG_OK;
		case IS_FALSE: *out = seg_bool(false); return SEG_OK;
		default: break;
		}
	}

	/* General path: objects, ArrayAccess, references, conversions. */
	const seg_path *path = seg_ruleset_slot(c->rs, slot);
	zval rvs[SEG_MAX_PATH_SEGMENTS]; /* one per step: views stay valid to the end */
	for (uint32_t i = 0; k < end; k++, i++) {
		ZVAL_UNDEF(&rvs[i]);
		cur = member(ev, cur, c->keys[k], &rvs[i]);
		if (EG(exception)) {
			ev->failed = true;
			return attr_error(err, path, "reading attribute '%.*s' threw an exception%s", "");
		}
		if (!cur) {
			*out = seg_null();
			return SEG_OK;
		}
	}
	seg_status st = convert(ev, cur, out, path, 0, err);
	if (EG(exception)) ev->failed = true;
	return st;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* A scalar zval as a core value, if it is one (no user code runs). */
static zend_always_inline bool scalar_value(zval *zv, seg_value *out)
{
	switch (Z_TYPE_P(zv)) {
	case IS_LONG: *out = seg_int(Z_LVAL_P(zv)); return true;
	case IS_STRING:
		if (Z_STRLEN_P(zv) > UINT32_MAX) return false;
		*out = seg_string(Z_STRVAL_P(zv), Z_STRLEN_P(zv));
		return true;
	case IS_DOUBLE: *out = seg_float(Z_DVAL_P(zv)); return true;
	case IS_NULL: *out = seg_null(); return true;
	case IS_TRUE: *out = seg_bool(true); return true;
	case IS_FALSE: *out = seg_bool(false); return true;
	default: return false;
	}
}

/* A PHP array of scalars as a list (interests, tags); false if anything else. */
static bool scalar_list(php_segment_eval *ev, HashTable *ht, seg_value *out)
{
	uint32_t n = zend_hash_num_elements(ht), i = 0;
	if (n > SEGMENT_MAX_LIST_ITEMS) return false;
	seg_value *items = seg_arena_alloc(&ev->arena, sizeof(seg_value) * (n ? n : 1));
	if (!items) return false;
	zval *item;
	ZEND_HASH_FOREACH_VAL(ht, item) {
		if (!scalar_value(item, &items[i])) return false;
		i++;
	} ZEND_HASH_FOREACH_END();
	*out = seg_list(items, i);
	return true;
}

/*
 * Loads the attributes of a plain array customer before any rule runs.
 * Evaluation reads nearly all of them anyway; doing it in passes that issue
 * every independent load first (bucket array, then each value's string or
 * nested array) lets cache misses overlap instead of costing one round trip
 * each.  Only the no-user-code path is taken: objects, conversions and
 * errors are left to the lazy resolver, so preloading never changes a result.
 */
#define PRELOAD_MAX_SLOTS 64
static zval preload_skip; /* marks a slot left to the lazy resolver */

/* The rest of slot's path from cur (its first step's value), and the value. */
static zend_always_inline void preload_slot(php_segment_eval *ev, php_segment_compiled *c, uint32_t slot, zval *cur)
{
	seg_value *slots = ev->env.slots;
	uint32_t k = c->slot_first[slot] + 1, end = c->slot_first[slot + 1];
	if (!cur) {
		slots[slot] = seg_null(); /* missing at the first step */
		return;
	}
	while (k < end && Z_TYPE_P(cur) == IS_ARRAY) {
		zval *v = find_key(Z_ARRVAL_P(cur), c->keys[k], &c->hints[k]);
		if (!v) {
			slots[slot] = seg_null(); /* a missing key on the path */
			return;
		}
		if (Z_ISREF_P(v)) return; /* references go through the resolver */
		cur = v;
		k++;
	}
	if (k == end && !scalar_value(cur, &slots[slot]) && Z_TYPE_P(cur) == IS_ARRAY &&
	    !scalar_list(ev, Z_ARRVAL_P(cur), &slots[slot]))
		slots[slot].type = SEG_SLOT_UNLOADED;
}

static void preload(php_segment_eval *ev)
{
	php_segment_compiled *c = ev->set;
	if (c->nslots > PRELOAD_MAX_SLOTS) return;
	if (ev->first) {
		/* The caller found each slot's first step (Model::segments()), in
		 * memory it has just read: one pass. */
		for (uint32_t slot = 0; slot < c->nslots; slot++) {
			if (ev->preset_mask >> slot & 1) {
				ev->env.slots[slot] = ev->preset[slot];
				continue;
			}
			zval *v = ev->first[slot];
			if (v && Z_ISREF_P(v)) continue; /* references go through the resolver */
			preload_slot(ev, c, slot, v);
		}
		return;
	}
	if (Z_TYPE_P(ev->customer) != IS_ARRAY) return;
	HashTable *ht = Z_ARRVAL_P(ev->customer);
	const char *data = (const char *)ht->arData;
	size_t bytes = (size_t)ht->nNumUsed * sizeof(Bucket);
	for (size_t off = 0; off < bytes && off < 4096; off += 64) PREFETCH(data + off);

	/* Pass 1: the first path segment of every slot, prefetching its target. */
	zval *first[PRELOAD_MAX_SLOTS];
	for (uint32_t slot = 0; slot < c->nslots; slot++) {
		uint32_t k = c->slot_first[slot];
		zval *v = find_key(ht, c->keys[k], &c->hints[k]);
		if (v && Z_ISREF_P(v)) {
			first[slot] = &preload_skip; /* references go through the resolver */
			continue;
		}
		if (v) {
			if (Z_TYPE_P(v) == IS_STRING) PREFETCH(Z_STRVAL_P(v));
			else if (Z_TYPE_P(v) == IS_ARRAY) PREFETCH(Z_ARRVAL_P(v));
		}
		first[slot] = v;
	}
	/* Pass 2: the rest of each path, and the values. */
	for (uint32_t slot = 0; slot < c->nslots; slot++)
		if (first[slot] != &preload_skip) preload_slot(ev, c, slot, first[slot]);
}

/*
 * The default time zone's UTC offset at ts, kept for the last (zone, second)
 * asked.  ext/date keeps one timelib_tzinfo per zone for the request, so
 * within a request the pointer identifies the zone, and a zone change by
 * date_default_timezone_set() is seen; RINIT forgets the cache.
 */
/* PHP's default zone, looked up at most once per evaluation. */
static timelib_tzinfo *default_zone(php_segment_eval *ev)
{
	if (!ev->default_zone_known) {
		ev->default_zone = php_segment_default_zone();
		ev->default_zone_known = true;
	}
	return ev->default_zone;
}

static int32_t offset_at(php_segment_eval *ev, zend_long ts)
{
	timelib_tzinfo *tz = default_zone(ev);
	if (!SEGMENT_G(clock_valid) || tz != SEGMENT_G(clock_tz) || ts != SEGMENT_G(clock_now)) {
		zend_string *z = php_format_date("Z", 1, (time_t)ts, 1);
		SEGMENT_G(clock_offset) = (int32_t)ZEND_STRTOL(ZSTR_VAL(z), NULL, 10);
		zend_string_release(z);
		SEGMENT_G(clock_tz) = tz;
		SEGMENT_G(clock_now) = ts;
		SEGMENT_G(clock_valid) = true;
	}
	return SEGMENT_G(clock_offset);
}

/* The default zone's offset at utc, asked from ext/date. */
static int32_t format_offset(php_segment_eval *ev, zend_long utc)
{
	(void)ev;
	zend_string *z = php_format_date("Z", 1, (time_t)utc, 1);
	int32_t off = (int32_t)ZEND_STRTOL(ZSTR_VAL(z), NULL, 10);
	zend_string_release(z);
	return off;
}

/* $now's zone's offset at utc: DateTimeZone::getOffset(new DateTime("@utc")). */
static int32_t now_zone_offset(php_segment_eval *ev, zend_long utc)
{
	int32_t off = ev->now_offset;
	zval dt, rv;
	char buf[32];
	int len = snprintf(buf, sizeof buf, "@" ZEND_LONG_FMT, utc);
	php_date_instantiate(php_date_get_date_ce(), &dt);
	if (php_date_initialize(Z_PHPDATE_P(&dt), buf, (size_t)len, NULL, NULL, 0)) {
		zend_call_method_with_1_params(Z_OBJ(ev->now_zone), Z_OBJCE(ev->now_zone), NULL, "getoffset", &rv, &dt);
		if (Z_TYPE(rv) == IS_LONG) off = (int32_t)Z_LVAL(rv);
		zval_ptr_dtor(&rv);
	}
	zval_ptr_dtor(&dt);
	return off;
}

/*
 * The core's offset callback: the local UTC offset at a timestamp, in $now's
 * zone when match() got a DateTimeInterface, else in PHP's default zone.
 * A zone without transitions (UTC, "+02:00") has one offset.  Otherwise the
 * answer is cached per request and UTC day: a day whose first and last
 * second share an offset has no transition in it; the two days a year that
 * do are computed exactly.
 */
static int32_t offset_cb(void *ud, int64_t utc64)
{
	php_segment_eval *ev = ud;
	zend_long utc = (zend_long)utc64;
	if (!ev->zone_known) {
		ev->zone_known = true;
		if (Z_TYPE(ev->now_zone) == IS_OBJECT) {
			php_timezone_obj *z = Z_PHPTIMEZONE_P(&ev->now_zone);
			ev->zone = z->type == TIMELIB_ZONETYPE_ID ? z->tzi.tz : NULL;
			ev->zone_offset_fn = now_zone_offset;
			ev->zone_fixed = !ev->zone || ev->zone->bit64.timecnt == 0;
			ev->zone_offset = ev->now_offset;
		} else {
			ev->zone = default_zone(ev);
			ev->zone_offset_fn = format_offset;
			ev->zone_fixed = !ev->zone || ev->zone->bit64.timecnt == 0;
			if (ev->zone_fixed) {
				/* One offset for the zone, asked once per request. */
				if (SEGMENT_G(fixed_zone) != ev->zone || SEGMENT_G(fixed_generation) != SEGMENT_G(request_generation)) {
					SEGMENT_G(fixed_offset) = format_offset(ev, utc);
					SEGMENT_G(fixed_zone) = ev->zone;
					SEGMENT_G(fixed_generation) = SEGMENT_G(request_generation);
				}
				ev->zone_offset = SEGMENT_G(fixed_offset);
			}
		}
	}
	if (ev->zone_fixed) return ev->zone_offset;
	zend_long day = seg_floor_day(utc);
	uint32_t gen = SEGMENT_G(request_generation);
	size_t n = sizeof SEGMENT_G(offsets) / sizeof SEGMENT_G(offsets)[0];
	size_t i = (size_t)((zend_ulong)day % n);
	if (SEGMENT_G(offsets)[i].tz != ev->zone || SEGMENT_G(offsets)[i].day != day ||
	    SEGMENT_G(offsets)[i].generation != gen) {
		SEGMENT_G(offsets)[i].tz = ev->zone;
		SEGMENT_G(offsets)[i].day = day;
		SEGMENT_G(offsets)[i].generation = gen;
		SEGMENT_G(offsets)[i].start = ev->zone_offset_fn(ev, day * 86400);
		SEGMENT_G(offsets)[i].end = ev->zone_offset_fn(ev, day * 86400 + 86399);
	}
	if (SEGMENT_G(offsets)[i].start == SEGMENT_G(offsets)[i].end) return SEGMENT_G(offsets)[i].start;
	return ev->zone_offset_fn(ev, utc);
}

/* Asked by the core only when a rule needs the time: most rules do not. */
static void clock_now(void *ud, int64_t *now, int32_t *tz_offset)
{
	php_segment_eval *ev = ud;
	zend_long t = ev->has_now ? ev->now : (zend_long)time(NULL);
	*now = t;
	*tz_offset = ev->has_now_offset ? ev->now_offset : offset_at(ev, t);
}

void php_segment_eval_begin(php_segment_eval *ev, php_segment_compiled *set, zval *customer, zval **first,
                            const seg_value *preset, uint64_t preset_mask, seg_value *slots, void *arena_buf,
                            size_t arena_cap, zval *now)
{
	ev->set = set;
	ev->customer = customer;
	ev->first = first;
	ev->preset = preset;
	ev->preset_mask = first ? preset_mask : 0;
	ev->temps = NULL;
	ev->failed = false;
	ev->has_now = false;
	ev->has_now_offset = false;
	ZVAL_UNDEF(&ev->now_zone);
	ev->zone_known = false;
	ev->default_zone_known = false;
	seg_arena_init(&ev->arena, arena_buf, arena_cap);
	seg_env_init(&ev->env, set->rs, slots, &ev->arena, resolve, ev);
	ev->env.clock = clock_now;
	ev->env.offset_at = offset_cb;
	preload(ev);
	if (now) {
		if (Z_TYPE_P(now) == IS_LONG) {
			ev->now = Z_LVAL_P(now);
			ev->has_now = true;
		} else if (Z_TYPE_P(now) == IS_OBJECT) {
			bool ok;
			zend_long ts = date_timestamp(Z_OBJ_P(now), &ok);
			if (ok) {
				/* The date's own zone gives local month, weekday and hour. */
				zval off;
				zend_call_method_with_0_params(Z_OBJ_P(now), Z_OBJCE_P(now), NULL, "getoffset", &off);
				ev->now = ts;
				ev->has_now = true;
				if (Z_TYPE(off) == IS_LONG) {
					ev->now_offset = (int32_t)Z_LVAL(off);
					ev->has_now_offset = true;
					/* Other dates get this zone's offset at their own time. */
					zend_call_method_with_0_params(Z_OBJ_P(now), Z_OBJCE_P(now), NULL, "gettimezone", &ev->now_zone);
					if (Z_TYPE(ev->now_zone) != IS_OBJECT) {
						zval_ptr_dtor(&ev->now_zone);
						ZVAL_UNDEF(&ev->now_zone);
					}
				}
				zval_ptr_dtor(&off);
			}
		}
	}
}

void php_segment_eval_end(php_segment_eval *ev)
{
	seg_arena_free(&ev->arena);
	if (Z_REFCOUNTED(ev->now_zone)) zval_ptr_dtor(&ev->now_zone); /* usually undefined: no call */
	ZVAL_UNDEF(&ev->now_zone);
	if (ev->temps) {
		zend_hash_destroy(ev->temps);
		FREE_HASHTABLE(ev->temps);
		ev->temps = NULL;
	}
}

void php_segment_throw_error(const seg_error *err, const char *code, size_t code_len)
{
	if (EG(exception)) {
		/* User code (offsetGet, __get, __toString) threw: keep its exception. */
		return;
	}
	if (err->status == SEG_E_NOMEM) {
		zend_throw_error(NULL, "segment: out of memory");
		return;
	}
	if (err->status == SEG_E_ATTRIBUTE) {
		zval ex;
		object_init_ex(&ex, segment_ce_AttributeError);
		zend_update_property_string(zend_ce_exception, Z_OBJ(ex), ZEND_STRL("message"), err->message);
		zend_update_property_string(segment_ce_AttributeError, Z_OBJ(ex), ZEND_STRL("attribute"), err->attribute);
		zend_throw_exception_object(&ex);
		return;
	}
	if (err->status == SEG_E_SYNTAX || err->status == SEG_E_TYPE || err->status == SEG_E_LIMIT) {
		zval ex;
		smart_str msg = {0};
		if (code_len) smart_str_append_printf(&msg, "segment '%.*s': ", (int)code_len, code);
		if (err->line) smart_str_append_printf(&msg, "line %u, column %u: ", err->line, err->column);
		smart_str_appends(&msg, err->message);
		smart_str_0(&msg);
		object_init_ex(&ex, segment_ce_RuleSyntaxError);
		zend_update_property_str(zend_ce_exception, Z_OBJ(ex), ZEND_STRL("message"), msg.s);
		smart_str_free(&msg);
		zend_update_property_stringl(segment_ce_RuleSyntaxError, Z_OBJ(ex), ZEND_STRL("segmentCode"), code ? code : "",
		                             code_len);
		zend_update_property_long(segment_ce_RuleSyntaxError, Z_OBJ(ex), ZEND_STRL("ruleLine"), err->line);
		zend_update_property_long(segment_ce_RuleSyntaxError, Z_OBJ(ex), ZEND_STRL("ruleColumn"), err->column);
		zend_update_property_string(segment_ce_RuleSyntaxError, Z_OBJ(ex), ZEND_STRL("expected"), err->expected);
		zend_throw_exception_object(&ex);
		return;
	}
	if (code_len)
		zend_throw_exception_ex(segment_ce_Exception, 0, "segment '%.*s': %s", (int)code_len, code, err->message);
	else
		zend_throw_exception(segment_ce_Exception, err->message, 0);
}

void php_segment_value_to_zval(const seg_value *v, php_segment_eval *ev, zval *out)
{
	switch ((seg_type)v->type) {
	case SEG_T_NULL: ZVAL_NULL(out); break;
	case SEG_T_BOOL: ZVAL_BOOL(out, v->u.b); break;
	case SEG_T_INT: ZVAL_LONG(out, v->u.i); break;
	case SEG_T_FLOAT: ZVAL_DOUBLE(out, v->u.f); break;
	case SEG_T_STRING: ZVAL_STRINGL(out, v->u.s, v->len); break;
	case SEG_T_DATE: {
		if (!seg_ts_valid(v->u.i)) {
			ZVAL_LONG(out, v->u.i); /* beyond year 9999: only a timestamp */
			break;
		}
		/* ISO 8601 in the local offset at that moment, e.g. 2024-05-01T10:00:00+02:00 */
		int32_t tz_offset = seg_env_offset(&ev->env, v->u.i);
		int64_t y;
		unsigned m, d;
		int64_t local = v->u.i + tz_offset;
		int64_t days = seg_floor_day(local);
		int64_t sod = local - days * 86400;
		seg_civil_from_days(days, &y, &m, &d);
		int32_t off = tz_offset < 0 ? -tz_offset : tz_offset;
		ZVAL_STR(out, zend_strpprintf(0, "%04" PRId64 "-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", y, m, d,
		                              (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60),
		                              tz_offset < 0 ? '-' : '+', (int)(off / 3600), (int)(off / 60 % 60)));
		break;
	}
	case SEG_T_LIST:
		array_init_size(out, v->len);
		for (uint32_t i = 0; i < v->len; i++) {
			zval item;
			php_segment_value_to_zval(&v->u.items[i], ev, &item);
			zend_hash_next_index_insert_new(Z_ARRVAL_P(out), &item);
		}
		break;
	}
}
