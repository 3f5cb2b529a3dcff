// Card text layout. See card_text.h.
#include "display/info/card_text.h"

#include "display/kiosk/page_builder.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <utility>

namespace gk {
namespace {

// A card pages at most this many times in its slot; the rest is on the phone (its QR code).
constexpr std::size_t kMaxCardPages = 12;
// The line under a paging card's text that says which page it is.
constexpr float kPageNumberPx = 64;

std::vector<std::pair<std::string, std::string>> pinnedRows(const InfoCard& card) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const CardField& field : card.fields)
        if (field.pinned) rows.emplace_back(field.label, field.value);
    return rows;
}

// The fields (without the pinned ones when those go under every page) and the body, stopping
// once the text is deeper than `enough` (a hostile body is not laid out past what can be shown).
Page layText(const InfoCard& card, const KioskStyle& style, float width, bool pinned_apart, float enough) {
    PageBuilder b(style, width);
    std::vector<std::pair<std::string, std::string>> rows; // in the card's order
    for (const CardField& field : card.fields)
        if (!pinned_apart || !field.pinned) rows.emplace_back(field.label, field.value);
    if (!rows.empty()) {
        b.fields(rows);
        b.gap();
    }
    for (const Block& block : card.body.blocks) {
        if (b.y() > enough) break;
        b.bodyBlocks(std::span<const Block>(&block, 1));
    }
    return b.finish();
}

// Moves everything at or below `y` down by `by`, opening a band across the page at `y`.
void openBand(Page& page, float y, float by) {
    for (PageText& line : page.texts)
        if (line.pos.y >= y) line.pos.y += by;
    for (PageRect& rect : page.rects) {
        if (rect.min.y >= y) rect.min.y += by;
        if (rect.max.y > y) rect.max.y += by; // a box around the band grows with it
    }
    for (PageQr& qr : page.qrs)
        if (qr.pos.y >= y) qr.pos.y += by;
    for (PageImage& image : page.images)
        if (image.pos.y >= y) image.pos.y += by;
    for (PageButton& button : page.buttons)
        if (button.min.y >= y) {
            button.min.y += by;
            button.max.y += by;
        }
    for (PageTable& table : page.tables)
        for (float* edge : {&table.top, &table.header_bottom, &table.bottom})
            if (*edge >= y) *edge += by;
    for (PageTable& table : page.tables)
        for (float& row_top : table.row_tops)
            if (row_top >= y) row_top += by;
    page.height += by;
}

// Where a page that would start at `next` starts instead when `next` is inside a table with a
// header: at the top of the row `next` is in, with the table's header repeated above it (`repeat`);
// or, when that row is the first under the header, with the table itself (a header is not left
// alone at the foot of a page). Nothing changes when the table is the first thing on the page
// from `top`, or the row is within a header's height of it (a row taller than a page is cut as
// any line is).
struct TableBreak {
    float start = 0;
    const PageTable* repeat = nullptr;
};

std::optional<TableBreak> breakInTable(const Page& text, float top, float next, float page_height) {
    for (const PageTable& table : text.tables) {
        const float header = table.header_bottom - table.top;
        if (header <= 0 || next < table.top || next >= table.bottom || header > page_height / 2) continue;
        const auto row = std::upper_bound(table.row_tops.begin(), table.row_tops.end(), next);
        if (row == table.row_tops.begin()) continue;
        const float row_top = *std::prev(row);
        if (row_top < table.header_bottom) continue; // the header itself does not fit: cut as lines are
        if (row_top == table.header_bottom) {
            if (table.top > top) return TableBreak{table.top, nullptr};
            continue;
        }
        // A row that follows a repeated header at the page's top (or sits within a header's height
        // of it) and still does not fit is taller than a page: it is cut as lines are, or each
        // page would hold only the header.
        if (row_top - top > header) return TableBreak{row_top, &table};
    }
    return std::nullopt;
}

// Repeats a table's header rows at `y`, where a page starts inside the table: the reader of the
// next page sees what the columns are.
void repeatHeader(Page& text, float y, const PageTable& table) {
    const float top = table.top, bottom = table.header_bottom, shift = y - top, height = bottom - top;
    std::vector<PageText> lines;
    for (const PageText& line : text.texts)
        if (line.pos.y >= top && line.pos.y < bottom) lines.push_back(line);
    std::vector<PageRect> cells;
    for (const PageRect& rect : text.rects)
        if (rect.min.y >= top && rect.max.y <= bottom) cells.push_back(rect);
    openBand(text, y, height);
    for (PageText& line : lines) line.pos.y += shift;
    for (PageRect& rect : cells) {
        rect.min.y += shift;
        rect.max.y += shift;
    }
    text.texts.insert(text.texts.end(), lines.begin(), lines.end());
    text.rects.insert(text.rects.end(), cells.begin(), cells.end());
    // Drawing finds the visible lines by their tops.
    std::stable_sort(text.texts.begin(), text.texts.end(),
                     [](const PageText& a, const PageText& b) { return a.pos.y < b.pos.y; });
}

// Page starts: each page ends before the first line that would not fit whole, and the next
// starts with that line. A page that starts inside a table with a header starts at the top of a
// row, with the header rows repeated above it (they are inserted into `text`).
std::vector<float> pageTops(Page& text, float page_height) {
    std::vector<float> tops{0.0f};
    while (tops.size() < kMaxCardPages) {
        const float top = tops.back(), limit = top + page_height;
        float next = text.height;
        for (const PageText& line : text.texts)
            if (line.pos.y >= top && line.pos.y + line.size > limit) next = std::min(next, line.pos.y);
        if (next >= text.height || limit >= text.height) break;
        if (const std::optional<TableBreak> cut = breakInTable(text, top, next, page_height)) {
            if (cut->repeat) {
                const PageTable table = *cut->repeat; // a copy: repeating moves the tables below
                repeatHeader(text, cut->start, table);
            }
            next = cut->start;
        }
        tops.push_back(next > top ? next : limit); // a line taller than the page is cut, not looped on
    }
    return tops;
}

} // namespace

float CardText::pageBottom(std::size_t index) const {
    const float top = page_tops.at(index);
    return index + 1 < page_tops.size() ? page_tops[index + 1] : top + page_height;
}

KioskStyle infoCardStyle(const Theme& theme, const Fonts& fonts, float growth) {
    KioskStyle s;
    s.scale = theme.scale * growth;
    s.portrait = theme.portrait;
    s.regular = fonts.regular;
    s.bold = fonts.bold;
    s.body_px = kInfoBodyPx;
    s.small_px = kInfoBodyPx;
    s.heading_px = kInfoBodyPx + 4;
    s.title_px = kInfoBodyPx + 12;
    s.gap = 20;
    s.line_height = 1.5f;
    s.background = theme.background;
    s.panel = theme.panel;
    s.text = theme.text;
    s.muted = theme.muted;
    s.accent = theme.accent;
    s.rule = theme.rule;
    return s;
}

CardText layoutCardText(const InfoCard& card, const Theme& theme, const Fonts& fonts, float width, float height) {
    CardText out;
    out.page_height = height;
    const KioskStyle base = infoCardStyle(theme, fonts);
    Page text = layText(card, base, width, false, height * 2);
    if (text.height <= height) {
        // It fits: let it grow into the room it has, as far as it still fits.
        for (const float growth : std::array<float, 4>{kInfoMaxGrowth, 1.35f, 1.2f, 1.1f}) {
            Page grown = layText(card, infoCardStyle(theme, fonts, growth), width, false, height * 2);
            if (grown.height <= height) {
                out.text = std::move(grown);
                out.growth = growth;
                break;
            }
        }
        if (out.growth == 1.0f) out.text = std::move(text);
        out.page_tops = {0.0f};
        return out;
    }
    // It pages: the pinned fields stay under every page, with the page number beside them.
    if (const auto rows = pinnedRows(card); !rows.empty()) {
        PageBuilder pinned(base, width);
        pinned.fields(rows);
        out.pinned = pinned.finish();
    }
    out.page_height = std::max(height - out.pinned.height - base.px(kPageNumberPx), base.px(kInfoBodyPx) * 2);
    out.text = layText(card, base, width, true, out.page_height * static_cast<float>(kMaxCardPages + 1));
    out.page_tops = pageTops(out.text, out.page_height);
    const float shown_to = out.pageBottom(out.pages() - 1);
    out.more = std::any_of(out.text.texts.begin(), out.text.texts.end(),
                           [shown_to](const PageText& line) { return line.pos.y + line.size > shown_to; });
    return out;
}

const CardText& CardTextCache::get(const InfoCard& card, const Theme& theme, const Fonts& fonts, float width,
                                   float height) {
    if (width != m_width || height != m_height || theme.scale != m_scale || card.fields != m_fields ||
        card.body != m_body) {
        m_text = layoutCardText(card, theme, fonts, width, height);
        m_fields = card.fields;
        m_body = card.body;
        m_width = width;
        m_height = height;
        m_scale = theme.scale;
    }
    return m_text;
}

} // namespace gk
