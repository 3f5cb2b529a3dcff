// The text of an information-screen card below its title: the fields and the body, laid out with
// the kiosk's page builder (so tables and lists keep their structure) in type big enough to read
// from 3 m, and cut into pages that fit the card's box. A short card's text grows to fill the box;
// a long one pages through its slot (「1/3」), with its pinned fields (the phone number) under
// every page. Measuring uses the fonts; nothing is drawn. Must not include SDL, GL or curl.
#pragma once

#include "display/info/info_view.h"
#include "display/kiosk/kiosk_style.h"
#include "display/kiosk/page.h"
#include "display/text/fonts.h"
#include "display/theme.h"

#include <cstddef>
#include <string>
#include <vector>

namespace gk {

// Body text at 1080 lines: ImGui's size is the line box, and Noto Sans CJK's em is 1/1.448 of it,
// so 47 px draws a 32 px em (readable from 3 m); titles are larger (see info_screen).
inline constexpr float kInfoBodyPx = 47.0f;
// A short card's text grows by at most this much to fill its box.
inline constexpr float kInfoMaxGrowth = 1.5f;

struct CardText {
    // The fields and the body, in page coordinates. A page that starts inside a table with a
    // header row starts at a row, with the header rows repeated above it (copied into `text`), so
    // its reader knows the columns.
    Page text;
    std::vector<float> page_tops; // where each page starts in `text` (the first at 0); never empty
    float page_height = 0;        // the height each page may show
    Page pinned;                  // pinned fields, drawn under every page when there are several
    float growth = 1.0f;          // how much the text was enlarged to fill a short card
    bool more = false;            // the text goes on past the last page: the rest is on the phone

    std::size_t pages() const { return page_tops.size(); }
    // How far page `index` reaches into `text`: up to the next page's start (nothing is shown twice
    // or cut in half), or the box for the last page.
    float pageBottom(std::size_t index) const;
};

// The style of card text on an information screen of that theme (its colours and scale).
KioskStyle infoCardStyle(const Theme& theme, const Fonts& fonts, float growth = 1.0f);

// Lays out the card's fields and body for a box of width × height.
CardText layoutCardText(const InfoCard& card, const Theme& theme, const Fonts& fonts, float width, float height);

// The last layout, kept while the card's text and the box stay the same: a card is drawn on every
// frame of its fade, and a long body must not be laid out each time (comparing it is far cheaper).
class CardTextCache {
public:
    const CardText& get(const InfoCard& card, const Theme& theme, const Fonts& fonts, float width, float height);

private:
    std::vector<CardField> m_fields; // what m_text was laid out from
    BodyDocument m_body;
    float m_width = -1, m_height = -1, m_scale = 0;
    CardText m_text;
};

} // namespace gk
