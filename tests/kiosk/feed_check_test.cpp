// checkFeed (kiosk/publish/feed_check.h) over a directory: a valid feed, each kind of flaw at its
// file and JSON path, the signature with and without keys, the validator-change rule, and what
// makes a feed unreadable.
#include "kiosk/publish/feed_check.h"
#include "kiosk/publish/feed_signing.h"
#include "sync/feed_parser.h"
#include "sync/loader.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <utime.h>

using namespace gk;
using nlohmann::json;
namespace fs = std::filesystem;

using test::readFile;
using test::TempDir;
using test::TestFeed;
using test::writeFile;

namespace {

FeedCheckOptions asOf2026() {
    FeedCheckOptions options;
    options.now_s = 1795000000; // 2026-11-18, while the test feed's notices are current
    return options;
}

// The problem at file and path, or nullptr.
const FeedCheckProblem* find(const FeedCheckResult& result, const std::string& file, const std::string& path) {
    for (const FeedCheckProblem& p : result.problems)
        if (p.file == file && p.problem.path == path) return &p;
    return nullptr;
}

void setMtime(const fs::path& path, std::int64_t second) {
    const utimbuf times{static_cast<time_t>(second), static_cast<time_t>(second)};
    REQUIRE(::utime(path.c_str(), &times) == 0);
}

} // namespace

TEST_CASE("feed check: a valid feed has no problem and every file is counted", "[publish]") {
    TempDir temp;
    TestFeed().write(temp.path());
    const FeedCheckResult result = checkFeed(temp.path().string(), asOf2026());
    INFO(result.lines());
    CHECK(result.readable);
    CHECK(result.valid());
    CHECK(result.files_checked == 1 + 5 + 2); // the manifest, 4 collections and a playlist, 2 images
    // The PDF is not in the feed; a phone opens its url, so that is worth a warning only.
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].file == "att/b2/budget.pdf");
    CHECK(result.problems[0].problem.warning);
    CHECK(result.problems[0].problem.message.find("named by disclosure \"hbx-2018-0004\"") != std::string::npos);
}

TEST_CASE("feed check: each flaw at its file and JSON path", "[publish]") {
    TempDir temp;
    TestFeed feed;
    feed.disclosures["items"][1]["title"] = 7;
    feed.guides["items"][0]["materials"][0]["copies"] = "one";
    feed.catalog["categories"][1].erase("name");
    feed.playlists["hall-main"]["items"][0]["ref"] = "notice:nope";
    feed.write(temp.path(), [](json& manifest) { manifest["files"]["notices"]["sha256"] = std::string(64, 'a'); });
    fs::remove(temp.path() / "att/cc/flow.png");
    const FeedCheckResult result = checkFeed(temp.path().string(), asOf2026());
    INFO(result.lines());
    CHECK(result.readable);
    CHECK_FALSE(result.valid());
    const FeedCheckProblem* title = find(result, "disclosures.json", "items[1].title");
    REQUIRE(title);
    CHECK(title->problem.message == "is not a string (id \"hbx-2018-0004\"); a kiosk skips it");
    CHECK(find(result, "guides.json", "items[0].materials[0].copies"));
    CHECK(find(result, "catalog.json", "categories[1].name"));
    const FeedCheckProblem* notices = find(result, "notices.json", "");
    REQUIRE(notices);
    CHECK(notices->problem.message.rfind("sha256 mismatch (expected aaaaaaaaaaaa", 0) == 0);
    CHECK(find(result, "att/cc/flow.png", ""));
    // notices.json is unusable: the playlist is not checked against content that lacks it.
    CHECK(find(result, "playlists", ""));
    CHECK(result.lines().find("disclosures.json: items[1].title: is not a string") != std::string::npos);
}

TEST_CASE("feed check: PDFs past the publish's total for attachments are a warning, as the sync leaves them",
          "[publish]") {
    TempDir temp;
    TestFeed feed;
    const auto pdf = [&feed](const std::string& href, const std::string& bytes) {
        json a = feed.image(href, bytes);
        a["type"] = "application/pdf";
        return a;
    };
    feed.disclosures["items"][1]["attachments"] =
        json::array({pdf("att/b2/first.pdf", "%PDF-1.4 first"), pdf("att/b2/second.pdf", "%PDF-1.4 second and longer"),
                     pdf("att/b2/third.pdf", "%PDF-1.4 3")});
    feed.write(temp.path());
    FeedCheckOptions options = asOf2026();
    // The feed's images (always downloaded) and the first PDF fit; the second would pass the total,
    // the third, smaller, still fits after it — what the sync downloads (pdfsOverCaps).
    std::uint64_t images = 0;
    std::string error;
    const std::optional<FeedDirectory> read = readFeedDirectory(temp.path(), options.limits, error);
    REQUIRE(read);
    for (const Attachment& image : imageAttachments(read->content)) images += image.bytes;
    options.limits.attachments_total_bytes = images + std::string("%PDF-1.4 first").size() + 12;
    const FeedCheckResult result = checkFeed(temp.path().string(), options);
    INFO(result.lines());
    CHECK(find(result, "att/b2/first.pdf", "") == nullptr);
    CHECK(find(result, "att/b2/third.pdf", "") == nullptr);
    const FeedCheckProblem* second = find(result, "att/b2/second.pdf", "");
    REQUIRE(second);
    CHECK(second->problem.warning);
    CHECK(second->problem.message.find(
              "more than the limit of " + std::to_string(options.limits.attachments_total_bytes) +
              " bytes (attachments.max_total_mib): a kiosk offers it by QR code only") != std::string::npos);
}

TEST_CASE("feed check: a PDF a kiosk downloads must be there as declared, one over the PDF limit is a warning",
          "[publish]") {
    TempDir temp;
    TestFeed feed;
    const auto pdf = [&feed](const std::string& href, const std::string& bytes) {
        json a = feed.image(href, bytes); // written with the feed, named with its real size and hash
        a["type"] = "application/pdf";
        a["url"] = "https://www.example.gov.cn/" + href;
        return a;
    };
    json offline_false = pdf("att/b2/online.pdf", "%PDF-1.4 online only");
    offline_false["offline"] = false;
    feed.disclosures["items"][1]["attachments"] =
        json::array({pdf("att/b2/missing.pdf", "%PDF-1.4 missing"), pdf("att/b2/large.pdf", "%PDF-1.4 large and long"),
                     pdf("att/b2/good.pdf", "%PDF-1.4 good"), offline_false});
    feed.write(temp.path());
    fs::remove(temp.path() / "att/b2/missing.pdf");
    fs::remove(temp.path() / "att/b2/online.pdf");
    FeedCheckOptions options = asOf2026();
    options.limits.pdf_file_bytes = std::string("%PDF-1.4 missing").size(); // 16
    const FeedCheckResult result = checkFeed(temp.path().string(), options);
    INFO(result.lines());
    CHECK_FALSE(result.valid());
    // A kiosk would download it, and a missing one fails its sync, although a phone could open its url.
    const FeedCheckProblem* missing = find(result, "att/b2/missing.pdf", "");
    REQUIRE(missing);
    CHECK_FALSE(missing->problem.warning);
    CHECK(missing->problem.message.find("a kiosk refuses the whole publish") != std::string::npos);
    const FeedCheckProblem* large = find(result, "att/b2/large.pdf", "");
    REQUIRE(large);
    CHECK(large->problem.warning);
    CHECK(large->problem.message.find("is more than the PDF limit of 16 bytes (attachments.max_file_mib): a kiosk "
                                      "offers it by QR code only") != std::string::npos);
    CHECK(find(result, "att/b2/good.pdf", "") == nullptr);
    // "offline": false: a QR code only, so missing with a url of its own is a warning.
    const FeedCheckProblem* online = find(result, "att/b2/online.pdf", "");
    REQUIRE(online);
    CHECK(online->problem.warning);
}

TEST_CASE("feed check: a playlist entry that is wrong in itself is an error, an expired one a warning", "[publish]") {
    TempDir temp;
    TestFeed feed;
    feed.playlists["hall-main"]["items"].push_back({{"ref", "guide:none"}});
    feed.write(temp.path());
    FeedCheckResult result = checkFeed(temp.path().string(), asOf2026());
    INFO(result.lines());
    const FeedCheckProblem* ref = find(result, "playlists/hall-main.json", "items[2].ref");
    REQUIRE(ref);
    CHECK_FALSE(ref->problem.warning);
    CHECK_FALSE(result.valid());

    FeedCheckOptions later = asOf2026();
    later.now_s = 1830000000; // 2027-12-28: the urgent notice has expired
    TestFeed().write(temp.path());
    result = checkFeed(temp.path().string(), later);
    INFO(result.lines());
    const FeedCheckProblem* expired = find(result, "playlists/hall-main.json", "items[0].ref");
    REQUIRE(expired);
    CHECK(expired->problem.warning);
    CHECK(result.valid());
}

TEST_CASE("feed check: the signature with the keys given, and without", "[publish]") {
    TempDir temp;
    const fs::path feed_dir = temp.path() / "feed";
    TestFeed().write(feed_dir);
    std::string error;
    const std::optional<std::string> key = generateFeedKey(temp.path() / "a.key", error);
    const std::optional<std::string> other = generateFeedKey(temp.path() / "b.key", error);
    REQUIRE(key);
    REQUIRE(other);
    FeedCheckOptions options = asOf2026();
    options.public_keys = {*key};
    CHECK(find(checkFeed(feed_dir.string(), options), "manifest.json.sig", "")); // keys given, none there

    REQUIRE(signManifest(feed_dir, temp.path() / "a.key", error));
    CHECK(checkFeed(feed_dir.string(), options).valid());
    options.public_keys = {*other};
    const FeedCheckResult wrong = checkFeed(feed_dir.string(), options);
    REQUIRE(find(wrong, "manifest.json.sig", ""));
    CHECK(find(wrong, "manifest.json.sig", "")->problem.message.find("signed by key") != std::string::npos);
    options.public_keys.clear();
    const FeedCheckResult unverified = checkFeed(feed_dir.string(), options);
    CHECK(unverified.valid());
    REQUIRE(find(unverified, "manifest.json.sig", ""));
    CHECK(find(unverified, "manifest.json.sig", "")->problem.warning);
}

TEST_CASE("feed check --previous: a changed manifest in the same second with the same size is an error", "[publish]") {
    TempDir temp;
    TestFeed().write(temp.path() / "before");
    TestFeed().write(temp.path() / "after",
                     [](json& manifest) { manifest["generated_at"] = "2026-11-27T09:00:00+08:00"; });
    setMtime(temp.path() / "before/manifest.json", 1800000000);
    setMtime(temp.path() / "after/manifest.json", 1800000000);
    FeedCheckOptions options = asOf2026();
    options.previous = (temp.path() / "before").string();
    FeedCheckResult result = checkFeed((temp.path() / "after").string(), options);
    REQUIRE(find(result, "manifest.json", ""));
    CHECK(find(result, "manifest.json", "")->problem.message.find("size and modification second") != std::string::npos);
    CHECK_FALSE(result.valid());

    setMtime(temp.path() / "after/manifest.json", 1800000001);
    CHECK(checkFeed((temp.path() / "after").string(), options).valid());

    // Not later than the previous publish: a warning.
    options.previous = (temp.path() / "after").string();
    result = checkFeed((temp.path() / "before").string(), options);
    REQUIRE(find(result, "manifest.json", "generated_at"));
    CHECK(find(result, "manifest.json", "generated_at")->problem.warning);
}

TEST_CASE("feed check: no manifest, or one that is not JSON, is unreadable, and a bad manifest is a problem",
          "[publish]") {
    TempDir temp;
    CHECK_FALSE(checkFeed((temp.path() / "none").string(), asOf2026()).readable);
    writeFile(temp.path() / "broken/manifest.json", "{\"format\": ");
    const FeedCheckResult broken = checkFeed((temp.path() / "broken").string(), asOf2026());
    CHECK_FALSE(broken.readable);
    CHECK(broken.unreadable.find("not valid JSON") != std::string::npos);

    TestFeed().write(temp.path() / "bad", [](json& manifest) { manifest["files"]["guides"]["href"] = "../x.json"; });
    const FeedCheckResult bad = checkFeed((temp.path() / "bad").string(), asOf2026());
    CHECK(bad.readable);
    REQUIRE(find(bad, "manifest.json", ""));
    CHECK(find(bad, "manifest.json", "")->problem.message.find("files.guides.href") != std::string::npos);
}

TEST_CASE("feed check: a playlist's video must be there as declared, one over the video cap is a warning",
          "[publish][video]") {
    TempDir temp;
    TestFeed feed;
    const auto video_item = [&feed](const std::string& href, const std::string& bytes) {
        json v = feed.image(href, bytes); // written with the feed, named with its real size and hash
        v["type"] = "video/mp4";
        return json{{"video", v}, {"duration_s", 20}};
    };
    json& items = feed.playlists["hall-main"]["items"];
    items.push_back(video_item("att/vv/good.mp4", "good video bytes"));
    items.push_back(video_item("att/vv/missing.mp4", "missing video"));
    items.push_back(video_item("att/vv/large.mp4", "a video longer than the cap"));
    json wrong = video_item("att/vv/wrong.mp4", "wrong video");
    wrong["video"]["sha256"] = std::string(64, 'b');
    items.push_back(wrong);
    feed.write(temp.path());
    fs::remove(temp.path() / "att/vv/missing.mp4");
    FeedCheckOptions options = asOf2026();
    options.limits.video_file_bytes = std::string("missing video").size() + 4;
    const FeedCheckResult result = checkFeed(temp.path().string(), options);
    INFO(result.lines());
    CHECK_FALSE(result.valid());
    CHECK(find(result, "att/vv/good.mp4", "") == nullptr);
    // A screen downloads it, and a missing or wrong one fails its sync.
    const FeedCheckProblem* missing = find(result, "att/vv/missing.mp4", "");
    REQUIRE(missing);
    CHECK_FALSE(missing->problem.warning);
    CHECK(missing->problem.message.find("a kiosk refuses the whole publish") != std::string::npos);
    const FeedCheckProblem* wrong_hash = find(result, "att/vv/wrong.mp4", "");
    REQUIRE(wrong_hash);
    CHECK_FALSE(wrong_hash->problem.warning);
    CHECK(wrong_hash->problem.message.find("sha256 mismatch") != std::string::npos);
    const FeedCheckProblem* large = find(result, "att/vv/large.mp4", "");
    REQUIRE(large);
    CHECK(large->problem.warning);
    CHECK(large->problem.message.find("is more than the video cap of 17 bytes (video.max_file_mib): a screen does "
                                      "not download it and skips its playlist items") != std::string::npos);
    // The playlist itself is fine: a feed has no store to find its videos in.
    for (const FeedCheckProblem& p : result.problems) CHECK(p.file != "playlists/hall-main.json");
}
