// syncOnce over file:// into a real store in a temp dir, and loadCurrentContent: changed and
// unchanged publishes, reuse of unchanged files, one previous generation kept, images
// content-addressed and shared, damage behind our back falls back and is repaired.
#include "sync/fetcher.h"
#include "sync/loader.h"
#include "sync/sha256.h"
#include "sync/store.h"
#include "sync/sync_once.h"
#include "sync/url.h"

#include "test_support.h"

#include <catch2/catch.hpp>

using namespace gk;
using nlohmann::json;
namespace fs = std::filesystem;

using test::generationIdOf;
using test::SyncFixture;

TEST_CASE("first sync over file:// commits a verified generation", "[sync]") {
    SyncFixture f;
    const std::string manifest = f.publish();
    const SyncOutcome outcome = syncOnce(f.request());
    INFO(outcome.error);
    REQUIRE(outcome.result == SyncResult::Changed);
    CHECK(outcome.error.empty());
    CHECK(outcome.generation == generationIdOf(manifest));
    CHECK(outcome.files_fetched == 5);
    CHECK(outcome.images_fetched == 2);
    REQUIRE(outcome.content); // handed over already parsed
    CHECK(outcome.content->generation == generationIdOf(manifest));
    CHECK(outcome.content->disclosures.size() == 2);
    CHECK(outcome.content->objects_dir == f.store("objects"));
    CHECK(test::readFile(f.store("current")) == generationIdOf(manifest) + "\n");
    const fs::path gen = f.store("generations/" + generationIdOf(manifest));
    CHECK(test::readFile(gen / "manifest.json") == manifest);
    CHECK(test::readFile(gen / "disclosures.json") == test::readFile(f.portal / "disclosures.json"));
    CHECK(fs::exists(gen / "playlists/hall-main.json"));
    CHECK(f.stagingEmpty());

    std::string error;
    const auto content = loadCurrentContent(f.data, error);
    REQUIRE(content);
    CHECK(error.empty());
    CHECK(content->generation == generationIdOf(manifest));
    CHECK(content->generated_at == "2026-11-27T08:00:00+08:00");
    CHECK(content->site.name == "建宁县黄埠乡人民政府");
    CHECK(content->base_url == fileUrlFromPath(f.portal) + "/");
    CHECK(content->catalog.size() == 2);
    CHECK(content->disclosures.size() == 2);
    CHECK(content->guides.size() == 1);
    CHECK(content->notices.size() == 2);
    CHECK(content->playlists.count("hall-main") == 1);
    CHECK(content->skipped.empty());
    CHECK(content->findNotice("n-2026-031")->level == NoticeLevel::Urgent);

    const StoreState state = readStoreState(f.data);
    CHECK(state.last_attempt == 1000);
    CHECK(state.last_success == 1000);
    CHECK(state.last_error.empty());
}

TEST_CASE("image attachments land in objects/ and are shared between generations", "[sync]") {
    SyncFixture f;
    f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);
    const std::string logo = sha256Hex(test::kLogoPng);
    const fs::path object = f.store("objects/" + logo.substr(0, 2) + "/" + logo);
    CHECK(test::readFile(object) == test::kLogoPng);

    std::string error;
    auto content = loadCurrentContent(f.data, error);
    REQUIRE(content);
    const Attachment& attachment = content->disclosures[0].attachments.at(0);
    CHECK(content->attachmentPath(attachment) == object);
    const Attachment& pdf = content->disclosures[1].attachments.at(0);
    CHECK(content->attachmentPath(pdf).empty()); // not an image: never downloaded
    CHECK(content->attachmentUrl(pdf) == "https://m.example.gov.cn/att/budget.pdf");

    // A new publish references the same logo and drops the flowchart.
    f.feed.playlists.clear();
    f.feed.notices["items"][1]["title"] = "欢迎光临";
    f.publish();
    const SyncOutcome second = syncOnce(f.request(2000));
    REQUIRE(second.result == SyncResult::Changed);
    CHECK(second.images_fetched == 0);
    CHECK(second.images_reused == 1);
    const std::string flow = sha256Hex(test::kFlowPng);
    CHECK(fs::exists(f.store("objects/" + flow.substr(0, 2) + "/" + flow))); // previous still uses it

    f.feed.notices["items"][1]["title"] = "欢迎再次光临";
    f.publish();
    REQUIRE(syncOnce(f.request(3000)).result == SyncResult::Changed);
    CHECK_FALSE(fs::exists(f.store("objects/" + flow.substr(0, 2) + "/" + flow))); // no kept generation uses it
    CHECK(fs::exists(object));
}

TEST_CASE("a second sync with an unchanged manifest is unchanged", "[sync]") {
    SyncFixture f;
    const std::string manifest = f.publish();
    Fetcher fetcher;
    REQUIRE(syncOnce(f.request(), fetcher).result == SyncResult::Changed);
    const SyncOutcome again = syncOnce(f.request(1500), fetcher);
    INFO(again.error);
    CHECK(again.result == SyncResult::Unchanged);
    CHECK(again.generation == generationIdOf(manifest));
    CHECK(again.files_fetched == 0);
    CHECK(again.content == nullptr); // nothing new to show
    CHECK(f.generationCount() == 1);
    CHECK(readStoreState(f.data).last_success == 1500);
}

TEST_CASE("a changed publish reuses unchanged files and keeps one previous generation", "[sync]") {
    SyncFixture f;
    const std::string first = f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);
    f.feed.notices["items"][1]["title"] = "新的欢迎词";
    const std::string second = f.publish();
    const SyncOutcome outcome = syncOnce(f.request(2000));
    REQUIRE(outcome.result == SyncResult::Changed);
    CHECK(outcome.files_fetched == 1); // notices.json
    CHECK(outcome.files_reused == 4);  // catalog, disclosures, guides, the playlist
    CHECK(f.generationCount() == 2);
    CHECK(fs::exists(f.store("generations/" + generationIdOf(first))));

    f.feed.notices["items"][1]["title"] = "第三次";
    const std::string third = f.publish();
    REQUIRE(syncOnce(f.request(3000)).result == SyncResult::Changed);
    CHECK(f.generationCount() == 2);
    CHECK_FALSE(fs::exists(f.store("generations/" + generationIdOf(first))));
    CHECK(fs::exists(f.store("generations/" + generationIdOf(second))));
    std::string error;
    CHECK(loadCurrentContent(f.data, error)->generation == generationIdOf(third));
}

TEST_CASE("two generations over the store's total cap: only the current one is kept", "[sync][store]") {
    SyncFixture f;
    const std::string first = f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);
    const StorePaths paths(f.data);
    const std::uint64_t one = generationsBytes(paths, {generationIdOf(first)});
    REQUIRE(one > 0);

    f.feed.notices["items"][1]["title"] = "新的欢迎词";
    const std::string second = f.publish();
    SyncRequest request = f.request(2000);
    request.limits.store_total_bytes = one + one / 2; // room for one generation, not two
    REQUIRE(syncOnce(request).result == SyncResult::Changed);
    CHECK(f.generationCount() == 1);
    CHECK_FALSE(fs::exists(f.store("generations/" + generationIdOf(first))));
    std::string error;
    CHECK(loadCurrentContent(f.data, error)->generation == generationIdOf(second));
    // The images both publishes share are still there; the store is within its cap.
    CHECK(generationsBytes(paths, listGenerations(paths)) <= request.limits.store_total_bytes);
    CHECK(verifyGeneration(f.data, generationIdOf(second), error, request.limits));
}

TEST_CASE("a nearly full disk: the previous generation goes first, then a publish is refused", "[sync][store]") {
    SyncFixture f;
    const std::string first = f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);
    f.feed.notices["items"][1]["title"] = "第二版";
    const std::string second = f.publish();
    REQUIRE(syncOnce(f.request(2000)).result == SyncResult::Changed);
    REQUIRE(f.generationCount() == 2);

    // A disk with room for the next publish only once the previous generation is gone.
    const StorePaths paths(f.data);
    SyncRequest request = f.request(3000);
    request.limits.disk_reserve_bytes = 1000;
    request.disk_available = [&paths](const fs::path& where) -> std::uint64_t {
        CHECK(where == paths.root);
        return listGenerations(paths).size() > 1 ? 10 : 1'000'000;
    };
    f.feed.notices["items"][1]["title"] = "第三版";
    const std::string third = f.publish();
    const SyncOutcome made_room = syncOnce(request);
    INFO(made_room.error);
    REQUIRE(made_room.result == SyncResult::Changed);
    CHECK_FALSE(fs::exists(f.store("generations/" + generationIdOf(first))));
    CHECK(fs::exists(f.store("generations/" + generationIdOf(second)))); // now the previous one
    CHECK(fs::exists(f.store("generations/" + generationIdOf(third))));

    // A disk that stays full: the publish is refused, nothing of it stays, the current one is shown.
    request.now = 4000;
    request.disk_available = [](const fs::path&) -> std::uint64_t { return 100; };
    f.feed.notices["items"][1]["title"] = "第四版";
    f.publish();
    const SyncOutcome refused = syncOnce(request);
    CHECK(refused.result == SyncResult::Failed);
    CHECK(refused.error.rfind("not enough disk space for this publish: it needs ", 0) == 0);
    CHECK(refused.error.find("1 MiB are kept free; the current publish stays") != std::string::npos);
    CHECK(refused.generation == generationIdOf(third));
    CHECK(f.stagingEmpty());
    std::string error;
    CHECK(loadCurrentContent(f.data, error)->generation == generationIdOf(third));
    CHECK(readStoreState(f.data).last_error == refused.error);
}

TEST_CASE("a store file damaged behind our back: load falls back, the next sync repairs", "[sync][store]") {
    SyncFixture f;
    const std::string first = f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);
    f.feed.disclosures["items"][1]["title"] = "2019年预算公开";
    const std::string second = f.publish();
    REQUIRE(syncOnce(f.request(2000)).result == SyncResult::Changed);

    const fs::path damaged = f.store("generations/" + generationIdOf(second) + "/disclosures.json");
    fs::resize_file(damaged, fs::file_size(damaged) / 2);

    std::string error;
    auto content = loadCurrentContent(f.data, error);
    REQUIRE(content);
    CHECK(content->generation == generationIdOf(first));
    CHECK(content->disclosures[1].title == "2018年预算公开");
    CHECK(error.find("generation " + generationIdOf(second) + ": disclosures.json: size mismatch") !=
          std::string::npos);
    CHECK(error.find("showing generation " + generationIdOf(first)) != std::string::npos);

    const SyncOutcome repair = syncOnce(f.request(3000));
    INFO(repair.error);
    CHECK(repair.result == SyncResult::Changed);
    CHECK(repair.generation == generationIdOf(second));
    content = loadCurrentContent(f.data, error);
    REQUIRE(content);
    CHECK(error.empty());
    CHECK(content->generation == generationIdOf(second));
    CHECK(f.generationCount() == 2);
}

TEST_CASE("a damaged current generation and no other: nothing loads", "[store]") {
    SyncFixture f;
    const std::string manifest = f.publish();
    REQUIRE(syncOnce(f.request()).result == SyncResult::Changed);
    test::writeFile(f.store("generations/" + generationIdOf(manifest) + "/manifest.json"), "{}");
    std::string error;
    CHECK(loadCurrentContent(f.data, error) == nullptr);
    CHECK(error.find("manifest.json: sha256 mismatch") != std::string::npos);
}

// A kiosk on a 2 GB eMMC: the 512 MiB reserve would refuse its first publish for good.
TEST_CASE("a small disk: the first publish keeps only the floor free, later ones a reserve scaled to the disk",
          "[sync][store]") {
    SyncFixture f;
    const StorePaths paths(f.data);
    constexpr std::uint64_t kDisk = 2048 * kMiB;
    std::uint64_t free_bytes = 0;
    SyncRequest request = f.request();
    request.disk_available = [&free_bytes](const fs::path&) { return free_bytes; };
    request.disk_size = [](const fs::path&) { return kDisk; };
    f.publish();

    SECTION("an empty store on a disk too full even for the floor: refused, without claiming a publish stays") {
        free_bytes = 50 * kMiB;
        const SyncOutcome refused = syncOnce(request);
        CHECK(refused.result == SyncResult::Failed);
        CHECK(refused.error == "not enough disk space for the first publish: it needs 1 MiB and 64 MiB are kept free, "
                               "but only 50 MiB are free in " +
                                   paths.root.string() +
                                   "; the store holds no publish yet, so nothing from the portal is shown until "
                                   "15 MiB more are free");
        CHECK(refused.generation.empty());
        CHECK(f.generationCount() == 0);
        CHECK(f.stagingEmpty());
        CHECK(readStoreState(f.data).last_error == refused.error);
    }
    SECTION("the first publish with 100 MiB free, then the reserve is an eighth of the disk") {
        free_bytes = 100 * kMiB; // far below 512 MiB, above the 64 MiB floor
        const SyncOutcome first = syncOnce(request);
        INFO(first.error);
        REQUIRE(first.result == SyncResult::Changed);

        f.feed.notices["items"][1]["title"] = "第二版";
        f.publish();
        request.now = 2000;
        const SyncOutcome refused = syncOnce(request); // 100 MiB free < 256 MiB reserve
        CHECK(refused.result == SyncResult::Failed);
        CHECK(refused.error.find("256 MiB are kept free; the current publish stays") != std::string::npos);
        CHECK(refused.generation == first.generation);

        free_bytes = 300 * kMiB; // room for the 256 MiB reserve, not for the configured 512 MiB
        request.now = 3000;
        const SyncOutcome second = syncOnce(request);
        INFO(second.error);
        CHECK(second.result == SyncResult::Changed);
    }
    SECTION("on a large disk the configured reserve holds") {
        request.disk_size = [](const fs::path&) { return 64 * 1024 * kMiB; };
        free_bytes = 100 * kMiB;
        REQUIRE(syncOnce(request).result == SyncResult::Changed);
        f.feed.notices["items"][1]["title"] = "第二版";
        f.publish();
        free_bytes = 500 * kMiB;
        request.now = 2000;
        const SyncOutcome refused = syncOnce(request);
        CHECK(refused.result == SyncResult::Failed);
        CHECK(refused.error.find("512 MiB are kept free; the current publish stays") != std::string::npos);
    }
}
