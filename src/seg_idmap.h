/*
 * seg_idmap.h - a hash map from integer ids to 32-bit values.
 *
 * The database source joins a shop's small tables (customers, addresses,
 * order states, countries) to its orders in the client instead of in the
 * server: it reads each of them once into an idmap, then looks up every
 * order row's ids while the orders stream in.  Shops number their rows with
 * AUTO_INCREMENT, so keys are usually dense but the map does not rely on it.
 *
 * Open addressing with linear probing, Fibonacci hashing, at most 70 % full;
 * 16 bytes a slot.  Not thread-safe; owns nothing but its own slots.
 */
#ifndef SEG_IDMAP_H
#define SEG_IDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct seg_idmap seg_idmap;

/* An empty map; NULL when out of memory. */
seg_idmap *seg_idmap_new(void);
void seg_idmap_free(seg_idmap *m);

/* Sets key's value (replacing an earlier one); false when out of memory
 * (the map is unchanged). */
bool seg_idmap_put(seg_idmap *m, uint64_t key, uint32_t value);

/* Whether key is in the map; its value in *value when it is (value may be
 * NULL). */
bool seg_idmap_get(const seg_idmap *m, uint64_t key, uint32_t *value);

size_t seg_idmap_count(const seg_idmap *m);
/* Bytes held. */
size_t seg_idmap_memory(const seg_idmap *m);

/*
 * An id as MySQL's text protocol gives an integer column: decimal digits
 * only, no sign, no spaces, at most UINT64_MAX.  False for anything else
 * (including the empty string), so a malformed id is simply not found.
 */
bool seg_idmap_parse_id(const char *s, size_t len, uint64_t *out);

#endif
