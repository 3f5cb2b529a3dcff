// Draws a hall session's information screen into the window: lays it out for the window's size
// (theme, portrait), and when only a few boxes changed (the clock, the ticker, the fading card)
// and the framebuffer still holds an earlier picture, redraws only those boxes. Used by both faces:
// the display screen, and the kiosk's attract loop. Main thread only.
#pragma once

#include "display/info/info_screen.h"
#include "display/theme.h"
#include "kiosk/core/hall_session.h"
#include "kiosk/platform/screen_window.h"
#include "kiosk/shell/video_slot.h"

#include <functional>
#include <vector>

namespace gk {

// Also the session's CardPager: it measures a card's pages with the window's fonts.
class InfoPainter final : public CardPager {
public:
    InfoPainter(ScreenWindow& window, HallSession& session) : m_window(window), m_session(session), m_video(window) {
        m_session.setPager(this);
    }
    ~InfoPainter() override { m_session.setPager(nullptr); }
    InfoPainter(const InfoPainter&) = delete;
    InfoPainter& operator=(const InfoPainter&) = delete;

    std::size_t pagesOf(const InfoScreenView& view) override;
    std::size_t referencePagesOf(const InfoCard& card, bool portrait) override {
        return referenceCardPages(card, portrait, m_window.fonts(), m_reference_text);
    }

    // One frame at `now` into the framebuffer. `settled` skips the fade (screenshots); `partial`
    // allows redrawing only the boxes that changed. `overlay`, when set, draws on top (the kiosk's
    // attract prompt, outside the clock and the ticker). `reserved_bottom` pixels stay free below.
    // Returns the boxes drawn when the frame was partial (empty: the whole screen): present() them.
    std::vector<ScreenWindow::Damage> paint(HallTime now, bool settled, bool partial, float reserved_bottom = 0,
                                            const std::function<void()>& overlay = nullptr);
    // Whether the framebuffer still holds the last picture, so that a frame may redraw only the
    // boxes that changed.
    bool partialRedrawSafe() const;
    // The framebuffer's picture is unknown from here on (something else was drawn): the next
    // partial frame is whole.
    void forgetHistory() { m_changes.clear(); }
    InfoLayout layout() const;
    // A video card's player asked for the loop since the last frame (a frame may be due).
    bool videoWoken() const { return m_video.woken(); }
    bool videoPlaying() const { return m_video.playing(); }
    VideoStatus videoStatus() const { return m_video.status(); }
    // A resident is touching the kiosk, or reading its pages: the video stops at once and does not
    // start again while so.
    void setVideoStopped(bool stopped) {
        m_video_stopped = stopped;
        if (stopped) m_video.stop();
    }

private:
    // Lays the screen out for the window's size when it changed (theme, portrait); true then.
    bool relayout(float reserved_bottom);
    unsigned withChangesSinceBackBuffer(unsigned regions) const;
    // Plays the card's video (or stops it) and puts its frame into the view: the regions its new
    // frame needs redrawn (kInfoVideo, or none). Sets m_hold when a full-screen video has no frame yet.
    unsigned followVideo(HallTime now, bool settled);

    ScreenWindow& m_window;
    HallSession& m_session;
    Theme m_theme;
    CardTextCache m_card_text;
    CardTextCache m_reference_text;                    // cards measured on the reference screen
    int m_laid_out_width = -1, m_laid_out_height = -1; // the size m_theme is for
    // How each of the last frames differed from the one before, newest first (kInfoAll: all of
    // it), for framebuffers older than the last frame; emptied when the screen must be drawn whole.
    static constexpr size_t kChangeHistory = 3;
    std::vector<unsigned> m_changes;
    VideoSlot m_video;
    // A full-screen video opened without a frame yet: the picture before it stays on screen (no
    // black flash), and its first frame is drawn whole.
    bool m_hold = false;
    bool m_whole_after_hold = false;
    bool m_video_stopped = false;
};

} // namespace gk
