// Kiosk mode: residents browse the catalog, guides and notices by touch. The shell around the
// core's resident face (kiosk/core/kiosk_face.h, which decides the page and the view): turns SDL
// finger and mouse events into taps and drags, scrolls with inertia, holds the keyboard's pinyin
// input, runs the idle countdown, draws the view (display/kiosk/kiosk_screen.h), and shows the
// information screen as the attract loop. Main thread only.
#pragma once

#include "display/kiosk/kiosk_screen.h"
#include "kiosk/core/hall_session.h"
#include "kiosk/core/navigation.h"
#include "kiosk/input/keyboard_input.h"
#include "kiosk/platform/textures.h"
#include "kiosk/shell/attachment_pages.h"
#include "kiosk/shell/frame_loop.h"
#include "kiosk/shell/info_painter.h"
#include "sync/search/search_index.h"

#include <memory>
#include <optional>

namespace gk {

struct KioskContext {
    HallContext hall;                                       // with the kiosk's elder default and idle timeout
    std::filesystem::path data_dir{};                       // <data_dir>/rime: the pinyin input's compiled schema
    std::uint64_t pdf_max_file_bytes = 50ull << 20;         // the largest PDF the reader opens (the sync's cap)
    std::filesystem::path pdf_helper = pdfPageHelperPath(); // the confined page renderer (tests: the build's)
};

class KioskApp final : public ScreenFace {
public:
    KioskApp(ScreenWindow& window, KioskContext context);

    // Shows a screen directly (screenshots): Home below it for Back.
    void show(const ScreenRef& ref) { m_nav.show(ref); }
    void setElder(bool elder);
    void setScroll(float offset);
    // Renders one frame at wall time now_s (settled: no fades) into the framebuffer.
    KioskScreenResult renderFrame(std::int64_t now_s, bool settled);
    KioskScreenResult renderFrame(HallTime now, bool settled);
    // One step of the loop at `now`: renders and applies what the resident did in it (the frame
    // loop presents). Returns what was done.
    KioskAction frame(const LoopTime& now);
    // The same at wall time now_s and monotonic time `now` in seconds (tests, benchmarks).
    KioskAction frame(std::int64_t now_s, double now) {
        return frame(LoopTime{HallTime{now_s, static_cast<std::uint64_t>(now * 1000.0)}});
    }
    // Time passing (monotonic seconds): inertia, and the idle countdown; when it has run out the
    // attract loop returns for the next resident.
    IdleStatus tick(double now);
    // Finger, mouse, wheel and key events; `now` in monotonic seconds.
    void handleEvent(const SDL_Event& event, double now);
    HallSession& hall() { return m_session; }

    // The frame loop's face.
    std::string name() const override { return "kiosk mode"; }
    std::string generation() const override { return m_session.content()->generation; }
    HallSession* session() override { return &m_session; }
    void tick(const LoopTime& now, bool staff_up) override;
    bool frameDue(const LoopTime& now) const override;
    FaceFrame drawFrame(const LoopTime& now) override;
    void invalidate() override { m_dirty = true; }
    void handleEvent(const SDL_Event& event, const LoopTime& now) override { handleEvent(event, now.seconds()); }
    std::int64_t waitMs(const LoopTime& now) const override;
    void pointerTaken() override;
    void staffApplied(const StaffRequest& request) override;
    void staffClosed() override;

    const Navigator& navigator() const { return m_session.navigator(); }
    float scrollOffset() const { return m_scroll.offset(); }
    const Page* page() const {
        const KioskPage* built = m_session.kioskFace().page();
        return built ? &built->page : nullptr;
    }
    float maxScrollOffset() const;
    KioskLayout layout() const;
    bool videoPlaying() const { return m_painter.videoPlaying(); } // the attract loop's video

private:
    // Search input: the keyboard (made when the search screen is first opened); the index and
    // the results are the session's (kiosk/core/search_session.h).
    struct Search {
        std::optional<KeyboardInput> keyboard;
        bool keyboard_shown = true;
    };
    struct Images : ImageLookup {
        explicit Images(ScreenWindow& window) : cache(window) {}
        ImTextureID texture(const PageImage& image) override;
        TextureCache cache;
    };
    KioskStyle style() const;
    void pointerDown(ImVec2 at, double now);
    void pointerMove(ImVec2 at, double now);
    void pointerUp(ImVec2 at, double now);
    void applyAction(const KioskAction& action, double now);
    bool searching() const { return m_nav.current().kind == ScreenKind::Search; }
    bool searchIndexPending() const { return m_session.search().pending(); }
    bool keyboardShown() const { return searching() && m_search.keyboard_shown; }
    ImVec2 screenSize() const;
    std::string searchText();  // the query and the pinyin being typed; makes the keyboard first
    void prepareSearch();      // starts building the index of the publish on screen, if not done
    TypedSearch typedSearch(); // what the keyboard holds, for the search page
    // The keyboard's frame: draws it in `area` (this frame's KioskLayout::keyboard) and applies a tap
    // on it. True when the tap was the keyboard's.
    bool keyboardFrame(const KioskStyle& style, const Rect& area, const ImVec2* tap);
    void applyKeyboard(const KeyboardAction& action, double now);
    void keyDown(int keycode, unsigned modifiers, double now);
    bool awaitingRedraw() const; // input, inertia or a pending tap

    ScreenWindow& m_window;
    KioskContext m_context;
    TextureCache m_card_textures; // the attract loop's images; before the session, which holds a pointer to it
    HallSession m_session;
    InfoPainter m_painter;
    Navigator& m_nav; // the session's
    KineticScroll m_scroll;
    Images m_images;
    AttachmentPages m_attachment_pages; // PDF pages, into m_images' cache
    Search m_search;
    std::optional<KeyboardAction> m_keyboard_action; // tapped in the last frame, applied after it
    // Input: a press becomes a tap on release unless it moved far enough to be a drag.
    PointerReader m_pointer;
    bool m_pressed = false;
    bool m_dragging = false;
    ImVec2 m_press_at{};
    ImVec2 m_last_move{};
    float m_pan = 0;          // of a zoomed PDF page, sideways (drawPage)
    ScreenRef m_pan_screen{}; // the screen m_pan is for
    std::optional<ImVec2> m_tap;
    IdleStatus m_idle;
    bool m_dirty = true;
    std::vector<ScreenWindow::Damage> m_damage; // of the last frame: what present() must show
    bool m_staff_up = false;
    // What the last frame showed, to know when the next one is due.
    std::int64_t m_drawn_second = -1, m_drawn_minute = -1;
    int m_drawn_countdown = -1;
    int m_turn_countdown = -1; // the idle countdown as this loop turn's tick left it
};

} // namespace gk
