// The playlists' videos kept offline (issue 21): over real HTTP (FaultServer on 127.0.0.1) a video a
// playlist item names is downloaded, verified and found by Content::attachmentPath like an image;
// one that fails verification fails the sync and the last publish stays; one over the per-file or
// the total cap is not downloaded, the publish lands, and the reason stays with the generation for
// the screen; the store's bound on keeping the previous generation counts videos. The "videos" are
// plain byte blobs: the sync never reads media.
#include "fault_server.h"
#include "test_support.h"

#include "sync/feed_parser.h"
#include "sync/loader.h"
#include "sync/sha256.h"
#include "sync/store.h"
#include "sync/sync_once.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace gk;
using Catch::Matchers::Contains;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kFirstSync = 1000;
constexpr std::int64_t kLaterSync = 2000;

// Bytes standing in for a video file: `size` bytes, different for each label.
std::string videoBytes(const std::string& label, std::size_t size) {
    std::string bytes = "video " + label + " ";
    bytes.resize(size, static_cast<char>(label.size()));
    return bytes;
}

// A portal directory served over http:// and the store synced from it.
struct VideoPortal : test::SyncFixture {
    test::FaultServer server; // after the directories: stops before they are removed

    SyncRequest httpRequest(std::int64_t now) const {
        SyncRequest r = request(now);
        r.portal_url = server.baseUrl();
        r.allow_insecure_http = true;
        return r;
    }
    // A playlist "video" object for bytes placed at href (written with the feed).
    json video(const std::string& href, const std::string& bytes, const std::string& type = "video/mp4") {
        feed.binaries[href] = bytes;
        return {
            {"name", "宣传片"}, {"href", href}, {"sha256", sha256Hex(bytes)}, {"bytes", bytes.size()}, {"type", type}};
    }
    // Adds a video item to the hall-main playlist.
    void addVideoItem(const json& video_object) {
        feed.playlists["hall-main"]["items"].push_back({{"video", video_object}, {"duration_s", 30}});
    }
    void publishAndServe() {
        feed.write(portal);
        server.serveDirectory(portal);
    }
    SyncOutcome sync(const SyncRequest& request) {
        const SyncOutcome outcome = syncOnce(request);
        INFO(outcome.error);
        REQUIRE(outcome.result == SyncResult::Changed);
        REQUIRE(outcome.content);
        return outcome;
    }
    fs::path objectPath(const std::string& bytes) const {
        const std::string sha = sha256Hex(bytes);
        return store("objects") / sha.substr(0, 2) / sha;
    }
};

Attachment attachmentFor(const json& video) {
    return Attachment{video["name"], video["href"], video["sha256"], video["bytes"], video["type"], "", true};
}

} // namespace

TEST_CASE("video: a playlist's video is downloaded, verified and found by attachmentPath", "[video][http]") {
    VideoPortal p;
    const std::string bytes = videoBytes("clip", 40000);
    const json video = p.video("att/vv/clip.mp4", bytes);
    p.addVideoItem(video);
    p.publishAndServe();
    const SyncOutcome outcome = p.sync(p.httpRequest(kFirstSync));
    CHECK(outcome.videos_fetched == 1);
    CHECK(outcome.videos_not_downloaded.empty());
    CHECK(p.server.requests("/att/vv/clip.mp4") == 1);
    const fs::path path = outcome.content->attachmentPath(attachmentFor(video));
    REQUIRE_FALSE(path.empty());
    CHECK(path == p.objectPath(bytes));
    CHECK(test::readFile(path) == bytes);
    CHECK(outcome.content->videos_not_downloaded.empty());
    const auto meta = readGenerationMeta(p.store("generations") / outcome.generation);
    REQUIRE(meta);
    CHECK(std::count(meta->objects.begin(), meta->objects.end(), sha256Hex(bytes)) == 1);
    CHECK(meta->videos == std::vector<std::string>{sha256Hex(bytes)});
    // Loaded again from the store (as the screens do after a restart), the file is still found.
    std::string error;
    const auto loaded = loadCurrentContent(p.data, error);
    REQUIRE(loaded);
    CHECK(loaded->attachmentPath(attachmentFor(video)) == path);

    SECTION("the next publish reuses it from objects/ without fetching it again") {
        p.feed.notices["items"][1]["title"] = "欢迎光临";
        p.publishAndServe();
        const SyncOutcome next = p.sync(p.httpRequest(kLaterSync));
        CHECK(next.videos_fetched == 0);
        CHECK(next.videos_reused == 1);
        CHECK(p.server.requests("/att/vv/clip.mp4") == 1);
    }
    SECTION("once no kept generation names it, garbage collection removes it like an image") {
        p.feed.playlists["hall-main"]["items"].erase(p.feed.playlists["hall-main"]["items"].size() - 1);
        p.publishAndServe();
        p.sync(p.httpRequest(kLaterSync)); // the previous generation (with the video) is still kept
        CHECK(fs::exists(path));
        p.feed.notices["items"][1]["title"] = "欢迎光临";
        p.publishAndServe();
        p.sync(p.httpRequest(kLaterSync + 1));
        CHECK_FALSE(fs::exists(path));
    }
}

TEST_CASE("video: each video type and a video fallback are downloaded, a bad item's file is not", "[video][http]") {
    VideoPortal p;
    const std::string webm = videoBytes("webm", 3000);
    const std::string mkv = videoBytes("mkv", 3000);
    const std::string fallback = videoBytes("fallback", 3000);
    const std::string avi = videoBytes("avi", 3000);
    p.addVideoItem(p.video("att/vv/a.webm", webm, "video/webm"));
    p.addVideoItem(p.video("att/vv/b.mkv", mkv, "video/x-matroska"));
    p.addVideoItem(p.video("att/vv/c.avi", avi, "video/x-msvideo")); // the screen skips the item
    p.feed.playlists["hall-main"]["fallback"] = {{"video", p.video("att/vv/fallback.mp4", fallback)}};
    p.publishAndServe();
    const SyncOutcome outcome = p.sync(p.httpRequest(kFirstSync));
    CHECK(outcome.videos_fetched == 3);
    CHECK(fs::exists(p.objectPath(webm)));
    CHECK(fs::exists(p.objectPath(mkv)));
    CHECK(fs::exists(p.objectPath(fallback)));
    CHECK(p.server.requests("/att/vv/c.avi") == 0);
    CHECK_FALSE(fs::exists(p.objectPath(avi)));
}

TEST_CASE("video: a video that fails verification fails the sync and the last publish stays", "[video][http]") {
    VideoPortal p;
    p.publishAndServe();
    const SyncOutcome good = p.sync(p.httpRequest(kFirstSync));
    const std::string bytes = videoBytes("clip", 5000);
    json video = p.video("att/vv/clip.mp4", bytes);
    std::string expected;
    SECTION("wrong hash") {
        video["sha256"] = sha256Hex("other bytes");
        expected = "att/vv/clip.mp4: sha256 mismatch (expected " + shortHash(sha256Hex("other bytes")) + ", got " +
                   shortHash(sha256Hex(bytes)) + ")";
    }
    SECTION("wrong size") {
        video["bytes"] = bytes.size() + 10;
        expected = "att/vv/clip.mp4: size mismatch (expected " + std::to_string(bytes.size() + 10) + " bytes, got " +
                   std::to_string(bytes.size()) + " bytes)";
    }
    SECTION("missing on the portal (HTTP 404)") {
        p.feed.binaries.erase("att/vv/clip.mp4");
        expected = "att/vv/clip.mp4: HTTP 404";
    }
    p.addVideoItem(video);
    p.feed.write(p.portal);
    p.server.serveDirectory(p.portal);
    const SyncOutcome outcome = syncOnce(p.httpRequest(kLaterSync));
    INFO(outcome.error);
    CHECK(outcome.result == SyncResult::Failed);
    CHECK_THAT(outcome.error, Contains(expected));
    CHECK(outcome.videos_not_downloaded.empty());
    CHECK(readCurrentGeneration(StorePaths(p.data)) == good.generation); // the previous publish stays
    CHECK(readStoreState(p.data).last_error == outcome.error);
    CHECK(p.stagingEmpty());
    std::error_code ec;
    CHECK_FALSE(fs::exists(p.objectPath(bytes), ec));
}

TEST_CASE("video: one over the per-file cap is not downloaded, its reason stays, the publish lands", "[video][http]") {
    VideoPortal p;
    const std::string large = videoBytes("large", 6000);
    const std::string small = videoBytes("small", 2000);
    const json large_video = p.video("att/vv/large.mp4", large);
    const json small_video = p.video("att/vv/small.mp4", small);
    p.addVideoItem(large_video);
    p.addVideoItem(small_video);
    p.publishAndServe();
    SyncRequest request = p.httpRequest(kFirstSync);
    request.limits.video_file_bytes = 4096;
    const SyncOutcome outcome = p.sync(request);
    CHECK(p.server.requests("/att/vv/large.mp4") == 0);
    CHECK(p.server.requests("/att/vv/small.mp4") == 1);
    CHECK(outcome.videos_fetched == 1);
    CHECK(outcome.content->attachmentPath(attachmentFor(large_video)).empty());
    CHECK_FALSE(outcome.content->attachmentPath(attachmentFor(small_video)).empty());
    REQUIRE(outcome.videos_not_downloaded.size() == 1);
    CHECK_THAT(outcome.videos_not_downloaded[0],
               Contains("att/vv/large.mp4: not downloaded, its playlist items are skipped: video over the 4096 bytes "
                        "per-file cap (video.max_file_mib)") &&
                   Contains(std::to_string(large.size()) + " bytes"));
    CHECK(readCurrentGeneration(StorePaths(p.data)) == outcome.generation);
    CHECK(readStoreState(p.data).last_error.empty());
    // The screen learns why from the content, now and after a restart.
    const auto why = outcome.content->videos_not_downloaded.find(sha256Hex(large));
    REQUIRE(why != outcome.content->videos_not_downloaded.end());
    CHECK_THAT(why->second, Contains("video over the 4096 bytes per-file cap (video.max_file_mib)"));
    CHECK(outcome.content->videos_not_downloaded.size() == 1);
    std::string error;
    const auto loaded = loadCurrentContent(p.data, error);
    REQUIRE(loaded);
    CHECK(loaded->videos_not_downloaded == outcome.content->videos_not_downloaded);

    SECTION("a device with a larger cap takes it with the next publish") {
        p.feed.notices["items"][1]["title"] = "欢迎光临";
        p.publishAndServe();
        const SyncOutcome next = p.sync(p.httpRequest(kLaterSync)); // the default 500 MiB cap
        CHECK(next.videos_fetched == 1);
        CHECK(next.videos_reused == 1);
        CHECK(next.videos_not_downloaded.empty());
        CHECK(next.content->videos_not_downloaded.empty());
        CHECK_FALSE(next.content->attachmentPath(attachmentFor(large_video)).empty());
    }
}

TEST_CASE("video: the total cap stops further video downloads, in feed order", "[video][http]") {
    VideoPortal p;
    const std::string first = videoBytes("first", 3000);
    const std::string second = videoBytes("second", 3000);
    const std::string third = videoBytes("third", 1000);
    p.addVideoItem(p.video("att/vv/first.mp4", first));
    p.addVideoItem(p.video("att/vv/second.mp4", second));
    p.addVideoItem(p.video("att/vv/third.mp4", third));
    p.publishAndServe();
    SyncRequest request = p.httpRequest(kFirstSync);
    request.limits.video_total_bytes = first.size() + third.size(); // the second does not fit, the third does
    const SyncOutcome outcome = p.sync(request);
    CHECK(outcome.images_fetched == 2); // images are never held back by the video caps
    CHECK(outcome.videos_fetched == 2);
    CHECK(p.server.requests("/att/vv/second.mp4") == 0);
    CHECK(fs::exists(p.objectPath(first)));
    CHECK(fs::exists(p.objectPath(third)));
    REQUIRE(outcome.videos_not_downloaded.size() == 1);
    CHECK_THAT(outcome.videos_not_downloaded[0],
               Contains("att/vv/second.mp4: not downloaded, its playlist items are skipped: video over the " +
                        std::to_string(first.size() + third.size()) +
                        " bytes cap for all videos of a publish (video.max_total_mib)"));
}

TEST_CASE("video: the store keeps the previous generation only while its videos fit the video budget",
          "[video][store]") {
    VideoPortal p;
    p.publishAndServe();
    p.sync(p.httpRequest(kFirstSync));
    const StorePaths paths(p.data);
    const std::uint64_t one = generationsBytes(paths, listGenerations(paths)); // a generation without video
    REQUIRE(one > 0);
    const std::string a = videoBytes("a", static_cast<std::size_t>(4 * one));
    const std::string b = videoBytes("b", static_cast<std::size_t>(4 * one));
    SyncRequest request = p.httpRequest(kLaterSync);
    request.limits.store_total_bytes = 3 * one;            // two generations without video fit
    request.limits.video_total_bytes = a.size() + one / 2; // one video fits, two do not
    p.addVideoItem(p.video("att/vv/a.mp4", a));
    p.publishAndServe();
    const SyncOutcome with_a = p.sync(request);
    CHECK(p.generationCount() == 2); // the first (no video) and this one: within the budgets

    SECTION("a new publish with the same video keeps the previous generation") {
        p.feed.notices["items"][1]["title"] = "欢迎光临";
        p.publishAndServe();
        request.now = kLaterSync + 1;
        p.sync(request);
        CHECK(p.generationCount() == 2);
        CHECK(fs::exists(p.store("generations") / with_a.generation));
    }
    SECTION("a new publish with another video drops the previous generation and its video") {
        p.feed.playlists["hall-main"]["items"].erase(p.feed.playlists["hall-main"]["items"].size() - 1);
        p.addVideoItem(p.video("att/vv/b.mp4", b));
        p.publishAndServe();
        request.now = kLaterSync + 1;
        const SyncOutcome with_b = p.sync(request);
        CHECK(with_b.videos_fetched == 1);
        CHECK(p.generationCount() == 1);
        CHECK_FALSE(fs::exists(p.store("generations") / with_a.generation));
        CHECK_FALSE(fs::exists(p.objectPath(a)));
        CHECK(fs::exists(p.objectPath(b)));
        CHECK(generationsBytes(paths, listGenerations(paths)) <=
              request.limits.store_total_bytes + request.limits.video_total_bytes);
    }
}
