// The information screen (display mode): header with site name, date, weekday and clock; the
// rotating card; the QR code of what is shown; status footer. Landscape and portrait layouts.
// A pure view: draws an InfoScreenView and reports what the user did. Must not include SDL, GL
// or curl.
#pragma once

#include "display/info/card_text.h"
#include "display/info/info_view.h"
#include "display/text/fonts.h"
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
    Rect banner; // the urgent banner (zero height when none)
    Rect card;
    Rect qr_panel;
    Rect ticker; // zero height when there is no ticker text
    Rect footer;
    int qr_max_px = 0; // side available to the QR code, quiet zone included
    // A Video card's picture, in whole pixels, in the video's shape: within the card under its
    // badge and above its caption, or the whole screen (zone "full"). Empty for other cards.
    Rect video;
};

// The zones for a screen of that size; the view decides whether there is a ticker and a banner.
InfoLayout layoutInfoScreen(const Theme& theme, ImVec2 screen, const InfoScreenView& view);

// Ticker speed at 1080p (scaled with the screen), pixels per second.
inline constexpr float kTickerSpeedPx = 110.0f;

// The cache keeps the card's laid-out text between frames (see card_text.h).
InfoScreenActions drawInfoScreen(const InfoScreenView& view, const Theme& theme, const Fonts& fonts,
                                 CardTextCache& cache, unsigned regions = kInfoAll);

// How many pages the view's card text takes on a display of that size (what drawInfoScreen will
// page through as view.card_page goes round).
std::size_t infoCardPages(const InfoScreenView& view, const Theme& theme, const Fonts& fonts, ImVec2 display,
                          CardTextCache& cache);

// How many pages the card takes on the reference screen a group's slots are measured on: 1920×1080,
// or 1080×1920 for a portrait playlist, with no urgent banner and no ticker. The same on every
// screen of a group, whatever its own size (a long card's slot is stretched by it).
std::size_t referenceCardPages(const InfoCard& card, bool portrait, const Fonts& fonts, CardTextCache& cache);

} // namespace gk
