// The pieces every touch screen of kiosk mode is drawn from: text styles at the kiosk scale, a
// label centred in a box, and one look for a touch button. They draw into an ImDrawList, hold no
// state and take the tap (screen pixels, or nullptr) to report whether it hit. Must not include
// SDL, GL or curl.
#pragma once

#include "display/info/info_screen.h"
#include "display/kiosk/kiosk_style.h"
#include "display/widgets.h"

#include <imgui.h>

#include <string_view>

namespace gk {

inline bool contains(const Rect& r, const ImVec2* p) {
    return p != nullptr && p->x >= r.min.x && p->x < r.max.x && p->y >= r.min.y && p->y < r.max.y;
}

// Text of `px` reference pixels (scaled to the screen) in the style's regular or bold face.
TextStyle kioskText(const KioskStyle& style, bool bold, float px, ImU32 colour);

// One line centred in r, cut with "…" when wider.
void drawCentredLabel(ImDrawList* dl, const TextStyle& text, const Rect& r, std::string_view label);

enum class ButtonLook {
    Primary,   // filled with the accent colour
    Secondary, // white with an accent border
    Selected,  // the chosen one of a group: filled dark
    Disabled,  // muted, never reports a tap
};

// A button of at least the style's touch-target size (the caller sizes r). True when tapped.
bool drawTouchButton(ImDrawList* dl, const KioskStyle& style, const Rect& r, std::string_view label, ButtonLook look,
                     const ImVec2* tap, float label_px = 0);

} // namespace gk
