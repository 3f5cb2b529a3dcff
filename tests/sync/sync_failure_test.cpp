// What goes wrong in a sync, over file:// into a real store: bytes that do not match the manifest,
// unusable collections, portals and data dirs; each fails in one clear line, the previous
// generation stays current and staging is cleaned up. Also the Fetcher on its own, the sync's
// time limit, objects/ after a failed sync, and durable directory creation.
#include "sync/fetcher.h"
#include "sync/fs_util.h"
#include "sync/loader.h"
#include "sync/sha256.h"
#include "sync/store.h"
#include "sync/sync_once.h"
#include "sync/url.h"

#include "test_support.h"

#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <map>

using namespace gk;
using nlohmann::json;
namespace fs = std::filesystem;

using test::generationIdOf;
using test::SyncFixture;

TEST_CASE("bytes that do not match the declared sha256 fail clearly and the previous generation stays", "[sync]") {
    SyncFixture f;
    const std::string good = f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);

    f.feed.disclosures["items"][0]["title"] = "AAAA";
    f.publish();
    const std::string declared = sha256Hex(test::readFile(f.portal / "disclosures.json"));
    f.feed.disclosures["items"][0]["title"] = "BBBB"; // same size, other bytes, manifest not updated
    test::writeFile(f.portal / "disclosures.json", f.feed.disclosures.dump());
    const std::string served = sha256Hex(test::readFile(f.portal / "disclosures.json"));

    const SyncOutcome outcome = syncOnce(f.request(2000));
    CHECK(outcome.result == SyncResult::Failed);
    CHECK(outcome.error ==
          "disclosures.json: sha256 mismatch (expected " + shortHash(declared) + ", got " + shortHash(served) + ")");
    CHECK(outcome.generation == generationIdOf(good));
    CHECK(f.stagingEmpty());
    CHECK(test::readFile(f.store("current")) == generationIdOf(good) + "\n");
    const StoreState state = readStoreState(f.data);
    CHECK(state.last_error == outcome.error);
    CHECK(state.last_attempt == 2000);
    CHECK(state.last_success == 1000);

    std::string error;
    const auto content = loadCurrentContent(f.data, error);
    REQUIRE(content);
    CHECK(error.empty());
    CHECK(content->generation == generationIdOf(good));
    CHECK(content->disclosures[0].title == "黄埠乡2018年政务公开工作实施方案");
}

TEST_CASE("a served file longer or shorter than declared fails with a size mismatch", "[sync]") {
    SyncFixture f;
    f.publish();
    const std::string declared = std::to_string(test::readFile(f.portal / "guides.json").size());
    SECTION("longer") {
        test::writeFile(f.portal / "guides.json", test::readFile(f.portal / "guides.json") + "   ");
        const SyncOutcome outcome = syncOnce(f.request());
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error == "guides.json: size mismatch (expected " + declared + " bytes, got more)");
    }
    SECTION("shorter") {
        test::writeFile(f.portal / "guides.json", "{}");
        const SyncOutcome outcome = syncOnce(f.request());
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error == "guides.json: size mismatch (expected " + declared + " bytes, got 2 bytes)");
    }
    std::string error;
    CHECK(loadCurrentContent(f.data, error) == nullptr);
    CHECK(error == "store is empty");
    CHECK(f.stagingEmpty());
}

TEST_CASE("collections that cannot be used abort the sync", "[sync]") {
    SyncFixture f;
    const std::string good = f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);

    SECTION("no items array") {
        f.feed.notices = json{{"notices", json::array()}};
        f.publish();
        const SyncOutcome outcome = syncOnce(f.request(2000));
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error == "notices.json: has no \"items\" array");
    }
    SECTION("unsafe href in the manifest") {
        f.feed.write(f.portal, [](json& m) { m["files"]["guides"]["href"] = "%2e%2e/guides.json"; });
        const SyncOutcome outcome = syncOnce(f.request(2000));
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error ==
              "manifest.json: files.guides.href \"%2e%2e/guides.json\" contains a '..' segment after percent-decoding");
    }
    SECTION("an image that does not match its hash") {
        f.feed.notices["items"][1]["title"] = "changed";
        f.publish();
        test::writeFile(f.portal / "att/cc/flow.png", std::string(test::kFlowPng.size(), 'x'));
        const std::string flow = sha256Hex(test::kFlowPng);
        fs::remove(f.store("objects/" + flow.substr(0, 2) + "/" + flow)); // force a fetch
        const SyncOutcome outcome = syncOnce(f.request(2000));
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.rfind("att/cc/flow.png: sha256 mismatch (expected " + shortHash(flow), 0) == 0);
    }
    CHECK(f.stagingEmpty());
    std::string error;
    CHECK(loadCurrentContent(f.data, error)->generation == generationIdOf(good));
}

TEST_CASE("syncOnce reports unusable portals and data dirs in one line", "[sync]") {
    SyncFixture f;
    SyncRequest request = f.request();
    SECTION("missing manifest") {
        const SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.rfind("manifest " + fileUrlFromPath(f.portal) + "/manifest.json: ", 0) == 0);
        CHECK(readStoreState(f.data).last_error == outcome.error);
    }
    SECTION("http without permission") {
        request.portal_url = "http://127.0.0.1:9/feed/";
        const SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.find("insecure transport") != std::string::npos);
    }
    SECTION("data dir that cannot be created") {
        test::writeFile(f.temp.path() / "plain-file", "x");
        request.data_dir = f.temp.path() / "plain-file" / "data";
        const SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.rfind("cannot create data directory ", 0) == 0);
    }
    SECTION("the manifest URL itself works as the portal URL") {
        const std::string manifest = f.publish();
        request.portal_url = fileUrlFromPath(f.portal / "manifest.json");
        const SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Changed);
        CHECK(outcome.generation == generationIdOf(manifest));
    }
}

TEST_CASE("a directory portal's FIFO, device node or symlink out of it is refused at once, the last publish stays",
          "[sync]") {
    SyncFixture f;
    const std::string good = f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);
    // A later publish whose notices.json is no regular file of the portal's own: each sync must
    // return at once (a FIFO once blocked it, and SIGTERM with it, for good).
    f.feed.notices["items"][0]["title"] = "新的通知";
    f.publish();
    const fs::path notices = f.portal / "notices.json";
    const fs::path outside = f.temp.path() / "outside.json";
    test::writeFile(outside, test::readFile(notices));
    struct Case {
        const char* what;
        std::function<bool()> make;
        const char* error;
    };
    const Case cases[] = {
        {"a FIFO", [&] { return ::mkfifo(notices.c_str(), 0644) == 0; }, "not a regular file"},
        {"a device node", [&] { return ::mknod(notices.c_str(), S_IFCHR | 0644, makedev(1, 3)) == 0; },
         "not a regular file"},
        {"a symlink out of the portal",
         [&] {
             fs::create_symlink(outside, notices);
             return true;
         },
         "leads out of the portal directory"},
        {"a symlink to a device",
         [&] {
             fs::create_symlink("/dev/null", notices);
             return true;
         },
         "leads out of the portal directory"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        fs::remove(notices);
        if (!c.make()) {
            WARN(std::string(c.what) + " cannot be made here (" + std::strerror(errno) + "): not checked");
            continue;
        }
        const SyncOutcome outcome = syncOnce(f.request(2000));
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.find("notices.json") != std::string::npos);
        CHECK(outcome.error.find(c.error) != std::string::npos);
        CHECK(outcome.generation == generationIdOf(good));
        CHECK(f.stagingEmpty());
    }
    // A symlink that stays inside the portal is followed.
    fs::remove(notices);
    fs::create_directories(f.portal / "real");
    fs::copy_file(outside, f.portal / "real" / "notices.json");
    fs::create_symlink("real/notices.json", notices);
    const SyncOutcome outcome = syncOnce(f.request(3000));
    INFO(outcome.error);
    CHECK(outcome.result == SyncResult::Changed);
}

TEST_CASE("Fetcher reads file:// into memory and files, with a size cap", "[fetcher]") {
    test::TempDir temp;
    test::writeFile(temp.path() / "a.json", std::string(100, 'a'));
    Fetcher fetcher;
    FetchRequest request;
    request.url = fileUrlFromPath(temp.path() / "a.json");
    FetchResult result = fetcher.fetchToMemory(request);
    REQUIRE(result.ok());
    CHECK(result.body == std::string(100, 'a'));
    CHECK(result.bytes == 100);

    request.max_bytes = 99;
    result = fetcher.fetchToMemory(request);
    CHECK(result.status == FetchStatus::Failed);
    CHECK(result.too_large);
    CHECK(result.error == "larger than 99 bytes");

    request.max_bytes = 0;
    REQUIRE(fetcher.fetchToFile(request, temp.path() / "copy").ok());
    CHECK(test::readFile(temp.path() / "copy") == std::string(100, 'a'));

    request.url = fileUrlFromPath(temp.path() / "absent.json");
    result = fetcher.fetchToFile(request, temp.path() / "absent-copy");
    CHECK(result.status == FetchStatus::Failed);
    CHECK_FALSE(result.error.empty());
    CHECK_FALSE(fs::exists(temp.path() / "absent-copy"));

    request.url = "ftp://127.0.0.1/x";
    CHECK(fetcher.fetchToMemory(request).status == FetchStatus::Failed);
}

TEST_CASE("Fetcher over file:// stops at the deadline and on a cancel", "[fetcher][deadline]") {
    test::TempDir temp;
    test::writeFile(temp.path() / "a.json", std::string(100, 'a'));
    FetchRequest request;
    request.url = fileUrlFromPath(temp.path() / "a.json");
    SECTION("a deadline already passed") {
        Fetcher fetcher;
        request.deadline = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
        const FetchResult result = fetcher.fetchToFile(request, temp.path() / "copy");
        CHECK(result.status == FetchStatus::Failed);
        CHECK(result.deadline_passed);
        CHECK(result.error == "stopped at the sync's time limit");
        CHECK_FALSE(fs::exists(temp.path() / "copy"));
    }
    SECTION("a deadline still ahead") {
        Fetcher fetcher;
        request.deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        const FetchResult result = fetcher.fetchToMemory(request);
        CHECK(result.ok());
        CHECK_FALSE(result.deadline_passed);
        CHECK(result.body == std::string(100, 'a'));
    }
    SECTION("a cancel") {
        const std::atomic<bool> cancel{true};
        FetcherOptions options;
        options.cancel = &cancel;
        Fetcher fetcher(options);
        request.deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        const FetchResult result = fetcher.fetchToMemory(request);
        CHECK(result.status == FetchStatus::Failed);
        CHECK(result.error == "cancelled");
        CHECK_FALSE(result.deadline_passed);
    }
}

TEST_CASE("a sync over file:// past its time limit fails in one line and keeps the current publish",
          "[sync][deadline]") {
    SyncFixture f;
    SyncRequest request = f.request();
    request.time_limit = std::chrono::milliseconds(0);
    f.publish();
    const std::string manifest_url = fileUrlFromPath(f.portal / "manifest.json");
    SECTION("nothing stored yet") {
        const SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error == "sync took longer than its limit of 0 ms (stopped at manifest " + manifest_url +
                                   "); the store holds no publish yet, so nothing from the portal is shown");
        CHECK(f.generationCount() == 0);
    }
    SECTION("a publish stored") {
        const SyncOutcome first = syncOnce(f.request());
        REQUIRE(first.result == SyncResult::Changed);
        request.now = 2000;
        request.time_limit = std::chrono::minutes(0);
        const SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error == "sync took longer than its limit of 0 ms (stopped at manifest " + manifest_url +
                                   "); the current publish stays");
        CHECK(outcome.generation == first.generation);
        CHECK(readCurrentGeneration(StorePaths(f.data)) == first.generation);
    }
    CHECK(f.stagingEmpty());
}

namespace {

// Every path under dir (directories too) with the bytes of each file.
std::map<std::string, std::string> treeOf(const fs::path& dir) {
    std::map<std::string, std::string> tree;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        tree[fs::relative(entry.path(), dir).string()] = entry.is_directory() ? "<dir>" : test::readFile(entry.path());
    }
    return tree;
}

} // namespace

TEST_CASE("a sync that fails after fetching new images leaves objects/ exactly as it was", "[sync][objects]") {
    SyncFixture f;
    f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);
    const std::map<std::string, std::string> before = treeOf(f.store("objects"));
    REQUIRE(before.size() == 4); // two images, each in its objects/<aa>/

    // Two new images: the first arrives intact, the second is not what the manifest says.
    const std::string fresh = std::string("\x89PNG\r\n\x1a\n", 8) + "fresh-pixels";
    const std::string declared = std::string("\x89PNG\r\n\x1a\n", 8) + "other-pixels";
    f.feed.notices["items"][0]["image"] = f.feed.image("att/dd/fresh.png", fresh);
    f.feed.notices["items"][1]["image"] = f.feed.image("att/ee/other.png", declared);
    f.publish();
    const std::string served = std::string("\x89PNG\r\n\x1a\n", 8) + "tampered!!!!";
    REQUIRE(served.size() == declared.size());
    test::writeFile(f.portal / "att/ee/other.png", served);

    const SyncOutcome outcome = syncOnce(f.request(2000));
    CHECK(outcome.result == SyncResult::Failed);
    CHECK(outcome.error.rfind("att/ee/other.png: sha256 mismatch", 0) == 0);
    CHECK(treeOf(f.store("objects")) == before);
    CHECK(f.stagingEmpty());

    // Once the portal serves the right bytes, both images land in objects/.
    test::writeFile(f.portal / "att/ee/other.png", declared);
    const SyncOutcome fixed = syncOnce(f.request(3000));
    INFO(fixed.error);
    REQUIRE(fixed.result == SyncResult::Changed);
    CHECK(fixed.images_fetched == 2);
    for (const std::string& bytes : {fresh, declared}) {
        const std::string sha = sha256Hex(bytes);
        CHECK(test::readFile(f.store("objects/" + sha.substr(0, 2) + "/" + sha)) == bytes);
    }
}

TEST_CASE("createDirectoriesDurably makes every missing level, and says why it cannot", "[fs_util]") {
    test::TempDir temp;
    std::string error;
    const fs::path deep = temp.path() / "objects" / "ab" / "cd";
    CHECK(createDirectoriesDurably(deep, error));
    CHECK(fs::is_directory(deep));
    CHECK(createDirectoriesDurably(deep, error)); // already there
    CHECK(error.empty());

    test::writeFile(temp.path() / "plain", "x");
    CHECK_FALSE(createDirectoriesDurably(temp.path() / "plain" / "sub", error));
    CHECK(error == "cannot create " + (temp.path() / "plain").string() + ": Not a directory");
}
