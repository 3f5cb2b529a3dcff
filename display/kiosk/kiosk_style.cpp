// Kiosk styles. See kiosk_style.h.
#include "display/kiosk/kiosk_style.h"

#include <algorithm>
#include <cmath>

namespace gk {
namespace {

double channel(unsigned value) {
    const double c = value / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 colour) {
    return 0.2126 * channel((colour >> IM_COL32_R_SHIFT) & 0xFF) +
           0.7152 * channel((colour >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * channel((colour >> IM_COL32_B_SHIFT) & 0xFF);
}

} // namespace

double contrastRatio(ImU32 a, ImU32 b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

KioskStyle makeKioskStyle(int width, int height, bool elder, const Fonts& fonts) {
    KioskStyle s;
    s.scale = static_cast<float>(std::min(width, height)) / 1080.0f;
    s.portrait = height > width;
    s.elder = elder;
    s.regular = fonts.regular;
    s.bold = fonts.bold;
    if (!elder) return s;
    // Elder mode: bigger everything, and near-black on white for ≥ 7:1 everywhere.
    // ImGui's size is the line box: Noto Sans CJK's em is 1/1.448 of it, so 58 px draws the
    // 40 px em elder mode promises (measured in drawn pixels by the tests).
    s.body_px = 58;
    s.small_px = 58;
    s.title_px = 76;
    s.heading_px = 64;
    s.target_px = 120;
    s.margin = 40;
    s.gap = 28;
    s.background = IM_COL32(255, 255, 255, 255);
    s.background_rgb[0] = s.background_rgb[1] = s.background_rgb[2] = 1.0f;
    s.panel = IM_COL32(255, 255, 255, 255);
    s.text = IM_COL32(0, 0, 0, 255);
    s.muted = IM_COL32(51, 51, 51, 255);
    s.accent = IM_COL32(140, 16, 22, 255);
    s.rule = IM_COL32(90, 90, 90, 255);
    s.table_header = IM_COL32(238, 238, 238, 255);
    s.link = IM_COL32(0, 51, 128, 255);
    s.warning = IM_COL32(122, 60, 0, 255);
    return s;
}

} // namespace gk
