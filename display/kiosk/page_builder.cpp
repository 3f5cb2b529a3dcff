// Page layout. See page_builder.h.
#include "display/kiosk/page_builder.h"

#include "display/text/chinese_format.h"
#include "display/text/text_layout.h"

#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gk {
namespace {

AdvanceFn advanceOf(ImFont* font, float size) {
    ImFontBaked* baked = font->GetFontBaked(size);
    return [baked](char32_t c) { return baked->GetCharAdvance(static_cast<ImWchar>(c)); };
}

constexpr int kMaxTableColumns = 12;

} // namespace

float measureLine(ImFont* font, float size, std::string_view text) {
    return textWidth(text, advanceOf(font, size));
}

PageBuilder::PageBuilder(const KioskStyle& style, float width) : m_style(style) {
    m_page.width = width;
}

ImFont* PageBuilder::fontFor(TextRole role) const {
    return role == TextRole::Heading || role == TextRole::Title ? m_style.bold : m_style.regular;
}

float PageBuilder::sizeFor(TextRole role) const {
    switch (role) {
    case TextRole::Title: return std::round(m_style.px(m_style.title_px));
    case TextRole::Heading: return std::round(m_style.px(m_style.heading_px));
    case TextRole::Small:
    case TextRole::Muted: return std::round(m_style.px(m_style.small_px));
    case TextRole::Body: break;
    }
    return std::round(m_style.px(m_style.body_px));
}

ImU32 PageBuilder::colourFor(TextRole role) const {
    return role == TextRole::Muted ? m_style.muted : m_style.text;
}

float PageBuilder::lineStep(TextRole role) const {
    return std::round(sizeFor(role) * m_style.line_height);
}

float PageBuilder::textAt(ImVec2 pos, float width, std::string_view text, TextRole role, ImU32 colour) {
    return placeLines(pos, width, normalizeCjkPunctuation(text), role, colour);
}

float PageBuilder::placeLines(ImVec2 pos, float width, std::string_view shown, TextRole role, ImU32 colour) {
    ImFont* font = fontFor(role);
    const float size = sizeFor(role);
    const float step = lineStep(role);
    const float lead = std::round((step - size) / 2);
    const bool title = role == TextRole::Title || role == TextRole::Heading;
    const std::vector<LineSpan> lines =
        title ? breakLinesWithoutOrphan(shown, std::max(width, size), advanceOf(font, size))
              : breakLines(shown, std::max(width, size), advanceOf(font, size));
    float y = pos.y;
    for (const LineSpan& line : lines) {
        m_page.texts.push_back(PageText{std::string(shown.substr(line.offset, line.length)), ImVec2(pos.x, y + lead),
                                        font, size, colour != 0 ? colour : colourFor(role)});
        y += step;
    }
    return y - pos.y;
}

float PageBuilder::markedTextAt(ImVec2 pos, float width, std::string_view text, TextRole role, std::size_t mark_start,
                                std::size_t mark_length, int max_lines) {
    ImFont* font = fontFor(role);
    const float size = sizeFor(role);
    const float step = lineStep(role);
    const float lead = std::round((step - size) / 2);
    const AdvanceFn advance = advanceOf(font, size);
    width = std::max(width, size);
    // The mark is a byte range of the text as searched; it is drawn on the text as shown.
    std::vector<std::size_t> shown_offsets;
    std::string shown = normalizeCjkPunctuation(text, shown_offsets);
    const std::size_t mark_from = std::min(text.size(), mark_start);
    std::size_t mark_begin = shown_offsets[mark_from];
    std::size_t mark_end = shown_offsets[mark_from + std::min(mark_length, text.size() - mark_from)];
    std::vector<LineSpan> lines = breakLines(shown, width, advance);
    const bool cut = max_lines > 0 && lines.size() > static_cast<std::size_t>(max_lines);
    if (cut && mark_end > mark_begin && mark_end > lines[max_lines - 1].offset + lines[max_lines - 1].length) {
        // The mark would be cut off: the text shown starts a few characters before it, after "…".
        constexpr std::size_t kLeadCharacters = 4;
        std::vector<std::size_t> starts;
        for (std::size_t at = 0; at < mark_begin;) {
            starts.push_back(at);
            char32_t cp;
            at = utf8Next(shown, at, cp);
        }
        const std::size_t from = starts.size() > kLeadCharacters ? starts[starts.size() - kLeadCharacters] : 0;
        const std::string_view ellipsis = "…";
        shown = std::string(ellipsis) + shown.substr(from);
        mark_begin = mark_begin - from + ellipsis.size();
        mark_end = mark_end - from + ellipsis.size();
        lines = breakLines(shown, width, advance);
    }
    if (max_lines > 0 && lines.size() > static_cast<std::size_t>(max_lines)) lines.resize(max_lines);
    const std::string_view shown_view = shown;
    float y = pos.y;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const LineSpan& line = lines[i];
        // The last line of a cut text ends with "…" where it fits: what remains of the text, as one line.
        const std::string line_text = cut && i + 1 == lines.size()
                                          ? ellipsize(shown_view.substr(line.offset), width, 1, advance)
                                          : std::string(shown_view.substr(line.offset, line.length));
        const std::size_t line_end = line.offset + std::min(line.length, line_text.size());
        const std::size_t from = std::max(mark_begin, line.offset);
        const std::size_t to = std::min(mark_end, line_end);
        if (from < to) { // the part of the match on this line, measured from the line's start
            const float x0 = measureLine(font, size, shown_view.substr(line.offset, from - line.offset));
            const float x1 = measureLine(font, size, shown_view.substr(line.offset, to - line.offset));
            m_page.rects.push_back(PageRect{ImVec2(pos.x + x0 - m_style.px(2), y + m_style.px(2)),
                                            ImVec2(pos.x + x1 + m_style.px(2), y + step - m_style.px(2)), m_style.mark,
                                            0, m_style.px(4)});
        }
        m_page.texts.push_back(PageText{line_text, ImVec2(pos.x, y + lead), font, size, colourFor(role)});
        y += step;
    }
    return y - pos.y;
}

float PageBuilder::text(std::string_view text, TextRole role, float indent, ImU32 colour) {
    const float h = textAt(ImVec2(indent, m_y), m_page.width - indent, text, role, colour);
    m_y += h;
    return h;
}

void PageBuilder::heading(std::string_view text) {
    m_y += m_style.px(m_style.gap);
    this->text(text, TextRole::Heading, 0, m_style.accent);
    m_page.rects.push_back(PageRect{ImVec2(0, m_y), ImVec2(m_page.width, m_y + m_style.px(3)), m_style.accent, 0});
    m_y += m_style.px(m_style.gap) * 0.75f;
}

void PageBuilder::fields(const std::vector<std::pair<std::string, std::string>>& rows) {
    float label_w = 0;
    for (const auto& [label, value] : rows)
        if (!value.empty())
            label_w = std::max(label_w, measureLine(fontFor(TextRole::Body), sizeFor(TextRole::Body), label));
    label_w = std::min(label_w, m_page.width * 0.4f);
    const float pad = m_style.px(20);
    const float top = m_y;
    bool first = true;
    for (const auto& [label, value] : rows) {
        if (value.empty()) continue;
        if (!first)
            m_page.rects.push_back(PageRect{ImVec2(pad, m_y), ImVec2(m_page.width - pad, m_y + 1), m_style.rule, 0});
        first = false;
        m_y += pad / 2;
        const float a = textAt(ImVec2(pad, m_y), label_w, label, TextRole::Body, m_style.muted);
        const float b = textAt(ImVec2(pad * 2 + label_w, m_y), m_page.width - label_w - pad * 3, value, TextRole::Body);
        m_y += std::max(a, b) + pad / 2;
    }
    if (m_y > top) {
        m_page.rects.insert(m_page.rects.begin(), PageRect{ImVec2(0, top), ImVec2(m_page.width, m_y + pad / 2),
                                                           m_style.panel, m_style.rule, m_style.px(8), 1});
        m_y += pad / 2;
    }
}

void PageBuilder::bodyBlocks(std::span<const Block> blocks, const std::function<void(const Block&)>& image) {
    for (const Block& block : blocks) {
        switch (block.kind) {
        case BlockKind::Heading:
            gap();
            text(block.text, block.level <= 2 ? TextRole::Heading : TextRole::Body, 0, m_style.accent);
            break;
        case BlockKind::Paragraph:
            text(block.text, TextRole::Body);
            space(m_style.px(m_style.body_px) * 0.6f);
            break;
        case BlockKind::ListItem:
            listItem(block.continues ? ""
                     : block.ordered ? std::to_string(block.number) + "."
                                     : "•",
                     block.text, block.depth);
            break;
        case BlockKind::Table: {
            std::vector<TableRowText> rows;
            for (const auto& row : block.rows) {
                TableRowText out;
                for (const TableCell& cell : row) out.push_back({cell.text, cell.header, cell.colspan, cell.column});
                rows.push_back(std::move(out));
            }
            table(rows);
            break;
        }
        case BlockKind::Image:
            if (image) image(block);
            break;
        }
    }
}

std::vector<float> PageBuilder::columnWidths(const std::vector<TableRowText>& rows, int columns, float width) const {
    // Natural width of each column: its widest single-span cell on one line, capped at the page.
    const float pad = m_style.px(16);
    std::vector<float> natural(static_cast<std::size_t>(columns), m_style.px(80));
    for (const TableRowText& row : rows) {
        int column = 0;
        for (const TableCellText& cell : row) {
            if (column >= columns) break;
            if (cell.colspan == 1) {
                const TextRole role = cell.header ? TextRole::Heading : TextRole::Body;
                float w = 0;
                std::size_t start = 0;
                while (start <= cell.text.size()) { // the widest paragraph of the cell
                    const std::size_t end = std::min(cell.text.find('\n', start), cell.text.size());
                    w = std::max(w, measureLine(fontFor(role), sizeFor(TextRole::Body),
                                                std::string_view(cell.text).substr(start, end - start)));
                    start = end + 1;
                }
                natural[static_cast<std::size_t>(column)] =
                    std::max(natural[static_cast<std::size_t>(column)], std::min(w + 2 * pad, width));
            }
            column += cell.colspan;
        }
    }
    const float total = std::accumulate(natural.begin(), natural.end(), 0.0f);
    if (total <= width) {
        for (float& w : natural) w *= width / total; // spread the room proportionally
        return natural;
    }
    // Too wide: narrow columns keep their natural width, wide ones share what is left equally.
    std::vector<float> result = natural;
    float fair = width / static_cast<float>(columns);
    for (int pass = 0; pass < columns; ++pass) {
        float fixed = 0;
        int flexible = 0;
        for (float w : natural) (w <= fair) ? fixed += w : ++flexible;
        if (flexible == 0) break;
        const float share = (width - fixed) / static_cast<float>(flexible);
        if (share <= fair + 0.5f) {
            fair = share;
            break;
        }
        fair = share;
    }
    for (float& w : result) w = std::min(w, fair);
    const float sum = std::accumulate(result.begin(), result.end(), 0.0f);
    for (float& w : result) w *= width / sum;
    return result;
}

void PageBuilder::table(const std::vector<TableRowText>& given_rows) {
    // Cells are measured and drawn as shown (punctuation normalised): widths must match what is drawn.
    std::vector<TableRowText> rows = given_rows;
    for (TableRowText& row : rows)
        for (TableCellText& cell : row) cell.text = normalizeCjkPunctuation(cell.text);
    PageTable placed{m_y, m_y, m_y, {}};
    bool in_header = true; // still in the leading rows whose cells are all header cells
    int columns = 1;
    for (const TableRowText& row : rows) {
        int n = 0;
        for (const TableCellText& cell : row) n += std::max(1, cell.colspan);
        columns = std::max(columns, n);
    }
    columns = std::min(columns, kMaxTableColumns);
    const std::vector<float> widths = columnWidths(rows, columns, m_page.width);
    const float pad = m_style.px(16);
    for (const TableRowText& row : rows) {
        const float top = m_y;
        placed.row_tops.push_back(top);
        float x = 0, bottom = top;
        int column = 0;
        std::vector<std::pair<float, float>> spans; // x range of each cell, to draw borders
        std::vector<bool> header;
        for (const TableCellText& cell : row) {
            if (cell.column > column && cell.column < columns) { // skip the columns spanned from above
                for (; column < cell.column; ++column) x += widths[static_cast<std::size_t>(column)];
            }
            if (column >= columns) break;
            const int span = std::min(std::max(1, cell.colspan), columns - column);
            float w = 0;
            for (int c = column; c < column + span; ++c) w += widths[static_cast<std::size_t>(c)];
            // A figure (588.27, +4.2, 1,200, 35%) lines up on the right, as tables of numbers are read.
            const float right =
                isFigure(cell.text)
                    ? std::max(0.0f,
                               w - 2 * pad - measureLine(fontFor(TextRole::Body), sizeFor(TextRole::Body), cell.text))
                    : 0.0f;
            const float h =
                placeLines(ImVec2(x + pad + right, top + pad), w - 2 * pad - right, cell.text, TextRole::Body, 0);
            bottom = std::max(bottom, top + h + 2 * pad);
            spans.emplace_back(x, x + w);
            header.push_back(cell.header);
            x += w;
            column += span;
        }
        if (x < m_page.width - 1) { // a short row: the rest of the line is one empty cell
            spans.emplace_back(x, m_page.width);
            header.push_back(false);
        }
        bottom = std::max(bottom, top + sizeFor(TextRole::Body) + 2 * pad);
        for (std::size_t i = 0; i < spans.size(); ++i)
            m_page.rects.push_back(PageRect{ImVec2(spans[i].first, top), ImVec2(spans[i].second, bottom),
                                            header[i] ? m_style.table_header : m_style.panel, m_style.rule, 0, 1});
        m_y = bottom;
        in_header = in_header && !row.empty() &&
                    std::all_of(row.begin(), row.end(), [](const TableCellText& cell) { return cell.header; });
        if (in_header) placed.header_bottom = bottom;
    }
    placed.bottom = m_y;
    m_page.tables.push_back(std::move(placed));
    m_y += m_style.px(m_style.gap) / 2;
}

void PageBuilder::listItem(std::string_view marker, std::string_view text, int depth) {
    const float indent = m_style.px(44) * static_cast<float>(std::max(0, depth));
    const float marker_w = m_style.px(m_style.body_px) * 2.0f;
    textAt(ImVec2(indent, m_y), marker_w, marker, TextRole::Body, m_style.accent);
    m_y += textAt(ImVec2(indent + marker_w, m_y), m_page.width - indent - marker_w, text, TextRole::Body);
    m_y += m_style.px(8);
}

void PageBuilder::rowButton(std::string_view title, std::string_view detail, const KioskAction& action) {
    const float pad = m_style.px(22);
    const float top = m_y;
    const float chevron_w = m_style.px(60);
    float h = textAt(ImVec2(pad, top + pad), m_page.width - 2 * pad - chevron_w, title, TextRole::Body);
    if (!detail.empty())
        h += textAt(ImVec2(pad, top + pad + h), m_page.width - 2 * pad - chevron_w, detail, TextRole::Muted);
    const float bottom = top + std::max(h + 2 * pad, m_style.px(m_style.target_px));
    m_page.rects.push_back(
        PageRect{ImVec2(0, top), ImVec2(m_page.width, bottom), m_style.panel, m_style.rule, m_style.px(10), 1});
    textAt(ImVec2(m_page.width - chevron_w, top + (bottom - top - lineStep(TextRole::Heading)) / 2), chevron_w, "›",
           TextRole::Heading, m_style.accent);
    m_page.buttons.push_back(PageButton{ImVec2(0, top), ImVec2(m_page.width, bottom), action});
    m_y = bottom + m_style.px(12);
}

bool isFigure(std::string_view text) {
    bool digit = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digit = true;
        } else if (std::string_view("+-.,% ").find(c) == std::string_view::npos) {
            return false;
        }
    }
    return digit;
}

float PageBuilder::tileHeight(float width, std::string_view label, std::string_view caption) const {
    const float pad = m_style.px(40);
    PageBuilder scratch(m_style, width - 2 * pad);
    float h = scratch.textAt(ImVec2(0, 0), width - 2 * pad, label, TextRole::Title);
    if (!caption.empty()) h += m_style.px(12) + scratch.textAt(ImVec2(0, 0), width - 2 * pad, caption, TextRole::Body);
    return std::ceil(h + 2 * pad);
}

void PageBuilder::tile(ImVec2 pos, ImVec2 size, std::string_view label, std::string_view caption,
                       const KioskAction& action, bool primary) {
    const ImU32 fill = primary ? m_style.accent : m_style.panel;
    const ImU32 ink = primary ? m_style.on_accent : m_style.text;
    m_page.rects.push_back(PageRect{pos, ImVec2(pos.x + size.x, pos.y + size.y), fill, primary ? 0 : m_style.rule,
                                    m_style.px(18), m_style.px(2)});
    const float pad = m_style.px(40);
    // Measure first (into a scratch builder), then place the label and caption centred vertically.
    PageBuilder scratch(m_style, size.x - 2 * pad);
    const float label_h = scratch.textAt(ImVec2(0, 0), size.x - 2 * pad, label, TextRole::Title, ink);
    const float caption_h =
        caption.empty() ? 0 : scratch.textAt(ImVec2(0, 0), size.x - 2 * pad, caption, TextRole::Body, ink);
    const float top = pos.y + std::max(pad, std::floor((size.y - label_h - caption_h - m_style.px(12)) / 2));
    textAt(ImVec2(pos.x + pad, top), size.x - 2 * pad, label, TextRole::Title, ink);
    if (!caption.empty())
        textAt(ImVec2(pos.x + pad, top + label_h + m_style.px(12)), size.x - 2 * pad, caption, TextRole::Body,
               primary ? m_style.on_accent : m_style.muted);
    m_page.buttons.push_back(PageButton{pos, ImVec2(pos.x + size.x, pos.y + size.y), action});
}

bool PageBuilder::qr(std::string_view url, std::string_view caption, float x, float side_px) {
    const std::optional<QrMatrix> matrix = encodeQr(url);
    const int module_px =
        matrix ? qrModulePixels(matrix->size, static_cast<int>(side_px), std::max(2, static_cast<int>(m_style.px(4))))
               : 0;
    float caption_y = m_y;
    if (module_px > 0) {
        const float side = static_cast<float>(matrix->size * module_px);
        const float left = x + std::floor((side_px - side) / 2);
        m_page.qrs.push_back(PageQr{*matrix, ImVec2(left, m_y), module_px, std::string(url)});
        caption_y += side + m_style.px(8);
    }
    const float caption_h = textAt(ImVec2(x, caption_y), side_px, caption, TextRole::Small, m_style.muted);
    m_y = caption_y + caption_h;
    return module_px > 0;
}

void PageBuilder::image(const std::string& key, const std::string& path, int pixel_w, int pixel_h) {
    if (pixel_w <= 0 || pixel_h <= 0) return;
    const float fit = std::min({m_page.width / static_cast<float>(pixel_w), 2.0f * m_style.scale});
    const ImVec2 size(std::floor(static_cast<float>(pixel_w) * fit), std::floor(static_cast<float>(pixel_h) * fit));
    m_page.images.push_back(PageImage{key, path, ImVec2(std::floor((m_page.width - size.x) / 2), m_y), size});
    m_y += size.y + m_style.px(m_style.gap) / 2;
}

void PageBuilder::imageAt(const std::string& key, const std::string& path, ImVec2 size) {
    if (size.x <= 0 || size.y <= 0) return;
    m_page.images.push_back(
        PageImage{key, path, ImVec2(std::max(0.0f, std::floor((m_page.width - size.x) / 2)), m_y), size});
    m_y += size.y + m_style.px(m_style.gap) / 2;
}

Page PageBuilder::finish() {
    std::stable_sort(m_page.texts.begin(), m_page.texts.end(),
                     [](const PageText& a, const PageText& b) { return a.pos.y < b.pos.y; });
    m_page.height = m_y;
    return std::move(m_page);
}

// Pixel size of an image file, from its header only; {0, 0} when unreadable.
std::pair<int, int> imageFileSize(const std::string& path) {
    int w = 0, h = 0, channels = 0;
    if (stbi_info(path.c_str(), &w, &h, &channels) == 0) return {0, 0};
    return {w, h};
}

} // namespace gk
