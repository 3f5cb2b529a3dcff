// The pure helpers of sync/: SHA-256 against the published FIPS 180-2 / NIST vectors, the href
// safety rule of portal-feed-v1 with the URL helpers around it, and the ISO-8601 reader for notice
// validity.
#include "sync/href.h"
#include "sync/iso_time.h"
#include "sync/sha256.h"
#include "sync/url.h"

#include "test_support.h"

#include <catch2/catch.hpp>

using namespace gk;

namespace {
const std::string kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string k448Input = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const std::string k448 = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
const std::string kMillionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
// 2026-11-20T00:00:00Z, computed independently: 20777 days after 1970-01-01.
constexpr std::int64_t kNov20Utc = 20777LL * 86400;
} // namespace

TEST_CASE("sha256Hex matches the published test vectors", "[sha256]") {
    CHECK(sha256Hex("abc") == kAbc);
    CHECK(sha256Hex("") == kEmpty);
    CHECK(sha256Hex(k448Input) == k448);
    CHECK(sha256Hex(std::string(1000000, 'a')) == kMillionA);
}

TEST_CASE("Sha256 hashes incrementally and can be reused after finishing", "[sha256]") {
    Sha256 hasher;
    hasher.update("a");
    hasher.update("");
    hasher.update("bc");
    CHECK(hasher.finishHex() == kAbc);
    hasher.update(k448Input);
    CHECK(hasher.finishHex() == k448);
}

TEST_CASE("sha256File streams a file and reports its size", "[sha256]") {
    test::TempDir dir;
    test::writeFile(dir.path() / "million", std::string(1000000, 'a'));
    const FileHash hash = sha256File(dir.path() / "million");
    REQUIRE(hash.ok);
    CHECK(hash.hex == kMillionA);
    CHECK(hash.bytes == 1000000);

    const FileHash missing = sha256File(dir.path() / "absent");
    CHECK_FALSE(missing.ok);
    CHECK(missing.error.find("cannot open") != std::string::npos);
}

TEST_CASE("isSha256Hex and shortHash", "[sha256]") {
    CHECK(isSha256Hex(kAbc));
    CHECK(isSha256Hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
    CHECK_FALSE(isSha256Hex(kAbc.substr(1)));
    CHECK_FALSE(isSha256Hex(kAbc.substr(1) + "g"));
    CHECK(shortHash(kAbc) == "ba7816bf8f01\xE2\x80\xA6");
}
TEST_CASE("safe hrefs are accepted", "[href]") {
    const char* safe[] = {"catalog.json",     "playlists/hall-main.json",
                          "att/3f/3fa2.docx", "att/申请表.docx",
                          "a/./b.png",        "..foo/bar",
                          "file...png",       "att/a:b.png",
                          "photo%2Epng",      "50%25.png",
                          "a%20b.png"};
    for (const char* href : safe) {
        INFO(href);
        CHECK(isSafeHref(href));
    }
}

TEST_CASE("unsafe hrefs are rejected with a reason", "[href]") {
    const std::pair<std::string, std::string> unsafe[] = {
        {"", "is empty"},
        {"https://evil.example/x.json", "has a scheme"},
        {"file:///etc/passwd", "has a scheme"},
        {"javascript:alert(1)", "has a scheme"},
        {"C:foo", "has a scheme"},
        {"/etc/passwd", "starts with '/'"},
        {"//evil.example/x", "starts with '/'"},
        {"..", "'..' segment"},
        {"../secret.json", "'..' segment"},
        {"att/../../x", "'..' segment"},
        {"att/..", "'..' segment"},
        {"att\\x.png", "backslash"},
        {std::string("att/x\0.png", 10), "NUL"},
        {"att/x\n.png", "control character"},
        {"%2e%2e/secret", "'..' segment after percent-decoding"},
        {"%2E%2E/secret", "'..' segment after percent-decoding"},
        {".%2e/secret", "'..' segment after percent-decoding"},
        {"att%2f..%2fx", "'..' segment"},
        {"att%2Fx.png", "percent-encoded '/'"},
        {"att%5cx.png", "backslash"},
        {"att%5Cx.png", "backslash"},
        {"att/x%00.png", "NUL"},
        {"%252e%252e/secret", "'..' segment after percent-decoding"},
        {"%25252e%25252e/secret", "'..' segment after percent-decoding"},
        {"att%252fx.png", "percent-encoded '/'"},
        {"%2fetc/passwd", "starts with '/'"},
        {"https%3a//evil/x", "has a scheme"},
        {"att/x%zz.png", "malformed percent-encoding"},
        {"att/x%2", "malformed percent-encoding"},
    };
    for (const auto& [href, reason] : unsafe) {
        INFO("href: " << href);
        std::string error;
        REQUIRE_FALSE(checkHref(href, error));
        CHECK(error.find(reason) != std::string::npos);
    }
}

TEST_CASE("resolvePortalUrl finds the manifest and the base", "[url]") {
    std::string error;
    auto where = resolvePortalUrl("https://portal.example/kiosk/", false, error);
    REQUIRE(where);
    CHECK(where->manifest_url == "https://portal.example/kiosk/manifest.json");
    CHECK(where->base_url == "https://portal.example/kiosk/");

    where = resolvePortalUrl(" file:///media/usb/feed/manifest.json ", false, error);
    REQUIRE(where);
    CHECK(where->scheme == "file");
    CHECK(where->manifest_url == "file:///media/usb/feed/manifest.json");
    CHECK(where->base_url == "file:///media/usb/feed/");

    where = resolvePortalUrl("HTTPS://portal.example", false, error);
    REQUIRE(where);
    CHECK(where->base_url == "HTTPS://portal.example/");

    where = resolvePortalUrl("https://portal.example/feed", false, error);
    REQUIRE(where);
    CHECK(where->manifest_url == "https://portal.example/feed/manifest.json");
}

TEST_CASE("resolvePortalUrl refuses what it cannot use", "[url]") {
    std::string error;
    CHECK_FALSE(resolvePortalUrl("http://portal.example/", false, error));
    CHECK(error.find("insecure") != std::string::npos);
    CHECK(resolvePortalUrl("http://portal.example/", true, error));
    CHECK_FALSE(resolvePortalUrl("ftp://portal.example/", true, error));
    CHECK_FALSE(resolvePortalUrl("", true, error));
    CHECK_FALSE(resolvePortalUrl("portal.example/feed/", true, error));
    CHECK_FALSE(resolvePortalUrl("https://portal.example/feed/?token=1", true, error));
    CHECK_FALSE(resolvePortalUrl("file://host/feed/", true, error));
}

TEST_CASE("only absolute http(s) URLs with a host are web URLs", "[url]") {
    for (const char* url : {"https://m.example.gov.cn/n/1", "http://example.gov.cn",
                            "HTTPS://Example.gov.cn:8443/a?b#c", "https://user@example.gov.cn/"})
        CHECK(isWebUrl(url));
    for (const char* url : {"", "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>",
                            "file:///etc/passwd", "/n/1", "n/1", "https://", "https:///path", "https//x",
                            "https://exa mple.gov.cn/", "https://example.gov.cn/\n", "ftp://example.gov.cn/"})
        CHECK_FALSE(isWebUrl(url));
    CHECK_FALSE(isWebUrl("https://example.gov.cn/" + std::string(2100, 'a'))); // overlong
    CHECK(webUrlHost("HTTPS://User@M.Example.gov.cn:8443/x") == "m.example.gov.cn");
    CHECK(webUrlHost("https://[::1]:8080/") == "[::1]");
    CHECK(webUrlHost("javascript:alert(1)").empty());
}

TEST_CASE("joinUrl and fileUrlFromPath encode what a URL cannot carry", "[url]") {
    CHECK(joinUrl("https://p.example/feed/", "att/a b.png") == "https://p.example/feed/att/a%20b.png");
    CHECK(joinUrl("https://p.example/feed", "x.json") == "https://p.example/feed/x.json");
    CHECK(joinUrl("file:///f/", "att/表.docx") == "file:///f/att/%E8%A1%A8.docx");
    CHECK(fileUrlFromPath("/srv/demo portal/x.json") == "file:///srv/demo%20portal/x.json");
    CHECK(urlScheme("HTTPS://x") == "https");
    CHECK(urlScheme("att/x.png").empty());
}
TEST_CASE("parseIsoTime reads the forms the feed uses", "[iso_time]") {
    CHECK(parseIsoTime("1970-01-01T00:00:00Z") == 0);
    CHECK(parseIsoTime("2026-11-20T00:00:00Z") == kNov20Utc);
    CHECK(parseIsoTime("2026-11-20T00:00:00+08:00") == kNov20Utc - 8 * 3600);
    CHECK(parseIsoTime("2026-11-20T00:00:00+0800") == kNov20Utc - 8 * 3600);
    CHECK(parseIsoTime("2026-11-20T08:30:15-05:00") == kNov20Utc + 8 * 3600 + 30 * 60 + 15 + 5 * 3600);
    CHECK(parseIsoTime("2026-11-20") == kNov20Utc - 8 * 3600);
    CHECK(parseIsoTime("2026-11-20T08:00") == kNov20Utc);
    CHECK(parseIsoTime("2026-11-20 08:00:00") == kNov20Utc);
    CHECK(parseIsoTime("2026-11-20T00:00:00.750Z") == kNov20Utc);
    CHECK(parseIsoTime("2024-02-29T12:00:00Z") == 1709208000);
}

TEST_CASE("parseIsoTime rejects invalid text", "[iso_time]") {
    const char* invalid[] = {"",
                             "2026",
                             "2026-11",
                             "2026-13-01",
                             "2026-02-29",
                             "2026-11-31",
                             "2026-11-20T24:00:00",
                             "2026-11-20T08:60",
                             "2026-11-20T08",
                             "2026-11-20T08:00:00+19:00",
                             "2026-11-20T08:00:00 junk",
                             "20261120",
                             "2026-11-20x",
                             "2026-1-20",
                             "2026-11-20T08:00:00.Z",
                             "明天"};
    for (const char* text : invalid) {
        INFO(text);
        CHECK_FALSE(parseIsoTime(text).has_value());
    }
}
