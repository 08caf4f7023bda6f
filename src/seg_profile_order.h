/*
 * seg_profile_order.h - customers in customer-id order, as pandas' groupby
 * lists them, without moving the profiles.
 *
 * The order: numeric when every id is a plain integer ("12347", "-5",
 * "007"; digits with an optional leading minus, within int64), else byte-wise
 * (memcmp, then the shorter first).  Ids with equal numbers ("007" and "7")
 * keep their profile order.  This is the order of pandas' groupby.
 */
#ifndef SEG_PROFILE_ORDER_H
#define SEG_PROFILE_ORDER_H

#include <stdint.h>

#include "seg_error.h"
#include "seg_profile.h"

/*
 * rank[i] = the position of profile i in id order (seg_profiles_count()
 * entries, a permutation of 0 .. count - 1).  Needs 12 bytes per customer
 * while it runs, besides rank.
 */
seg_status seg_profiles_id_rank(const seg_profiles *p, uint32_t *rank, seg_error *err);

#endif
