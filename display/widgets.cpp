// Drawing primitives. See widgets.h.
#include "display/widgets.h"

#include "display/layout_record.h"
#include "display/text/text_layout.h"

#include <cmath>

namespace gk {
namespace {

AdvanceFn advanceFor(const TextStyle& style) {
    ImFontBaked* baked = style.font->GetFontBaked(style.size);
    return [baked](char32_t c) { return baked->GetCharAdvance(static_cast<ImWchar>(c)); };
}

struct Wrapped {
    std::vector<LineSpan> lines;
    bool cut = false;
};

Wrapped wrap(const TextStyle& style, float width, std::string_view text, int max_lines) {
    Wrapped w;
    w.lines = breakLinesWithoutOrphan(text, width, advanceFor(style)); // short texts: titles, captions, notes
    if (max_lines > 0 && static_cast<int>(w.lines.size()) > max_lines) {
        w.lines.resize(static_cast<size_t>(max_lines));
        w.cut = true;
    }
    return w;
}

// Every text run goes through here, so the frame's layout record sees what is drawn.
void addText(ImDrawList* dl, const TextStyle& style, ImVec2 pos, std::string_view text) {
    recordText(dl, style.font, style.size, pos, text, style.color);
    dl->AddText(style.font, style.size, pos, style.color, text.data(), text.data() + text.size());
}

} // namespace

float textWidth(const TextStyle& style, std::string_view text) {
    return textWidth(text, advanceFor(style));
}

void drawTextLine(ImDrawList* dl, const TextStyle& style, ImVec2 pos, std::string_view text, float max_width) {
    if (max_width > 0 && textWidth(style, text) > max_width) {
        addText(dl, style, pos, ellipsize(text, max_width, 1, advanceFor(style)));
        return;
    }
    addText(dl, style, pos, text);
}

float drawWrappedText(ImDrawList* dl, const TextStyle& style, ImVec2 pos, float width, std::string_view text,
                      int max_lines) {
    const Wrapped w = wrap(style, width, text, max_lines);
    const float step = std::round(style.size * style.line_height);
    // Centre the glyphs in the line box so extra leading is shared above and below.
    float y = pos.y + std::round((step - style.size) * 0.5f);
    for (size_t i = 0; i < w.lines.size(); ++i) {
        std::string_view line = text.substr(w.lines[i].offset, w.lines[i].length);
        if (w.cut && i + 1 == w.lines.size()) {
            // Take the rest of the text so ellipsize can end the line with "…" where it fits.
            const std::string last = ellipsize(text.substr(w.lines[i].offset), width, 1, advanceFor(style));
            addText(dl, style, ImVec2(pos.x, y), last);
        } else {
            addText(dl, style, ImVec2(pos.x, y), line);
        }
        y += step;
    }
    return step * static_cast<float>(w.lines.size());
}

float measureWrappedText(const TextStyle& style, float width, std::string_view text, int max_lines) {
    const Wrapped w = wrap(style, width, text, max_lines);
    return std::round(style.size * style.line_height) * static_cast<float>(w.lines.size());
}

void drawQr(ImDrawList* dl, const QrMatrix& qr, ImVec2 top_left, int px_per_module, ImU32 dark, ImU32 light) {
    const float m = static_cast<float>(px_per_module);
    const ImVec2 origin(std::floor(top_left.x), std::floor(top_left.y));
    const float side = m * static_cast<float>(qr.size);
    recordQr(origin, side, px_per_module, qr.quiet_zone, qr.payload);
    dl->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), light);
    for (int y = 0; y < qr.size; ++y) {
        int x = 0;
        while (x < qr.size) {
            if (!qr.isDark(x, y)) {
                ++x;
                continue;
            }
            const int run_start = x;
            while (x < qr.size && qr.isDark(x, y)) ++x;
            // One rectangle per horizontal run keeps the vertex count low.
            dl->AddRectFilled(
                ImVec2(origin.x + m * static_cast<float>(run_start), origin.y + m * static_cast<float>(y)),
                ImVec2(origin.x + m * static_cast<float>(x), origin.y + m * static_cast<float>(y + 1)), dark);
        }
    }
}

float drawChip(ImDrawList* dl, const TextStyle& style, ImVec2 pos, std::string_view text, ImU32 background,
               float padding) {
    const float w = textWidth(style, text) + 2 * padding;
    const float h = style.size + padding;
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), background, h * 0.2f);
    addText(dl, style, ImVec2(pos.x + padding, pos.y + padding * 0.5f), text);
    return w;
}

} // namespace gk
