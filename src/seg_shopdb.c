/*
 * seg_shopdb.c - the platform SELECTs and the row converter (seg_shopdb.h).
 */
#include "seg_shopdb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_idmap.h"
#include "seg_value.h"

const seg_str seg_shopdb_prestashop_not_counted[1] = {{"invalid", 7}};
const seg_str seg_shopdb_magento_not_counted[2] = {{"canceled", 8}, {"closed", 6}};

bool seg_shopdb_prefix_valid(const char *s, size_t len)
{
	if (len > SEG_SHOPDB_MAX_PREFIX) return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
	}
	return true;
}

/*
 * PrestaShop.  An order counts when the logable flag of its current state
 * is set: what PrestaShop itself calls a valid order (orders.valid mirrors
 * it, Customer::getStats() sums valid orders only).  The paid flag is not
 * used: "Refunded" is paid but not logable, and must not count.  A state
 * row that no longer exists counts as not logable.  Amounts are total_paid
 * in the shop's default currency (divided by the order's conversion_rate, as
 * getStats() does; a rate of 0 is taken as 1).  Guest accounts (is_guest),
 * soft-deleted customers and customers whose row is gone give a NULL
 * customer.  The country is that of the order's delivery address.
 *
 * {p} stands for the validated prefix; nothing else is ever put into the text.
 */
static const char prestashop_sql[] =
	"SELECT IF(c.id_customer IS NULL OR c.deleted <> 0 OR c.is_guest <> 0, NULL, o.id_customer) AS customer,"
	" o.id_order AS order_id, o.date_add AS date,"
	" o.total_paid / IF(o.conversion_rate > 0, o.conversion_rate, 1) AS amount,"
	" IF(os.logable = 1, 'valid', 'invalid') AS status,"
	" co.iso_code AS country, o.id_shop AS shop"
	" FROM `{p}orders` o"
	" LEFT JOIN `{p}customer` c ON c.id_customer = o.id_customer"
	" LEFT JOIN `{p}order_state` os ON os.id_order_state = o.current_state"
	" LEFT JOIN `{p}address` a ON a.id_address = o.id_address_delivery"
	" LEFT JOIN `{p}country` co ON co.id_country = a.id_country";

/*
 * Magento 2.  The status is the order's state; canceled and closed (fully
 * refunded) orders do not count (seg_shopdb_magento_not_counted; the caller
 * may pass its own list).  The amount is base_grand_total less
 * base_total_refunded (partial refunds), in the base currency; NULLs are 0.
 * Guest orders have a NULL customer_id; a customer_id whose customer_entity
 * row is gone (split databases have no foreign key) is treated the same.
 * The country is that of the customer's default billing address, else of
 * the default shipping address.  created_at is a TIMESTAMP, read in UTC
 * (the glue sets the session time zone), as Magento stores it.
 */
static const char magento_sql[] =
	"SELECT ce.entity_id AS customer,"
	" o.entity_id AS order_id, o.created_at AS date,"
	" COALESCE(o.base_grand_total, 0) - COALESCE(o.base_total_refunded, 0) AS amount,"
	" o.state AS status,"
	" a.country_id AS country"
	" FROM `{p}sales_order` o"
	" LEFT JOIN `{p}customer_entity` ce ON ce.entity_id = o.customer_id"
	" LEFT JOIN `{p}customer_address_entity` a"
	" ON a.entity_id = COALESCE(ce.default_billing, ce.default_shipping) AND a.parent_id = ce.entity_id";

/* tpl with {p} replaced by the prefix, once it is checked, into *sql. */
static seg_status expand(const char *tpl, const char *prefix, size_t plen, char **sql, seg_error *err)
{
	seg_error_clear(err);
	*sql = NULL;
	if (!seg_shopdb_prefix_valid(prefix, plen))
		return seg_error_set(err, SEG_E_ARGUMENT,
		                     "a table prefix may only hold the letters A-Z and a-z, digits and '_', at most %d of them",
		                     SEG_SHOPDB_MAX_PREFIX);
	/* {p} expanded by hand: positional printf arguments are not C11 */
	size_t n = 0, tlen = strlen(tpl);
	for (size_t i = 0; i < tlen; i++) n += strncmp(tpl + i, "{p}", 3) == 0 ? (i += 2, plen) : 1;
	char *s = malloc(n + 1), *w = s;
	if (!s) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	for (size_t i = 0; i < tlen; i++) {
		if (strncmp(tpl + i, "{p}", 3) == 0) {
			memcpy(w, prefix, plen);
			w += plen;
			i += 2;
		} else {
			*w++ = tpl[i];
		}
	}
	*w = '\0';
	*sql = s;
	return SEG_OK;
}

seg_status seg_shopdb_query(seg_shop_platform platform, const char *prefix, size_t plen, char **sql, seg_error *err)
{
	return expand(platform == SEG_SHOP_MAGENTO ? magento_sql : prestashop_sql, prefix, plen, sql, err);
}

/* The parts of prestashop_sql and magento_sql (seg_shopdb.h): the same
 * tables, conditions and expressions, one table each (Magento's customers
 * with their address, a join per customer, not per order). */
enum { NPARTS = SEG_SHOPDB_ORDERS + 1 };
static const char *const prestashop_parts[NPARTS] = {
	[SEG_SHOPDB_STATES] = "SELECT id_order_state FROM `{p}order_state` WHERE logable = 1",
	[SEG_SHOPDB_CUSTOMERS] = "SELECT id_customer FROM `{p}customer` WHERE deleted = 0 AND is_guest = 0",
	[SEG_SHOPDB_COUNTRIES] = "SELECT id_country, iso_code FROM `{p}country`",
	[SEG_SHOPDB_ADDRESSES] = "SELECT id_address, id_country FROM `{p}address`",
	[SEG_SHOPDB_ORDERS] = "SELECT o.id_customer AS customer, o.id_order AS order_id, o.date_add AS date,"
	                      " o.total_paid / IF(o.conversion_rate > 0, o.conversion_rate, 1) AS amount,"
	                      " o.current_state AS state, o.id_address_delivery AS address, o.id_shop AS shop"
	                      " FROM `{p}orders` o",
};
static const char *const magento_parts[NPARTS] = {
	[SEG_SHOPDB_CUSTOMERS] = "SELECT ce.entity_id, a.country_id FROM `{p}customer_entity` ce"
	                         " LEFT JOIN `{p}customer_address_entity` a"
	                         " ON a.entity_id = COALESCE(ce.default_billing, ce.default_shipping)"
	                         " AND a.parent_id = ce.entity_id",
	[SEG_SHOPDB_ORDERS] = "SELECT o.customer_id AS customer, o.entity_id AS order_id, o.created_at AS date,"
	                      " COALESCE(o.base_grand_total, 0) - COALESCE(o.base_total_refunded, 0) AS amount,"
	                      " o.state AS state"
	                      " FROM `{p}sales_order` o",
};
static const seg_shopdb_part prestashop_order[] = {SEG_SHOPDB_STATES, SEG_SHOPDB_CUSTOMERS, SEG_SHOPDB_COUNTRIES,
                                                   SEG_SHOPDB_ADDRESSES, SEG_SHOPDB_ORDERS};
static const seg_shopdb_part magento_order[] = {SEG_SHOPDB_CUSTOMERS, SEG_SHOPDB_ORDERS};

size_t seg_shopdb_split_parts(seg_shop_platform platform, const seg_shopdb_part **parts)
{
	if (platform == SEG_SHOP_MAGENTO) {
		*parts = magento_order;
		return sizeof magento_order / sizeof *magento_order;
	}
	*parts = prestashop_order;
	return sizeof prestashop_order / sizeof *prestashop_order;
}

seg_status seg_shopdb_split_query(seg_shop_platform platform, seg_shopdb_part part, const char *prefix, size_t plen,
                                  char **sql, seg_error *err)
{
	*sql = NULL;
	const char *const *parts = platform == SEG_SHOP_MAGENTO ? magento_parts : prestashop_parts;
	if ((unsigned)part >= NPARTS || !parts[part])
		return seg_error_set(err, SEG_E_ARGUMENT, "the platform's reader has no such part");
	return expand(parts[part], prefix, plen, sql, err);
}

/* ---- the client-side join ---- */

typedef struct country_code {
	char *s; /* NULL: iso_code was NULL */
	size_t len;
} country_code;

struct seg_shopdb_lookup {
	seg_shop_platform platform;
	seg_idmap *states;    /* logable state id -> 0 */
	seg_idmap *customers; /* customer id that counts -> 0; Magento: its country's index into codes + 1, or 0 */
	seg_idmap *countries; /* country id -> index into codes */
	seg_idmap *addresses; /* address id -> index into codes + 1; 0: its country is unknown */
	seg_idmap *interned;  /* a short code's bytes -> its index into codes (Magento) */
	country_code *codes;
	size_t ncodes, capcodes;
};

seg_shopdb_lookup *seg_shopdb_lookup_new(seg_shop_platform platform)
{
	seg_shopdb_lookup *lk = calloc(1, sizeof *lk);
	if (!lk) return NULL;
	lk->platform = platform;
	lk->states = seg_idmap_new();
	lk->customers = seg_idmap_new();
	lk->countries = seg_idmap_new();
	lk->addresses = seg_idmap_new();
	lk->interned = seg_idmap_new();
	if (!lk->states || !lk->customers || !lk->countries || !lk->addresses || !lk->interned) {
		seg_shopdb_lookup_free(lk);
		return NULL;
	}
	return lk;
}

void seg_shopdb_lookup_free(seg_shopdb_lookup *lk)
{
	if (!lk) return;
	seg_idmap_free(lk->states);
	seg_idmap_free(lk->customers);
	seg_idmap_free(lk->countries);
	seg_idmap_free(lk->addresses);
	seg_idmap_free(lk->interned);
	for (size_t i = 0; i < lk->ncodes; i++) free(lk->codes[i].s);
	free(lk->codes);
	free(lk);
}

static bool field_id(seg_shopdb_field f, uint64_t *id) { return f.s && seg_idmap_parse_id(f.s, f.len, id); }

static bool add_code(seg_shopdb_lookup *lk, seg_shopdb_field f, uint32_t *index)
{
	if (lk->ncodes == UINT32_MAX - 1) return false;
	if (lk->ncodes == lk->capcodes) {
		size_t cap = lk->capcodes ? lk->capcodes * 2 : 64;
		country_code *c = realloc(lk->codes, cap * sizeof *c);
		if (!c) return false;
		lk->codes = c;
		lk->capcodes = cap;
	}
	country_code *c = &lk->codes[lk->ncodes];
	c->s = NULL;
	c->len = 0;
	if (f.s) {
		if (!(c->s = malloc(f.len + 1))) return false;
		memcpy(c->s, f.s, f.len);
		c->s[f.len] = '\0';
		c->len = f.len;
	}
	*index = (uint32_t)lk->ncodes++;
	return true;
}

/* The index of a code, added once: a million customers share a few
 * hundred codes.  Codes of up to 7 bytes are keyed by their bytes and
 * length in one integer; longer ones (not country codes anyway) are added
 * each time. */
static bool intern_code(seg_shopdb_lookup *lk, seg_shopdb_field f, uint32_t *index)
{
	if (f.len > 7) return add_code(lk, f, index);
	uint64_t key = (uint64_t)f.len << 56;
	for (size_t i = 0; i < f.len; i++) key |= (uint64_t)(unsigned char)f.s[i] << (8 * i);
	if (seg_idmap_get(lk->interned, key, index)) return true;
	return add_code(lk, f, index) && seg_idmap_put(lk->interned, key, *index);
}

bool seg_shopdb_lookup_add(seg_shopdb_lookup *lk, seg_shopdb_part part, seg_shopdb_field a, seg_shopdb_field b)
{
	uint64_t id, other;
	uint32_t v;
	if (!field_id(a, &id)) return true;
	switch (part) {
	case SEG_SHOPDB_STATES: return seg_idmap_put(lk->states, id, 0);
	case SEG_SHOPDB_CUSTOMERS:
		/* Magento: the country travels with the customer (a NULL one is
		 * stored as none) */
		if (lk->platform == SEG_SHOP_MAGENTO && b.s) return intern_code(lk, b, &v) && seg_idmap_put(lk->customers, id, v + 1);
		return seg_idmap_put(lk->customers, id, 0);
	case SEG_SHOPDB_COUNTRIES: return add_code(lk, b, &v) && seg_idmap_put(lk->countries, id, v);
	case SEG_SHOPDB_ADDRESSES:
		/* LEFT JOIN country: an unknown country id gives a NULL code */
		if (!field_id(b, &other) || !seg_idmap_get(lk->countries, other, &v)) return seg_idmap_put(lk->addresses, id, 0);
		return seg_idmap_put(lk->addresses, id, v + 1);
	default: return true;
	}
}

void seg_shopdb_resolve(const seg_shopdb_lookup *lk, seg_shopdb_row *row)
{
	static const seg_shopdb_field none = {NULL, 0}, valid = {"valid", 5}, invalid = {"invalid", 7};
	uint64_t id;
	uint32_t v;
	uint32_t cv = 0;
	if (!field_id(row->customer, &id) || !seg_idmap_get(lk->customers, id, &cv)) row->customer = none;
	if (lk->platform == SEG_SHOP_MAGENTO) {
		/* the state is the status as it is; the country is the customer's */
		row->country = none;
		if (row->customer.s && cv) row->country = (seg_shopdb_field){lk->codes[cv - 1].s, lk->codes[cv - 1].len};
		row->has_status = row->has_country = true;
		return;
	}
	row->status = field_id(row->status, &id) && seg_idmap_get(lk->states, id, NULL) ? valid : invalid;
	if (field_id(row->country, &id) && seg_idmap_get(lk->addresses, id, &v) && v && lk->codes[v - 1].s) {
		row->country.s = lk->codes[v - 1].s;
		row->country.len = lk->codes[v - 1].len;
	} else {
		row->country = none;
	}
	row->has_status = row->has_country = true;
}

size_t seg_shopdb_lookup_memory(const seg_shopdb_lookup *lk)
{
	size_t n = sizeof *lk + lk->capcodes * sizeof *lk->codes;
	for (size_t i = 0; i < lk->ncodes; i++) n += lk->codes[i].len + 1;
	return n + seg_idmap_memory(lk->states) + seg_idmap_memory(lk->customers) + seg_idmap_memory(lk->countries) +
	       seg_idmap_memory(lk->addresses) + seg_idmap_memory(lk->interned);
}

seg_status seg_shopdb_query_customer(seg_shop_platform platform, const char *prefix, size_t plen, char **sql,
                                     seg_error *err)
{
	char *base;
	*sql = NULL;
	seg_status st = seg_shopdb_query(platform, prefix, plen, &base, err);
	if (st != SEG_OK) return st;
	/* the orders' own customer column: its index makes this one lookup */
	const char *where = platform == SEG_SHOP_MAGENTO ? " WHERE o.customer_id = ?" : " WHERE o.id_customer = ?";
	size_t blen = strlen(base), wlen = strlen(where);
	char *s = realloc(base, blen + wlen + 1);
	if (!s) {
		free(base);
		*sql = NULL;
		return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}
	memcpy(s + blen, where, wlen + 1);
	*sql = s;
	return SEG_OK;
}

static bool digits(const char *s, size_t n, unsigned *out)
{
	unsigned v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return true;
}

bool seg_shopdb_parse_datetime(const char *s, size_t len, int64_t *ts)
{
	unsigned y, mo, d, h = 0, mi = 0, se = 0;
	if (len < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d))
		return false;
	if (len > 10) {
		if (len < 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':' || !digits(s + 11, 2, &h) ||
		    !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se))
			return false;
		if (len > 19) {
			unsigned frac;
			if (s[19] != '.' || len == 20 || len > 26 || !digits(s + 20, len - 20, &frac)) return false;
		}
	}
	static const unsigned char mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || se > 59) return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo == 2 && d == 29 && !leap) return false;
	*ts = seg_days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + se;
	return true;
}

bool seg_shopdb_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t cp;
		if (c >= 0xC2 && c <= 0xDF) n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF) n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4) n = 3, cp = c & 0x07;
		else return false;
		if (len - i <= n) return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80) return false;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n + 1;
	}
	return true;
}

static seg_str str_of(seg_shopdb_field f)
{
	seg_str r = {f.s ? f.s : "", f.s ? f.len : 0};
	return r;
}

seg_status seg_shopdb_line(const seg_shopdb_row *row, seg_order_line *l, seg_error *err)
{
	seg_error_clear(err);
	memset(l, 0, sizeof *l);
	l->quantity = NAN;
	l->customer = str_of(row->customer);
	if (!l->customer.len) return SEG_OK; /* a guest line: counted and skipped by the profiles */
	if (!seg_shopdb_utf8_valid(l->customer.s, l->customer.len)) {
		seg_error_set(err, SEG_E_ARGUMENT, "the customer id is not valid UTF-8");
		snprintf(err->attribute, sizeof err->attribute, "customer");
		return SEG_E_ARGUMENT;
	}
	if (row->has_order) l->order = str_of(row->order);
	if (row->has_status) l->status = str_of(row->status);
	if (row->has_country) l->country = str_of(row->country);
	if (!row->date.s || !seg_shopdb_parse_datetime(row->date.s, row->date.len, &l->ts)) l->ts = SEG_TS_NONE;
	seg_value v;
	if (!row->amount.s) {
		seg_error_set(err, SEG_E_ARGUMENT, "the amount is NULL");
		snprintf(err->attribute, sizeof err->attribute, "amount");
		return SEG_E_ARGUMENT;
	}
	if (!seg_str_to_number(row->amount.s, row->amount.len, &v) ||
	    !isfinite(l->amount = v.type == SEG_T_INT ? (double)v.u.i : v.u.f)) {
		seg_error_set(err, SEG_E_ARGUMENT, "the amount is not a finite number");
		snprintf(err->attribute, sizeof err->attribute, "amount");
		return SEG_E_ARGUMENT;
	}
	return SEG_OK;
}
