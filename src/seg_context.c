/*
 * seg_context.c - the live request context (see seg_context.h and
 * docs/context.md).
 *
 * Everything here is table driven: adding a bot, a search engine or a
 * social network is one line in a table below; tests/c/test_context.c
 * checks the tables' invariants (lowercase, sorted, index fits).
 */
#include "seg_context.h"

#include <string.h>

#include "seg_value.h" /* seg_civil_from_days, seg_floor_day */

/* ---- names ------------------------------------------------------------------ */

static const char *const device_names[SEG_DEVICE_COUNT] = {"desktop", "mobile", "tablet", "bot"};
static const char *const source_names[SEG_SOURCE_COUNT] = {
	"direct", "organic_search", "paid_search", "social", "email", "referral", "campaign",
};

const char *seg_device_name(seg_device d) { return (unsigned)d < SEG_DEVICE_COUNT ? device_names[d] : NULL; }
const char *seg_source_name(seg_source s) { return (unsigned)s < SEG_SOURCE_COUNT ? source_names[s] : NULL; }

static inline bool is_alpha(unsigned char c) { return (unsigned char)((c | 0x20) - 'a') < 26; }
static inline bool is_digit(unsigned char c) { return (unsigned char)(c - '0') < 10; }
static inline bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
static inline unsigned char to_lower(unsigned char c) { return (unsigned char)(c - 'A') < 26 ? (unsigned char)(c | 0x20) : c; }
static inline bool is_ows(unsigned char c) { return c == ' ' || c == '\t'; }

/* s (n bytes, any case) equals the lowercase literal t (n bytes). */
static bool ieq(const char *s, const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (to_lower((unsigned char)s[i]) != (unsigned char)t[i]) return false;
	return true;
}

/* Orders a (n bytes) against b (bl bytes) like strcmp. */
static inline int cmp_n(const char *a, size_t n, const char *b, size_t bl)
{
	/* the first byte settles most steps of a binary search */
	if (n && bl && a[0] != b[0]) return (unsigned char)a[0] - (unsigned char)b[0];
	int c = memcmp(a, b, n < bl ? n : bl);
	return c ? c : (n > bl) - (n < bl);
}

/* a (n bytes) equals the literal lit. */
#define EQ_LIT(a, n, lit) ((n) == sizeof(lit) - 1 && memcmp((a), (lit), sizeof(lit) - 1) == 0)

typedef struct name_len {
	const char *s;
	size_t len;
} name_len;
#define NL(s) {s, sizeof(s) - 1}

static bool in_list(const char *s, size_t n, const name_len *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (list[i].len == n && memcmp(list[i].s, s, n) == 0) return true;
	return false;
}

/* =============================================================================
 * User-Agent
 * ========================================================================== */

enum {
	T_FLAG,        /* a device hint: sets flag */
	T_BOT,         /* a known bot, with its canonical name */
	T_GENERIC,     /* a bot word anywhere ("spider", "crawl"): the word names it */
	T_GENERIC_END, /* "bot" ending a word ("FooBot/1.0", not "Bots" or "CUBOT") */
	T_URL          /* "+http": crawlers put a contact URL in their UA; no name */
};

enum {
	F_IPAD = 1u << 0,
	F_IPHONE = 1u << 1, /* iPhone, iPod */
	F_ANDROID = 1u << 2,
	F_MOBI = 1u << 3,   /* "Mobi" anywhere: Mobile, Opera Mobi, IEMobile */
	F_TABLET = 1u << 4, /* the word "Tablet" (Firefox for Android tablets) */
	F_KINDLE = 1u << 5, /* Kindle, Silk, PlayBook */
	F_MOBILE_OS = 1u << 6,
	F_WINDOWS = 1u << 7, /* "Windows NT": "Tablet PC" there is a touch laptop */
	F_TV = 1u << 8       /* smart TVs and TV sticks: large screens, not tablets */
};

typedef struct ua_token {
	const char *text; /* lowercase */
	uint8_t len;
	uint8_t kind;
	uint16_t flag;
	const char *name; /* T_BOT: the name as its owner writes it */
} ua_token;

#define FLAG(s, f) {s, sizeof(s) - 1, T_FLAG, f, NULL}
#define BOT(s, name) {s, sizeof(s) - 1, T_BOT, 0, name}
#define GENERIC(s) {s, sizeof(s) - 1, T_GENERIC, 0, NULL}

/* clang-format off */
static const ua_token ua_tokens[] = {
	/* devices */
	FLAG("ipad", F_IPAD),
	FLAG("iphone", F_IPHONE),
	FLAG("ipod", F_IPHONE),
	FLAG("android", F_ANDROID),
	FLAG("mobi", F_MOBI),
	FLAG("tablet", F_TABLET),
	FLAG("kindle", F_KINDLE),
	FLAG("silk/", F_KINDLE),
	FLAG("silk-", F_KINDLE),
	FLAG("playbook", F_KINDLE),
	FLAG("windows phone", F_MOBILE_OS),
	FLAG("windows ce", F_MOBILE_OS),
	FLAG("opera mini", F_MOBILE_OS),
	FLAG("blackberry", F_MOBILE_OS),
	FLAG("bb10", F_MOBILE_OS),
	FLAG("kaios", F_MOBILE_OS),
	FLAG("symbian", F_MOBILE_OS),
	FLAG("series60", F_MOBILE_OS),
	FLAG("midp", F_MOBILE_OS),
	FLAG("windows nt", F_WINDOWS),
	FLAG("smart-tv", F_TV),
	FLAG("smarttv", F_TV),
	FLAG("googletv", F_TV),
	FLAG("google tv", F_TV),
	FLAG("android tv", F_TV),
	FLAG("hbbtv", F_TV),
	FLAG("crkey", F_TV),
	FLAG("bravia", F_TV),
	FLAG("web0s", F_TV),
	FLAG("netcast", F_TV),
	FLAG("roku", F_TV),
	FLAG("appletv", F_TV),
	FLAG("; aft", F_TV), /* Fire TV models: AFTMM, AFTKA, AFTSS ... */

	/* search engines */
	BOT("googlebot", "Googlebot"),
	BOT("adsbot-google", "AdsBot-Google"),
	BOT("mediapartners-google", "Mediapartners-Google"),
	BOT("storebot-google", "Storebot-Google"),
	BOT("feedfetcher-google", "FeedFetcher-Google"),
	BOT("googleother", "GoogleOther"),
	BOT("google-inspectiontool", "Google-InspectionTool"),
	BOT("google-read-aloud", "Google-Read-Aloud"),
	BOT("apis-google", "APIs-Google"),
	BOT("google-site-verification", "Google-Site-Verification"),
	BOT("bingbot", "Bingbot"),
	BOT("bingpreview", "BingPreview"),
	BOT("adidxbot", "AdIdxBot"),
	BOT("msnbot", "msnbot"),
	BOT("yandexbot", "YandexBot"),
	BOT("baiduspider", "Baiduspider"),
	BOT("duckduckbot", "DuckDuckBot"),
	BOT("applebot", "Applebot"),
	BOT("petalbot", "PetalBot"),
	BOT("seznambot", "SeznamBot"),
	BOT("qwantify", "Qwantify"),
	BOT("qwantbot", "Qwantbot"),
	BOT("sogou", "Sogou"),
	BOT("360spider", "360Spider"),
	BOT("yisouspider", "YisouSpider"),
	BOT("exabot", "Exabot"),
	BOT("coccocbot", "coccocbot"),
	/* link previews */
	BOT("facebookexternalhit", "facebookexternalhit"),
	BOT("facebookcatalog", "facebookcatalog"),
	BOT("meta-externalagent", "meta-externalagent"),
	BOT("twitterbot", "Twitterbot"),
	BOT("linkedinbot", "LinkedInBot"),
	BOT("slackbot", "Slackbot"),
	BOT("slack-imgproxy", "Slack-ImgProxy"),
	BOT("discordbot", "Discordbot"),
	BOT("telegrambot", "TelegramBot"),
	BOT("whatsapp/", "WhatsApp"),
	BOT("pinterestbot", "Pinterestbot"),
	BOT("redditbot", "redditbot"),
	BOT("skypeuripreview", "SkypeUriPreview"),
	BOT("vkshare", "vkShare"),
	BOT("embedly", "Embedly"),
	BOT("iframely", "Iframely"),
	/* SEO and archives */
	BOT("ahrefsbot", "AhrefsBot"),
	BOT("ahrefssiteaudit", "AhrefsSiteAudit"),
	BOT("semrushbot", "SemrushBot"),
	BOT("mj12bot", "MJ12bot"),
	BOT("dotbot", "DotBot"),
	BOT("blexbot", "BLEXBot"),
	BOT("dataforseobot", "DataForSeoBot"),
	BOT("serpstatbot", "serpstatbot"),
	BOT("barkrowler", "Barkrowler"),
	BOT("screaming frog", "Screaming Frog SEO Spider"),
	BOT("ia_archiver", "ia_archiver"),
	BOT("archive.org_bot", "archive.org_bot"),
	BOT("ccbot", "CCBot"),
	BOT("amazonbot", "Amazonbot"),
	BOT("bytespider", "Bytespider"),
	BOT("diffbot", "Diffbot"),
	/* AI */
	BOT("gptbot", "GPTBot"),
	BOT("chatgpt-user", "ChatGPT-User"),
	BOT("oai-searchbot", "OAI-SearchBot"),
	BOT("claudebot", "ClaudeBot"),
	BOT("claude-web", "Claude-Web"),
	BOT("anthropic-ai", "anthropic-ai"),
	BOT("perplexitybot", "PerplexityBot"),
	BOT("perplexity-user", "Perplexity-User"),
	BOT("cohere-ai", "cohere-ai"),
	/* monitoring and performance */
	BOT("uptimerobot", "UptimeRobot"),
	BOT("pingdom", "Pingdom"),
	BOT("statuscake", "StatusCake"),
	BOT("site24x7", "Site24x7"),
	BOT("datadog", "Datadog"),
	BOT("gtmetrix", "GTmetrix"),
	BOT("ptst/", "WebPageTest"),
	BOT("lighthouse", "Lighthouse"),
	BOT("headlesschrome", "HeadlessChrome"),
	BOT("phantomjs", "PhantomJS"),
	/* HTTP libraries and command-line tools */
	BOT("curl/", "curl"),
	BOT("wget/", "Wget"),
	BOT("python-requests", "python-requests"),
	BOT("python-urllib", "Python-urllib"),
	BOT("python-httpx", "python-httpx"),
	BOT("aiohttp", "aiohttp"),
	BOT("go-http-client", "Go-http-client"),
	BOT("java/", "Java"),
	BOT("okhttp", "okhttp"),
	BOT("apache-httpclient", "Apache-HttpClient"),
	BOT("libwww-perl", "libwww-perl"),
	BOT("guzzlehttp", "GuzzleHttp"),
	BOT("node-fetch", "node-fetch"),
	BOT("axios/", "axios"),
	BOT("undici", "undici"),
	BOT("postmanruntime", "PostmanRuntime"),
	BOT("insomnia/", "Insomnia"),
	BOT("httpie/", "HTTPie"),
	BOT("scrapy", "Scrapy"),
	BOT("nutch", "Nutch"),
	BOT("httrack", "HTTrack"),
	BOT("wordpress/", "WordPress"),
	BOT("zgrab", "zgrab"),
	BOT("masscan", "masscan"),
	BOT("censysinspect", "CensysInspect"),

	/* anything else that says what it is */
	{"bot", 3, T_GENERIC_END, 0, NULL},
	GENERIC("spider"),
	GENERIC("crawl"),
	GENERIC("slurp"),
	GENERIC("scraper"),
	GENERIC("fetcher"),
	GENERIC("archiver"),
	GENERIC("headless"),
	GENERIC("httpclient"),
	GENERIC("http-client"),
	{"+http", 5, T_URL, 0, NULL},
};
/* clang-format on */

#define UA_NTOKENS (sizeof ua_tokens / sizeof ua_tokens[0])

const char *seg_context_bot_name(int i)
{
	return i >= 0 && (size_t)i < UA_NTOKENS && ua_tokens[i].kind == T_BOT ? ua_tokens[i].name : NULL;
}

int seg_context_bot_count(void) { return (int)UA_NTOKENS; }

/* Classes of bytes that may begin a token; 0 for the rest. */
static unsigned byte_class(unsigned char c)
{
	static const char punct[] = "-_+ ;/.(";
	c = to_lower(c);
	if (c >= 'a' && c <= 'z') return 1u + (unsigned)(c - 'a');
	if (c >= '0' && c <= '9') return 27u + (unsigned)(c - '0');
	const char *p = c ? strchr(punct, c) : NULL;
	return p ? 37u + (unsigned)(p - punct) : 0u;
}

static bool tables_ok(void);

bool seg_context_index_init(seg_context_index *ix)
{
	memset(ix, 0, sizeof *ix);
	if (!tables_ok()) return false;
	for (unsigned c = 0; c < 256; c++) {
		ix->lower[c] = to_lower((unsigned char)c);
		ix->cls[c] = (uint8_t)byte_class((unsigned char)c);
	}
	if (UA_NTOKENS > sizeof ix->order / sizeof ix->order[0]) return false;
	/* Buckets by (class of byte 0, class of byte 1), numbered in table order. */
	uint16_t bucket_of[UA_NTOKENS];
	uint16_t count[256] = {0};
	unsigned nb = 0;
	for (size_t t = 0; t < UA_NTOKENS; t++) {
		const ua_token *tok = &ua_tokens[t];
		if (tok->len < 3 || tok->len != strlen(tok->text)) return false;
		unsigned a = ix->cls[(unsigned char)tok->text[0]], b = ix->cls[(unsigned char)tok->text[1]];
		unsigned c = ix->cls[(unsigned char)tok->text[2]];
		if (!a || !b || !c || a >= SEG_CONTEXT_CLASSES || b >= SEG_CONTEXT_CLASSES || c >= 64) return false;
		uint8_t *slot = &ix->pair[a * SEG_CONTEXT_CLASSES + b];
		if (!*slot) {
			if (nb == 255) return false;
			*slot = (uint8_t)++nb;
		}
		ix->third[*slot] |= UINT64_C(1) << c;
		bucket_of[t] = (uint16_t)(*slot - 1);
		count[bucket_of[t]]++;
	}
	ix->start[0] = 0;
	for (unsigned b = 0; b < nb; b++) ix->start[b + 1] = (uint16_t)(ix->start[b] + count[b]);
	uint16_t fill[256];
	memcpy(fill, ix->start, sizeof fill);
	for (size_t t = 0; t < UA_NTOKENS; t++) ix->order[fill[bucket_of[t]]++] = (uint16_t)t;
	/* Longest first within a bucket (insertion sort keeps table order on ties). */
	for (unsigned b = 0; b < nb; b++) {
		for (unsigned i = ix->start[b] + 1u; i < ix->start[b + 1]; i++) {
			uint16_t v = ix->order[i];
			unsigned j = i;
			while (j > ix->start[b] && ua_tokens[ix->order[j - 1]].len < ua_tokens[v].len) {
				ix->order[j] = ix->order[j - 1];
				j--;
			}
			ix->order[j] = v;
		}
	}
	ix->ntokens = (uint16_t)UA_NTOKENS;
	ix->nbuckets = (uint16_t)nb;
	return true;
}

static inline bool is_word(unsigned char c) { return is_alnum(c) || c == '-' || c == '_'; }

/* "bot" at i ends a word and is not the phone maker CUBOT. */
static bool bot_word_end(const char *ua, size_t n, size_t i)
{
	if (i + 3 < n && is_alpha((unsigned char)ua[i + 3])) return false;
	if (i >= 2 && to_lower((unsigned char)ua[i - 2]) == 'c' && to_lower((unsigned char)ua[i - 1]) == 'u' &&
	    (i == 2 || !is_alpha((unsigned char)ua[i - 3])))
		return false;
	return true;
}

static bool ch_is_mobile(const char *s, size_t n)
{
	if (!s) return false;
	while (n && is_ows((unsigned char)*s)) s++, n--;
	while (n && is_ows((unsigned char)s[n - 1])) n--;
	return n == 2 && s[0] == '?' && s[1] == '1';
}

void seg_context_device(const seg_context_index *ix, const char *ua, size_t len, const char *ch_mobile,
                        size_t ch_len, seg_context_ua *out)
{
	out->device = SEG_DEVICE_DESKTOP;
	out->is_bot = false;
	out->bot = -1;
	out->name_off = out->name_len = 0;

	size_t n = ua ? (len < SEG_CONTEXT_UA_MAX ? len : SEG_CONTEXT_UA_MAX) : 0;
	size_t k = 0;
	while (k < n && (is_ows((unsigned char)ua[k]) || ua[k] == '-')) k++;
	if (k == n) { /* no User-Agent (or "-"): every browser sends one */
		out->device = SEG_DEVICE_BOT;
		out->is_bot = true;
		return;
	}

	unsigned flags = 0;
	size_t gen_pos = SIZE_MAX;
	int gen_kind = 0;
	const uint8_t *cls = ix->cls;
	unsigned a = cls[(unsigned char)ua[0]];
	unsigned b = n > 1 ? cls[(unsigned char)ua[1]] : 0;
	for (size_t i = 0; i + 2 < n + 1; i++) { /* tokens have 3 bytes or more */
		unsigned c = i + 2 < n ? cls[(unsigned char)ua[i + 2]] : 0;
		unsigned bk = ix->pair[a * SEG_CONTEXT_CLASSES + b];
		a = b;
		b = c;
		/* One branch per position, rarely taken: bucket 0 has no third bytes. */
		if (!((ix->third[bk] >> c) & 1)) continue;
		for (unsigned j = ix->start[bk - 1]; j < ix->start[bk]; j++) {
			const ua_token *t = &ua_tokens[ix->order[j]];
			if (t->len > n - i) continue;
			const char *p = ua + i + 2;
			const char *q = t->text + 2;
			size_t m = t->len - 2u, x = 0;
			while (x < m && ix->lower[(unsigned char)p[x]] == (unsigned char)q[x]) x++;
			if (x < m) continue;
			switch (t->kind) {
			case T_FLAG: flags |= t->flag; break;
			case T_BOT: /* the first known bot from the left names it */
				out->device = SEG_DEVICE_BOT;
				out->is_bot = true;
				out->bot = ix->order[j];
				return;
			case T_GENERIC_END:
				if (!bot_word_end(ua, n, i)) break;
				/* fall through */
			default:
				if (gen_pos == SIZE_MAX) {
					gen_pos = i;
					gen_kind = t->kind;
				}
				break;
			}
		}
	}

	if (gen_pos != SIZE_MAX) {
		out->device = SEG_DEVICE_BOT;
		out->is_bot = true;
		if (gen_kind != T_URL) {
			size_t s = gen_pos, e = gen_pos;
			while (s > 0 && is_word((unsigned char)ua[s - 1])) s--;
			while (e < n && is_word((unsigned char)ua[e])) e++;
			out->name_off = s;
			out->name_len = e - s > SEG_CONTEXT_BOT_NAME_MAX ? SEG_CONTEXT_BOT_NAME_MAX : e - s;
		}
		return;
	}
	if (ch_is_mobile(ch_mobile, ch_len)) out->device = SEG_DEVICE_MOBILE;
	else if (flags & F_TV) out->device = SEG_DEVICE_DESKTOP;
	else if (flags & (F_IPAD | F_KINDLE)) out->device = SEG_DEVICE_TABLET;
	else if ((flags & F_TABLET) && !(flags & F_WINDOWS)) out->device = SEG_DEVICE_TABLET;
	else if (flags & (F_IPHONE | F_MOBILE_OS)) out->device = SEG_DEVICE_MOBILE;
	else if (flags & F_ANDROID) out->device = flags & F_MOBI ? SEG_DEVICE_MOBILE : SEG_DEVICE_TABLET;
	else if (flags & F_MOBI) out->device = SEG_DEVICE_MOBILE;
}

/* 64-bit hash of a string (memo slots, not security: a collision only
 * costs a scan, the stored text decides).  A User-Agent is 100 to 200
 * bytes: four independent lanes of eight bytes keep the multiplier busy
 * instead of waiting on one chain. */
static uint64_t text_hash(const char *s, size_t n)
{
	const uint64_t mul = UINT64_C(0xff51afd7ed558ccd);
	uint64_t h = UINT64_C(0x9e3779b97f4a7c15) ^ n;
	size_t i = 0;
	if (n >= 32) {
		uint64_t l0 = h, l1 = h ^ UINT64_C(0x6a09e667f3bcc909), l2 = h ^ UINT64_C(0xbb67ae8584caa73b),
		         l3 = h ^ UINT64_C(0x3c6ef372fe94f82b);
		for (; i + 32 <= n; i += 32) {
			uint64_t w0, w1, w2, w3;
			memcpy(&w0, s + i, 8);
			memcpy(&w1, s + i + 8, 8);
			memcpy(&w2, s + i + 16, 8);
			memcpy(&w3, s + i + 24, 8);
			l0 = (l0 ^ w0) * mul, l0 ^= l0 >> 32;
			l1 = (l1 ^ w1) * mul, l1 ^= l1 >> 32;
			l2 = (l2 ^ w2) * mul, l2 ^= l2 >> 32;
			l3 = (l3 ^ w3) * mul, l3 ^= l3 >> 32;
		}
		h = l0 ^ (l1 * 3) ^ (l2 * 5) ^ (l3 * 7);
	}
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * mul;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	if (i < n) { /* the last bytes: the string's last eight when it has them (no call for a short copy) */
		if (n >= 8) memcpy(&w, s + n - 8, 8);
		else memcpy(&w, s + i, n - i);
	}
	h = (h ^ w) * UINT64_C(0xc4ceb9fe1a85ec53);
	return h ^ (h >> 29);
}

void seg_context_device_memo(const seg_context_index *ix, seg_ua_memo *memo, const char *ua, size_t len,
                             const char *ch_mobile, size_t ch_len, seg_context_ua *out)
{
	if (!memo || !ua || len == 0 || len > SEG_UA_MEMO_LEN) {
		seg_context_device(ix, ua, len, ch_mobile, ch_len, out);
		return;
	}
	uint64_t h = text_hash(ua, len);
	seg_ua_memo_entry *e = &memo->slot[h % SEG_UA_MEMO_SLOTS];
	if (e->len == len && e->hash == h && memcmp(e->text, ua, len) == 0) {
		memo->hits++;
		*out = e->ua;
	} else {
		memo->misses++;
		seg_context_device(ix, ua, len, NULL, 0, out);
		e->hash = h;
		e->len = (uint32_t)len;
		e->ua = *out;
		memcpy(e->text, ua, len);
	}
	/* Client hints decide only for a browser (see seg_context_device()). */
	if (!out->is_bot && ch_is_mobile(ch_mobile, ch_len)) out->device = SEG_DEVICE_MOBILE;
}

/* =============================================================================
 * Traffic source
 * ========================================================================== */

/* clang-format off */
#define SEG_NETWORKS(X) \
	X(GOOGLE, "Google") X(BING, "Bing") X(YAHOO, "Yahoo") X(YANDEX, "Yandex") X(BAIDU, "Baidu") \
	X(DUCKDUCKGO, "DuckDuckGo") X(ECOSIA, "Ecosia") X(QWANT, "Qwant") X(STARTPAGE, "Startpage") \
	X(BRAVE, "Brave") X(NAVER, "Naver") X(SEZNAM, "Seznam") X(SOGOU, "Sogou") X(SO360, "360 Search") \
	X(DAUM, "Daum") X(ASK, "Ask") X(AOL, "AOL") X(KAGI, "Kagi") X(MOJEEK, "Mojeek") \
	X(SWISSCOWS, "Swisscows") X(METAGER, "MetaGer") X(PETAL, "Petal") X(COCCOC, "Coc Coc") \
	X(YEP, "Yep") X(LILO, "Lilo") X(PRESEARCH, "Presearch") \
	X(FACEBOOK, "Facebook") X(INSTAGRAM, "Instagram") X(MESSENGER, "Messenger") X(TWITTER, "X") \
	X(LINKEDIN, "LinkedIn") X(PINTEREST, "Pinterest") X(YOUTUBE, "YouTube") X(REDDIT, "Reddit") \
	X(TIKTOK, "TikTok") X(WHATSAPP, "WhatsApp") X(TELEGRAM, "Telegram") X(SNAPCHAT, "Snapchat") \
	X(THREADS, "Threads") X(VK, "VK") X(OK, "Odnoklassniki") X(WEIBO, "Weibo") X(TUMBLR, "Tumblr") \
	X(QUORA, "Quora") X(DISCORD, "Discord") X(BLUESKY, "Bluesky") X(MASTODON, "Mastodon") \
	X(LINE, "LINE") X(XING, "XING") X(TWITCH, "Twitch") X(NEXTDOOR, "Nextdoor")
/* clang-format on */

#define X_ENUM(id, name) N_##id,
#define X_NAME(id, name) name,
enum { SEG_NETWORKS(X_ENUM) N_COUNT };
static const char *const network_names[N_COUNT] = {SEG_NETWORKS(X_NAME)};

const char *seg_context_network_name(int id) { return id >= 0 && id < N_COUNT ? network_names[id] : NULL; }
int seg_context_network_count(void) { return N_COUNT; }

enum { C_NONE, C_OWN, C_EMAIL, C_SEARCH, C_SOCIAL, C_OTHER };
enum { P_ANY, P_BARE, P_SEARCH_LABEL };

typedef struct host_entry {
	const char *name; /* lowercase; a domain (matches its subdomains) or an Android package */
	uint8_t len;
	uint8_t cls;
	uint8_t policy; /* P_BARE: only name itself or "m." + name */
	int8_t network;
} host_entry;

#define HOST(d, cls, policy, n) {d, sizeof(d) - 1, cls, policy, n}
#define SEARCH(d, n) HOST(d, C_SEARCH, P_ANY, N_##n)
#define SOCIAL(d, n) HOST(d, C_SOCIAL, P_ANY, N_##n)
#define EMAIL(d) HOST(d, C_EMAIL, P_ANY, -1)

/* Sorted by strcmp (the unit tests check it): binary search. */
/* clang-format off */
static const host_entry host_table[] = {
	HOST("baidu.com", C_SEARCH, P_BARE, N_BAIDU),
	SEARCH("bing.com", BING),
	SOCIAL("bsky.app", BLUESKY),
	EMAIL("ch.protonmail.android"),
	SEARCH("coccoc.com", COCCOC),
	SOCIAL("com.facebook.katana", FACEBOOK),
	SOCIAL("com.facebook.lite", FACEBOOK),
	SOCIAL("com.facebook.orca", MESSENGER),
	EMAIL("com.google.android.gm"),
	SEARCH("com.google.android.googlequicksearchbox", GOOGLE),
	SOCIAL("com.google.android.youtube", YOUTUBE),
	SOCIAL("com.instagram.android", INSTAGRAM),
	SOCIAL("com.linkedin.android", LINKEDIN),
	EMAIL("com.microsoft.office.outlook"),
	SOCIAL("com.pinterest", PINTEREST),
	SOCIAL("com.reddit.frontpage", REDDIT),
	SOCIAL("com.snapchat.android", SNAPCHAT),
	SOCIAL("com.ss.android.ugc.trill", TIKTOK),
	SOCIAL("com.twitter.android", TWITTER),
	SOCIAL("com.whatsapp", WHATSAPP),
	EMAIL("com.yahoo.mobile.client.android.mail"),
	SOCIAL("com.zhiliaoapp.musically", TIKTOK),
	SOCIAL("discord.com", DISCORD),
	SOCIAL("discord.gg", DISCORD),
	SOCIAL("discordapp.com", DISCORD),
	SEARCH("duckduckgo.com", DUCKDUCKGO),
	SEARCH("ecosia.org", ECOSIA),
	SOCIAL("facebook.com", FACEBOOK),
	EMAIL("fastmail.com"),
	SOCIAL("fb.com", FACEBOOK),
	SOCIAL("fb.me", FACEBOOK),
	EMAIL("hotmail.com"),
	EMAIL("icloud.com"),
	SOCIAL("instagram.com", INSTAGRAM),
	SEARCH("kagi.com", KAGI),
	EMAIL("laposte.net"),
	SOCIAL("line.me", LINE),
	SOCIAL("linkedin.com", LINKEDIN),
	SOCIAL("lnkd.in", LINKEDIN),
	EMAIL("mailbox.org"),
	SOCIAL("mastodon.social", MASTODON),
	SOCIAL("messenger.com", MESSENGER),
	SEARCH("metager.de", METAGER),
	SEARCH("metager.org", METAGER),
	SEARCH("mojeek.com", MOJEEK),
	EMAIL("navigator.web.de"),
	SOCIAL("nextdoor.com", NEXTDOOR),
	SOCIAL("ok.ru", OK),
	SOCIAL("org.telegram.messenger", TELEGRAM),
	SEARCH("petalsearch.com", PETAL),
	SOCIAL("pin.it", PINTEREST),
	SEARCH("presearch.com", PRESEARCH),
	EMAIL("protonmail.com"),
	SOCIAL("quora.com", QUORA),
	SEARCH("qwant.com", QWANT),
	SOCIAL("redd.it", REDDIT),
	SOCIAL("reddit.com", REDDIT),
	SEARCH("search.aol.com", AOL),
	SEARCH("search.brave.com", BRAVE),
	SEARCH("search.daum.net", DAUM),
	SEARCH("search.lilo.org", LILO),
	SEARCH("search.naver.com", NAVER),
	SEARCH("seznam.cz", SEZNAM),
	SOCIAL("snapchat.com", SNAPCHAT),
	SEARCH("so.com", SO360),
	SEARCH("sogou.com", SOGOU),
	SEARCH("startpage.com", STARTPAGE),
	SEARCH("swisscows.com", SWISSCOWS),
	SOCIAL("t.co", TWITTER),
	SOCIAL("t.me", TELEGRAM),
	SOCIAL("telegram.me", TELEGRAM),
	SOCIAL("telegram.org", TELEGRAM),
	SOCIAL("threads.com", THREADS),
	SOCIAL("threads.net", THREADS),
	SOCIAL("tiktok.com", TIKTOK),
	SOCIAL("tumblr.com", TUMBLR),
	EMAIL("tuta.com"),
	EMAIL("tutanota.com"),
	SOCIAL("twitch.tv", TWITCH),
	SOCIAL("twitter.com", TWITTER),
	SOCIAL("vk.com", VK),
	SOCIAL("wa.me", WHATSAPP),
	SOCIAL("weibo.cn", WEIBO),
	SOCIAL("weibo.com", WEIBO),
	SOCIAL("whatsapp.com", WHATSAPP),
	SOCIAL("x.com", TWITTER),
	SOCIAL("xing.com", XING),
	SEARCH("ya.ru", YANDEX),
	SEARCH("yep.com", YEP),
	SOCIAL("youtu.be", YOUTUBE),
	SOCIAL("youtube.com", YOUTUBE),
};

/* Brands that run one site per country: the label before the public
 * suffix ("google" in www.google.co.uk, google.com.br, google.fr). */
static const host_entry brand_table[] = {
	HOST("ask", C_SEARCH, P_ANY, N_ASK),
	HOST("gmx", C_EMAIL, P_ANY, -1),
	HOST("google", C_SEARCH, P_BARE, N_GOOGLE),      /* not docs.google.com, accounts.google.com ... */
	HOST("pinterest", C_SOCIAL, P_ANY, N_PINTEREST),
	HOST("yahoo", C_SEARCH, P_SEARCH_LABEL, N_YAHOO), /* search.yahoo.com, not news.yahoo.com */
	HOST("yandex", C_SEARCH, P_ANY, N_YANDEX),
};

/* Labels that make a host webmail wherever they stand (mail.google.com,
 * fr.mail.yahoo.com, e.mail.ru, outlook.live.com, poczta.onet.pl). */
static const name_len mail_labels[] = {
	NL("correo"), NL("e-mail"), NL("email"), NL("mail"), NL("messagerie"), NL("outlook"), NL("owa"), NL("poczta"),
	NL("posta"), NL("roundcube"), NL("webmail"), NL("zimbra"),
};
/* clang-format on */

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const host_entry *find_entry(const host_entry *tab, size_t count, const char *s, size_t n)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_n(s, n, tab[mid].name, tab[mid].len);
		if (c == 0) return &tab[mid];
		if (c < 0) hi = mid;
		else lo = mid + 1;
	}
	return NULL;
}

static bool label_is_mail(const char *s, size_t n)
{
	if (n < 3 || n > 11) return false;
	if (in_list(s, n, mail_labels, NELEMS(mail_labels))) return true;
	/* Numbered servers: mail01.orange.fr, webmail1e.orange.fr (but not
	 * mailchimp.com or mailonline: only digits after "mail"). */
	if (n > 7 && n <= 11 && memcmp(s, "webmail", 7) == 0) {
		for (size_t i = 7; i < n; i++)
			if (!is_alnum((unsigned char)s[i])) return false;
		return is_digit((unsigned char)s[7]);
	}
	if (n > 4 && memcmp(s, "mail", 4) == 0) {
		for (size_t i = 4; i < n; i++)
			if (!is_digit((unsigned char)s[i])) return false;
		return true;
	}
	return false;
}

/* Second-level labels under a country code that are part of the suffix
 * (google.co.uk, google.com.br, yandex.com.tr). */
static bool is_sld(const char *s, size_t n)
{
	static const name_len slds[] = {NL("ac"), NL("co"), NL("com"), NL("edu"), NL("gob"), NL("gov"), NL("ne"),
	                                NL("net"), NL("or"), NL("org")};
	return n <= 3 && in_list(s, n, slds, NELEMS(slds));
}

typedef struct host_class {
	int cls;
	int network;
} host_class;

/* Equal to own (case-insensitive, own's "www." and port ignored), or with
 * subdomains a subdomain of it. */
static bool host_matches(const char *host, size_t hl, const char *own, size_t ol, bool subdomains)
{
	while (ol && is_ows((unsigned char)*own)) own++, ol--;
	for (size_t i = 0; i < ol; i++)
		if (own[i] == ':' || own[i] == '/') {
			ol = i;
			break;
		}
	while (ol && (own[ol - 1] == '.' || is_ows((unsigned char)own[ol - 1]))) ol--;
	if (ol > 4 && ieq(own, "www.", 4)) own += 4, ol -= 4;
	if (!ol || ol > hl) return false;
	if (ol == hl) return ieq(own, host, hl);
	return subdomains && host[hl - ol - 1] == '.' && ieq(own, host + hl - ol, ol);
}

/* What a lowercase host (no "www.", no port) is; own hosts are checked by
 * the caller. */
static host_class classify_host(const char *h, size_t n)
{
	host_class r = {C_OTHER, -1};
	/* Labels: offsets of each label's start (at most 32 looked at). */
	size_t starts[32];
	size_t nl = 0;
	starts[nl++] = 0;
	for (size_t i = 0; i < n && nl < 32; i++)
		if (h[i] == '.') starts[nl++] = i + 1;
	bool truncated = nl == 32;
#define LABEL_LEN(k) ((k) + 1 < nl ? starts[(k) + 1] - starts[k] - 1 : n - starts[k])

	/* The registrable label ("brand"): the one before the public suffix. */
	size_t brand = 0;
	if (!truncated && nl >= 2) {
		brand = nl - 2;
		if (nl >= 3 && LABEL_LEN(nl - 1) == 2 && is_sld(h + starts[nl - 2], LABEL_LEN(nl - 2))) brand = nl - 3;
	}
	/* Webmail, wherever it is hosted. */
	if (nl >= 2 && !truncated) {
		for (size_t k = 0; k <= brand; k++)
			if (label_is_mail(h + starts[k], LABEL_LEN(k))) {
				r.cls = C_EMAIL;
				return r;
			}
	}
	/* Known domains and apps, the longest suffix first (every entry has a
	 * dot: a lone top-level label is never looked up). */
	for (size_t k = 0; k + 1 < nl; k++) {
		const host_entry *e = find_entry(host_table, NELEMS(host_table), h + starts[k], n - starts[k]);
		if (!e) continue;
		if (e->policy == P_BARE && !(k == 0 || (k == 1 && starts[1] == 2 && h[0] == 'm'))) return r;
		r.cls = e->cls;
		r.network = e->network;
		return r;
	}
	if (nl < 2 || truncated) return r;
	const host_entry *e = find_entry(brand_table, NELEMS(brand_table), h + starts[brand], LABEL_LEN(brand));
	if (!e) return r;
	if (e->policy == P_BARE && !(brand == 0 || (brand == 1 && starts[1] == 2 && h[0] == 'm'))) return r;
	if (e->policy == P_SEARCH_LABEL) {
		bool found = false;
		for (size_t k = 0; k < brand && !found; k++) found = EQ_LIT(h + starts[k], LABEL_LEN(k), "search");
		if (!found) return r;
	}
	r.cls = e->cls;
	r.network = e->network;
	return r;
#undef LABEL_LEN
}

static inline bool host_char(unsigned char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_'; }

size_t seg_context_referrer_host(const char *ref, size_t len, char host[SEG_CONTEXT_HOST_MAX + 1])
{
	host[0] = '\0';
	if (!ref) return 0;
	size_t n = len < SEG_CONTEXT_HEADER_MAX ? len : SEG_CONTEXT_HEADER_MAX;
	size_t i = 0;
	while (i < n && is_ows((unsigned char)ref[i])) i++;
	/* scheme "://" */
	if (i >= n || !is_alpha((unsigned char)ref[i])) return 0;
	while (i < n && (is_alnum((unsigned char)ref[i]) || ref[i] == '+' || ref[i] == '-' || ref[i] == '.')) i++;
	if (n - i < 3 || memcmp(ref + i, "://", 3) != 0) return 0;
	i += 3;
	/* authority: [userinfo@]host[:port] */
	size_t a = i;
	while (i < n && ref[i] != '/' && ref[i] != '?' && ref[i] != '#' && ref[i] != '\\') i++;
	if (i == n && len > n) return 0; /* cut by the bound: not a host we can trust */
	size_t e = i;
	for (size_t k = e; k > a; k--)
		if (ref[k - 1] == '@') {
			a = k;
			break;
		}
	size_t hs = a, he;
	if (hs < e && ref[hs] == '[') { /* IPv6 literal, kept with its brackets */
		he = hs + 1;
		while (he < e && ref[he] != ']') {
			unsigned char c = (unsigned char)ref[he];
			if (!(is_alnum(c) || c == ':' || c == '.')) return 0;
			he++;
		}
		if (he == e) return 0;
		he++;
		if (he < e && ref[he] != ':') return 0;
	} else {
		he = hs;
		while (he < e && ref[he] != ':') {
			if (!host_char((unsigned char)ref[he])) return 0;
			he++;
		}
	}
	if (he < e) { /* the port: digits only */
		for (size_t k = he + 1; k < e; k++)
			if (!is_digit((unsigned char)ref[k])) return 0;
	}
	while (he > hs && ref[he - 1] == '.') he--;
	if (he - hs > 4 && ieq(ref + hs, "www.", 4)) hs += 4;
	size_t hl = he - hs;
	if (hl == 0 || hl > SEG_CONTEXT_HOST_MAX || ref[hs] == '.') return 0;
	for (size_t k = 0; k < hl; k++) host[k] = (char)to_lower((unsigned char)ref[hs + k]);
	host[hl] = '\0';
	return hl;
}

/* ---- query parameters --------------------------------------------------------- */

typedef struct param_entry {
	const char *name;
	uint8_t len;
	uint8_t id;
} param_entry;

#define PARAM(s, id) {s, sizeof(s) - 1, id}
/* clang-format off */
static const param_entry params[] = {
	PARAM("ScCid", SEG_PARAM_SCCID),
	PARAM("epik", SEG_PARAM_EPIK),
	PARAM("fbclid", SEG_PARAM_FBCLID),
	PARAM("gad_source", SEG_PARAM_GAD_SOURCE),
	PARAM("gbraid", SEG_PARAM_GBRAID),
	PARAM("gclid", SEG_PARAM_GCLID),
	PARAM("igshid", SEG_PARAM_IGSHID),
	PARAM("li_fat_id", SEG_PARAM_LI_FAT_ID),
	PARAM("msclkid", SEG_PARAM_MSCLKID),
	PARAM("sccid", SEG_PARAM_SCCID),
	PARAM("ttclid", SEG_PARAM_TTCLID),
	PARAM("twclid", SEG_PARAM_TWCLID),
	PARAM("utm_campaign", SEG_PARAM_UTM_CAMPAIGN),
	PARAM("utm_content", SEG_PARAM_UTM_CONTENT),
	PARAM("utm_medium", SEG_PARAM_UTM_MEDIUM),
	PARAM("utm_source", SEG_PARAM_UTM_SOURCE),
	PARAM("utm_term", SEG_PARAM_UTM_TERM),
	PARAM("wbraid", SEG_PARAM_WBRAID),
	PARAM("yclid", SEG_PARAM_YCLID),
};
/* clang-format on */

int seg_context_param(const char *name, size_t len)
{
	/* Most keys of a shop's query string are none of these: the length
	 * rules nearly all out before a byte is compared. */
	if (len < 4 || len > 12) return -1;
	for (size_t i = 0; i < NELEMS(params); i++)
		if (params[i].len == len && params[i].name[0] == name[0] && memcmp(params[i].name, name, len) == 0)
			return params[i].id;
	return -1;
}

/* ---- utm_source / utm_medium --------------------------------------------------- */

/* Lowercase, trimmed copy into buf (SEG_CONTEXT_VALUE_MAX + 1); 0 when
 * absent, SIZE_MAX when too long to be any known name. */
static size_t lower_value(seg_str v, char *buf)
{
	if (!v.s) return 0;
	const char *s = v.s;
	size_t n = v.len;
	while (n && is_ows((unsigned char)*s)) s++, n--;
	while (n && is_ows((unsigned char)s[n - 1])) n--;
	if (n > SEG_CONTEXT_VALUE_MAX) return SIZE_MAX;
	for (size_t i = 0; i < n; i++) buf[i] = (char)to_lower((unsigned char)s[i]);
	buf[n] = '\0';
	return n;
}

static bool contains(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(s + i, needle, m) == 0) return true;
	return false;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
	size_t m = strlen(prefix);
	return n >= m && memcmp(s, prefix, m) == 0;
}

enum { M_NONE, M_OTHER, M_EMAIL, M_PAID, M_SOCIAL, M_ORGANIC, M_REFERRAL };

static int classify_medium(seg_str v)
{
	static const name_len email[] = {NL("e-mail"), NL("e_mail"), NL("edm"), NL("email"), NL("emailing"), NL("mail"),
	                                 NL("mailing"), NL("newsletter")};
	static const name_len paid[] = {NL("adwords"), NL("cpa"), NL("cpc"), NL("cpp"), NL("cpv"), NL("ppc"),
	                                NL("retargeting"), NL("sem")};
	char buf[SEG_CONTEXT_VALUE_MAX + 1];
	size_t n = lower_value(v, buf);
	if (n == 0) return v.s && v.len ? M_OTHER : M_NONE;
	if (n == SIZE_MAX) return M_OTHER;
	if (in_list(buf, n, email, NELEMS(email)) || contains(buf, n, "email") || contains(buf, n, "newsletter"))
		return M_EMAIL;
	if (in_list(buf, n, paid, NELEMS(paid)) || starts_with(buf, n, "paid") || starts_with(buf, n, "cpc"))
		return contains(buf, n, "social") ? M_SOCIAL : M_PAID;
	if (contains(buf, n, "social")) return M_SOCIAL;
	if (EQ_LIT(buf, n, "organic")) return M_ORGANIC;
	if (EQ_LIT(buf, n, "referral")) return M_REFERRAL;
	return M_OTHER;
}

/* utm_source names (exact, lowercase; sorted) */
/* clang-format off */
static const host_entry source_table[] = {
	HOST("baidu", C_SEARCH, P_ANY, N_BAIDU),
	HOST("bing", C_SEARCH, P_ANY, N_BING),
	HOST("bluesky", C_SOCIAL, P_ANY, N_BLUESKY),
	HOST("discord", C_SOCIAL, P_ANY, N_DISCORD),
	HOST("duckduckgo", C_SEARCH, P_ANY, N_DUCKDUCKGO),
	HOST("e-mail", C_EMAIL, P_ANY, -1),
	HOST("ecosia", C_SEARCH, P_ANY, N_ECOSIA),
	HOST("email", C_EMAIL, P_ANY, -1),
	HOST("facebook", C_SOCIAL, P_ANY, N_FACEBOOK),
	HOST("fb", C_SOCIAL, P_ANY, N_FACEBOOK),
	HOST("google", C_SEARCH, P_ANY, N_GOOGLE),
	HOST("ig", C_SOCIAL, P_ANY, N_INSTAGRAM),
	HOST("instagram", C_SOCIAL, P_ANY, N_INSTAGRAM),
	HOST("linkedin", C_SOCIAL, P_ANY, N_LINKEDIN),
	HOST("mail", C_EMAIL, P_ANY, -1),
	HOST("mastodon", C_SOCIAL, P_ANY, N_MASTODON),
	HOST("messenger", C_SOCIAL, P_ANY, N_MESSENGER),
	HOST("meta", C_SOCIAL, P_ANY, N_FACEBOOK),
	HOST("microsoft", C_SEARCH, P_ANY, N_BING),
	HOST("naver", C_SEARCH, P_ANY, N_NAVER),
	HOST("newsletter", C_EMAIL, P_ANY, -1),
	HOST("pinterest", C_SOCIAL, P_ANY, N_PINTEREST),
	HOST("quora", C_SOCIAL, P_ANY, N_QUORA),
	HOST("qwant", C_SEARCH, P_ANY, N_QWANT),
	HOST("reddit", C_SOCIAL, P_ANY, N_REDDIT),
	HOST("seznam", C_SEARCH, P_ANY, N_SEZNAM),
	HOST("snapchat", C_SOCIAL, P_ANY, N_SNAPCHAT),
	HOST("telegram", C_SOCIAL, P_ANY, N_TELEGRAM),
	HOST("threads", C_SOCIAL, P_ANY, N_THREADS),
	HOST("tiktok", C_SOCIAL, P_ANY, N_TIKTOK),
	HOST("tumblr", C_SOCIAL, P_ANY, N_TUMBLR),
	HOST("twitch", C_SOCIAL, P_ANY, N_TWITCH),
	HOST("twitter", C_SOCIAL, P_ANY, N_TWITTER),
	HOST("vk", C_SOCIAL, P_ANY, N_VK),
	HOST("whatsapp", C_SOCIAL, P_ANY, N_WHATSAPP),
	HOST("x", C_SOCIAL, P_ANY, N_TWITTER),
	HOST("xing", C_SOCIAL, P_ANY, N_XING),
	HOST("yahoo", C_SEARCH, P_ANY, N_YAHOO),
	HOST("yandex", C_SEARCH, P_ANY, N_YANDEX),
	HOST("youtube", C_SOCIAL, P_ANY, N_YOUTUBE),
};
/* clang-format on */

static host_class classify_utm_source(seg_str v)
{
	host_class r = {C_NONE, -1};
	char buf[SEG_CONTEXT_VALUE_MAX + 1];
	size_t n = lower_value(v, buf);
	if (n == 0 || n == SIZE_MAX) return r;
	const host_entry *e = find_entry(source_table, NELEMS(source_table), buf, n);
	if (e) {
		r.cls = e->cls;
		r.network = e->network;
		return r;
	}
	if (contains(buf, n, "newsletter")) {
		r.cls = C_EMAIL;
		return r;
	}
	/* utm_source=facebook.com, l.instagram.com, www.google.fr */
	if (memchr(buf, '.', n)) {
		const char *h = buf;
		if (n > 4 && memcmp(h, "www.", 4) == 0) h += 4, n -= 4;
		for (size_t i = 0; i < n; i++)
			if (!host_char((unsigned char)h[i])) return r;
		host_class c = classify_host(h, n);
		if (c.cls != C_OTHER) r = c;
	}
	return r;
}

/* ---- the source --------------------------------------------------------------- */

static bool present(const seg_context_request *req, int id) { return req->params[id].s && req->params[id].len; }

void seg_context_source(const seg_context_request *req, seg_context_traffic *out)
{
	out->source = SEG_SOURCE_DIRECT;
	out->search_engine = -1;
	out->social_network = -1;
	out->host_len = seg_context_referrer_host(req->referrer, req->referrer_len, out->host);

	/* The referrer, classified whatever decides in the end: it also names
	 * the network when a tag or click id decides the class. */
	host_class ref = {C_NONE, -1};
	if (out->host_len) {
		ref.cls = C_OTHER;
		bool own = false;
		if (req->host && req->host_len) own = host_matches(out->host, out->host_len, req->host, req->host_len, false);
		for (size_t i = 0; i < req->own_count && !own; i++)
			own = host_matches(out->host, out->host_len, req->own_hosts[i].s, req->own_hosts[i].len, true);
		ref = own ? (host_class){C_OWN, -1} : classify_host(out->host, out->host_len);
	}
	int ref_search = ref.cls == C_SEARCH ? ref.network : -1;
	int ref_social = ref.cls == C_SOCIAL ? ref.network : -1;

	/* 1. A search ads click id: the ad network added it to the landing URL. */
	static const struct { int param, network; } search_ids[] = {
		{SEG_PARAM_GCLID, N_GOOGLE}, {SEG_PARAM_GBRAID, N_GOOGLE}, {SEG_PARAM_WBRAID, N_GOOGLE},
		{SEG_PARAM_GAD_SOURCE, N_GOOGLE}, {SEG_PARAM_MSCLKID, N_BING}, {SEG_PARAM_YCLID, N_YANDEX},
	};
	for (size_t i = 0; i < NELEMS(search_ids); i++)
		if (present(req, search_ids[i].param)) {
			out->source = SEG_SOURCE_PAID_SEARCH;
			out->search_engine = search_ids[i].network;
			return;
		}

	/* 2. utm_* tags: what the shop itself wrote on the link. */
	bool tagged = false;
	for (int i = 0; i < SEG_PARAM_UTM_COUNT; i++) tagged = tagged || present(req, i);
	if (tagged) {
		host_class src = classify_utm_source(req->params[SEG_PARAM_UTM_SOURCE]);
		int med = classify_medium(req->params[SEG_PARAM_UTM_MEDIUM]);
		int src_search = src.cls == C_SEARCH ? src.network : -1;
		int src_social = src.cls == C_SOCIAL ? src.network : -1;
		if (med == M_EMAIL || src.cls == C_EMAIL) {
			out->source = SEG_SOURCE_EMAIL;
		} else if (med == M_PAID && src.cls != C_SOCIAL) {
			out->source = SEG_SOURCE_PAID_SEARCH;
			out->search_engine = src_search >= 0 ? src_search : ref_search;
		} else if (med == M_PAID || med == M_SOCIAL || src.cls == C_SOCIAL) {
			out->source = SEG_SOURCE_SOCIAL;
			out->social_network = src_social >= 0 ? src_social : ref_social;
		} else if (med == M_ORGANIC) {
			out->source = SEG_SOURCE_ORGANIC_SEARCH;
			out->search_engine = src_search >= 0 ? src_search : ref_search;
		} else if (med == M_REFERRAL) {
			out->source = SEG_SOURCE_REFERRAL;
		} else {
			out->source = SEG_SOURCE_CAMPAIGN;
		}
		return;
	}

	/* 3. A social click id: fbclid is on every outbound Facebook link, paid
	 * or not, so it says "social", not "paid". */
	static const struct { int param, network; } social_ids[] = {
		{SEG_PARAM_FBCLID, N_FACEBOOK}, {SEG_PARAM_IGSHID, N_INSTAGRAM}, {SEG_PARAM_TTCLID, N_TIKTOK},
		{SEG_PARAM_TWCLID, N_TWITTER}, {SEG_PARAM_LI_FAT_ID, N_LINKEDIN}, {SEG_PARAM_SCCID, N_SNAPCHAT},
		{SEG_PARAM_EPIK, N_PINTEREST},
	};
	for (size_t i = 0; i < NELEMS(social_ids); i++)
		if (present(req, social_ids[i].param)) {
			out->source = SEG_SOURCE_SOCIAL;
			out->social_network = ref_social >= 0 ? ref_social : social_ids[i].network;
			return;
		}

	/* 4. The referrer alone. */
	switch (ref.cls) {
	case C_NONE: /* fall through */
	case C_OWN: out->source = SEG_SOURCE_DIRECT; break;
	case C_EMAIL: out->source = SEG_SOURCE_EMAIL; break;
	case C_SEARCH:
		out->source = SEG_SOURCE_ORGANIC_SEARCH;
		out->search_engine = ref.network;
		break;
	case C_SOCIAL:
		out->source = SEG_SOURCE_SOCIAL;
		out->social_network = ref.network;
		break;
	default: out->source = SEG_SOURCE_REFERRAL; break;
	}
}

/* =============================================================================
 * Landing page, languages, clock
 * ========================================================================== */

void seg_context_path(const char *uri, size_t len, size_t *off, size_t *plen)
{
	*off = *plen = 0;
	if (!uri || !len) return;
	size_t i = 0;
	if (uri[0] != '/') {
		/* absolute form: scheme "://" authority path */
		while (i < len && (is_alnum((unsigned char)uri[i]) || uri[i] == '+' || uri[i] == '-' || uri[i] == '.')) i++;
		if (i == 0 || len - i < 3 || memcmp(uri + i, "://", 3) != 0) return;
		i += 3;
		while (i < len && uri[i] != '/' && uri[i] != '?' && uri[i] != '#') i++;
		if (i == len || uri[i] != '/') return;
	}
	size_t e = i;
	while (e < len && uri[e] != '?' && uri[e] != '#') e++;
	*off = i;
	*plen = e - i;
}

typedef struct lang_entry {
	char tag[4];
	uint8_t len;
	uint16_t q; /* thousandths */
} lang_entry;

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ): thousandths, or -1. */
static int parse_q(const char *s, size_t n)
{
	if (n == 0 || (s[0] != '0' && s[0] != '1')) return -1;
	int q = (s[0] - '0') * 1000;
	if (n == 1) return q;
	if (s[1] != '.' || n > 5) return -1;
	int scale = 100;
	for (size_t i = 2; i < n; i++, scale /= 10) {
		if (!is_digit((unsigned char)s[i])) return -1;
		q += (s[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

/* One list member: OWS range *( OWS ";" OWS param ) OWS.  Returns true with
 * the entry filled when it is a language to report. */
static bool parse_lang(const char *s, size_t n, lang_entry *out)
{
	while (n && is_ows((unsigned char)*s)) s++, n--;
	while (n && is_ows((unsigned char)s[n - 1])) n--;
	if (!n) return false;
	size_t i = 0;
	/* language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*"; '_' taken for '-' */
	size_t primary = 0;
	if (s[0] == '*') {
		i = 1;
	} else {
		while (i < n && is_alpha((unsigned char)s[i])) i++;
		primary = i;
		if (primary == 0 || primary > 8) return false;
		while (i < n && (s[i] == '-' || s[i] == '_')) {
			size_t k = ++i;
			while (i < n && is_alnum((unsigned char)s[i])) i++;
			if (i == k || i - k > 8) return false;
		}
	}
	int q = 1000;
	while (i < n) {
		while (i < n && is_ows((unsigned char)s[i])) i++;
		if (i == n) break;
		if (s[i] != ';') return false;
		i++;
		while (i < n && is_ows((unsigned char)s[i])) i++;
		size_t ps = i;
		while (i < n && s[i] != ';') i++;
		size_t pe = i;
		while (pe > ps && is_ows((unsigned char)s[pe - 1])) pe--;
		if (pe > ps && (s[ps] == 'q' || s[ps] == 'Q')) {
			size_t k = ps + 1;
			while (k < pe && is_ows((unsigned char)s[k])) k++;
			if (k < pe && s[k] == '=') {
				k++;
				while (k < pe && is_ows((unsigned char)s[k])) k++;
				q = parse_q(s + k, pe - k);
				if (q < 0) return false;
				continue;
			}
		}
		if (pe == ps) return false; /* "fr;" */
		/* another parameter: not defined for Accept-Language, ignored */
	}
	if (q == 0 || s[0] == '*' || primary < 2 || primary > 3) return false;
	for (size_t k = 0; k < primary; k++) out->tag[k] = (char)to_lower((unsigned char)s[k]);
	out->tag[primary] = '\0';
	out->len = (uint8_t)primary;
	out->q = (uint16_t)q;
	return true;
}

uint32_t seg_context_languages_parse(const char *s, size_t len, seg_context_languages *out)
{
	out->count = 0;
	if (!s) return 0;
	size_t n = len;
	if (n > SEG_CONTEXT_HEADER_MAX) { /* never cut a member in two */
		n = SEG_CONTEXT_HEADER_MAX;
		while (n && s[n] != ',') n--;
	}
	enum { MAX_ENTRIES = 32 };
	lang_entry e[MAX_ENTRIES];
	size_t ne = 0;
	for (size_t i = 0; i < n && ne < MAX_ENTRIES;) {
		size_t b = i;
		while (i < n && s[i] != ',') i++;
		if (parse_lang(s + b, i - b, &e[ne])) {
			/* stable insertion by q, descending */
			size_t k = ne++;
			lang_entry v = e[k];
			while (k > 0 && e[k - 1].q < v.q) {
				e[k] = e[k - 1];
				k--;
			}
			e[k] = v;
		}
		i++;
	}
	for (size_t i = 0; i < ne && out->count < SEG_CONTEXT_LANGUAGES_MAX; i++) {
		bool dup = false;
		for (uint32_t k = 0; k < out->count && !dup; k++)
			dup = out->len[k] == e[i].len && memcmp(out->tag[k], e[i].tag, e[i].len) == 0;
		if (dup) continue;
		memcpy(out->tag[out->count], e[i].tag, sizeof e[i].tag);
		out->len[out->count] = e[i].len;
		out->count++;
	}
	return out->count;
}

uint32_t seg_context_languages_memo(seg_lang_memo *memo, const char *s, size_t len, seg_context_languages *out)
{
	if (!memo || !s || len == 0 || len > SEG_LANG_MEMO_LEN) return seg_context_languages_parse(s, len, out);
	uint64_t h = text_hash(s, len);
	seg_lang_memo_entry *e = &memo->slot[h % SEG_LANG_MEMO_SLOTS];
	if (e->len == len && e->hash == h && memcmp(e->text, s, len) == 0) {
		memo->hits++;
		*out = e->langs;
		return out->count;
	}
	memo->misses++;
	seg_context_languages_parse(s, len, out);
	e->hash = h;
	e->len = (uint32_t)len;
	e->langs = *out;
	memcpy(e->text, s, len);
	return out->count;
}

void seg_context_clock_of(int64_t local, seg_context_clock *out)
{
	int64_t days = seg_floor_day(local);
	int64_t secs = local - days * 86400;
	int64_t y;
	unsigned m, d;
	seg_civil_from_days(days, &y, &m, &d);
	out->month = (int)m;
	out->hour = (int)(secs / 3600);
	/* 1970-01-01 was a Thursday (ISO 4) */
	int64_t w = (days + 3) % 7;
	out->weekday = (int)(w < 0 ? w + 7 : w) + 1;
}

/* ---- table invariants (checked by seg_context_index_init) ------------------ */

static bool lowercase(const char *s)
{
	for (; *s; s++)
		if (to_lower((unsigned char)*s) != (unsigned char)*s) return false;
	return true;
}

static bool sorted(const host_entry *tab, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!lowercase(tab[i].name) || tab[i].len != strlen(tab[i].name)) return false;
		if (i && strcmp(tab[i - 1].name, tab[i].name) >= 0) return false;
		if (tab[i].network >= N_COUNT) return false;
	}
	return true;
}

static bool tables_ok(void)
{
	for (size_t t = 0; t < UA_NTOKENS; t++) {
		const ua_token *tok = &ua_tokens[t];
		if (!lowercase(tok->text) || (tok->kind == T_BOT) != (tok->name != NULL)) return false;
	}
	for (int i = 0; i < N_COUNT; i++)
		if (!network_names[i] || !*network_names[i]) return false;
	for (size_t i = 0; i < NELEMS(params); i++)
		if (params[i].len != strlen(params[i].name) || (i && strcmp(params[i - 1].name, params[i].name) >= 0))
			return false;
	return sorted(host_table, NELEMS(host_table)) && sorted(brand_table, NELEMS(brand_table)) &&
	       sorted(source_table, NELEMS(source_table));
}
