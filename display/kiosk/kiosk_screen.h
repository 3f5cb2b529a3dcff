// One frame of kiosk mode: the top bar (Back, Home, the page title, the 长辈模式 toggle, the
// clock), the scrolled page, the fixed QR panel (right in landscape, bottom in portrait), the
// offline note and the 「继续阅读」 countdown. Draws a view and reports the resident's action.
// Must not include SDL, GL or curl.
#pragma once

#include "display/info/info_screen.h"
#include "display/kiosk/kiosk_pages.h"
#include "display/kiosk/kiosk_style.h"

#include <optional>
#include <string>
#include <vector>

namespace gk {

struct KioskLayout {
    Rect top_bar;
    Rect back, home, elder_toggle; // buttons in the top bar
    Rect title;                    // the page title's line
    Rect content;                  // where the page scrolls
    Rect rail;                     // right of the content: ▲ ▼ page buttons and the position
    Rect panel;                    // the QR panel; empty when the page has none
    Rect urgent;                   // the urgent notice's banner under the top bar; empty when none
    Rect keyboard;                 // the on-screen keyboard; empty when it is not up
};

// What shares the screen with the page.
struct KioskScreenParts {
    bool panel = false;    // the page's QR panel
    bool rail = true;      // ▲ ▼: the page may be taller than the screen (everything but Home)
    bool urgent = false;   // an urgent notice is in force: its banner takes a row under the top bar
    bool keyboard = false; // the on-screen keyboard is up (search)
};

KioskLayout layoutKioskScreen(const KioskStyle& style, ImVec2 screen, const KioskScreenParts& parts);

// Where the page is drawn inside the content area (a small top margin keeps the first line off
// the bar): the viewport the scroll offset applies to.
Rect pageViewport(const KioskStyle& style, const KioskLayout& layout);

struct PanelCode {
    QrMatrix matrix;
    std::string url;
    std::string caption;
};

// An urgent notice in force, for the banner under the top bar. More urgent notices beyond it are
// counted (they are all in 通知公告).
struct UrgentBanner {
    std::string notice_id;
    std::string title;
    std::size_t others = 0;
    bool operator==(const UrgentBanner&) const = default;
};

struct KioskScreenView {
    std::string title;
    bool can_go_back = false;
    bool show_home = true;
    std::string clock_text;   // 09:05
    std::string offline_text; // non-empty: a thin note under the top bar
    const Page* page = nullptr;
    float scroll = 0;
    float pan = 0; // sideways, of a page's images wider than it (a zoomed PDF page)
    std::vector<PanelCode> panel;
    std::optional<int> idle_seconds_left; // the 「继续阅读」 countdown
    std::optional<UrgentBanner> urgent;   // on every page; a tap opens its notice
};

struct KioskScreenResult {
    KioskAction action;
    int last_visible_line = -1; // index into page->texts of the last line fully on screen
};

// `tap`: where a tap landed this frame (screen pixels), or nullptr.
KioskScreenResult drawKioskScreen(const KioskScreenView& view, const KioskStyle& style, const KioskLayout& layout,
                                  const ImVec2* tap, ImageLookup* images);

// The 「点击屏幕开始」 band under the information screen in the attract loop, and the height it
// needs at the bottom of the screen.
float attractPromptHeight(const KioskStyle& style);
void drawAttractPrompt(const KioskStyle& style, ImVec2 screen);

// Panel codes for a page's QR list (encoded once, when the page is built).
std::vector<PanelCode> encodePanel(const std::vector<PanelQr>& panel);

} // namespace gk
