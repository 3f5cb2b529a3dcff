// The manifest rules, the catalog tree, the id indexes and attachment helpers of gk::Content, and
// which images the content references.
#include "sync/feed_parser.h"
#include "sync/iso_time.h"
#include "sync/manifest.h"
#include "sync/sha256.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>

using namespace gk;
using nlohmann::json;

namespace {

const std::string kHashA(64, 'a');

json validManifest() {
    json files;
    for (const char* key : kCollectionKeys) {
        files[key] = {{"href", std::string(key) + ".json"}, {"sha256", kHashA}, {"bytes", 10}};
    }
    return {{"format", "gongkai-feed/1"}, {"generated_at", "2026-11-27T08:00:00+08:00"}, {"files", files}};
}

std::vector<std::string> reasons(const Content& content) {
    std::vector<std::string> out;
    for (const SkippedItem& s : content.skipped) {
        out.push_back(describe(s));
    }
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& text) {
    return std::find(list.begin(), list.end(), text) != list.end();
}

} // namespace

TEST_CASE("manifest: required fields and unknown fields", "[parser][manifest]") {
    std::string error;
    json doc = validManifest();
    doc["future"] = {{"anything", true}};
    doc["site"] = {{"name", "黄埠乡"}, {"hotline", 12345}};
    doc["status_url"] = "https://portal.example/status";
    auto manifest = parseManifest(doc.dump(), FeedLimits{}, error);
    REQUIRE(manifest);
    CHECK(manifest->files.size() == 4);
    CHECK(manifest->find("guides")->local_name == "guides.json");
    CHECK(manifest->site.name == "黄埠乡");
    CHECK(manifest->status_url == "https://portal.example/status");
    REQUIRE(manifest->skipped.size() == 1); // the numeric hotline, reported, not fatal
    CHECK(manifest->skipped[0].reason == "site.hotline is not a string");

    const std::pair<std::function<void(json&)>, std::string> broken[] = {
        {[](json& m) { m.erase("format"); }, "manifest.json: format is missing"},
        {[](json& m) { m["format"] = "gongkai-feed/2"; },
         "manifest.json: format is \"gongkai-feed/2\", expected \"gongkai-feed/1\""},
        {[](json& m) { m.erase("generated_at"); }, "manifest.json: generated_at is missing or not a string"},
        {[](json& m) { m["files"].erase("guides"); }, "manifest.json: files.guides is missing"},
        {[](json& m) { m["files"]["notices"]["sha256"] = "abc"; },
         "manifest.json: files.notices.sha256 is not 64 hex digits"},
        {[](json& m) { m["files"]["catalog"]["bytes"] = "10"; },
         "manifest.json: files.catalog.bytes is missing or not a non-negative integer"},
        {[](json& m) { m["files"]["catalog"]["href"] = "../catalog.json"; },
         "manifest.json: files.catalog.href \"../catalog.json\" contains a '..' segment"},
        {[](json& m) { m["files"]["disclosures"]["bytes"] = 65 * kMiB; },
         "manifest.json: files.disclosures.bytes 68157440 exceeds the limit of 67108864 bytes"},
    };
    for (const auto& [edit, expected] : broken) {
        json m = validManifest();
        edit(m);
        CHECK_FALSE(parseManifest(m.dump(), FeedLimits{}, error));
        CHECK(error == expected);
    }
    CHECK_FALSE(parseManifest("{\"format\": ", FeedLimits{}, error));
    CHECK(error.rfind("manifest.json: not valid JSON (", 0) == 0);
    CHECK_FALSE(parseManifest(std::string(kMiB + 1, ' '), FeedLimits{}, error));
    CHECK(error == "manifest.json: larger than 1048576 bytes");
}

TEST_CASE("manifest: playlist entries that cannot be used are skipped, not fatal", "[parser][manifest]") {
    json doc = validManifest();
    doc["playlists"] = {{"hall-main", {{"href", "playlists/hall-main.json"}, {"sha256", kHashA}, {"bytes", 5}}},
                        {"../evil", {{"href", "x.json"}, {"sha256", kHashA}, {"bytes", 5}}},
                        {"lobby", {{"href", "/abs.json"}, {"sha256", kHashA}, {"bytes", 5}}}};
    std::string error;
    const auto manifest = parseManifest(doc.dump(), FeedLimits{}, error);
    REQUIRE(manifest);
    REQUIRE(manifest->find("hall-main", true) != nullptr);
    CHECK(manifest->find("hall-main", true)->local_name == "playlists/hall-main.json");
    CHECK(manifest->find("lobby", true) == nullptr);
    CHECK(manifest->skipped.size() == 2);
}

TEST_CASE("catalog: tree with bad nodes skipped", "[parser]") {
    const std::string text = R"({"categories": [
        {"code": "01", "name": "政策文件", "children": [{"code": "0101", "name": "规范性文件"}, {"code": "0102"}]},
        {"code": "01", "name": "重复"},
        {"name": "没有编码"},
        {"code": "08", "name": "财政资金", "children": "x"}]})";
    Content content;
    std::string error;
    REQUIRE(parseCatalog(text, content, error));
    REQUIRE(content.catalog.size() == 1);
    CHECK(content.catalog[0].children.size() == 1);
    const auto why = reasons(content);
    CHECK(contains(why, "catalog: categories[0].children[1] (code \"0102\"): name is missing"));
    CHECK(contains(why, "catalog: categories[1] (code \"01\"): duplicate code"));
    CHECK(contains(why, "catalog: categories[2]: code is missing"));
    CHECK(contains(why, "catalog: categories[3] (code \"08\"): children is not an array"));
}

TEST_CASE("Content finds items by id, with or without the index", "[content]") {
    Content content;
    std::string error;
    REQUIRE(parseDisclosures(R"({"items": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]})", FeedLimits{},
                             content, error));
    REQUIRE(parseGuides(R"({"items": [{"id": "g", "name": "G"}]})", FeedLimits{}, content, error));
    REQUIRE(parseNotices(R"({"items": [{"id": "n", "title": "N"}]})", FeedLimits{}, content, error));
    CHECK(content.disclosure_index.size() == 2);
    REQUIRE(content.findDisclosure("b") != nullptr);
    CHECK(content.findDisclosure("b")->title == "B");
    CHECK(content.findDisclosure("zz") == nullptr);
    CHECK(content.findDisclosure("") == nullptr);
    CHECK(content.findGuide("g")->name == "G");
    CHECK(content.findNotice("n")->title == "N");

    Content hand_built; // as display/ tests build it: no index
    hand_built.notices.push_back(Notice{});
    hand_built.notices.back().id = "x";
    CHECK(hand_built.findNotice("x") == &hand_built.notices[0]);
    content.disclosures.erase(content.disclosures.begin()); // stale index
    CHECK(content.findDisclosure("b")->title == "B");
    CHECK(content.findDisclosure("a") == nullptr);
}

TEST_CASE("attachmentUrl prefers the published url, else base URL + href", "[content]") {
    Content content;
    content.base_url = "https://portal.example/feed/";
    Attachment a;
    a.href = "att/3f/form.docx";
    CHECK(content.attachmentUrl(a) == "https://portal.example/feed/att/3f/form.docx");
    a.url = "https://m.example.gov.cn/att/form.docx";
    CHECK(content.attachmentUrl(a) == "https://m.example.gov.cn/att/form.docx");
    content.base_url.clear();
    a.url.clear();
    CHECK(content.attachmentUrl(a).empty());
    a.sha256 = "../../etc/passwd";
    content.objects_dir = "/tmp";
    CHECK(content.attachmentPath(a).empty());
}

TEST_CASE("imageAttachments: png and jpeg from items and playlists, once per hash", "[parser]") {
    const std::string png = sha256Hex("png");
    const std::string jpg = sha256Hex("jpg");
    const json image = {{"href", "att/p.png"}, {"sha256", png}, {"bytes", 3}, {"type", "image/png"}};
    json disclosures = {{"items",
                         {{{"id", "d"},
                           {"title", "D"},
                           {"attachments", {image, {{"href", "att/d.pdf"}, {"type", "application/pdf"}}}}}}}};
    json notices = {
        {"items",
         {{{"id", "n"},
           {"title", "N"},
           {"image", {{"href", "att/j.jpg"}, {"sha256", jpg}, {"bytes", 3}, {"type", "IMAGE/JPEG; q=1"}}}}}}};
    json playlist = {{"items", {{{"image", image}}, {{"image", {{"href", "/abs.png"}, {"type", "image/png"}}}}}}};
    Content content;
    std::string error;
    REQUIRE(parseDisclosures(disclosures.dump(), FeedLimits{}, content, error));
    REQUIRE(parseNotices(notices.dump(), FeedLimits{}, content, error));
    addPlaylist("hall-main", playlist.dump(), content);
    addPlaylist("broken", "{not json", content);
    const auto images = imageAttachments(content);
    REQUIRE(images.size() == 2);
    CHECK(images[0].sha256 == png);
    CHECK(images[1].sha256 == jpg);
    CHECK(content.playlists.count("hall-main") == 1);
    CHECK(content.playlists.count("broken") == 0);
    const auto why = reasons(content);
    REQUIRE(why.size() == 2);
    CHECK(why[0] == "playlists: hall-main.json: items[1].image.href \"/abs.png\" is absolute (starts with '/')");
    CHECK(why[1].rfind("playlists: broken.json: not valid JSON", 0) == 0);
}
