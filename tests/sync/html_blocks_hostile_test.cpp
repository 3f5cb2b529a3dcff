// Tests of sync/html_blocks on hostile and real input: unclosed tags, 10,000 nested elements,
// deeply nested lists and tables, 1 MB paragraphs, thousands of links, invalid UTF-8; and every
// body_html of the bundled demo portal (assets/demo-portal).
#include "sync/html_blocks.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using gk::BlockKind;
using gk::htmlToBlocks;

namespace {

gk::BodyDocument parse(std::string_view html) {
    return htmlToBlocks(html, [](std::string_view) { return false; });
}

std::string repeated(std::string_view s, int n) {
    std::string out;
    out.reserve(s.size() * static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

bool validUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || c == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

// Every text the page would draw: block texts, cell texts, link texts and urls.
std::vector<std::string> allTexts(const gk::BodyDocument& doc) {
    std::vector<std::string> out;
    for (const gk::Block& b : doc.blocks) {
        out.push_back(b.text);
        for (const auto& row : b.rows)
            for (const auto& cell : row) out.push_back(cell.text);
    }
    for (const gk::BodyLink& link : doc.links) out.insert(out.end(), {link.text, link.url});
    return out;
}

} // namespace

TEST_CASE("unclosed tags give the blocks a browser shows", "[html]") {
    const auto doc = parse("<h2>一、指导思想</h2><p>第一段<p>第二段<ul><li>甲<li>乙</ul><p>未闭合的<b>加粗"
                           "<table><tr><td>单元格一<td>单元格二<tr><td>下一行");
    REQUIRE(doc.blocks.size() == 7);
    CHECK(doc.blocks[0].kind == BlockKind::Heading);
    CHECK(doc.blocks[1].text == "第一段");
    CHECK(doc.blocks[2].text == "第二段");
    CHECK((doc.blocks[3].kind == BlockKind::ListItem && doc.blocks[3].text == "甲"));
    CHECK((doc.blocks[4].kind == BlockKind::ListItem && doc.blocks[4].text == "乙"));
    CHECK(doc.blocks[5].text == "未闭合的加粗");
    const gk::Block& table = doc.blocks[6]; // inside the unclosed <p> and <b>, and still read
    REQUIRE(table.kind == BlockKind::Table);
    REQUIRE(table.rows.size() == 2);
    REQUIRE(table.rows[0].size() == 2);
    CHECK(table.rows[0][1].text == "单元格二");
    CHECK(table.rows[1].at(0).text == "下一行");
}

TEST_CASE("10,000 nested divs and spans do not overflow the stack", "[html]") {
    const auto divs = parse(repeated("<div>", 10'000) + "深处的文字");
    REQUIRE(divs.blocks.size() == 1);
    CHECK(divs.blocks[0].text == "深处的文字");
    const auto spans = parse("<p>" + repeated("<span><b>", 10'000) + "加粗的文字" + repeated("</b></span>", 10'000));
    REQUIRE(spans.blocks.size() == 1);
    CHECK(spans.blocks[0].text == "加粗的文字");
}

TEST_CASE("a body nested deeper than any document is not parsed but named as too complex", "[html]") {
    // 100,000 nested divs would keep gumbo busy for ~40 s; the kiosk must not freeze on it.
    const auto deep = parse(repeated("<div>", 100'000) + "深处");
    REQUIRE(deep.blocks.size() == 1);
    CHECK(deep.blocks[0].kind == BlockKind::Paragraph);
    CHECK(deep.blocks[0].text == std::string(gk::kTooComplexText));
    // Void elements and closed elements do not count as nesting: 50,000 lines of <br> and
    // 50,000 short paragraphs are read.
    const auto lines = parse("<p>" + repeated("行<br>", 50'000) + "</p>" + repeated("<p>段</p>", 50'000));
    REQUIRE(lines.blocks.size() == 50'001);
    CHECK(lines.blocks[1].text == "段");
}

TEST_CASE("self-closed non-void elements, unclosed tables and stray end tags nest as HTML nests them", "[html]") {
    // HTML ignores "/>" on a non-void element: each opens one. These once crashed every screen
    // (gumbo's recursive free ran out of stack) or kept a frame busy for a minute.
    for (const std::string& body :
         {repeated("<span/>", 300'000) + "文字", repeated("<div/>", 150'000) + "文字", repeated("<table>", 100'000),
          repeated("<div></span></p>", 100'000) + "文字"}) { // end tags that close nothing do not count
        INFO(body.substr(0, 40) << "… (" << body.size() << " bytes)");
        const auto doc = parse(body);
        REQUIRE(doc.blocks.size() == 1);
        CHECK(doc.blocks[0].text == std::string(gk::kTooComplexText));
    }
    // End tags that do close their elements keep a long flat body readable.
    const auto flat = parse(repeated("<div><span>字</span></div>", 30'000));
    REQUIRE_FALSE(flat.blocks.empty());
    CHECK(flat.blocks[0].text != std::string(gk::kTooComplexText));
}

TEST_CASE("deeply nested lists stop deepening at kMaxListDepth", "[html]") {
    const auto doc = parse(repeated("<ul><li>层", 100));
    REQUIRE(doc.blocks.size() == 100);
    for (size_t i = 0; i < doc.blocks.size(); ++i) {
        CHECK(doc.blocks[i].kind == BlockKind::ListItem);
        CHECK(doc.blocks[i].depth == std::min<int>(static_cast<int>(i), gk::kMaxListDepth));
    }
}

TEST_CASE("500 nested tables become one table whose cell holds every level", "[html]") {
    std::string html;
    for (int i = 0; i < 500; ++i) html += "<table><tr><td>第" + std::to_string(i) + "层";
    const auto doc = parse(html);
    REQUIRE(doc.blocks.size() == 1);
    REQUIRE(doc.blocks[0].kind == BlockKind::Table);
    REQUIRE(doc.blocks[0].rows.size() == 1);
    REQUIRE(doc.blocks[0].rows[0].size() == 1);
    const std::string& text = doc.blocks[0].rows[0][0].text;
    CHECK(text.starts_with("第0层\n第1层\n第2层\n"));
    CHECK(text.ends_with("\n第499层"));
}

TEST_CASE("a 1 MB paragraph is read whole", "[html]") {
    const int n = 1'100'000 / 40;
    const auto doc = parse("<p>" + repeated(" 政务公开  open\n government ", n) + "</p>");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].kind == BlockKind::Paragraph);
    CHECK(doc.blocks[0].text == repeated("政务公开open government", n));
}

TEST_CASE("a 1 MB paragraph of inline elements and links is read whole", "[html]") {
    std::string html = "<p>";
    for (int i = 0; i < 20'000; ++i)
        html += "<b>第</b><a href=\"https://example.gov.cn/" + std::to_string(i % 10'000) + "\">" + std::to_string(i) +
                "</a>";
    const auto doc = parse(html);
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.links.size() == 10'000); // each url once
    CHECK(doc.links[9'999].text == "9999");
    CHECK(doc.blocks[0].links.size() == 10'000);
    CHECK(doc.blocks[0].text.starts_with("第0第1第2"));
}

TEST_CASE("invalid UTF-8 and NUL bytes never reach the text", "[html]") {
    const std::string html("<p>有效\xff\xfe文字\xc3(混合)\xe4\xb8</p><p>a\0b</p><td>\xed\xa0\x80</td>", 50);
    const auto doc = parse(html);
    REQUIRE_FALSE(doc.blocks.empty());
    CHECK(doc.blocks[0].text.starts_with("有效"));
    CHECK(doc.blocks[0].text.find("\xEF\xBF\xBD") != std::string::npos); // U+FFFD
    for (const std::string& text : allTexts(doc)) {
        INFO(text);
        CHECK(validUtf8(text));
    }
}

TEST_CASE("every body_html of the demo portal gives blocks and nothing executable", "[html]") {
    const std::filesystem::path portal = std::filesystem::path(GONGKAI_SOURCE_DIR) / "assets" / "demo-portal";
    if (!std::filesystem::exists(portal / "disclosures.json")) {
        WARN("assets/demo-portal not present: demo bodies not checked");
        return;
    }
    int bodies = 0, images = 0;
    for (const char* file : {"disclosures.json", "guides.json", "notices.json"}) {
        const auto items = nlohmann::json::parse(std::ifstream(portal / file)).at("items");
        for (const auto& item : items) {
            if (!item.contains("body_html") || !item["body_html"].is_string()) continue;
            std::vector<std::string> hrefs;
            for (const auto& a : item.value("attachments", nlohmann::json::array())) hrefs.push_back(a.at("href"));
            if (item.contains("image") && item["image"].is_object()) hrefs.push_back(item["image"].at("href"));
            const auto verified = [&](std::string_view src) {
                return std::find(hrefs.begin(), hrefs.end(), src) != hrefs.end();
            };
            INFO(file << " " << item.value("id", ""));
            const auto doc = htmlToBlocks(item["body_html"].get<std::string>(), verified);
            ++bodies;
            CHECK_FALSE(doc.blocks.empty());
            for (const gk::Block& b : doc.blocks) {
                if (b.kind != BlockKind::Image) continue;
                ++images;
                CHECK(verified(b.image_href));
            }
            for (const std::string& text : allTexts(doc)) {
                CHECK(text.find("<script") == std::string::npos);
                CHECK(text.find("onclick") == std::string::npos);
            }
        }
    }
    CHECK(bodies >= 40);
    CHECK(images >= 2); // the budget's bar chart and the application flow chart
}

TEST_CASE("readBody: sloppy real HTML is within the bounds, hostile nesting and size are not", "[html]") {
    // The structural bounds as shipped; the time bound is tested on its own below (`instant`), so
    // here it is wide: a sanitizer build on a loaded machine must not turn a size check into a
    // timing one.
    gk::BodyBounds bounds;
    bounds.max_time = std::chrono::seconds(60);
    const auto read = [&](const std::string& html, std::string& problem) {
        return gk::readBody(
            html, [](std::string_view) { return false; }, bounds, problem);
    };
    std::string problem;
    // Elements HTML closes by themselves do not pile up: 5,000 unclosed paragraphs, list items and
    // table rows and cells (as old CMS editors write them) are read.
    for (const std::string& html : {repeated("<p>段落", 5'000), "<ul>" + repeated("<li>条目", 5'000),
                                    "<table>" + repeated("<tr><td>甲<td>乙<th>丙", 5'000)}) {
        INFO(html.substr(0, 30));
        const auto doc = read(html, problem);
        REQUIRE(doc);
        CHECK_FALSE(doc->blocks.empty());
    }
    // 500 nested tables (gumbo nests each as table, tbody, tr, td) are still read.
    std::string tables;
    for (int i = 0; i < 500; ++i) tables += "<table><tr><td>第" + std::to_string(i) + "层";
    CHECK(read(tables, problem));
    // Past the bounds: the reason, and no blocks.
    CHECK_FALSE(read(repeated("<ul><li>层", 1'001), problem)); // 2,002 open elements
    CHECK(problem == "nests 2002 elements deep, more than the 2000 read");
    CHECK_FALSE(read(repeated("<i>字</i>", 100'001), problem));
    CHECK(problem == "has 100001 start tags, more than the 100000 read");
    CHECK(read(repeated("<i>字</i>", 100'000), problem));
    gk::BodyBounds instant = bounds;
    instant.max_time = std::chrono::milliseconds(-1); // any work at all takes longer
    CHECK_FALSE(gk::readBody(
        "<p>字</p>", [](std::string_view) { return false; }, instant, problem));
    CHECK(problem.starts_with("took "));
    CHECK(problem.ends_with(" ms to read, more than the -1 ms allowed"));
}

TEST_CASE("numeric references past U+10FFFF read as U+FFFD and cut nothing off", "[html]") {
    // gumbo wraps 2^31 and more: "&#2147483648;" became a NUL that cut the rest of the text off.
    const auto doc = parse("<p>前&#2147483648;后&#x800000E4;尾&#99999999999999999999;完</p><p>&#x4F60;好&#1;</p>");
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].text == "前\xEF\xBF\xBD后\xEF\xBF\xBD尾\xEF\xBF\xBD完");
    CHECK(doc.blocks[1].text.starts_with("你好"));
    for (const std::string& text : allTexts(doc)) CHECK(validUtf8(text));
}
