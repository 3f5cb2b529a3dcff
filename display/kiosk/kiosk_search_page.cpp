// Kiosk search results. See kiosk_search_page.h.
#include "display/kiosk/kiosk_search_page.h"

#include "display/kiosk/page_builder.h"
#include "display/text/chinese_format.h"

#include <algorithm>

namespace gk {
namespace {

std::string_view kindLabel(SearchItemKind kind) {
    switch (kind) {
    case SearchItemKind::Disclosure: return "信息公开";
    case SearchItemKind::Guide: return "办事指南";
    case SearchItemKind::Notice: return "通知公告";
    }
    return "";
}

// The query as a tap target: the keyboard comes back to change it.
void queryLine(PageBuilder& b, std::string_view query) {
    const KioskStyle& s = b.style();
    const float pad = s.px(22), top = b.y();
    const float h = b.textAt(ImVec2(pad, top + pad), b.width() - 2 * pad,
                             query.empty() ? "点这里输入要找的内容" : "搜索：" + std::string(query),
                             query.empty() ? TextRole::Muted : TextRole::Heading);
    const float bottom = top + std::max(h + 2 * pad, s.px(s.target_px));
    b.addRect(PageRect{ImVec2(0, top), ImVec2(b.width(), bottom), 0, s.accent, s.px(10), s.px(3)});
    b.addButton(PageButton{ImVec2(0, top), ImVec2(b.width(), bottom), {KioskActionKind::EditSearch, {}}});
    b.space(bottom - top + s.px(24));
}

// The lines of one result from y = top: its kind and title, where it matched and its date, and
// the matched passage. Returns the y after them. A short result (while the keyboard is up, beside
// or above it) is two lines: the title, or the title's first line and the passage's.
float resultLines(PageBuilder& b, const SearchHit& hit, float x, float top, float w, bool short_result) {
    float y = top;
    // A title match (or initials of the title: the snippet is then the title) is marked in the title.
    const bool marked_title =
        hit.field == SearchField::Title || (hit.field == SearchField::Initials && hit.snippet == hit.title);
    const bool in_title = hit.field == SearchField::Title || hit.field == SearchField::Initials;
    const bool with_passage = !in_title && !hit.snippet.empty();
    if (short_result) { // the title, or its first line and the passage's; the match always shows
        const int title_lines = with_passage ? 1 : 2;
        y += b.markedTextAt(ImVec2(x, y), w, hit.title, TextRole::Body, marked_title ? hit.match_start : 0,
                            marked_title ? hit.match_length : 0, title_lines);
        if (with_passage)
            y += b.markedTextAt(ImVec2(x, y), w, hit.snippet, TextRole::Body, hit.match_start, hit.match_length, 1);
        return y;
    }
    const std::string title = "【" + std::string(kindLabel(hit.item.kind)) + "】" + hit.title;
    const std::size_t prefix = title.size() - hit.title.size();
    y += b.markedTextAt(ImVec2(x, y), w, title, TextRole::Body, prefix + hit.match_start,
                        marked_title ? hit.match_length : 0);
    std::string where = "匹配：" + std::string(searchFieldLabel(hit.field));
    if (!hit.date.empty()) where += "　" + formatIsoDateChinese(hit.date);
    y += b.textAt(ImVec2(x, y), w, where, TextRole::Muted);
    if (with_passage)
        y += b.markedTextAt(ImVec2(x, y), w, hit.snippet, TextRole::Body, hit.match_start, hit.match_length);
    return y;
}

// One result: a row that opens the item. Measured first, so that the row's background lies under
// the highlight.
void resultRow(PageBuilder& b, const SearchHit& hit, bool short_result) {
    const KioskStyle& s = b.style();
    const float pad = s.px(22), top = b.y(), w = b.width() - 2 * pad - s.px(60);
    PageBuilder scratch(s, b.width());
    const float bottom =
        std::max(resultLines(scratch, hit, pad, top + pad, w, short_result) + pad, top + s.px(s.target_px));
    b.addRect(PageRect{ImVec2(0, top), ImVec2(b.width(), bottom), s.panel, s.rule, s.px(10), 1});
    resultLines(b, hit, pad, top + pad, w, short_result);
    b.textAt(ImVec2(b.width() - s.px(60), top + (bottom - top) / 2 - s.px(s.heading_px) * 0.8f), s.px(60), "›",
             TextRole::Heading, s.accent);
    if (const std::optional<ScreenRef> ref = parseScreenRef(hit.ref))
        b.addButton(PageButton{ImVec2(0, top), ImVec2(b.width(), bottom), openAction(*ref)});
    b.space(bottom - top + s.px(12));
}

} // namespace

KioskPage searchPage(std::string_view query, const SearchResults* results, std::string_view hotline, bool typing,
                     const KioskStyle& style, float width) {
    PageBuilder b(style, width);
    if (!typing) queryLine(b, query); // while typing, the keyboard's input line shows the query
    if (results == nullptr && !query.empty()) {
        b.text("正在准备搜索，请稍候……", TextRole::Muted);
    } else if (results == nullptr || results->folded_query.empty()) {
        b.text("可以输入标题里的字词（如“高龄”）、文号（如“青政办〔2026〕3号”）或索引号；"
               "也可以输入拼音首字母（如 gljt 找“高龄津贴”）。繁体字同样可以查到。",
               TextRole::Muted);
    } else if (results->hits.empty()) {
        b.text("没有找到与“" + std::string(query) + "”有关的信息。", TextRole::Heading);
        b.gap();
        b.text("请减少字数、换个说法，或只输入拼音首字母再试。", TextRole::Body);
        b.text(hotline.empty() ? "也可以到服务窗口咨询工作人员。"
                               : "也可以拨打咨询电话 " + std::string(hotline) + "，或到服务窗口咨询工作人员。",
               TextRole::Body);
    } else {
        std::string found = "找到 " + std::to_string(results->total) + " 条";
        if (results->total > results->hits.size())
            found += "，显示最相关的 " + std::to_string(results->hits.size()) + " 条";
        b.text(found, TextRole::Muted);
        b.space(style.px(12));
        for (const SearchHit& hit : results->hits) resultRow(b, hit, typing);
    }
    return {"搜索", b.finish(), {}};
}

} // namespace gk
