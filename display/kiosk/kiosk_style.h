// Sizes and colours of kiosk mode, normal and elder (长辈模式). At 1080 pixels on the short side:
// body text 28 px (a 19 px CJK em; elder 58 px, a 40 px em), touch targets 96 px tall (elder 120),
// text contrast ≥ 4.5:1 (elder ≥ 7:1, checked by tests with the WCAG formula). Sizes are ImGui's
// font sizes, which are the line box (1.448 em for Noto Sans CJK). Must not include SDL, GL or curl.
#pragma once

#include "display/text/fonts.h"
#include "display/theme.h"

#include <imgui.h>

namespace gk {

struct KioskStyle {
    float scale = 1.0f;
    bool portrait = false;
    bool elder = false;
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;

    float body_px = 28;    // body text
    float small_px = 28;   // captions, dates: muted, never smaller than body text
    float title_px = 44;   // page titles
    float heading_px = 34; // section headings
    float target_px = 96;  // minimum touch target height
    float margin = 48;     // outer page margin
    float gap = 24;        // between blocks
    float line_height = 1.6f;

    ImU32 background = IM_COL32(246, 243, 238, 255);
    float background_rgb[3] = {0.965f, 0.953f, 0.933f};
    ImU32 panel = IM_COL32(255, 255, 255, 255);
    ImU32 text = IM_COL32(28, 28, 30, 255);
    ImU32 muted = IM_COL32(84, 84, 90, 255);
    ImU32 accent = IM_COL32(166, 25, 32, 255); // 中国红: buttons and the top bar
    ImU32 on_accent = IM_COL32(255, 255, 255, 255);
    ImU32 rule = IM_COL32(200, 192, 180, 255);
    ImU32 table_header = IM_COL32(240, 232, 222, 255);
    ImU32 link = IM_COL32(22, 78, 160, 255);
    ImU32 warning = IM_COL32(150, 75, 0, 255);
    ImU32 urgent = IM_COL32(120, 0, 8, 255);   // the urgent banner: white on it is far above 7:1
    ImU32 mark = IM_COL32(255, 222, 120, 255); // behind the matched part of a search result

    float px(float reference) const { return reference * scale; }
};

// The style for a screen of width × height, normal or elder mode.
KioskStyle makeKioskStyle(int width, int height, bool elder, const Fonts& fonts);

// WCAG 2 contrast ratio of two opaque colours (1..21).
double contrastRatio(ImU32 a, ImU32 b);

} // namespace gk
