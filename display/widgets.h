// Drawing primitives shared by the screens: Chinese-wrapped text, QR codes, chips. They draw into
// an ImDrawList and hold no state. Must not include SDL, GL or curl.
#pragma once

#include "display/qr.h"

#include <imgui.h>

#include <string_view>

namespace gk {

struct TextStyle {
    ImFont* font = nullptr;
    float size = 28.0f;
    ImU32 color = IM_COL32_BLACK;
    float line_height = 1.5f; // ≥ 1.3 (适老化 line spacing)
};

// Draws `text` wrapped to `width` with the Chinese line-breaking rules of text_layout, at most
// `max_lines` lines (0 = unlimited); a cut last line ends with "…". Returns the height used.
float drawWrappedText(ImDrawList* dl, const TextStyle& style, ImVec2 pos, float width, std::string_view text,
                      int max_lines = 0);

// Height drawWrappedText would use, without drawing.
float measureWrappedText(const TextStyle& style, float width, std::string_view text, int max_lines = 0);

// Width of a single line of text.
float textWidth(const TextStyle& style, std::string_view text);

// Draws one line, cut with "…" if wider than max_width (≤ 0: no limit).
void drawTextLine(ImDrawList* dl, const TextStyle& style, ImVec2 pos, std::string_view text, float max_width = 0);

// Draws the QR matrix (its quiet zone included, light) with whole pixels per module.
void drawQr(ImDrawList* dl, const QrMatrix& qr, ImVec2 top_left, int px_per_module, ImU32 dark, ImU32 light);

// A rounded label chip; returns its width.
float drawChip(ImDrawList* dl, const TextStyle& style, ImVec2 pos, std::string_view text, ImU32 background,
               float padding);

} // namespace gk
