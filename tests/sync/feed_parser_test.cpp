// Item parsing of disclosures, guides and notices: single bad items skipped with a reason,
// duplicate ids, and collections that abort the sync.
#include "sync/feed_parser.h"
#include "sync/iso_time.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>

using namespace gk;
using nlohmann::json;

namespace {

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

TEST_CASE("disclosures: single invalid items are skipped with a reason", "[parser]") {
    const std::string text = R"({"items": [
        {"id": "ok-1", "title": "正常条目", "keywords": ["a"], "unknown": {"x": 1}, "effective_date": null},
        {"title": "没有 id"},
        {"id": "", "title": "空 id"},
        {"id": 7, "title": "数字 id"},
        {"id": "no-title"},
        {"id": "empty-title", "title": ""},
        {"id": "x", "title": 42},
        {"id": "kw", "title": "关键词错", "keywords": "政务公开"},
        {"id": "kw2", "title": "关键词错", "keywords": ["a", 3]},
        {"id": "att", "title": "附件不安全", "attachments": [{"name": "x", "href": "../../etc/passwd"}]},
        {"id": "img", "title": "图片缺哈希", "attachments": [{"href": "a.png", "type": "image/png", "bytes": 3}]},
        "not an object",
        {"id": "ok-1", "title": "重复"},
        {"id": "ok-2", "title": "正常条目二"}
    ]})";
    Content content;
    std::string error;
    REQUIRE(parseDisclosures(text, FeedLimits{}, content, error));
    REQUIRE(content.disclosures.size() == 2);
    CHECK(content.disclosures[0].id == "ok-1");
    CHECK(content.disclosures[0].title == "正常条目");
    CHECK(content.disclosures[1].id == "ok-2");
    const auto why = reasons(content);
    CHECK(why.size() == 12);
    CHECK(contains(why, "disclosures: items[1]: id is missing"));
    CHECK(contains(why, "disclosures: items[2]: id is empty"));
    CHECK(contains(why, "disclosures: items[3]: id is not a string"));
    CHECK(contains(why, "disclosures: items[4] (id \"no-title\"): title is missing"));
    CHECK(contains(why, "disclosures: items[5] (id \"empty-title\"): title is empty"));
    CHECK(contains(why, "disclosures: items[6] (id \"x\"): title is not a string"));
    CHECK(contains(why, "disclosures: items[7] (id \"kw\"): keywords is not an array"));
    CHECK(contains(why, "disclosures: items[8] (id \"kw2\"): keywords[1] is not a string"));
    CHECK(contains(
        why, "disclosures: items[9] (id \"att\"): attachments[0].href \"../../etc/passwd\" contains a '..' segment"));
    CHECK(
        contains(why, "disclosures: items[10] (id \"img\"): attachments[0].sha256 is missing (required for an image)"));
    CHECK(contains(why, "disclosures: items[11] is not an object"));
    CHECK(contains(why, "disclosures: items[12] (id \"ok-1\"): duplicate id (first at items[0])"));
    CHECK(content.skipped[5].id == "x");
    CHECK(content.skipped[0].collection == "disclosures");
}

TEST_CASE("guides: nested objects, wrong types of optional fields skip the guide", "[parser]") {
    const std::string text = R"({"items": [
        {"id": "g1", "name": "高龄津贴", "materials": [{"name": "身份证", "copies": 2, "required": false,
          "template": {"name": "表", "href": "att/t.docx", "type": "application/msword"}}],
         "steps": [{"name": "受理", "days": null}, {"name": "办结", "days": 3}],
         "fees": [{"name": "工本费", "amount": 10}], "legal_days": 20, "promised_days": 5.0, "online": false,
         "faq": [{"q": "问", "a": "答"}]},
        {"id": "g2", "name": "份数是字符串", "materials": [{"name": "户口簿", "copies": "1"}]},
        {"id": "g3", "title": "用 title 不用 name"},
        {"id": "g4", "name": "online 错", "online": "yes"},
        {"id": "g5", "name": "materials 不是数组", "materials": {"name": "x"}},
        {"id": "g6", "name": "天数过大", "legal_days": 1e20}
    ]})";
    Content content;
    std::string error;
    REQUIRE(parseGuides(text, FeedLimits{}, content, error));
    REQUIRE(content.guides.size() == 1);
    const ServiceGuide& g = content.guides[0];
    REQUIRE(g.materials.size() == 1);
    CHECK(g.materials[0].copies == 2);
    CHECK_FALSE(g.materials[0].required);
    REQUIRE(g.materials[0].template_file);
    CHECK(g.materials[0].template_file->href == "att/t.docx");
    REQUIRE(g.steps.size() == 2);
    CHECK_FALSE(g.steps[0].days);
    CHECK(g.steps[1].days == 3);
    CHECK(g.fees[0].amount == "10");
    CHECK(g.legal_days == 20);
    CHECK(g.promised_days == 5);
    CHECK_FALSE(g.visits);
    CHECK(g.online == false);
    CHECK(g.faq[0].a == "答");
    const auto why = reasons(content);
    CHECK(contains(why, "guides: items[1] (id \"g2\"): materials[0].copies is not an integer"));
    CHECK(contains(why, "guides: items[2] (id \"g3\"): name is missing"));
    CHECK(contains(why, "guides: items[3] (id \"g4\"): online is not true or false"));
    CHECK(contains(why, "guides: items[4] (id \"g5\"): materials is not an array"));
    CHECK(contains(why, "guides: items[5] (id \"g6\"): legal_days is not an integer"));
}

TEST_CASE("notices: level, validity and image", "[parser]") {
    const std::string text = R"({"items": [
        {"id": "n1", "title": "紧急", "level": "urgent", "valid_from": "2026-11-20T00:00:00+08:00",
         "valid_until": "2027-01-04", "image": null},
        {"id": "n2", "title": "重要", "level": "important", "valid_from": ""},
        {"id": "n3", "title": "未知级别", "level": "critical"},
        {"id": "n4", "title": "日期错误", "valid_until": "2027-13-01"},
        {"id": "n5", "title": "级别类型错", "level": 3}
    ]})";
    Content content;
    std::string error;
    REQUIRE(parseNotices(text, FeedLimits{}, content, error));
    REQUIRE(content.notices.size() == 3);
    const Notice& urgent = content.notices[0];
    CHECK(urgent.level == NoticeLevel::Urgent);
    CHECK(urgent.valid_from == parseIsoTime("2026-11-19T16:00:00Z"));
    CHECK(urgent.valid_until == parseIsoTime("2027-01-03T16:00:00Z"));
    CHECK(urgent.validAt(*parseIsoTime("2026-12-01T12:00:00+08:00")));
    CHECK_FALSE(urgent.validAt(*parseIsoTime("2027-01-04T00:00:00+08:00")));
    CHECK_FALSE(urgent.image);
    CHECK(content.notices[1].level == NoticeLevel::Important);
    CHECK_FALSE(content.notices[1].valid_from);
    CHECK(content.notices[2].level == NoticeLevel::Normal);
    const auto why = reasons(content);
    CHECK(contains(why,
                   "notices: items[3] (id \"n4\"): valid_until \"2027-13-01\" is not an ISO-8601 date or date-time"));
    CHECK(contains(why, "notices: items[4] (id \"n5\"): level is not a string"));
}

TEST_CASE("links that are not web URLs read as absent: no QR code ever encodes them", "[parser][qr]") {
    const std::string notices = R"json({"items": [
        {"id": "n1", "title": "脚本", "mobile_url": "javascript:alert(1)"},
        {"id": "n2", "title": "数据", "mobile_url": "data:text/html,<b>x</b>"},
        {"id": "n3", "title": "正常", "mobile_url": "https://m.example.gov.cn/n3"}
    ]})json";
    const std::string guides = R"json({"items": [
        {"id": "g1", "name": "办事", "online_url": "file:///etc/passwd", "mobile_url": "/relative/g1"}
    ]})json";
    const std::string disclosures = R"json({"items": [
        {"id": "d1", "title": "公开", "category": "0101", "url": "vbscript:x", "mobile_url": "https://m.example.gov.cn/d1"}
    ]})json";
    Content content;
    std::string error;
    REQUIRE(parseNotices(notices, FeedLimits{}, content, error));
    REQUIRE(parseGuides(guides, FeedLimits{}, content, error));
    REQUIRE(parseDisclosures(disclosures, FeedLimits{}, content, error));
    REQUIRE(content.notices.size() == 3); // the items stay: only the link goes
    CHECK(content.notices[0].mobile_url.empty());
    CHECK(content.notices[1].mobile_url.empty());
    CHECK(content.notices[2].mobile_url == "https://m.example.gov.cn/n3");
    REQUIRE(content.guides.size() == 1);
    CHECK(content.guides[0].online_url.empty());
    CHECK(content.guides[0].mobile_url.empty());
    REQUIRE(content.disclosures.size() == 1);
    CHECK(content.disclosures[0].url.empty());
    CHECK(content.disclosures[0].mobile_url == "https://m.example.gov.cn/d1");
}

TEST_CASE("a collection that is not valid JSON or has no items array aborts", "[parser]") {
    Content content;
    std::string error;
    CHECK_FALSE(parseDisclosures("{\"items\": [", FeedLimits{}, content, error));
    CHECK(error.rfind("disclosures.json: not valid JSON (parse error at line 1, column 12", 0) == 0);
    CHECK_FALSE(parseGuides("{\"item\": []}", FeedLimits{}, content, error));
    CHECK(error == "guides.json: has no \"items\" array");
    CHECK_FALSE(parseNotices("[]", FeedLimits{}, content, error));
    CHECK(error == "notices.json: has no \"items\" array");
    CHECK_FALSE(parseNotices("{\"items\": {}}", FeedLimits{}, content, error));
    CHECK_FALSE(parseCatalog("{}", content, error));
    CHECK(error == "catalog.json: has no \"categories\" array");
    CHECK_FALSE(parseNotices("", FeedLimits{}, content, error));
    CHECK(error.rfind("notices.json: not valid JSON", 0) == 0);

    FeedLimits small;
    small.items_per_collection = 2;
    CHECK_FALSE(parseNotices(R"({"items": [{"id":"a","title":"a"},{"id":"b","title":"b"},{"id":"c","title":"c"}]})",
                             small, content, error));
    CHECK(error == "notices.json: 3 items, more than the limit of 2");
}

TEST_CASE("bodies are read into blocks with the publish, and a body past the bounds skips its item", "[parser]") {
    const auto repeated = [](std::string_view part, std::size_t times) {
        std::string out;
        out.reserve(part.size() * times);
        for (std::size_t i = 0; i < times; ++i) out += part;
        return out;
    };
    const std::vector<std::pair<std::string, std::string>> hostile = {
        {"spans", repeated("<span/>", 300'000) + "文字"},             // once crashed every screen
        {"divs", repeated("<div/>", 150'000) + "文字"},               // once kept a frame busy for a minute
        {"tables", repeated("<table>", 100'000)},                     // nests as deep as it is long
        {"tags", repeated("<b>字</b>", 120'000)},                     // flat, but too many elements
        {"bytes", "<p>" + repeated("很长的正文。", 250'000) + "</p>"} // 4.5 MB
    };
    json items = json::array();
    items.push_back(
        {{"id", "ok"},
         {"title", "停水通知"},
         {"body_html", "<h2>范围</h2><p>城关镇<img src=\"att/map.png\" alt=\"示意图\"><img src=\"att/x.png\"></p>"},
         {"image",
          {{"name", "示意图"},
           {"href", "att/map.png"},
           {"sha256", std::string(64, 'a')},
           {"bytes", 10},
           {"type", "image/png"}}}});
    for (const auto& [id, body] : hostile) items.push_back({{"id", id}, {"title", id}, {"body_html", body}});
    Content content;
    std::string error;
    REQUIRE(parseNotices(json{{"items", items}}.dump(), FeedLimits{}, content, error));
    REQUIRE(content.notices.size() == 1);
    const Notice& ok = content.notices[0];
    REQUIRE(ok.body.blocks.size() == 3);
    CHECK(ok.body.blocks[0].kind == BlockKind::Heading);
    CHECK(ok.body.blocks[1].text == "城关镇");
    CHECK(ok.body.blocks[2].kind == BlockKind::Image); // the notice's own image; att/x.png is not one
    CHECK(ok.body.blocks[2].image_href == "att/map.png");
    CHECK(ok.body.dropped_images == 1);
    const auto why = reasons(content);
    REQUIRE(why.size() == hostile.size());
    CHECK(contains(why, "notices: items[1] (id \"spans\"): body_html nests 300000 elements deep, more than the "
                        "2000 read"));
    CHECK(contains(why, "notices: items[2] (id \"divs\"): body_html nests 150000 elements deep, more than the "
                        "2000 read"));
    CHECK(contains(why, "notices: items[3] (id \"tables\"): body_html nests 100000 elements deep, more than the "
                        "2000 read"));
    CHECK(contains(why, "notices: items[4] (id \"tags\"): body_html has 120000 start tags, more than the 100000 read"));
    CHECK(contains(why, "notices: items[5] (id \"bytes\"): body_html is 4500007 bytes, more than the 4194304 read"));
}

TEST_CASE("reading a collection stops between items when asked to", "[parser]") {
    std::atomic<bool> stop{true};
    FeedLimits limits;
    limits.stop = &stop;
    Content content;
    std::string error;
    CHECK_FALSE(parseNotices(R"({"items": [{"id": "a", "title": "甲"}]})", limits, content, error));
    CHECK(error == "notices.json: reading stopped (cancelled)");
    stop = false;
    error.clear();
    CHECK(parseNotices(R"({"items": [{"id": "a", "title": "甲"}]})", limits, content, error));
    CHECK(content.notices.size() == 1);
}
