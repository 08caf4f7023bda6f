/*
 * seg_shopdb.h - reading orders from a shop's database: the SELECTs for the
 * PrestaShop and Magento 2 schemas, and one result row (text, as the MySQL
 * client library returns it) into a seg_order_line.
 *
 * No client library here: segment_mysql.c connects, runs the query and
 * streams the rows.  Every platform query returns the same six columns, in
 * this order, so one row converter serves all of them:
 *
 *   customer  the customer id, NULL for guests and deleted customers
 *   order_id  the order id
 *   date      when the order was placed (DATETIME text)
 *   amount    its value in the shop's default currency (DECIMAL text)
 *   status    "valid" or "invalid" (PrestaShop), the order's state (Magento)
 *   country   ISO 3166 code, NULL when unknown
 *
 * PrestaShop's query also has `shop` (orders.id_shop), for the caller's
 * multistore filter (option 'shop' of fromDatabase()).
 *
 * docs/mysql.md states every choice (which orders count, which amount, which
 * address gives the country) and why.
 */
#ifndef SEG_SHOPDB_H
#define SEG_SHOPDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seg_error.h"
#include "seg_profile.h"

typedef enum seg_shop_platform {
	SEG_SHOP_PRESTASHOP = 0,
	SEG_SHOP_MAGENTO
} seg_shop_platform;

enum { SEG_SHOPDB_MAX_PREFIX = 64 };

/* A table prefix is only ever [A-Za-z0-9_], at most 64 bytes (it is put
 * into SQL as part of identifiers, where no parameter can go). */
bool seg_shopdb_prefix_valid(const char *s, size_t len);

/*
 * The SELECT for a platform with the given table prefix, in *sql (malloc'd,
 * NUL-terminated; free() it).  Fails (SEG_E_ARGUMENT) on an invalid prefix.
 * Also gives the statuses that mean "not counted" for that query.
 */
seg_status seg_shopdb_query(seg_shop_platform platform, const char *prefix, size_t plen, char **sql, seg_error *err);
/*
 * The same SELECT restricted to one customer's orders, with one parameter
 * marker (`?`) for the customer id: the incremental update of the membership
 * store (docs/store.md) binds the id, never puts it into the text.
 */
seg_status seg_shopdb_query_customer(seg_shop_platform platform, const char *prefix, size_t plen, char **sql,
                                     seg_error *err);
extern const seg_str seg_shopdb_prestashop_not_counted[1]; /* "invalid" */
extern const seg_str seg_shopdb_magento_not_counted[2];    /* "canceled", "closed" */

/* A result field: NULL is s == NULL. */
typedef struct seg_shopdb_field {
	const char *s;
	size_t len;
} seg_shopdb_field;

/* Which of the six fields a row has (a custom query may lack some). */
typedef struct seg_shopdb_row {
	seg_shopdb_field customer, order, date, amount, status, country;
	bool has_order, has_status, has_country;
} seg_shopdb_row;

/*
 * A whole shop, joined in the client.  The single query above makes the
 * server look up several rows for each of millions of orders; here the
 * server only scans the orders table, and the small tables are read once
 * into hash maps (seg_idmap.h) that resolve every order row as the LEFT
 * JOINs would have.  Same rows, same values: the store's incremental update
 * keeps the single query for one customer, and both must give the same
 * profile.
 *
 * The parts, read in the order seg_shopdb_split_parts() gives, all in one
 * consistent snapshot:
 *
 *   PrestaShop
 *   STATES     id_order_state of every logable state            (1 column)
 *   CUSTOMERS  id_customer of every customer that counts:       (1 column)
 *              not soft-deleted, not a guest account
 *   COUNTRIES  id_country, iso_code    (before ADDRESSES: an address keeps
 *   ADDRESSES  id_address, id_country   its country's code, not its id)
 *   ORDERS     customer (the raw id), order_id, date, amount, state (the
 *              current_state id), address (id_address_delivery)
 *
 *   Magento 2
 *   CUSTOMERS  entity_id, the country of the default billing, else
 *              shipping, address (NULL when none)
 *   ORDERS     customer (the raw customer_id), order_id, date, amount,
 *              state (the order's state, kept as it is)
 *
 * seg_shopdb_resolve() turns an ORDERS row into the row the single query
 * gives for it.
 */
typedef enum seg_shopdb_part {
	SEG_SHOPDB_STATES = 0,
	SEG_SHOPDB_CUSTOMERS,
	SEG_SHOPDB_COUNTRIES,
	SEG_SHOPDB_ADDRESSES,
	SEG_SHOPDB_ORDERS
} seg_shopdb_part;

/* The platform's parts in reading order, in *parts; returns how many. */
size_t seg_shopdb_split_parts(seg_shop_platform platform, const seg_shopdb_part **parts);
/* The SELECT of one part (SEG_E_ARGUMENT: a part the platform does not
 * have, or an invalid prefix). */
seg_status seg_shopdb_split_query(seg_shop_platform platform, seg_shopdb_part part, const char *prefix, size_t plen,
                                  char **sql, seg_error *err);

typedef struct seg_shopdb_lookup seg_shopdb_lookup;

/* Empty maps for a platform; NULL when out of memory. */
seg_shopdb_lookup *seg_shopdb_lookup_new(seg_shop_platform platform);
void seg_shopdb_lookup_free(seg_shopdb_lookup *lk);
/*
 * One row of a part other than ORDERS (a: the first column, b: the second,
 * a NULL field when the part has one column).  A row whose id is NULL or
 * not an unsigned integer is skipped: no order can match it.  False when
 * out of memory.
 */
bool seg_shopdb_lookup_add(seg_shopdb_lookup *lk, seg_shopdb_part part, seg_shopdb_field a, seg_shopdb_field b);
/*
 * An ORDERS row as read (status: the state, country: the address id, or
 * nothing for Magento) into the row the single query gives for it: customer
 * NULL unless it is one that counts (PrestaShop) or exists (Magento);
 * PrestaShop's status "valid" or "invalid"; country the code or NULL.  The
 * codes live in lk.
 */
void seg_shopdb_resolve(const seg_shopdb_lookup *lk, seg_shopdb_row *row);
/* Bytes held by the maps. */
size_t seg_shopdb_lookup_memory(const seg_shopdb_lookup *lk);

/*
 * Parses MySQL's text form of a DATETIME, TIMESTAMP or DATE:
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", optionally with ".ffffff" (ignored).
 * Returns false for anything else, including the zero date 0000-00-00 and
 * dates with a zero month or day, which MySQL stores without sql_mode
 * NO_ZERO_DATE / NO_ZERO_IN_DATE.
 */
bool seg_shopdb_parse_datetime(const char *s, size_t len, int64_t *ts);

/* Whether s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool seg_shopdb_utf8_valid(const char *s, size_t len);

/*
 * One row into *line (which borrows the row's strings):
 *   - customer NULL or "": a guest line (counted in stats, skipped);
 *   - customer not UTF-8: error (the id would be a wrong key forever);
 *   - date NULL, zero or invalid: line->ts = SEG_TS_NONE (counted, skipped);
 *   - amount NULL or not a finite number: error;
 *   - order, status, country NULL: empty.
 * On error err->attribute names the column ("customer", "amount").
 */
seg_status seg_shopdb_line(const seg_shopdb_row *row, seg_order_line *line, seg_error *err);

#endif
