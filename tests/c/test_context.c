/*
 * test_context.c - seg_context.h: real User-Agent strings (browsers, in-app
 * browsers, TVs, crawlers, tools), referrers and query tags, Accept-Language
 * headers, landing paths and the local clock.
 *
 * The expected classes come from what each device or program is (a Galaxy
 * Tab is a tablet, Googlebot is a bot), not from running the code.
 */
#include "seg_test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "seg_context.h"
#include "seg_value.h"

static const seg_context_index *index_once(void)
{
	static seg_context_index ix;
	static int ready;
	if (!ready) ready = seg_context_index_init(&ix) ? 1 : -1;
	return ready == 1 ? &ix : NULL;
}

SEG_TEST(context_index_builds)
{
	seg_context_index ix;
	/* also checks the tables: lowercase tokens, sorted host tables ... */
	REQUIRE(seg_context_index_init(&ix));
	CHECK(ix.ntokens > 100);
	CHECK(ix.nbuckets > 20);
	CHECK_EQ_INT(ix.start[ix.nbuckets], ix.ntokens);
	CHECK_STR(seg_device_name(SEG_DEVICE_TABLET), "tablet");
	CHECK_STR(seg_source_name(SEG_SOURCE_PAID_SEARCH), "paid_search");
	CHECK(seg_device_name(SEG_DEVICE_COUNT) == NULL);
	CHECK(seg_context_network_name(-1) == NULL);
	CHECK(seg_context_network_name(seg_context_network_count()) == NULL);
	int named = 0;
	for (int i = 0; i < seg_context_bot_count(); i++) named += seg_context_bot_name(i) != NULL;
	CHECK(named > 80);
}

/* ---- User-Agent ---------------------------------------------------------- */

#define D SEG_DEVICE_DESKTOP
#define M SEG_DEVICE_MOBILE
#define T SEG_DEVICE_TABLET
#define B SEG_DEVICE_BOT

typedef struct ua_case {
	const char *ua;
	seg_device device;
	const char *bot_name; /* NULL: none expected */
} ua_case;

/* clang-format off */
static const ua_case ua_cases[] = {
	/* phones */
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1", M, NULL},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/119.0.6045.169 Mobile/15E148 Safari/604.1", M, NULL},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/120.0 Mobile/15E148 Safari/605.1.15", M, NULL},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]", M, NULL},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 302.0.0.23.114 (iPhone14,2; iOS 17_0; en_US; en; scale=3.00; 1170x2532; 522797009)", M, NULL},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Twitter for iPhone/10.17", M, NULL},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_32.5.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US ByteFullLocale/en-US isDarkMode/0 WKWebView/1 RevealType/Dialog BytedanceWebview/d8a21c6", M, NULL},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/291.0.583285518 Mobile/15E148 Safari/604.1", M, NULL},
	{"Mozilla/5.0 (iPod touch; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6.3 Mobile/15E148 Safari/604.1", M, NULL},
	{"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", M, NULL},
	{"Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.6045.163 Mobile Safari/537.36", M, NULL},
	{"Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36", M, NULL},
	{"Mozilla/5.0 (Android 14; Mobile; rv:120.0) Gecko/120.0 Firefox/120.0", M, NULL},
	{"Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.6045.163 Mobile Safari/537.36 EdgA/119.0.2151.78", M, NULL},
	{"Mozilla/5.0 (Linux; U; Android 12; zh-cn; 2201123C Build/SKQ1.211006.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.127 Mobile Safari/537.36 XiaoMi/MiuiBrowser/17.1.80", M, NULL},
	{"Mozilla/5.0 (Linux; Android 10; ELS-NX9; HMSCore 6.11.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/13.0.5.303 Mobile Safari/537.36", M, NULL},
	{"Mozilla/5.0 (Linux; Android 13; SM-G991B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/442.0.0.33.113;]", M, NULL},
	{"Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 [Pinterest/Android]", M, NULL},
	{"Mozilla/5.0 (Linux; U; Android 10; en-US; RMX1911 Build/QKQ1.200209.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36", M, NULL},
	{"Mozilla/5.0 (Linux; Android 12; M2101K6G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.5481.154 YaBrowser/23.3.3.86.00 SA/3 Mobile Safari/537.36", M, NULL},
	{"Mozilla/5.0 (Linux; Android 11; CUBOT P50) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 Mobile Safari/537.36", M, NULL},
	{"Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.15063", M, NULL},
	{"Mozilla/5.0 (Mobile; LYF/F300B/LYF-F300B-001-01-15-130718-i;Android; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5", M, NULL},
	{"Mozilla/5.0 (BB10; Touch) AppleWebKit/537.35+ (KHTML, like Gecko) Version/10.3.3.3216 Mobile Safari/537.35+", M, NULL},
	{"Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54", M, NULL},

	/* tablets */
	{"Mozilla/5.0 (iPad; CPU OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1", T, NULL},
	{"Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/119.0.6045.169 Mobile/15E148 Safari/604.1", T, NULL},
	{"Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPad7,5;FBMD/iPad;FBSN/iPadOS;FBSV/16.6;FBSS/2;FBID/tablet;FBLC/en_US;FBOP/5]", T, NULL},
	{"Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36", T, NULL},
	{"Mozilla/5.0 (Linux; Android 12; SAMSUNG SM-T870) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/20.0 Chrome/106.0.5249.126 Safari/537.36", T, NULL},
	{"Mozilla/5.0 (Linux; Android 11; Lenovo TB-J606F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.5993.111 Safari/537.36", T, NULL},
	{"Mozilla/5.0 (Linux; Android 10; BAH3-W09; HMSCore 6.11.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/13.0.5.303 Safari/537.36", T, NULL},
	{"Mozilla/5.0 (Android 13; Tablet; rv:120.0) Gecko/120.0 Firefox/120.0", T, NULL},
	{"Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/119.3.1 like Chrome/119.0.6045.193 Safari/537.36", T, NULL},
	{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Silk/117.2.5 like Chrome/117.0.5938.153 Safari/537.36", T, NULL},
	{"Mozilla/5.0 (Linux; U; Android 2.3.4; en-us; Kindle Fire Build/GINGERBREAD) AppleWebKit/533.1 (KHTML, like Gecko) Version/4.0 Mobile Safari/533.1", T, NULL},
	{"Mozilla/5.0 (X11; U; Linux armv7l like Android; en-us) AppleWebKit/531.2+ (KHTML, like Gecko) Version/5.0 Safari/531.2+ Kindle/3.0+", T, NULL},
	{"Mozilla/5.0 (PlayBook; U; RIM Tablet OS 2.1.0; en-US) AppleWebKit/536.2+ (KHTML like Gecko) Version/7.2.1.0 Safari/536.2+", T, NULL},

	/* desktops, TVs, consoles */
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", D, NULL},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 Edg/119.0.2151.97", D, NULL},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0", D, NULL},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 OPR/105.0.0.0", D, NULL},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 YaBrowser/23.11.0.0 Safari/537.36", D, NULL},
	{"Mozilla/5.0 (Windows NT 6.3; WOW64; Trident/7.0; Touch; .NET4.0E; .NET4.0C; Tablet PC 2.0; rv:11.0) like Gecko", D, NULL},
	/* Safari on a Mac - and on iPadOS 13+, which sends the same */
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", D, NULL},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", D, NULL},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:120.0) Gecko/20100101 Firefox/120.0", D, NULL},
	{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", D, NULL},
	{"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0", D, NULL},
	{"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", D, NULL},
	{"Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 TV Safari/537.36", D, NULL},
	{"Mozilla/5.0 (Linux; Android 11; SHIELD Android TV Build/RQ1A.210105.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Safari/537.36", D, NULL},
	{"Mozilla/5.0 (Linux; Android 9; AFTKA) AppleWebKit/537.36 (KHTML, like Gecko) Silk/112.5.1 like Chrome/112.0.5615.213 Safari/537.36", D, NULL},
	{"Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/31.0.1650.0 Safari/537.36 CrKey/1.0.999999", D, NULL},
	{"Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15", D, NULL},

	/* search engine crawlers */
	{"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", B, "Googlebot"},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/120.0.6099.129 Safari/537.36", B, "Googlebot"},
	{"Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", B, "Googlebot"},
	{"Googlebot-Image/1.0", B, "Googlebot"},
	{"AdsBot-Google (+http://www.google.com/adsbot.html)", B, "AdsBot-Google"},
	{"Mediapartners-Google", B, "Mediapartners-Google"},
	{"Mozilla/5.0 (X11; Linux x86_64; Storebot-Google/1.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.88 Safari/537.36", B, "Storebot-Google"},
	{"Mozilla/5.0 (compatible; Google-InspectionTool/1.0;)", B, "Google-InspectionTool"},
	{"GoogleOther", B, "GoogleOther"},
	{"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", B, "Bingbot"},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36", B, "Bingbot"},
	{"Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", B, "YandexBot"},
	{"Mozilla/5.0 (compatible; YandexImages/3.0; +http://yandex.com/bots)", B, NULL},
	{"Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", B, "Baiduspider"},
	{"DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)", B, "DuckDuckBot"},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)", B, "Applebot"},
	{"Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)", B, "Slurp"},
	{"Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)", B, "Sogou"},
	{"Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)", B, "PetalBot"},
	{"Mozilla/5.0 (compatible; SeznamBot/4.0; +https://o-seznam.cz/napoveda/vyhledavani/en/seznambot-crawler/)", B, "SeznamBot"},
	/* link previews */
	{"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", B, "facebookexternalhit"},
	{"Twitterbot/1.0", B, "Twitterbot"},
	{"LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", B, "LinkedInBot"},
	{"Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", B, "Slackbot"},
	{"Slackbot 1.0 (+https://api.slack.com/robots)", B, "Slackbot"},
	{"Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", B, "Discordbot"},
	{"TelegramBot (like TwitterBot)", B, "TelegramBot"},
	{"WhatsApp/2.23.20.0 A", B, "WhatsApp"},
	{"Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)", B, "Pinterestbot"},
	/* SEO, AI, archives */
	{"Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", B, "AhrefsBot"},
	{"Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", B, "SemrushBot"},
	{"Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)", B, "MJ12bot"},
	{"Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)", B, "DotBot"},
	{"Screaming Frog SEO Spider/19.4", B, "Screaming Frog SEO Spider"},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)", B, "GPTBot"},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot", B, "ChatGPT-User"},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)", B, "ClaudeBot"},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)", B, "PerplexityBot"},
	{"Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)", B, "Bytespider"},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot) Chrome/119.0.6045.214 Safari/537.36", B, "Amazonbot"},
	{"CCBot/2.0 (https://commoncrawl.org/faq/)", B, "CCBot"},
	{"ia_archiver (+http://www.alexa.com/site/help/webmasters; crawler@alexa.com)", B, "ia_archiver"},
	/* monitoring, headless browsers, libraries */
	{"Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", B, "UptimeRobot"},
	{"Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", B, "Pingdom"},
	{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 Safari/537.36", B, "HeadlessChrome"},
	{"Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse", B, "Lighthouse"},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 Chrome-Lighthouse", B, "Lighthouse"},
	{"curl/8.4.0", B, "curl"},
	{"Wget/1.21.3", B, "Wget"},
	{"python-requests/2.31.0", B, "python-requests"},
	{"Go-http-client/2.0", B, "Go-http-client"},
	{"Java/17.0.8", B, "Java"},
	{"okhttp/4.12.0", B, "okhttp"},
	{"Apache-HttpClient/4.5.14 (Java/17.0.8)", B, "Apache-HttpClient"},
	{"GuzzleHttp/7", B, "GuzzleHttp"},
	/* unknown bots name themselves; no User-Agent at all is a bot too */
	{"Mozilla/5.0 (compatible; SuperShopBot/1.2)", B, "SuperShopBot"},
	{"Mozilla/5.0 (compatible; Seekport Crawler; http://seekport.com/)", B, "Crawler"},
	{"acme-price-spider 3.1", B, "acme-price-spider"},
	{"Mozilla/5.0 (compatible; +http://example.com/about-our-fetching)", B, NULL},
	{"", B, NULL},
	{"   ", B, NULL},
	{"-", B, NULL},
	/* case does not matter */
	{"MOZILLA/5.0 (COMPATIBLE; GOOGLEBOT/2.1)", B, "Googlebot"},
	{"mozilla/5.0 (linux; android 14) mobile", M, NULL},
};
/* clang-format on */

static void check_ua(const char *ua, size_t len, const char *ch, seg_device want, const char *want_name, int line)
{
	const seg_context_index *ix = index_once();
	if (!ix) {
		seg_test_fail(__FILE__, line, "index");
		return;
	}
	seg_context_ua r;
	seg_context_device(ix, ua, len, ch, ch ? strlen(ch) : 0, &r);
	if (r.device != want)
		seg_test_fail(__FILE__, line, "\"%.*s\": device %s, expected %s", (int)len, ua, seg_device_name(r.device),
		              seg_device_name(want));
	if (r.is_bot != (want == SEG_DEVICE_BOT)) seg_test_fail(__FILE__, line, "\"%.*s\": is_bot", (int)len, ua);
	char name[SEG_CONTEXT_BOT_NAME_MAX + 1] = "";
	const char *got = NULL;
	if (r.bot >= 0) got = seg_context_bot_name(r.bot);
	else if (r.name_len) {
		memcpy(name, ua + r.name_off, r.name_len);
		name[r.name_len] = '\0';
		got = name;
	}
	if (want_name == NULL ? got != NULL : got == NULL || strcmp(got, want_name) != 0)
		seg_test_fail(__FILE__, line, "\"%.*s\": bot name \"%s\", expected \"%s\"", (int)len, ua,
		              got ? got : "(null)", want_name ? want_name : "(null)");
}

SEG_TEST(context_user_agents)
{
	size_t bots = 0, browsers = 0;
	for (size_t i = 0; i < sizeof ua_cases / sizeof ua_cases[0]; i++) {
		const ua_case *c = &ua_cases[i];
		check_ua(c->ua, strlen(c->ua), NULL, c->device, c->bot_name, __LINE__);
		if (c->device == B) bots++;
		else browsers++;
	}
	CHECK(browsers >= 50);
	CHECK(bots >= 60);
}

SEG_TEST(context_client_hint_mobile)
{
	const char *tab = "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";
	const char *mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
	const char *phone = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
	const char *bot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
	check_ua(tab, strlen(tab), "?1", M, NULL, __LINE__);
	check_ua(tab, strlen(tab), " ?1 ", M, NULL, __LINE__);
	check_ua(tab, strlen(tab), "?0", T, NULL, __LINE__);
	check_ua(mac, strlen(mac), "?1", M, NULL, __LINE__);
	check_ua(mac, strlen(mac), "?0", D, NULL, __LINE__);
	check_ua(mac, strlen(mac), "1", D, NULL, __LINE__);   /* not a structured boolean */
	check_ua(mac, strlen(mac), "?10", D, NULL, __LINE__);
	check_ua(phone, strlen(phone), "?0", M, NULL, __LINE__); /* ?0 does not override the UA */
	check_ua(bot, strlen(bot), "?1", B, "Googlebot", __LINE__); /* bot wins */
	check_ua("", 0, "?1", B, NULL, __LINE__);
}

SEG_TEST(context_user_agent_bounds)
{
	/* Only the first SEG_CONTEXT_UA_MAX bytes are read. */
	char ua[SEG_CONTEXT_UA_MAX + 64];
	const char *head = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) ";
	size_t n = strlen(head);
	memcpy(ua, head, n);
	memset(ua + n, 'x', sizeof ua - n);
	/* "Googlebot" ending exactly at the bound is seen ... */
	memcpy(ua + SEG_CONTEXT_UA_MAX - 9, "Googlebot", 9);
	check_ua(ua, SEG_CONTEXT_UA_MAX, NULL, B, "Googlebot", __LINE__);
	check_ua(ua, sizeof ua, NULL, B, "Googlebot", __LINE__);
	/* ... one byte further it is not. */
	memset(ua + n, 'x', sizeof ua - n);
	memcpy(ua + SEG_CONTEXT_UA_MAX - 8, "Googlebot", 9);
	check_ua(ua, sizeof ua, NULL, D, NULL, __LINE__);
	/* the length is respected: no read past len */
	check_ua("Googlebot", 6, NULL, D, NULL, __LINE__);
	check_ua("iPhone", 5, NULL, D, NULL, __LINE__);
	/* a bot word longer than the name limit is cut */
	memset(ua, 'a', 200);
	memcpy(ua + 200, "bot", 3);
	seg_context_ua r;
	seg_context_device(index_once(), ua, 203, NULL, 0, &r);
	CHECK_EQ_INT(r.device, B);
	CHECK_EQ_INT(r.name_len, SEG_CONTEXT_BOT_NAME_MAX);
	CHECK_EQ_INT(r.name_off, 0);
	/* NUL bytes and high bytes are just bytes */
	check_ua("Mozilla\0iPhone Mobile", 21, NULL, M, NULL, __LINE__);
	check_ua("\xff\xfe\x80 Googlebot", 13, NULL, B, "Googlebot", __LINE__);
	check_ua(NULL, 0, NULL, B, NULL, __LINE__);
}

static bool same_ua(const seg_context_ua *a, const seg_context_ua *b)
{
	return a->device == b->device && a->is_bot == b->is_bot && a->bot == b->bot && a->name_off == b->name_off &&
	       a->name_len == b->name_len;
}

/* The memo answers what the scan answers: on a first sight, on a repeat, after
 * its slot was taken by another string, with or without client hints, and for
 * strings it does not keep (empty, too long). */
SEG_TEST(context_user_agent_memo)
{
	const seg_context_index *ix = index_once();
	REQUIRE(ix != NULL);
	static seg_ua_memo memo; /* zero-filled: empty */
	static const char *const hints[] = {NULL, "?1", "?0"};
	size_t ncases = sizeof ua_cases / sizeof ua_cases[0];
	REQUIRE(ncases > SEG_UA_MEMO_SLOTS / 2); /* enough strings to share slots */
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < ncases; i++) {
			const char *ua = ua_cases[i].ua;
			for (size_t h = 0; h < 3; h++) {
				/* the string the memo sees is a copy: it must go by the bytes */
				char copy[SEG_CONTEXT_UA_MAX];
				size_t len = strlen(ua);
				REQUIRE(len < sizeof copy);
				memcpy(copy, ua, len);
				seg_context_ua want, got;
				size_t hl = hints[h] ? strlen(hints[h]) : 0;
				seg_context_device(ix, ua, len, hints[h], hl, &want);
				seg_context_device_memo(ix, &memo, copy, len, hints[h], hl, &got);
				if (!same_ua(&want, &got))
					seg_test_fail(__FILE__, __LINE__, "memo round %d, \"%s\" hint %s: device %d/%d bot %d/%d", round, ua,
					              hints[h] ? hints[h] : "none", got.device, want.device, got.bot, want.bot);
			}
		}
	}
	CHECK(memo.hits > 0);
	CHECK(memo.misses >= ncases);
	/* a prefix of a kept string, and the same bytes with one changed, are other strings */
	const char *ipad = "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
	seg_context_ua r;
	seg_context_device_memo(ix, &memo, ipad, strlen(ipad), NULL, 0, &r);
	CHECK_EQ_INT(r.device, T);
	seg_context_device_memo(ix, &memo, ipad, 17, NULL, 0, &r); /* "Mozilla/5.0 (iPad" */
	CHECK_EQ_INT(r.device, T);
	seg_context_device_memo(ix, &memo, ipad, 12, NULL, 0, &r); /* "Mozilla/5.0 " */
	CHECK_EQ_INT(r.device, D);
	/* a string of the same length and hash (a collision, made by hand): its
	 * stored bytes differ, so it is not the answer */
	seg_context_device_memo(ix, &memo, ipad, strlen(ipad), NULL, 0, &r);
	seg_ua_memo_entry *kept = NULL;
	for (size_t i = 0; i < SEG_UA_MEMO_SLOTS; i++)
		if (memo.slot[i].len == strlen(ipad) && memcmp(memo.slot[i].text, ipad, strlen(ipad)) == 0) kept = &memo.slot[i];
	REQUIRE(kept != NULL);
	kept->text[3] = 'Z';
	kept->ua.device = SEG_DEVICE_BOT;
	kept->ua.is_bot = true;
	seg_context_device_memo(ix, &memo, ipad, strlen(ipad), NULL, 0, &r);
	CHECK_EQ_INT(r.device, T);
	CHECK(!r.is_bot);
	char bot[] = "Mozilla/5.0 (compatible; Xooglebot/2.1)";
	seg_context_device_memo(ix, &memo, bot, strlen(bot), NULL, 0, &r);
	CHECK_EQ_INT(r.device, B);
	bot[25] = 'Q'; /* "Qooglebot" */
	seg_context_device_memo(ix, &memo, bot, strlen(bot), NULL, 0, &r);
	CHECK_EQ_INT(r.device, B);
	CHECK_EQ_INT(r.name_len, 9);
	CHECK(memcmp(bot + r.name_off, "Qooglebot", 9) == 0);
	/* not kept: no string, an empty one, one longer than a slot holds */
	uint64_t misses = memo.misses;
	char long_ua[SEG_UA_MEMO_LEN + 40];
	memset(long_ua, 'x', sizeof long_ua);
	memcpy(long_ua + sizeof long_ua - 9, "Googlebot", 9);
	for (int k = 0; k < 2; k++) {
		seg_context_device_memo(ix, &memo, long_ua, sizeof long_ua, NULL, 0, &r);
		CHECK_EQ_INT(r.device, B);
		seg_context_device_memo(ix, &memo, "", 0, "?1", 2, &r);
		CHECK_EQ_INT(r.device, B);
		seg_context_device_memo(ix, &memo, NULL, 0, NULL, 0, &r);
		CHECK_EQ_INT(r.device, B);
	}
	CHECK(memo.misses == misses);
	/* without a memo it is the scan */
	seg_context_device_memo(ix, NULL, ipad, strlen(ipad), "?1", 2, &r);
	CHECK_EQ_INT(r.device, M);
}

SEG_TEST(context_generic_bot_word)
{
	/* "bot" must end a word: Bots, Botanic and CUBOT are not bots */
	check_ua("Mozilla/5.0 (Linux; Android 12; CUBOT KINGKONG 7) Mobile", 56, NULL, M, NULL, __LINE__);
	check_ua("MyBots/1.0", 10, NULL, D, NULL, __LINE__);
	check_ua("Botanic Browser", 15, NULL, D, NULL, __LINE__);
	check_ua("robot", 5, NULL, B, "robot", __LINE__);
	check_ua("shop_bot-2", 10, NULL, B, "shop_bot-2", __LINE__);
	check_ua("xcubot", 6, NULL, B, "xcubot", __LINE__);
	check_ua("Mozilla/5.0 cubot", 17, NULL, D, NULL, __LINE__);
}

/* ---- traffic source --------------------------------------------------------- */

typedef struct source_case {
	const char *referrer;
	const char *query; /* "k=v&k=v", values not decoded */
	seg_source want;
	const char *host;    /* referrer_host, NULL: none */
	const char *network; /* search engine or social network, NULL: none */
} source_case;

#define DIR SEG_SOURCE_DIRECT
#define ORG SEG_SOURCE_ORGANIC_SEARCH
#define PAID SEG_SOURCE_PAID_SEARCH
#define SOC SEG_SOURCE_SOCIAL
#define MAIL SEG_SOURCE_EMAIL
#define REF SEG_SOURCE_REFERRAL
#define CAMP SEG_SOURCE_CAMPAIGN

/* The shop is shop.example (HTTP_HOST "www.Shop.Example:443"); own_hosts
 * adds pay.example.net (and its subdomains). */
/* clang-format off */
static const source_case source_cases[] = {
	/* no referrer, own pages */
	{NULL, "", DIR, NULL, NULL},
	{"", "", DIR, NULL, NULL},
	{"https://www.shop.example/cart", "", DIR, "shop.example", NULL},
	{"https://shop.example:443/p/12", "", DIR, "shop.example", NULL},
	{"http://SHOP.EXAMPLE./", "", DIR, "shop.example", NULL},
	{"https://checkout.pay.example.net/return", "", DIR, "checkout.pay.example.net", NULL},
	{"https://pay.example.net/", "", DIR, "pay.example.net", NULL},
	{"https://blog.shop.example/post", "", REF, "blog.shop.example", NULL}, /* HTTP_HOST: exact */
	/* unusable referrers count as none */
	{"about:blank", "", DIR, NULL, NULL},
	{"not a url", "", DIR, NULL, NULL},
	{"https:///path", "", DIR, NULL, NULL},
	{"https://exa mple.com/", "", DIR, NULL, NULL},
	{"https://example.com:80x/", "", DIR, NULL, NULL},
	{"//example.com/", "", DIR, NULL, NULL},
	/* search engines */
	{"https://www.google.com/", "", ORG, "google.com", "Google"},
	{"https://www.google.co.uk/", "", ORG, "google.co.uk", "Google"},
	{"https://www.google.com.br/search?q=x", "", ORG, "google.com.br", "Google"},
	{"https://google.fr", "", ORG, "google.fr", "Google"},
	{"https://www.GOOGLE.de./", "", ORG, "google.de", "Google"},
	{"android-app://com.google.android.googlequicksearchbox/https/www.google.com", "", ORG, "com.google.android.googlequicksearchbox", "Google"},
	{"https://www.bing.com/", "", ORG, "bing.com", "Bing"},
	{"https://cn.bing.com/search?q=x", "", ORG, "cn.bing.com", "Bing"},
	{"https://duckduckgo.com/", "", ORG, "duckduckgo.com", "DuckDuckGo"},
	{"https://html.duckduckgo.com/html/", "", ORG, "html.duckduckgo.com", "DuckDuckGo"},
	{"https://search.yahoo.com/", "", ORG, "search.yahoo.com", "Yahoo"},
	{"https://fr.search.yahoo.com/search?p=x", "", ORG, "fr.search.yahoo.com", "Yahoo"},
	{"https://r.search.yahoo.com/_ylt=A0geK", "", ORG, "r.search.yahoo.com", "Yahoo"},
	{"https://search.yahoo.co.jp/search?p=x", "", ORG, "search.yahoo.co.jp", "Yahoo"},
	{"https://yandex.ru/search/?text=x", "", ORG, "yandex.ru", "Yandex"},
	{"https://yandex.com.tr/", "", ORG, "yandex.com.tr", "Yandex"},
	{"https://ya.ru/", "", ORG, "ya.ru", "Yandex"},
	{"https://www.baidu.com/link?url=x", "", ORG, "baidu.com", "Baidu"},
	{"https://m.baidu.com/", "", ORG, "m.baidu.com", "Baidu"},
	{"https://www.ecosia.org/", "", ORG, "ecosia.org", "Ecosia"},
	{"https://www.qwant.com/?q=x", "", ORG, "qwant.com", "Qwant"},
	{"https://lite.qwant.com/", "", ORG, "lite.qwant.com", "Qwant"},
	{"https://www.startpage.com/", "", ORG, "startpage.com", "Startpage"},
	{"https://search.brave.com/search?q=x", "", ORG, "search.brave.com", "Brave"},
	{"https://m.search.naver.com/", "", ORG, "m.search.naver.com", "Naver"},
	{"https://search.seznam.cz/", "", ORG, "search.seznam.cz", "Seznam"},
	{"https://www.seznam.cz/", "", ORG, "seznam.cz", "Seznam"},
	/* not search: other Google / Yahoo / Brave / Baidu sites, look-alikes */
	{"https://accounts.google.com/", "", REF, "accounts.google.com", NULL},
	{"https://news.google.com/", "", REF, "news.google.com", NULL},
	{"https://news.yahoo.com/", "", REF, "news.yahoo.com", NULL},
	{"https://brave.com/", "", REF, "brave.com", NULL},
	{"https://zhidao.baidu.com/", "", REF, "zhidao.baidu.com", NULL},
	{"https://google.evil.com/", "", REF, "google.evil.com", NULL},
	{"https://notgoogle.com/", "", REF, "notgoogle.com", NULL},
	{"https://lh3.googleusercontent.com/", "", REF, "lh3.googleusercontent.com", NULL},
	/* social networks */
	{"https://www.facebook.com/", "", SOC, "facebook.com", "Facebook"},
	{"https://l.facebook.com/l.php?u=x", "", SOC, "l.facebook.com", "Facebook"},
	{"https://m.facebook.com/", "", SOC, "m.facebook.com", "Facebook"},
	{"https://lm.facebook.com/", "", SOC, "lm.facebook.com", "Facebook"},
	{"android-app://com.facebook.katana/", "", SOC, "com.facebook.katana", "Facebook"},
	{"https://l.instagram.com/?u=x", "", SOC, "l.instagram.com", "Instagram"},
	{"https://t.co/AbC123", "", SOC, "t.co", "X"},
	{"https://x.com/someone", "", SOC, "x.com", "X"},
	{"https://mobile.twitter.com/", "", SOC, "mobile.twitter.com", "X"},
	{"https://www.linkedin.com/feed/", "", SOC, "linkedin.com", "LinkedIn"},
	{"https://lnkd.in/abc", "", SOC, "lnkd.in", "LinkedIn"},
	{"https://www.pinterest.fr/pin/1/", "", SOC, "pinterest.fr", "Pinterest"},
	{"https://uk.pinterest.com/", "", SOC, "uk.pinterest.com", "Pinterest"},
	{"https://pinterest.co.uk/", "", SOC, "pinterest.co.uk", "Pinterest"},
	{"https://pin.it/x", "", SOC, "pin.it", "Pinterest"},
	{"https://www.youtube.com/", "", SOC, "youtube.com", "YouTube"},
	{"https://m.youtube.com/", "", SOC, "m.youtube.com", "YouTube"},
	{"https://youtu.be/x", "", SOC, "youtu.be", "YouTube"},
	{"https://old.reddit.com/r/x", "", SOC, "old.reddit.com", "Reddit"},
	{"https://out.reddit.com/t3_x", "", SOC, "out.reddit.com", "Reddit"},
	{"https://www.tiktok.com/", "", SOC, "tiktok.com", "TikTok"},
	{"https://web.whatsapp.com/", "", SOC, "web.whatsapp.com", "WhatsApp"},
	{"https://wa.me/123", "", SOC, "wa.me", "WhatsApp"},
	{"https://t.me/channel", "", SOC, "t.me", "Telegram"},
	{"https://web.telegram.org/", "", SOC, "web.telegram.org", "Telegram"},
	{"https://bsky.app/profile/x", "", SOC, "bsky.app", "Bluesky"},
	/* webmail */
	{"https://mail.google.com/mail/u/0/", "", MAIL, "mail.google.com", NULL},
	{"android-app://com.google.android.gm/", "", MAIL, "com.google.android.gm", NULL},
	{"https://outlook.live.com/", "", MAIL, "outlook.live.com", NULL},
	{"https://outlook.office.com/mail/", "", MAIL, "outlook.office.com", NULL},
	{"https://fr.mail.yahoo.com/", "", MAIL, "fr.mail.yahoo.com", NULL},
	{"https://mail.yandex.ru/", "", MAIL, "mail.yandex.ru", NULL},
	{"https://e.mail.ru/inbox/", "", MAIL, "e.mail.ru", NULL},
	{"https://webmail1e.orange.fr/", "", MAIL, "webmail1e.orange.fr", NULL},
	{"https://mail01.orange.fr/", "", MAIL, "mail01.orange.fr", NULL},
	{"https://email.seznam.cz/", "", MAIL, "email.seznam.cz", NULL},
	{"https://navigator.web.de/", "", MAIL, "navigator.web.de", NULL},
	{"https://www.gmx.net/", "", MAIL, "gmx.net", NULL},
	{"https://www.icloud.com/mail", "", MAIL, "icloud.com", NULL},
	{"https://poczta.onet.pl/", "", MAIL, "poczta.onet.pl", NULL},
	/* other sites */
	{"https://blog.example.org/post?id=1", "", REF, "blog.example.org", NULL},
	{"https://www.dailymail.co.uk/news", "", REF, "dailymail.co.uk", NULL},
	{"https://mailchimpish.example/", "", REF, "mailchimpish.example", NULL},
	{"https://user:pw@Example.COM:8080/x", "", REF, "example.com", NULL},
	{"https://[2001:db8::1]:8080/", "", REF, "[2001:db8::1]", NULL},
	{"https://192.168.1.10/", "", REF, "192.168.1.10", NULL},
	{"http://localhost:8000/", "", REF, "localhost", NULL},

	/* utm tags */
	{NULL, "utm_source=newsletter&utm_medium=email&utm_campaign=spring", MAIL, NULL, NULL},
	{NULL, "utm_source=shop&utm_medium=Email", MAIL, NULL, NULL},
	{NULL, "utm_source=Weekly_Newsletter", MAIL, NULL, NULL},
	{NULL, "utm_medium=e-mail", MAIL, NULL, NULL},
	{NULL, "utm_source=google&utm_medium=cpc&utm_campaign=brand", PAID, NULL, "Google"},
	{NULL, "utm_source=bing&utm_medium=ppc", PAID, NULL, "Bing"},
	{NULL, "utm_source=google&utm_medium=paid_search", PAID, NULL, "Google"},
	{"https://www.google.fr/", "utm_medium=cpc", PAID, "google.fr", "Google"},
	{NULL, "utm_medium=cpc", PAID, NULL, NULL},
	{NULL, "utm_source=facebook&utm_medium=cpc", SOC, NULL, "Facebook"},
	{NULL, "utm_source=ig&utm_medium=paid_social", SOC, NULL, "Instagram"},
	{NULL, "utm_source=partner&utm_medium=paid-social", SOC, NULL, NULL},
	{NULL, "utm_source=linkedin&utm_medium=social", SOC, NULL, "LinkedIn"},
	{NULL, "utm_source=Instagram", SOC, NULL, "Instagram"},
	{NULL, "utm_source=l.facebook.com&utm_medium=referral", SOC, NULL, "Facebook"},
	{NULL, "utm_source=www.pinterest.fr", SOC, NULL, "Pinterest"},
	{"https://t.co/x", "utm_medium=social", SOC, "t.co", "X"},
	{NULL, "utm_source=google&utm_medium=organic", ORG, NULL, "Google"},
	{NULL, "utm_source=gbp&utm_medium=organic", ORG, NULL, NULL},
	{NULL, "utm_source=blog&utm_medium=referral", REF, NULL, NULL},
	{NULL, "utm_campaign=black-friday", CAMP, NULL, NULL},
	{NULL, "utm_source=google", CAMP, NULL, NULL},
	{NULL, "utm_source=partner&utm_medium=affiliate", CAMP, NULL, NULL},
	{NULL, "utm_source=criteo&utm_medium=display", CAMP, NULL, NULL},
	{NULL, "utm_medium=cpm", CAMP, NULL, NULL},
	{NULL, "utm_term=shoes", CAMP, NULL, NULL},
	{NULL, "utm_content=banner-2", CAMP, NULL, NULL},
	{"https://www.google.com/", "utm_source=partner&utm_campaign=x", CAMP, "google.com", NULL},
	{"https://www.shop.example/", "utm_campaign=x", CAMP, "shop.example", NULL},
	{NULL, "utm_source=&utm_medium=", DIR, NULL, NULL},

	/* click ids */
	{NULL, "gclid=Cj0KCQ", PAID, NULL, "Google"},
	{"https://www.facebook.com/", "gclid=Cj0KCQ", PAID, "facebook.com", "Google"},
	{NULL, "gbraid=0AAAAA", PAID, NULL, "Google"},
	{NULL, "wbraid=CkAK", PAID, NULL, "Google"},
	{NULL, "gad_source=1", PAID, NULL, "Google"},
	{NULL, "msclkid=5f3b", PAID, NULL, "Bing"},
	{NULL, "yclid=123", PAID, NULL, "Yandex"},
	{NULL, "gclid=x&utm_source=newsletter&utm_medium=email", PAID, NULL, "Google"},
	{NULL, "fbclid=IwAR0abc", SOC, NULL, "Facebook"},
	{"https://l.instagram.com/", "fbclid=IwAR0abc", SOC, "l.instagram.com", "Instagram"},
	{"https://www.google.com/", "fbclid=IwAR0abc", SOC, "google.com", "Facebook"},
	{NULL, "fbclid=IwAR0abc&utm_medium=email", MAIL, NULL, NULL},
	{NULL, "ttclid=E.C.P", SOC, NULL, "TikTok"},
	{NULL, "twclid=2-x", SOC, NULL, "X"},
	{NULL, "li_fat_id=abc", SOC, NULL, "LinkedIn"},
	{NULL, "ScCid=abc", SOC, NULL, "Snapchat"},
	{NULL, "epik=dj0y", SOC, NULL, "Pinterest"},
	{NULL, "gclid=", DIR, NULL, NULL},
	{NULL, "GCLID=x&page=2&id=7", DIR, NULL, NULL},
};
/* clang-format on */

static void check_source(const source_case *c, int line)
{
	seg_context_request req;
	memset(&req, 0, sizeof req);
	req.referrer = c->referrer;
	req.referrer_len = c->referrer ? strlen(c->referrer) : 0;
	req.host = "www.Shop.Example:443";
	req.host_len = strlen(req.host);
	static const seg_str own[] = {{"Pay.Example.NET", 15}};
	req.own_hosts = own;
	req.own_count = 1;
	/* Query: split on '&' and '='. */
	const char *q = c->query;
	while (*q) {
		const char *amp = strchr(q, '&');
		size_t n = amp ? (size_t)(amp - q) : strlen(q);
		const char *eq = memchr(q, '=', n);
		size_t kl = eq ? (size_t)(eq - q) : n;
		int id = seg_context_param(q, kl);
		if (id >= 0) {
			req.params[id].s = eq ? eq + 1 : "";
			req.params[id].len = eq ? n - kl - 1 : 0;
		}
		q += n + (amp ? 1 : 0);
	}
	seg_context_traffic out;
	seg_context_source(&req, &out);
	const char *what = c->referrer ? c->referrer : "(none)";
	if (out.source != c->want)
		seg_test_fail(__FILE__, line, "referrer %s, query \"%s\": %s, expected %s", what, c->query,
		              seg_source_name(out.source), seg_source_name(c->want));
	if (c->host ? out.host_len != strlen(c->host) || strcmp(out.host, c->host) != 0 : out.host_len != 0)
		seg_test_fail(__FILE__, line, "referrer %s: host \"%s\", expected \"%s\"", what, out.host,
		              c->host ? c->host : "(none)");
	if (out.host_len) CHECK_EQ_UINT(strlen(out.host), out.host_len);
	int net = out.search_engine >= 0 ? out.search_engine : out.social_network;
	const char *got = seg_context_network_name(net);
	if (c->network ? !got || strcmp(got, c->network) != 0 : got != NULL)
		seg_test_fail(__FILE__, line, "referrer %s, query \"%s\": network %s, expected %s", what, c->query,
		              got ? got : "(none)", c->network ? c->network : "(none)");
	/* the network goes with the class */
	if (out.search_engine >= 0 && out.source != ORG && out.source != PAID)
		seg_test_fail(__FILE__, line, "search_engine set for %s", seg_source_name(out.source));
	if (out.social_network >= 0 && out.source != SOC)
		seg_test_fail(__FILE__, line, "social_network set for %s", seg_source_name(out.source));
}

SEG_TEST(context_sources)
{
	size_t referrers = 0, tagged = 0;
	for (size_t i = 0; i < sizeof source_cases / sizeof source_cases[0]; i++) {
		check_source(&source_cases[i], __LINE__);
		if (*source_cases[i].query) tagged++;
		else referrers++;
	}
	CHECK(referrers >= 40);
	CHECK(tagged >= 40);
}

SEG_TEST(context_params)
{
	CHECK_EQ_INT(seg_context_param("utm_source", 10), SEG_PARAM_UTM_SOURCE);
	CHECK_EQ_INT(seg_context_param("utm_content", 11), SEG_PARAM_UTM_CONTENT);
	CHECK_EQ_INT(seg_context_param("gclid", 5), SEG_PARAM_GCLID);
	CHECK_EQ_INT(seg_context_param("ScCid", 5), SEG_PARAM_SCCID);
	CHECK_EQ_INT(seg_context_param("sccid", 5), SEG_PARAM_SCCID);
	CHECK_EQ_INT(seg_context_param("li_fat_id", 9), SEG_PARAM_LI_FAT_ID);
	CHECK_EQ_INT(seg_context_param("UTM_SOURCE", 10), -1); /* analytics tools are case-sensitive too */
	CHECK_EQ_INT(seg_context_param("utm_sourcex", 11), -1);
	CHECK_EQ_INT(seg_context_param("utm_source", 9), -1);
	CHECK_EQ_INT(seg_context_param("gclid\0", 6), -1);
	CHECK_EQ_INT(seg_context_param("", 0), -1);
	CHECK_EQ_INT(seg_context_param("id", 2), -1);
}

SEG_TEST(context_referrer_host_bounds)
{
	char host[SEG_CONTEXT_HOST_MAX + 1];
	char ref[SEG_CONTEXT_HEADER_MAX + 64];
	/* a host of exactly SEG_CONTEXT_HOST_MAX bytes, and one more */
	memcpy(ref, "https://", 8);
	memset(ref + 8, 'a', SEG_CONTEXT_HOST_MAX);
	CHECK_EQ_UINT(seg_context_referrer_host(ref, 8 + SEG_CONTEXT_HOST_MAX, host), SEG_CONTEXT_HOST_MAX);
	CHECK_EQ_UINT(strlen(host), SEG_CONTEXT_HOST_MAX);
	memset(ref + 8, 'a', SEG_CONTEXT_HOST_MAX + 1);
	CHECK_EQ_UINT(seg_context_referrer_host(ref, 8 + SEG_CONTEXT_HOST_MAX + 1, host), 0);
	CHECK_STR(host, "");
	/* a long path is fine; an authority cut by the header bound is not */
	memcpy(ref, "https://example.com/", 20);
	memset(ref + 20, 'p', sizeof ref - 20);
	CHECK_EQ_UINT(seg_context_referrer_host(ref, sizeof ref, host), 11);
	memcpy(ref, "https://", 8);
	memset(ref + 8, 'a', sizeof ref - 8);
	CHECK_EQ_UINT(seg_context_referrer_host(ref, sizeof ref, host), 0);
	/* the length is respected */
	CHECK_EQ_UINT(seg_context_referrer_host("https://example.com/", 12, host), 4);
	CHECK_STR(host, "exam");
	CHECK_EQ_UINT(seg_context_referrer_host("https://www.", 12, host), 3); /* "www" itself */
	CHECK_EQ_UINT(seg_context_referrer_host("https://.", 9, host), 0);
	CHECK_EQ_UINT(seg_context_referrer_host("https://..x", 11, host), 0);
	CHECK_EQ_UINT(seg_context_referrer_host(NULL, 0, host), 0);
	CHECK_EQ_UINT(seg_context_referrer_host("  HTTPS://WWW.Example.com?x", 27, host), 11);
	CHECK_STR(host, "example.com");
	CHECK_EQ_UINT(seg_context_referrer_host("https://[::1", 12, host), 0);
	CHECK_EQ_UINT(seg_context_referrer_host("https://[::1]x/", 15, host), 0);
}

SEG_TEST(context_utm_value_bounds)
{
	/* A source longer than SEG_CONTEXT_VALUE_MAX is present but not a known name. */
	char src[200];
	memset(src, 'a', sizeof src);
	memcpy(src, "facebook", 8);
	seg_context_request req;
	memset(&req, 0, sizeof req);
	req.params[SEG_PARAM_UTM_SOURCE].s = src;
	req.params[SEG_PARAM_UTM_SOURCE].len = sizeof src;
	seg_context_traffic out;
	seg_context_source(&req, &out);
	CHECK_EQ_INT(out.source, CAMP);
	req.params[SEG_PARAM_UTM_SOURCE].len = 8;
	seg_context_source(&req, &out);
	CHECK_EQ_INT(out.source, SOC);
	req.params[SEG_PARAM_UTM_SOURCE].s = "  Facebook\t";
	req.params[SEG_PARAM_UTM_SOURCE].len = 11;
	seg_context_source(&req, &out);
	CHECK_EQ_INT(out.source, SOC);
	CHECK_STR(seg_context_network_name(out.social_network), "Facebook");
}

/* ---- languages ----------------------------------------------------------------- */

typedef struct lang_case {
	const char *header;
	const char *want; /* space-separated */
} lang_case;

/* clang-format off */
static const lang_case lang_cases[] = {
	{"fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr en de"},
	{"en-US,en;q=0.9", "en"},
	{"da, en-gb;q=0.8, en;q=0.7", "da en"},
	{"de;q=0.5, fr;q=0.9, en", "en fr de"},
	{"de;q=0.8, fr;q=0.8, it;q=0.8", "de fr it"},   /* ties keep header order */
	{"en;q=0, fr", "fr"},
	{"en;q=0.000, fr;q=0.001", "fr"},
	{"fr;q=0.5, en-US;q=0.9, en;q=0", "en fr"},       /* q=0 drops that entry only */
	{"*", ""},
	{"*;q=0.1, nl", "nl"},
	{"", ""},
	{"   ", ""},
	{",,, fr ,,", "fr"},
	{"x-pig-latin, i-klingon, fr", "fr"},
	{"FR-fr", "fr"},
	{"es-419, es;q=0.9", "es"},
	{"zh-Hant-TW, zh;q=0.8, en;q=0.5", "zh en"},
	{"tlh, haw, fil;q=0.5", "tlh haw fil"},
	{"english, fr", "fr"},
	{"123, fr", "fr"},
	{"en_US, de", "en de"},
	{"fr;q=1.5, en", "en"},
	{"fr;q=abc, de", "de"},
	{"fr;q=, de", "de"},
	{"fr;q=0.5000, de", "de"},
	{"fr;q=1.001, de", "de"},
	{"fr;q=1.000, de;q=0.500", "fr de"},
	{"fr;q=.5, de", "de"},
	{"fr;;q=0.5, de", "de"},
	{"fr;, de", "de"},
	{"fr ; q = 0.5 , en ; q=0.6", "en fr"},
	{"en;Q=0.5, de", "de en"},
	{"fr;level=1, en;q=0.5", "fr en"},
	{"fr\x01, de", "de"},
	{"fr-, de", "de"},
	{"fr--ch, de", "de"},
	{"fr-abcdefghi, de", "de"},
	{"\xc3\xa9n, de", "de"},
	{"en-US,en;q=0.9,fr-FR;q=0.8,fr;q=0.7,de-DE;q=0.6,de;q=0.5,es;q=0.4,it;q=0.3,pt;q=0.2,nl;q=0.1",
	 "en fr de es it pt nl"},
	{"aa,ab,ae,af,ak,am,an,ar,as,av,ay,az,ba,be,bg,bh,bi,bm,bn,bo",
	 "aa ab ae af ak am an ar as av ay az ba be bg bh"}, /* at most 16 */
};
/* clang-format on */

static void check_langs(const char *h, size_t len, const char *want, int line)
{
	seg_context_languages out;
	uint32_t n = seg_context_languages_parse(h, len, &out);
	char got[256] = "";
	size_t g = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (out.len[i] < 2 || out.len[i] > 3 || strlen(out.tag[i]) != out.len[i])
			seg_test_fail(__FILE__, line, "bad tag length");
		g += (size_t)snprintf(got + g, sizeof got - g, "%s%s", i ? " " : "", out.tag[i]);
	}
	CHECK_EQ_UINT(n, out.count);
	if (strcmp(got, want) != 0)
		seg_test_fail(__FILE__, line, "Accept-Language \"%.*s\": \"%s\", expected \"%s\"", (int)(len > 80 ? 80 : len), h,
		              got, want);
}

SEG_TEST(context_languages)
{
	for (size_t i = 0; i < sizeof lang_cases / sizeof lang_cases[0]; i++)
		check_langs(lang_cases[i].header, strlen(lang_cases[i].header), lang_cases[i].want, __LINE__);
	check_langs(NULL, 0, "", __LINE__);
	check_langs("fr, de", 2, "fr", __LINE__); /* the length is respected */
}

static bool same_langs(const seg_context_languages *a, const seg_context_languages *b)
{
	if (a->count != b->count) return false;
	for (uint32_t i = 0; i < a->count; i++)
		if (a->len[i] != b->len[i] || memcmp(a->tag[i], b->tag[i], a->len[i]) != 0) return false;
	return true;
}

/* The memo answers what the parser answers: first sight, repeats, shared slots,
 * a hand-made collision, and headers it does not keep. */
SEG_TEST(context_languages_memo)
{
	static seg_lang_memo memo;
	size_t ncases = sizeof lang_cases / sizeof lang_cases[0];
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < ncases; i++) {
			const char *h = lang_cases[i].header;
			char copy[512];
			size_t len = strlen(h);
			REQUIRE(len < sizeof copy);
			memcpy(copy, h, len);
			seg_context_languages want, got;
			uint32_t nw = seg_context_languages_parse(h, len, &want);
			uint32_t ng = seg_context_languages_memo(&memo, copy, len, &got);
			if (nw != ng || !same_langs(&want, &got))
				seg_test_fail(__FILE__, __LINE__, "memo round %d, \"%s\": %u languages, expected %u", round, h, ng, nw);
		}
	}
	CHECK(memo.hits > 0);
	/* a collision by hand: same length and hash, other bytes */
	const char *fr = "fr-FR,fr;q=0.9,en;q=0.8";
	seg_context_languages r;
	seg_context_languages_memo(&memo, fr, strlen(fr), &r);
	seg_lang_memo_entry *kept = NULL;
	for (size_t i = 0; i < SEG_LANG_MEMO_SLOTS; i++)
		if (memo.slot[i].len == strlen(fr) && memcmp(memo.slot[i].text, fr, strlen(fr)) == 0) kept = &memo.slot[i];
	REQUIRE(kept != NULL);
	kept->text[0] = 'd';
	kept->langs.count = 0;
	CHECK_EQ_INT(seg_context_languages_memo(&memo, fr, strlen(fr), &r), 2);
	CHECK(r.count == 2 && memcmp(r.tag[0], "fr", 2) == 0 && memcmp(r.tag[1], "en", 2) == 0);
	/* not kept: no header, an empty one, a long one; and no memo */
	uint64_t misses = memo.misses;
	char longh[SEG_LANG_MEMO_LEN + 20];
	memset(longh, ' ', sizeof longh);
	memcpy(longh + sizeof longh - 2, "it", 2);
	for (int k = 0; k < 2; k++) {
		CHECK_EQ_INT(seg_context_languages_memo(&memo, longh, sizeof longh, &r), 1);
		CHECK_EQ_INT(seg_context_languages_memo(&memo, "", 0, &r), 0);
		CHECK_EQ_INT(seg_context_languages_memo(&memo, NULL, 0, &r), 0);
	}
	CHECK(memo.misses == misses);
	CHECK_EQ_INT(seg_context_languages_memo(NULL, fr, strlen(fr), &r), 2);
}

SEG_TEST(context_languages_bound)
{
	/* A header longer than SEG_CONTEXT_HEADER_MAX: read up to the last comma
	 * before the bound, so a member is never cut into a shorter tag. */
	char h[SEG_CONTEXT_HEADER_MAX + 100];
	size_t n = 0;
	n += (size_t)sprintf(h, "de;q=0.2");
	while (n < SEG_CONTEXT_HEADER_MAX - 3) h[n++] = ' ';
	/* "fr-CA" straddles the bound: the prefix "fr" must not count */
	memcpy(h + n, ",fr-CA;q=0.9", 12);
	n += 12;
	check_langs(h, n, "de", __LINE__);
	/* without a comma before the bound, nothing is read */
	memset(h, 'a', sizeof h);
	check_langs(h, sizeof h, "", __LINE__);
}

/* ---- landing page, clock ----------------------------------------------------------- */

SEG_TEST(context_paths)
{
	static const struct { const char *uri, *want; } cases[] = {
		{"/", "/"},
		{"/fr/shoes?color=red", "/fr/shoes"},
		{"/a#frag", "/a"},
		{"/p?x=/y", "/p"},
		{"//double/slash", "//double/slash"},
		{"/caf%C3%A9", "/caf%C3%A9"},
		{"http://shop.example/p/1?x", "/p/1"},
		{"https://shop.example:8443/", "/"},
		{"", ""},
		{"?x=1", ""},
		{"*", ""},
		{"http://shop.example", ""},
		{"http://shop.example?x=/y", ""},
		{"shop.example/p", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t off, len;
		seg_context_path(cases[i].uri, strlen(cases[i].uri), &off, &len);
		CHECK_MEM(cases[i].uri + off, len, cases[i].want);
	}
	size_t off = 9, len = 9;
	seg_context_path(NULL, 0, &off, &len);
	CHECK_EQ_UINT(len, 0);
}

static int64_t at(int64_t y, unsigned mo, unsigned d, int h, int mi)
{
	return seg_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

SEG_TEST(context_clock)
{
	static const struct {
		int y, mo, d, h, mi;
		int weekday; /* from a calendar */
	} cases[] = {
		{1970, 1, 1, 0, 0, 4},    /* Thursday */
		{1969, 12, 31, 23, 59, 3}, /* Wednesday, before the epoch */
		{2000, 2, 29, 12, 0, 2},  /* Tuesday */
		{2024, 2, 29, 13, 45, 4}, /* Thursday */
		{2023, 12, 31, 23, 59, 7}, /* Sunday */
		{2024, 1, 1, 0, 0, 1},    /* Monday */
		{2026, 11, 21, 18, 30, 6}, /* Saturday */
		{1900, 3, 1, 6, 0, 4},    /* Thursday */
		{9999, 12, 31, 23, 59, 5}, /* Friday */
		{1, 1, 1, 0, 0, 1},       /* Monday (proleptic Gregorian) */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		seg_context_clock c;
		seg_context_clock_of(at(cases[i].y, (unsigned)cases[i].mo, (unsigned)cases[i].d, cases[i].h, cases[i].mi) + 59, &c);
		CHECK_EQ_INT(c.month, cases[i].mo);
		CHECK_EQ_INT(c.hour, cases[i].h);
		CHECK_EQ_INT(c.weekday, cases[i].weekday);
	}
	/* every hour of a week: the weekday steps once a day, Monday after Sunday */
	int64_t monday = at(2024, 3, 4, 0, 0);
	for (int h = 0; h < 24 * 7; h++) {
		seg_context_clock c;
		seg_context_clock_of(monday + h * 3600, &c);
		CHECK_EQ_INT(c.weekday, 1 + h / 24);
		CHECK_EQ_INT(c.hour, h % 24);
	}
}
