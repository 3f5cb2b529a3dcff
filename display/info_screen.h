// The information screen (display mode): header with site name, date, weekday and clock; the
// rotating card; the QR code of what is shown; status footer. Landscape and portrait layouts.
// A pure view: draws an InfoScreenView and reports what the user did. Must not include SDL, GL
// or curl.
#pragma once

#include "display/fonts.h"
#include "display/info_view.h"
#include "display/theme.h"

#include <imgui.h>

namespace gk {

struct InfoScreenActions {
    bool tapped = false; // anywhere on the screen (kiosk mode: leave the attract loop)
};

struct Rect {
    ImVec2 min;
    ImVec2 max;
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
};

// Where the zones of the information screen are, for a screen of that size. Exposed so that
// tests can find the QR code and the clock, and the loop can redraw only what changed.
struct InfoLayout {
    Rect header;
    Rect clock;
    Rect card;
    Rect qr_panel;
    Rect footer;
    int qr_max_px = 0; // side available to the QR code, quiet zone included
};

InfoLayout layoutInfoScreen(const Theme& theme, ImVec2 screen);

// Draws the whole screen, or with clock_only just the clock's box (layout().clock): the frame
// loop redraws only that when nothing but the clock changed.
InfoScreenActions drawInfoScreen(const InfoScreenView& view, const Theme& theme, const Fonts& fonts,
                                 bool clock_only = false);

} // namespace gk
