/*
 * seg_context.h - the live request context: device class, traffic source,
 * landing page, preferred languages and local time, from the raw request
 * (User-Agent, Referer, query parameters, Accept-Language).
 *
 * Pure functions over byte strings: no allocation, no regular expressions,
 * no locale, no globals.  The tables (bot and device tokens, search engines,
 * social networks, webmail hosts) are data in seg_context.c; docs/context.md
 * describes every rule and why it is there.
 *
 * Every input is bounded: only the first SEG_CONTEXT_UA_MAX bytes of a
 * User-Agent, SEG_CONTEXT_HEADER_MAX bytes of a Referer or Accept-Language
 * and SEG_CONTEXT_VALUE_MAX bytes of a utm_source / utm_medium are looked
 * at, so the cost of a call does not grow with hostile input.
 *
 * The User-Agent search needs an index built once from the token table
 * (seg_context_index_init), kept by the caller and shared read-only.
 */
#ifndef SEG_CONTEXT_H
#define SEG_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seg_rule.h" /* seg_str */

#define SEG_CONTEXT_UA_MAX        1024
#define SEG_CONTEXT_HEADER_MAX    2048
#define SEG_CONTEXT_VALUE_MAX     64
#define SEG_CONTEXT_HOST_MAX      255  /* referrer_host longer than this: no host */
#define SEG_CONTEXT_BOT_NAME_MAX  64   /* a bot name taken from the User-Agent */
#define SEG_CONTEXT_LANGUAGES_MAX 16

typedef enum seg_device {
	SEG_DEVICE_DESKTOP = 0,
	SEG_DEVICE_MOBILE,
	SEG_DEVICE_TABLET,
	SEG_DEVICE_BOT,
	SEG_DEVICE_COUNT
} seg_device;

typedef enum seg_source {
	SEG_SOURCE_DIRECT = 0,
	SEG_SOURCE_ORGANIC_SEARCH,
	SEG_SOURCE_PAID_SEARCH,
	SEG_SOURCE_SOCIAL,
	SEG_SOURCE_EMAIL,
	SEG_SOURCE_REFERRAL,
	SEG_SOURCE_CAMPAIGN,
	SEG_SOURCE_COUNT
} seg_source;

/* "desktop", "mobile", "tablet", "bot"; "direct", "organic_search", ... */
const char *seg_device_name(seg_device d);
const char *seg_source_name(seg_source s);

/* ---- User-Agent ---------------------------------------------------------- */

/* Byte classes and a (first byte, second byte) -> bucket table over the
 * token list, with a mask of the third bytes each bucket's tokens have: at
 * each position of a User-Agent two lookups rule out almost every token
 * (about 5 positions of a browser's User-Agent get further).  About 6 KiB;
 * built by seg_context_index_init, then read-only (share one per process). */
#define SEG_CONTEXT_CLASSES 48
typedef struct seg_context_index {
	uint8_t cls[256];   /* 0: cannot start a token */
	uint8_t lower[256]; /* ASCII lowercase */
	uint8_t pair[SEG_CONTEXT_CLASSES * SEG_CONTEXT_CLASSES]; /* bucket + 1, or 0 */
	uint64_t third[256 + 1];                                  /* by bucket + 1: classes of the tokens' 3rd bytes */
	uint16_t start[256 + 1];                                  /* bucket b: order[start[b] .. start[b+1]) */
	uint16_t order[512];                                      /* token indexes, longest first per bucket */
	uint16_t ntokens;
	uint16_t nbuckets;
} seg_context_index;

/* SEG_OK is not needed: the tables are fixed; returns false only if they
 * outgrow the index (a programming error the unit tests catch). */
bool seg_context_index_init(seg_context_index *ix);

typedef struct seg_context_ua {
	seg_device device;
	bool is_bot;
	/* The bot's name: a canonical name from the table (bot >= 0, see
	 * seg_context_bot_name), else when name_len > 0 the word of the
	 * User-Agent that gave it away (ua[name_off .. name_off + name_len),
	 * letters, digits, '-' and '_' only), else unknown. */
	int bot;
	size_t name_off, name_len;
} seg_context_ua;

/*
 * Classifies a User-Agent.  ch_mobile is the Sec-CH-UA-Mobile request
 * header (a structured boolean, "?1" / "?0"), or NULL.  Order: an empty
 * User-Agent or a bot token -> bot; Sec-CH-UA-Mobile ?1 -> mobile; smart
 * TVs and consoles -> desktop; iPad, Kindle, Silk, "Tablet" (not on
 * Windows) -> tablet; iPhone, iPod and mobile systems -> mobile; Android
 * with "Mobi" -> mobile, without -> tablet; "Mobi" -> mobile; else desktop.
 */
void seg_context_device(const seg_context_index *ix, const char *ua, size_t len, const char *ch_mobile,
                        size_t ch_len, seg_context_ua *out);

/* The canonical name of bot table entry i ("Googlebot"), or NULL; and how
 * many entries there are (names are indexed by token, some are NULL). */
/*
 * A memo of User-Agent scans.  A page view's User-Agent is nearly always one
 * seen shortly before (the visitor's previous page, or a popular browser
 * build), and scanning it is the costliest part of a context, so the result
 * is kept by the whole string: direct-mapped, the newest entry wins a slot.
 * Owned by the caller (one per process or thread; not shared between
 * threads); zero-filled is empty.  The answer is always the scan's.
 */
#define SEG_UA_MEMO_SLOTS 128
#define SEG_UA_MEMO_LEN   384 /* longer User-Agents are scanned every time */
typedef struct seg_ua_memo_entry {
	uint64_t hash;
	uint32_t len; /* 0: empty */
	seg_context_ua ua; /* the scan without client hints */
	char text[SEG_UA_MEMO_LEN];
} seg_ua_memo_entry;

typedef struct seg_ua_memo {
	seg_ua_memo_entry slot[SEG_UA_MEMO_SLOTS];
	uint64_t hits, misses;
} seg_ua_memo;

/* seg_context_device() through memo (NULL: no memo). */
void seg_context_device_memo(const seg_context_index *ix, seg_ua_memo *memo, const char *ua, size_t len,
                             const char *ch_mobile, size_t ch_len, seg_context_ua *out);

const char *seg_context_bot_name(int i);
int seg_context_bot_count(void);

/* ---- traffic source ------------------------------------------------------ */

/* Query parameters the source depends on (seg_context_param). */
typedef enum seg_context_param_id {
	SEG_PARAM_UTM_SOURCE = 0,
	SEG_PARAM_UTM_MEDIUM,
	SEG_PARAM_UTM_CAMPAIGN,
	SEG_PARAM_UTM_TERM,
	SEG_PARAM_UTM_CONTENT,
	SEG_PARAM_UTM_COUNT,
	/* search ads click ids */
	SEG_PARAM_GCLID = SEG_PARAM_UTM_COUNT,
	SEG_PARAM_GBRAID,
	SEG_PARAM_WBRAID,
	SEG_PARAM_GAD_SOURCE,
	SEG_PARAM_MSCLKID,
	SEG_PARAM_YCLID,
	/* social click ids */
	SEG_PARAM_FBCLID,
	SEG_PARAM_IGSHID,
	SEG_PARAM_TTCLID,
	SEG_PARAM_TWCLID,
	SEG_PARAM_LI_FAT_ID,
	SEG_PARAM_SCCID,
	SEG_PARAM_EPIK,
	SEG_PARAM_COUNT
} seg_context_param_id;

/* Which parameter a query-string key is (exact, case-sensitive, as
 * analytics tools write them; "ScCid" also as "sccid"), or -1. */
int seg_context_param(const char *name, size_t len);

typedef struct seg_context_request {
	const char *referrer; /* HTTP_REFERER or NULL */
	size_t referrer_len;
	const char *host; /* HTTP_HOST (the shop's own host) or NULL */
	size_t host_len;
	const seg_str *own_hosts; /* more own hosts; each also matches its subdomains */
	size_t own_count;
	seg_str params[SEG_PARAM_COUNT]; /* by seg_context_param_id; s == NULL or len 0: absent */
} seg_context_request;

typedef struct seg_context_traffic {
	seg_source source;
	int search_engine;  /* seg_context_network_name() id, or -1 */
	int social_network; /* likewise */
	size_t host_len;    /* referrer_host: 0 = none */
	char host[SEG_CONTEXT_HOST_MAX + 1]; /* lowercase, no "www.", no port, NUL-terminated */
} seg_context_traffic;

/* See docs/context.md, "traffic_source", for the precedence and why. */
void seg_context_source(const seg_context_request *req, seg_context_traffic *out);

/* Name of a search engine or social network ("Google", "Facebook"), NULL
 * for an unknown id; ids run from 0 to seg_context_network_count() - 1. */
const char *seg_context_network_name(int id);
int seg_context_network_count(void);

/* referrer_host of a Referer: writes the lowercase host without "www.",
 * port or trailing dot (NUL-terminated) and returns its length; 0 when the
 * referrer has no usable host ("", "about:blank", "https:///x", bad
 * characters, longer than SEG_CONTEXT_HOST_MAX). */
size_t seg_context_referrer_host(const char *ref, size_t len, char host[SEG_CONTEXT_HOST_MAX + 1]);

/* ---- landing page, languages, time ----------------------------------------- */

/* The path of a request target (REQUEST_URI): up to '?' or '#'; the path
 * of an absolute-form target ("http://h/p?q" -> "/p").  Sets *off and *len;
 * *len is 0 when there is no path starting with '/' (the caller uses "/"). */
void seg_context_path(const char *uri, size_t len, size_t *off, size_t *plen);

typedef struct seg_context_languages {
	uint32_t count;
	uint8_t len[SEG_CONTEXT_LANGUAGES_MAX];
	char tag[SEG_CONTEXT_LANGUAGES_MAX][4]; /* lowercase primary subtag, 2 or 3 letters, NUL-terminated */
} seg_context_languages;

/*
 * Accept-Language: the primary language subtags in preference order (q
 * descending, ties in header order), each once, at most
 * SEG_CONTEXT_LANGUAGES_MAX.  q=0 entries, "*", malformed entries and
 * primary subtags that are not 2 or 3 letters ("x-...", "i-...") are
 * skipped.  Returns out->count.
 */
uint32_t seg_context_languages_parse(const char *s, size_t len, seg_context_languages *out);

/* The same memo for Accept-Language headers: a browser sends the same one on
 * every page, and a shop's visitors send a few dozen different ones. */
#define SEG_LANG_MEMO_SLOTS 64
#define SEG_LANG_MEMO_LEN   120 /* longer headers are parsed every time */
typedef struct seg_lang_memo_entry {
	uint64_t hash;
	uint32_t len; /* 0: empty */
	seg_context_languages langs;
	char text[SEG_LANG_MEMO_LEN];
} seg_lang_memo_entry;

typedef struct seg_lang_memo {
	seg_lang_memo_entry slot[SEG_LANG_MEMO_SLOTS];
	uint64_t hits, misses;
} seg_lang_memo;

/* seg_context_languages_parse() through memo (NULL: no memo). */
uint32_t seg_context_languages_memo(seg_lang_memo *memo, const char *s, size_t len, seg_context_languages *out);

typedef struct seg_context_clock {
	int month;   /* 1..12 */
	int weekday; /* 1 = Monday .. 7 = Sunday (ISO 8601) */
	int hour;    /* 0..23 */
} seg_context_clock;

/* Local month, weekday and hour of wall-clock seconds (UTC time + the
 * zone's offset at that time), for any int64 within SEG_DATE_MIN..MAX. */
void seg_context_clock_of(int64_t local_secs, seg_context_clock *out);

#endif
