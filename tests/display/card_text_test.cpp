// A long card on the information screen pages (「1/3」): a table cut by a page break has its header
// row repeated at the top of each page it continues on, so the reader of page 2 knows the
// columns; a table without a header repeats nothing. Drawn through drawInfoScreen at 1920×1080 in
// the bare ImGui context of ui_support, and read back from the layout record (what was drawn).
#include "ui_support.h"

#include "display/info/card_text.h"
#include "display/info/info_screen.h"
#include "display/layout_record.h"
#include "display/theme.h"
#include "sync/html_blocks.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace gk;

namespace {

const std::vector<std::string> kHeader{"事项名称", "办理时限", "收费标准"};

std::string rowName(int n) {
    return "第" + std::to_string(n) + "项服务事项";
}

// A card whose body is a short paragraph and a table of `rows` rows, with or without a <th> row.
InfoCard cardWithTable(int rows, bool header) {
    std::string html = "<p>本中心可办理以下事项：</p><table>";
    if (header)
        html += "<tr><th>" + kHeader[0] + "</th><th>" + kHeader[1] + "</th><th>" + kHeader[2] + "</th></tr>";
    else
        html += "<tr><td>" + kHeader[0] + "</td><td>" + kHeader[1] + "</td><td>" + kHeader[2] + "</td></tr>";
    for (int n = 1; n <= rows; ++n)
        html += "<tr><td>" + rowName(n) + "</td><td>" + std::to_string(n) + "个工作日</td><td>不收费</td></tr>";
    html += "</table>";
    InfoCard card;
    card.kind = CardKind::Notice;
    card.badge = "通知公告";
    card.title = "便民服务中心可办事项一览";
    card.meta = "白沙镇便民服务中心　2026年3月5日";
    card.body = htmlToBlocks(html, {});
    return card;
}

struct DrawnPage {
    std::vector<LayoutText> table; // the table's cell texts drawn in the card, top to bottom
};

bool isTableText(const std::string& text) {
    return std::find(kHeader.begin(), kHeader.end(), text) != kHeader.end() || text.rfind("第", 0) == 0 ||
           text.find("个工作日") != std::string::npos || text == "不收费";
}

// Draws page `page` of the card on a 1920×1080 information screen and returns what it drew of the table.
DrawnPage drawCardPage(const InfoCard& card, std::size_t page, std::size_t pages, CardTextCache& cache) {
    const Theme theme = makeTheme(1920, 1080);
    const Fonts& fonts = test::UiContext::get().fonts();
    InfoScreenView view;
    view.site_name = "青溪县白沙镇人民政府";
    view.date_text = "2026年3月5日 星期四";
    view.clock_text = "10:00:00";
    view.card = card;
    view.card_page = page;
    view.card_page_count = pages;
    LayoutRecord record;
    test::UiFrame frame(ImVec2(1920, 1080));
    const InfoLayout layout = layoutInfoScreen(theme, ImVec2(1920, 1080), view);
    {
        LayoutRecording recording(record);
        drawInfoScreen(view, theme, fonts, cache, kInfoAll);
    }
    frame.render();
    DrawnPage out;
    for (const LayoutText& text : record.texts)
        if (!text.clipped && isTableText(text.text) && text.box.y >= layout.card.min.y &&
            text.box.y + text.box.h <= layout.card.max.y)
            out.table.push_back(text);
    std::stable_sort(out.table.begin(), out.table.end(),
                     [](const LayoutText& a, const LayoutText& b) { return a.box.y < b.box.y; });
    return out;
}

std::size_t pagesOf(const InfoCard& card, CardTextCache& cache) {
    InfoScreenView view;
    view.card = card;
    test::UiFrame frame(ImVec2(1920, 1080));
    const std::size_t pages =
        infoCardPages(view, makeTheme(1920, 1080), test::UiContext::get().fonts(), ImVec2(1920, 1080), cache);
    frame.render();
    return pages;
}

// The texts of the topmost drawn row (those at the same height as the first).
std::vector<std::string> firstRow(const DrawnPage& page) {
    std::vector<std::string> row;
    for (const LayoutText& text : page.table)
        if (text.box.y == page.table.front().box.y) row.push_back(text.text);
    return row;
}

bool drew(const DrawnPage& page, const std::string& text) {
    return std::any_of(page.table.begin(), page.table.end(), [&](const LayoutText& t) { return t.text == text; });
}

} // namespace

TEST_CASE("a table cut by a card's page break repeats its header row on the next pages", "[card_text][table]") {
    const InfoCard card = cardWithTable(40, true);
    CardTextCache cache;
    const std::size_t pages = pagesOf(card, cache);
    REQUIRE(pages >= 3);

    const DrawnPage first = drawCardPage(card, 0, pages, cache);
    REQUIRE_FALSE(first.table.empty());
    CHECK(firstRow(first) == kHeader);
    CHECK(drew(first, rowName(1)));

    std::string last_row_before; // the last body row of the page before: the next page goes on after it
    for (const LayoutText& text : first.table)
        if (text.text.rfind("第", 0) == 0) last_row_before = text.text;
    for (std::size_t page = 1; page < pages; ++page) {
        INFO("page " << page + 1 << " of " << pages);
        const DrawnPage drawn = drawCardPage(card, page, pages, cache);
        REQUIRE(drawn.table.size() > 3);
        // It starts with the header row, then the row after the last one of the page before.
        CHECK(firstRow(drawn) == kHeader);
        CHECK_FALSE(drew(drawn, rowName(1)));
        std::vector<std::string> body;
        for (const LayoutText& text : drawn.table)
            if (text.text.rfind("第", 0) == 0) body.push_back(text.text);
        REQUIRE_FALSE(body.empty());
        const int previous = std::stoi(last_row_before.substr(std::string("第").size()));
        CHECK(body.front() == rowName(previous + 1));
        // Each header cell is drawn once per page.
        for (const std::string& cell : kHeader)
            CHECK(std::count_if(drawn.table.begin(), drawn.table.end(),
                                [&](const LayoutText& t) { return t.text == cell; }) == 1);
        last_row_before = body.back();
    }
}

TEST_CASE("a table without a header row repeats nothing when a card pages", "[card_text][table]") {
    const InfoCard card = cardWithTable(40, false);
    CardTextCache cache;
    const std::size_t pages = pagesOf(card, cache);
    REQUIRE(pages >= 2);
    const DrawnPage first = drawCardPage(card, 0, pages, cache);
    CHECK(firstRow(first) == kHeader); // its first row, as a plain row
    for (std::size_t page = 1; page < pages; ++page) {
        INFO("page " << page + 1 << " of " << pages);
        const DrawnPage drawn = drawCardPage(card, page, pages, cache);
        REQUIRE_FALSE(drawn.table.empty());
        CHECK_FALSE(drew(drawn, kHeader[0]));
        CHECK(drawn.table.front().text.rfind("第", 0) == 0);
    }
}

TEST_CASE("the repeated header is in the card's text once per continued page, and a short table is untouched",
          "[card_text][table]") {
    const Theme theme = makeTheme(1920, 1080);
    const Fonts& fonts = test::UiContext::get().fonts();
    test::UiFrame frame(ImVec2(1920, 1080));
    const CardText paged = layoutCardText(cardWithTable(40, true), theme, fonts, 1500, 600);
    REQUIRE(paged.pages() >= 3);
    const auto headers = std::count_if(paged.text.texts.begin(), paged.text.texts.end(),
                                       [](const PageText& line) { return line.text == kHeader[0]; });
    CHECK(static_cast<std::size_t>(headers) == paged.pages());
    // Each page from the second starts with the header row, at the page's top.
    for (std::size_t page = 1; page < paged.pages(); ++page) {
        const float top = paged.page_tops[page];
        const auto first = std::find_if(paged.text.texts.begin(), paged.text.texts.end(),
                                        [top](const PageText& line) { return line.pos.y >= top; });
        REQUIRE(first != paged.text.texts.end());
        CHECK(first->text == kHeader[0]);
    }
    // A row taller than a page is cut as lines are: no page holds only the header.
    InfoCard tall = cardWithTable(1, true); // the tall row is the second: one to repeat the header above
    std::string long_cell;
    for (int i = 0; i < 60; ++i) long_cell += "申请人应当如实提供材料并对材料的真实性负责。";
    tall.body.blocks.back().rows.push_back({TableCell{long_cell, false, 1, 1, 0},
                                            TableCell{"1个工作日", false, 1, 1, 1},
                                            TableCell{"不收费", false, 1, 1, 2}});
    const CardText cut = layoutCardText(tall, theme, fonts, 1500, 600);
    REQUIRE(cut.pages() >= 3);
    for (std::size_t page = 0; page < cut.pages(); ++page) {
        INFO("page " << page + 1 << " of " << cut.pages());
        const float top = cut.page_tops[page], bottom = cut.pageBottom(page);
        CHECK(std::any_of(cut.text.texts.begin(), cut.text.texts.end(), [&](const PageText& line) {
            return line.pos.y >= top && line.pos.y + line.size <= bottom &&
                   std::find(kHeader.begin(), kHeader.end(), line.text) == kHeader.end();
        }));
    }
    const CardText fits = layoutCardText(cardWithTable(2, true), theme, fonts, 1500, 1000);
    CHECK(fits.pages() == 1);
    CHECK(std::count_if(fits.text.texts.begin(), fits.text.texts.end(),
                        [](const PageText& line) { return line.text == kHeader[0]; }) == 1);
    frame.render();
}
