// Sync over real HTTP against FaultServer (fault_server.h), one test case per fault of issue 3:
// error statuses, stalled, truncated and overlong bodies, wrong bytes, oversize files, bad JSON,
// unsafe hrefs, redirect loops and cross-origin redirects, a publish that changes mid-sync. Each
// fault leaves the previous generation current, cleans staging and records one clear line as
// last_error. Per-item problems (wrong types, duplicate ids) are skipped and recorded instead.
// Also the no-change sync (one conditional request, answered 304), a sync over IPv6, and a portal
// that trickles bytes past the sync's time limit.
#include "fault_server.h"
#include "test_support.h"

#include "sync/fetcher.h"
#include "sync/loader.h"
#include "sync/sha256.h"
#include "sync/store.h"
#include "sync/sync_once.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace gk;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;
namespace fs = std::filesystem;

using test::BodyFault;
using test::FaultServer;
using test::generationIdOf;
using test::Route;

namespace {

constexpr std::int64_t kGoodSyncTime = 1000;
constexpr std::int64_t kFaultSyncTime = 2000;

// A portal directory served over http:// by a FaultServer, and the store synced from it.
struct HttpPortal : test::SyncFixture {
    FaultServer server; // declared after the directories: stops before they are removed

    explicit HttpPortal(test::IpFamily family = test::IpFamily::V4) : server(family) {}

    SyncRequest httpRequest(std::int64_t now = kFaultSyncTime) const {
        SyncRequest r = request(now);
        r.portal_url = server.baseUrl();
        r.allow_insecure_http = true;
        return r;
    }
    // Writes the feed into the portal directory and serves it; returns the manifest text.
    std::string publishAndServe(const std::function<void(json&)>& manifest_edit = nullptr) {
        const std::string manifest = feed.write(portal, manifest_edit);
        server.serveDirectory(portal);
        return manifest;
    }
    // The good generation every fault test starts from; returns its id.
    std::string syncGoodGeneration() {
        const std::string manifest = publishAndServe();
        const SyncOutcome outcome = syncOnce(httpRequest(kGoodSyncTime));
        INFO(outcome.error);
        REQUIRE(outcome.result == SyncResult::Changed);
        return generationIdOf(manifest);
    }
    // The next publish changes one notice, so notices.json is the one file the sync must fetch.
    std::string publishNoticeChange() {
        feed.notices["items"][1]["title"] = "欢迎光临便民服务中心";
        return publishAndServe();
    }
    // Publishes with notices.json replaced by raw bytes, named in the manifest with their real
    // size and hash (so only the content itself is wrong).
    void publishRawNotices(const std::string& bytes) {
        publishAndServe([&](json& manifest) {
            test::writeFile(portal / "notices.json", bytes);
            manifest["files"]["notices"] = test::fileEntry(portal, "notices.json");
        });
    }
    std::string portalFile(const std::string& href) const { return test::readFile(portal / href); }
    std::string manifestUrl() const { return server.baseUrl() + "manifest.json"; }
};

Route faultyRoute(std::string body, BodyFault fault, std::size_t fault_bytes) {
    Route route;
    route.body = std::move(body);
    route.fault = fault;
    route.fault_bytes = fault_bytes;
    return route;
}

Route statusRoute(int status, std::vector<std::pair<std::string, std::string>> headers = {}) {
    Route route;
    route.status = status;
    route.body = "<html>" + std::to_string(status) + "</html>";
    route.headers = std::move(headers);
    return route;
}

// What every fault must leave behind: Failed with one line that is also the state's last_error,
// the good generation still current and loadable, nothing in staging.
void checkPreviousGenerationKept(const HttpPortal& p, const SyncOutcome& outcome, const std::string& good) {
    INFO("error: " << outcome.error);
    CHECK(outcome.result == SyncResult::Failed);
    CHECK(outcome.generation == good);
    CHECK(outcome.content == nullptr);
    CHECK_FALSE(outcome.error.empty());
    CHECK(outcome.error.find_first_of(std::string("\r\n\0", 3)) == std::string::npos);
    const StoreState state = readStoreState(p.data);
    CHECK(state.last_error == outcome.error);
    CHECK(state.last_attempt == kFaultSyncTime);
    CHECK(state.last_success == kGoodSyncTime);
    CHECK(p.stagingEmpty());
    CHECK(readCurrentGeneration(StorePaths(p.data)) == good);
    std::string error;
    const auto content = loadCurrentContent(p.data, error);
    REQUIRE(content);
    CHECK(error.empty());
    CHECK(content->generation == good);
}

bool hasSkipped(const Content& content, const std::string& id, const std::string& reason_part) {
    return std::any_of(content.skipped.begin(), content.skipped.end(), [&](const SkippedItem& s) {
        return s.collection == "notices" && s.id == id && s.reason.find(reason_part) != std::string::npos;
    });
}

} // namespace

TEST_CASE("fault: an unchanged portal costs one conditional request, answered 304", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    const std::string etag = readStoreState(p.data).etag;
    REQUIRE_FALSE(etag.empty());
    p.server.clearLog();

    const SyncOutcome outcome = syncOnce(p.httpRequest());
    INFO(outcome.error);
    CHECK(outcome.result == SyncResult::Unchanged);
    CHECK(outcome.generation == good);
    CHECK(outcome.bytes_fetched == 0);
    const std::vector<test::Served> log = p.server.log();
    REQUIRE(log.size() == 1);
    CHECK(log[0].path == "/manifest.json");
    CHECK(log[0].if_none_match == etag);
    CHECK(log[0].status == 304);
    const StoreState state = readStoreState(p.data);
    CHECK(state.last_success == kFaultSyncTime);
    CHECK(state.last_error.empty());
}

TEST_CASE("fault: a 304 to a request without validators is not success", "[fault][http]") {
    HttpPortal p;
    SECTION("the manifest, when the portal never sent an ETag") {
        const std::string manifest = p.publishAndServe();
        Route without_validators;
        without_validators.body = manifest;
        p.server.setRoute("/manifest.json", without_validators);
        REQUIRE(syncOnce(p.httpRequest(kGoodSyncTime)).result == SyncResult::Changed);
        REQUIRE(readStoreState(p.data).etag.empty());

        p.server.setRoute("/manifest.json", statusRoute(304));
        p.server.clearLog();
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, generationIdOf(manifest));
        CHECK(outcome.error == "manifest " + p.manifestUrl() + ": HTTP 304");
        REQUIRE(p.server.log().size() == 1);
        CHECK(p.server.log()[0].if_none_match.empty()); // it really was unconditional
    }
    SECTION("a collection") {
        const std::string good = p.syncGoodGeneration();
        p.publishNoticeChange();
        p.server.setRoute("/notices.json", statusRoute(304));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "notices.json: HTTP 304");
    }
}

TEST_CASE("fault: a 304 for a damaged store is followed by one unconditional fetch", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    const fs::path damaged = p.store("generations/" + good + "/notices.json");
    test::writeFile(damaged, std::string(fs::file_size(damaged), 'x')); // same size, other bytes
    p.server.clearLog();

    const SyncOutcome outcome = syncOnce(p.httpRequest());
    INFO(outcome.error);
    CHECK(outcome.result == SyncResult::Changed);
    CHECK(outcome.generation == good);
    const std::vector<test::Served> log = p.server.log();
    REQUIRE(log.size() == 3);
    CHECK((log[0].path == "/manifest.json" && log[0].status == 304 && !log[0].if_none_match.empty()));
    CHECK((log[1].path == "/manifest.json" && log[1].status == 200 && log[1].if_none_match.empty()));
    CHECK((log[2].path == "/notices.json" && log[2].status == 200));
    CHECK(test::readFile(damaged) == p.portalFile("notices.json"));
}

TEST_CASE("fault: 404 names the missing file", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    SECTION("a collection") {
        p.publishNoticeChange();
        p.server.setRoute("/notices.json", statusRoute(404));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "notices.json: HTTP 404");
    }
    SECTION("the manifest") {
        p.server.setRoute("/manifest.json", statusRoute(404));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "manifest " + p.manifestUrl() + ": HTTP 404");
    }
}

TEST_CASE("fault: 500 names the failing file", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    p.publishNoticeChange();
    p.server.setRoute("/notices.json", statusRoute(500));
    const SyncOutcome outcome = syncOnce(p.httpRequest());
    checkPreviousGenerationKept(p, outcome, good);
    CHECK(outcome.error == "notices.json: HTTP 500");
    CHECK(outcome.retry_after_s == 0);
}

TEST_CASE("fault: 503 with Retry-After fails and passes the wait on to the worker", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    const Route busy = statusRoute(503, {{"Retry-After", "120"}});
    SECTION("the manifest") {
        p.server.setRoute("/manifest.json", busy);
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "manifest " + p.manifestUrl() + ": HTTP 503 (retry after 120 s)");
        CHECK(outcome.retry_after_s == 120);
    }
    SECTION("a collection") { // a load balancer may turn any request away, not just the first
        p.publishNoticeChange();
        p.server.setRoute("/notices.json", busy);
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "notices.json: HTTP 503 (retry after 120 s)");
        CHECK(outcome.retry_after_s == 120);
    }
}

TEST_CASE("fault: a connection that stalls mid-body is abandoned by the low-speed limit", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    p.publishNoticeChange();
    p.server.setRoute("/notices.json", faultyRoute(p.portalFile("notices.json"), BodyFault::StallMidBody, 40));

    FetcherOptions options;
    options.low_speed_limit_bytes = 1024; // the production limit, over 1 s instead of 30 s
    options.low_speed_time_s = 1;
    Fetcher fetcher(options);
    const auto started = std::chrono::steady_clock::now();
    const SyncOutcome outcome = syncOnce(p.httpRequest(), fetcher);
    const auto took = std::chrono::steady_clock::now() - started;
    checkPreviousGenerationKept(p, outcome, good);
    CHECK_THAT(outcome.error, StartsWith("notices.json: ") && Contains("too slow"));
    CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("fault: a body cut short of its Content-Length fails", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    p.publishNoticeChange();
    const std::string notices = p.portalFile("notices.json");
    p.server.setRoute("/notices.json", faultyRoute(notices, BodyFault::TruncatedBody, notices.size() / 2));
    const SyncOutcome outcome = syncOnce(p.httpRequest());
    checkPreviousGenerationKept(p, outcome, good);
    CHECK_THAT(outcome.error, StartsWith("notices.json: ") && Contains("partial file"));
}

TEST_CASE("fault: a body longer than declared fails", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    p.publishNoticeChange();
    const std::string notices = p.portalFile("notices.json");
    const std::string size_mismatch =
        "notices.json: size mismatch (expected " + std::to_string(notices.size()) + " bytes, got more)";
    SECTION("longer than the manifest says, with an honest Content-Length") {
        p.server.setRoute("/notices.json", faultyRoute(notices + "    ", BodyFault::None, 0));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == size_mismatch);
    }
    SECTION("longer than the manifest says, without a Content-Length (the cap in the write callback)") {
        p.server.setRoute("/notices.json", faultyRoute(notices + std::string(5000, ' '), BodyFault::UntilClose, 0));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == size_mismatch);
    }
    SECTION("longer than its Content-Length: only the declared bytes count, and they do not verify") {
        const std::string other_version = "{\"items\": []}" + std::string(notices.size(), ' ');
        p.server.setRoute("/notices.json", faultyRoute(other_version, BodyFault::ExtraBytes, notices.size()));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK_THAT(outcome.error,
                   StartsWith("notices.json: sha256 mismatch (expected " + shortHash(sha256Hex(notices))));
    }
}

TEST_CASE("fault: bytes past Content-Length never reach the store", "[fault][http]") {
    HttpPortal p;
    p.syncGoodGeneration();
    const std::string manifest = p.publishNoticeChange();
    const std::string notices = p.portalFile("notices.json");
    p.server.setRoute("/notices.json", faultyRoute(notices + "trailing junk", BodyFault::ExtraBytes, notices.size()));
    const SyncOutcome outcome = syncOnce(p.httpRequest());
    INFO(outcome.error);
    CHECK(outcome.result == SyncResult::Changed);
    CHECK(test::readFile(p.store("generations/" + generationIdOf(manifest) + "/notices.json")) == notices);
}

TEST_CASE("fault: bytes that do not match the declared sha256 fail", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    p.publishNoticeChange();
    const std::string notices = p.portalFile("notices.json");
    std::string tampered = notices;
    std::replace(tampered.begin(), tampered.end(), 'n', 'N'); // same size, other bytes
    p.server.setRoute("/notices.json", faultyRoute(tampered, BodyFault::None, 0));
    const SyncOutcome outcome = syncOnce(p.httpRequest());
    checkPreviousGenerationKept(p, outcome, good);
    CHECK(outcome.error == "notices.json: sha256 mismatch (expected " + shortHash(sha256Hex(notices)) + ", got " +
                               shortHash(sha256Hex(tampered)) + ")");
}

TEST_CASE("fault: files over the configured limits abort the sync", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    SyncRequest request = p.httpRequest();
    SECTION("a manifest larger than the manifest limit") {
        request.limits.manifest_bytes = 256;
        const SyncOutcome outcome = syncOnce(request);
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "manifest " + p.manifestUrl() + ": larger than 256 bytes");
    }
    SECTION("a collection declared larger than the collection limit") {
        for (int i = 0; i < 100; ++i) {
            p.feed.notices["items"].push_back({{"id", "n-extra-" + std::to_string(i)}, {"title", "通知"}});
        }
        p.publishAndServe();
        request.limits.collection_bytes = 2048;
        const SyncOutcome outcome = syncOnce(request);
        checkPreviousGenerationKept(p, outcome, good);
        CHECK_THAT(outcome.error,
                   StartsWith("manifest.json: files.notices.bytes ") && Contains("exceeds the limit of 2048 bytes"));
    }
    SECTION("an image larger than the attachment limit") {
        p.feed.notices["items"][1]["image"] = p.feed.image("att/dd/big.png", test::kLogoPng + std::string(2000, 'p'));
        p.publishAndServe();
        request.limits.attachment_bytes = 1024;
        const SyncOutcome outcome = syncOnce(request);
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "att/dd/big.png: " + std::to_string(test::kLogoPng.size() + 2000) +
                                   " bytes exceeds the attachment limit of 1024 bytes");
    }
    SECTION("more items than the per-collection limit") {
        p.feed.notices["items"].push_back({{"id", "n-2026-032"}, {"title", "第三条通知"}});
        p.publishAndServe();
        request.limits.items_per_collection = 2; // what the other collections hold
        const SyncOutcome outcome = syncOnce(request);
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "notices.json: 3 items, more than the limit of 2");
    }
}

TEST_CASE("fault: a collection that is not valid JSON aborts the sync", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    p.publishRawNotices(R"({"items": [{"id": "n-1", "title": "通知"},)");
    const SyncOutcome outcome = syncOnce(p.httpRequest());
    checkPreviousGenerationKept(p, outcome, good);
    CHECK_THAT(outcome.error, StartsWith("notices.json: not valid JSON (parse error"));
}

TEST_CASE("fault: valid JSON with wrong types", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    SECTION("items with fields of the wrong type are skipped and recorded; the rest is committed") {
        auto& items = p.feed.notices["items"];
        items.push_back({{"id", 7}, {"title", "id is a number"}});
        items.push_back({{"id", "n-title-number"}, {"title", 5}});
        items.push_back({{"id", "n-valid-from-number"}, {"title", "起始时间"}, {"valid_from", 12}});
        items.push_back({{"id", "n-image-string"}, {"title", "图片"}, {"image", "logo.png"}});
        const std::string manifest = p.publishAndServe();
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        INFO(outcome.error);
        REQUIRE(outcome.result == SyncResult::Changed);
        CHECK(outcome.error.empty());
        CHECK(readStoreState(p.data).last_error.empty());
        std::string error;
        const auto content = loadCurrentContent(p.data, error);
        REQUIRE(content);
        CHECK(content->generation == generationIdOf(manifest));
        REQUIRE(content->notices.size() == 2); // the two good ones of the test feed
        CHECK(content->notices[0].id == "n-2026-031");
        CHECK(content->notices[1].id == "n-2026-001");
        CHECK(hasSkipped(*content, "", "items[2]: id is not a string"));
        CHECK(hasSkipped(*content, "n-title-number", "title is not a string"));
        CHECK(hasSkipped(*content, "n-valid-from-number", "valid_from is not a string"));
        CHECK(hasSkipped(*content, "n-image-string", "image"));
        CHECK(outcome.content->skipped.size() == content->skipped.size());
    }
    SECTION("a collection whose top level has the wrong type aborts") {
        const char* wrong_top_level = GENERATE(R"([])", R"({"items": {}})", R"("items")");
        p.publishRawNotices(wrong_top_level);
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "notices.json: has no \"items\" array");
    }
    SECTION("a manifest file entry with the wrong type aborts") {
        p.publishAndServe([](json& manifest) { manifest["files"]["notices"]["bytes"] = "1024"; });
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "manifest.json: files.notices.bytes is missing or not a non-negative integer");
    }
}

TEST_CASE("fault: duplicate ids keep the first item and record the others", "[fault][http]") {
    HttpPortal p;
    p.syncGoodGeneration();
    p.feed.notices["items"].push_back({{"id", "n-2026-001"}, {"title", "重复的通知"}});
    const std::string manifest = p.publishAndServe();
    const SyncOutcome outcome = syncOnce(p.httpRequest());
    INFO(outcome.error);
    REQUIRE(outcome.result == SyncResult::Changed);
    CHECK(readStoreState(p.data).last_error.empty());
    std::string error;
    const auto content = loadCurrentContent(p.data, error);
    REQUIRE(content);
    CHECK(content->generation == generationIdOf(manifest));
    REQUIRE(content->notices.size() == 2);
    CHECK(content->findNotice("n-2026-001")->title == "欢迎");
    REQUIRE(content->skipped.size() == 1);
    CHECK(hasSkipped(*content, "n-2026-001", "items[2] (id \"n-2026-001\"): duplicate id (first at items[1])"));
}

TEST_CASE("fault: unsafe hrefs in the manifest abort before anything else is fetched", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    const std::string href =
        GENERATE(as<std::string>{}, "../notices.json", "/notices.json", "att\\notices.json", "%2e%2e/notices.json",
                 "att/%252e%252e/../notices.json", std::string("notices.json\0.txt", 17), "notices\n.json",
                 "http://evil.example/notices.json");
    p.publishAndServe([&](json& manifest) { manifest["files"]["notices"]["href"] = href; });
    p.server.clearLog();
    const SyncOutcome outcome = syncOnce(p.httpRequest());
    checkPreviousGenerationKept(p, outcome, good);
    CHECK_THAT(outcome.error, StartsWith("manifest.json: files.notices.href "));
    CHECK(p.server.log().size() == 1); // the manifest only
}

TEST_CASE("fault: a redirect loop gives up after the redirect limit", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    SECTION("the manifest") {
        p.server.setRoute("/manifest.json", test::redirectTo("/moved/manifest.json"));
        p.server.setRoute("/moved/manifest.json", test::redirectTo(p.manifestUrl(), 301));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "manifest " + p.manifestUrl() + ": more than 5 redirects");
    }
    SECTION("a collection redirected to itself") {
        p.publishNoticeChange();
        p.server.setRoute("/notices.json", test::redirectTo("/notices.json"));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "notices.json: more than 5 redirects");
    }
}

TEST_CASE("fault: a redirect to another origin is refused but a same-origin redirect is followed", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    p.publishNoticeChange();
    const std::string notices = p.portalFile("notices.json");
    FaultServer elsewhere; // same host, other port: another origin
    elsewhere.serveDirectory(p.portal);
    SECTION("a collection") {
        p.server.setRoute("/notices.json", test::redirectTo(elsewhere.baseUrl() + "notices.json", 301));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error ==
              "notices.json: redirect to another origin refused: " + elsewhere.baseUrl() + "notices.json");
    }
    SECTION("the manifest") {
        p.server.setRoute("/manifest.json", test::redirectTo(elsewhere.baseUrl() + "manifest.json"));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error == "manifest " + p.manifestUrl() +
                                   ": redirect to another origin refused: " + elsewhere.baseUrl() + "manifest.json");
    }
    SECTION("same origin, for contrast") {
        p.server.setRoute("/notices.json", test::redirectTo("/archive/notices.json"));
        p.server.setRoute("/archive/notices.json", faultyRoute(notices, BodyFault::None, 0));
        const SyncOutcome outcome = syncOnce(p.httpRequest());
        INFO(outcome.error);
        CHECK(outcome.result == SyncResult::Changed);
    }
    CHECK(elsewhere.log().empty());
}

TEST_CASE("fault: the portal publishes again while a sync is reading it", "[fault][http]") {
    HttpPortal p;
    const std::string good = p.syncGoodGeneration();
    p.publishNoticeChange(); // publish A: what the next manifest read sees

    // Publish B, prepared in a directory of its own and put online right after that read, so
    // the collections served no longer match the manifest the sync holds.
    test::TestFeed feed_b = p.feed;
    feed_b.notices["items"][1]["title"] = "欢迎光临便民服务中心（第二次发布）";
    const fs::path portal_b = p.temp.path() / "portal-b";
    const std::string manifest_b = feed_b.write(portal_b);
    p.server.afterRequest("/manifest.json", 1, [portal_b](FaultServer& server) { server.serveDirectory(portal_b); });

    const SyncOutcome outcome = syncOnce(p.httpRequest());
    checkPreviousGenerationKept(p, outcome, good);
    CHECK_THAT(outcome.error, StartsWith("notices.json: ") && Contains("mismatch") &&
                                  Contains("the portal published a new version during this sync"));

    const SyncOutcome next = syncOnce(p.httpRequest(kFaultSyncTime + 300)); // the next poll sees B whole
    INFO(next.error);
    CHECK(next.result == SyncResult::Changed);
    CHECK(next.generation == generationIdOf(manifest_b));
    CHECK(readStoreState(p.data).last_error.empty());
}

TEST_CASE("sync over the IPv6 loopback", "[fault][http][ipv6]") {
    std::unique_ptr<HttpPortal> p;
    try {
        p = std::make_unique<HttpPortal>(test::IpFamily::V6);
    } catch (const std::runtime_error& e) {
        WARN("IPv6 test skipped: " << e.what());
        return;
    }
    CHECK_THAT(p->server.baseUrl(), StartsWith("http://[::1]:"));
    const std::string good = p->syncGoodGeneration();
    std::string error;
    const auto content = loadCurrentContent(p->data, error);
    REQUIRE(content);
    CHECK(content->generation == good);
    CHECK(content->base_url == p->server.baseUrl());
    CHECK(content->notices.size() == 2);

    p->server.clearLog();
    CHECK(syncOnce(p->httpRequest()).result == SyncResult::Unchanged);
    REQUIRE(p->server.log().size() == 1);
    CHECK(p->server.log()[0].status == 304);
}

// A portal that sends every file, but so slowly that the sync would take hours: bytes keep coming
// (40 KiB/s, far above curl's low-speed limit of 1 KiB/s), so only the sync's own time limit ends it.
TEST_CASE("fault: a sync that outlasts its time limit stops there", "[fault][http][deadline]") {
    HttpPortal p;
    constexpr std::size_t kStep = 2048; // every 50 ms
    SECTION("on a collection: the current publish stays") {
        const std::string good = p.syncGoodGeneration();
        p.feed.notices["items"][1]["title"] = "欢迎光临便民服务中心";
        const std::string notices = p.feed.notices.dump() + std::string(400 * 1024, ' '); // ~10 s to send
        p.publishRawNotices(notices);
        p.server.setRoute("/notices.json", faultyRoute(notices, BodyFault::Trickle, kStep));
        p.server.clearLog();

        SyncRequest request = p.httpRequest();
        request.time_limit = std::chrono::seconds(2);
        const auto started = std::chrono::steady_clock::now();
        const SyncOutcome outcome = syncOnce(request);
        const auto took = std::chrono::steady_clock::now() - started;
        checkPreviousGenerationKept(p, outcome, good);
        CHECK(outcome.error ==
              "sync took longer than its limit of 2 s (stopped at notices.json); the current publish stays");
        CHECK(took >= std::chrono::milliseconds(1900)); // curl's clock may run a millisecond or two ahead
        CHECK(took < std::chrono::milliseconds(3000));
        CHECK(p.server.requests("/notices.json") == 1);
    }
    SECTION("on the manifest of a first sync: no publish is claimed to stay") {
        const std::string manifest = p.publishAndServe() + std::string(300 * 1024, ' '); // ~7 s to send
        p.server.setRoute("/manifest.json", faultyRoute(manifest, BodyFault::Trickle, kStep));

        SyncRequest request = p.httpRequest();
        request.time_limit = std::chrono::milliseconds(1500);
        const auto started = std::chrono::steady_clock::now();
        const SyncOutcome outcome = syncOnce(request);
        const auto took = std::chrono::steady_clock::now() - started;
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error == "sync took longer than its limit of 1500 ms (stopped at manifest " + p.manifestUrl() +
                                   "); the store holds no publish yet, so nothing from the portal is shown");
        CHECK(took < std::chrono::milliseconds(2500));
        CHECK(readCurrentGeneration(StorePaths(p.data)).empty());
        CHECK(p.generationCount() == 0);
        CHECK(p.stagingEmpty());
        CHECK(readStoreState(p.data).last_error == outcome.error);
    }
}

TEST_CASE("fault: a cancel stops a trickling transfer at once, deadline or not", "[fault][http][deadline]") {
    HttpPortal p;
    const std::string slow = std::string(400 * 1024, 'x');
    p.server.setRoute("/slow.bin", faultyRoute(slow, BodyFault::Trickle, 2048));
    std::atomic<bool> cancel{false};
    FetcherOptions options;
    options.cancel = &cancel;
    Fetcher fetcher(options);
    FetchRequest request;
    request.url = p.server.baseUrl() + "slow.bin";
    request.allow_insecure_http = true;
    request.deadline = std::chrono::steady_clock::now() + std::chrono::minutes(30);

    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        cancel = true;
    });
    const auto started = std::chrono::steady_clock::now();
    const FetchResult result = fetcher.fetchToMemory(request);
    const auto took = std::chrono::steady_clock::now() - started;
    canceller.join();
    CHECK(result.status == FetchStatus::Failed);
    CHECK_FALSE(result.deadline_passed);
    CHECK(took < std::chrono::milliseconds(2000));
    CHECK(result.body.size() < slow.size());
}

TEST_CASE("fault: a deadline already passed fetches nothing", "[fault][http][deadline]") {
    HttpPortal p;
    p.publishAndServe();
    Fetcher fetcher;
    FetchRequest request;
    request.url = p.manifestUrl();
    request.allow_insecure_http = true;
    request.deadline = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
    const FetchResult result = fetcher.fetchToMemory(request);
    CHECK(result.status == FetchStatus::Failed);
    CHECK(result.deadline_passed);
    CHECK(result.error == "stopped at the sync's time limit");
    CHECK(p.server.log().empty());
}
