// Theme construction. See theme.h.
#include "display/theme.h"

#include <algorithm>

namespace gk {

Theme makeTheme(int width, int height) {
    Theme t;
    t.portrait = height > width;
    t.scale = static_cast<float>(std::min(width, height)) / 1080.0f;
    return t;
}

ImU32 withAlpha(ImU32 colour, float alpha) {
    const float a = static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f);
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a + 0.5f) << IM_COL32_A_SHIFT);
}

} // namespace gk
