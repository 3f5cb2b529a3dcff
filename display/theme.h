// Colours and sizes of the screens. Sizes are given for a 1080-pixel short side and scaled, so
// 1920×1080 landscape and 1080×1920 portrait share one scale. Text sizes meet the 适老化 rules
// (body ≥ 28 px at 1080p, contrast ≥ 4.5:1). Must not include SDL, GL or curl.
#pragma once

#include <imgui.h>

namespace gk {

struct Theme {
    float scale = 1.0f; // short side / 1080
    bool portrait = false;
    // Background is cleared with glClear (a full-screen ImGui rectangle costs ~3× a frame on
    // software GL), so it is also given as floats.
    float background_rgb[3] = {0.965f, 0.953f, 0.933f};
    ImU32 background = IM_COL32(246, 243, 238, 255);
    ImU32 header_bg = IM_COL32(166, 25, 32, 255); // 中国红, white text on it is 7.4:1
    ImU32 header_text = IM_COL32(255, 255, 255, 255);
    ImU32 text = IM_COL32(28, 28, 30, 255);  // 15.8:1 on background
    ImU32 muted = IM_COL32(84, 84, 90, 255); // 7.0:1 on background
    ImU32 accent = IM_COL32(166, 25, 32, 255);
    ImU32 important = IM_COL32(136, 68, 0, 255); // white on it (its chip) is 7.3:1
    ImU32 urgent = IM_COL32(160, 0, 14, 255);    // white on it 8.4:1; as title text on background 7.6:1
    ImU32 panel = IM_COL32(255, 255, 255, 255);
    ImU32 rule = IM_COL32(214, 208, 198, 255);
    ImU32 qr_dark = IM_COL32(0, 0, 0, 255);

    float px(float reference_px) const { return reference_px * scale; }
};

Theme makeTheme(int width, int height);

// Multiplies a colour's alpha: used for fades.
ImU32 withAlpha(ImU32 colour, float alpha);

} // namespace gk
