// The kiosk's resident face, decided without a window: for the navigator's current screen, the
// page laid out for the screen and kept until something it depends on changes (the screen's size,
// the publish, elder mode, the query and whether its index is ready, the urgent banner, the
// keyboard), the urgent banner over it, the screen's layout, and the view the shell draws.
// Pages are measured with the program's real glyphs, so this runs inside an ImGui frame: the frame
// loop's, or a test's bare context (tests/display/ui_support.h). No window, GL or IME: the shell
// passes what the keyboard holds (kiosk/input/keyboard_input.h) and draws the view.
#pragma once

#include "display/kiosk/kiosk_pages.h"
#include "display/kiosk/kiosk_screen.h"
#include "display/kiosk/kiosk_style.h"
#include "display/text/fonts.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gk {

class HallSession;

// What the search screen searches for: the keyboard's state.
struct TypedSearch {
    std::string committed;       // the query so far: "政务"
    std::string letters;         // pinyin being composed, as typed without spaces: "gongkai"
    std::string first_candidate; // of that composition: "公开"; empty when none
};

// What the shell knows that the face's decisions need, each frame.
struct KioskFaceInput {
    ImVec2 screen; // the window's size in pixels
    const Fonts* fonts = nullptr;
    bool keyboard_shown = false;                      // the on-screen keyboard is up (search)
    TypedSearch typed;                                // the search screen's; ignored elsewhere
    bool settled = false;                             // a screenshot: the search page waits for its index
    std::optional<int> idle_seconds_left;             // the 「继续阅读」 countdown, while it runs
    AttachmentPageSource* attachment_pages = nullptr; // PDF pages (null: none can be shown)
};

struct KioskFrame {
    KioskScreenView view; // its page is the face's, valid until the next frame() or forget(); the shell sets scroll
    KioskStyle style;
    KioskLayout layout;
    bool new_page = false; // laid out anew: the shell's scroll takes max_scroll and the navigator's offset
    float max_scroll = 0;  // of the page in its viewport
};

class KioskFace {
public:
    // The resident's screen at now_s (steady_s: monotonic seconds, for the navigator). A screen gone
    // from a new publish takes the resident Home.
    KioskFrame frame(HallSession& session, std::int64_t now_s, double steady_s, const KioskFaceInput& input);
    // The screen's layout as the last frame left it (urgent banner, Home's rail) with the keyboard
    // as given: for the shell's input (paging steps, taps) between frames.
    KioskLayout layout(const HallSession& session, const KioskStyle& style, ImVec2 screen, bool keyboard_shown) const;
    // The page of the last frame; null before the first, or after forget().
    const KioskPage* page() const { return m_page ? &m_page->page : nullptr; }
    // The next frame lays its page out anew (the resident went elsewhere, or left).
    void forget() { m_page.reset(); }

private:
    struct BuiltPage {
        ScreenRef ref;
        bool elder = false;
        std::string generation;
        std::string search_key; // the search screen: what it searched for, and whether the index was ready
        ImVec2 screen;
        bool with_urgent = false;                      // under an urgent notice's banner
        bool keyboard = false;                         // beside or above the on-screen keyboard
        std::optional<AttachmentPageState> attachment; // the attachment screen's page, as it was
        KioskPage page;
        std::vector<PanelCode> panel;
        std::string attachment_file{}; // the attachment screen's file in the store
    };
    // The urgent notice whose banner shows on the resident's pages (none on its own page).
    void updateUrgentBanner(HallSession& session, std::int64_t now_s);
    // The attachment screen's page as the source has it now, rendered as wide as the page area.
    std::optional<AttachmentPageState> attachmentState(const HallSession& session, const KioskFaceInput& input,
                                                       const KioskStyle& style) const;
    // True when the page was laid out anew.
    bool ensurePage(HallSession& session, std::int64_t now_s, double steady_s, const KioskFaceInput& input,
                    const KioskStyle& style);

    std::optional<UrgentBanner> m_urgent;
    bool m_home_scrolls = false; // Home is taller than the screen: it gets the ▲ ▼ rail
    std::optional<BuiltPage> m_page;
};

} // namespace gk
