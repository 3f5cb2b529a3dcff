// Drawing the information screen. See info_painter.h.
#include "kiosk/shell/info_painter.h"

#include <cmath>
#include <utility>

namespace gk {

std::size_t InfoPainter::pagesOf(const InfoScreenView& view) {
    return infoCardPages(view, m_theme, m_window.fonts(),
                         ImVec2(static_cast<float>(m_window.width()), static_cast<float>(m_window.height())),
                         m_card_text);
}

InfoLayout InfoPainter::layout() const {
    const InfoScreenView& view = m_session.infoView();
    return layoutInfoScreen(
        m_theme,
        ImVec2(static_cast<float>(m_window.width()), static_cast<float>(m_window.height()) - view.reserved_bottom),
        view);
}

bool InfoPainter::relayout(float reserved_bottom) {
    const int width = m_window.width(), height = m_window.height();
    const bool resized = width != m_laid_out_width || height != m_laid_out_height;
    if (resized) {
        m_laid_out_width = width;
        m_laid_out_height = height;
        m_theme = makeTheme(width, height);
        m_session.rebuild();
        m_changes.clear();
    }
    m_session.setShape(m_theme.portrait, reserved_bottom);
    return resized;
}

unsigned InfoPainter::withChangesSinceBackBuffer(unsigned regions) const {
    // A back buffer drawn `age` presents ago lacks what the age - 1 frames since then changed.
    const int age = m_window.backBufferAge();
    for (int i = 0; i + 1 < age; ++i) {
        const unsigned changed = m_changes[static_cast<size_t>(i)];
        if (changed == kInfoAll) return kInfoAll;
        regions |= changed;
    }
    return regions;
}

bool InfoPainter::partialRedrawSafe() const {
    // Only a framebuffer whose picture is known (it holds the last one), or one drawn `age` frames
    // ago with the frames drawn since then remembered.
    const int age = m_window.backBufferAge();
    // (A new window size needs no check here: paint lays out again and draws whole first.)
    return age >= 1 && static_cast<size_t>(age - 1) <= m_changes.size();
}

unsigned InfoPainter::followVideo(HallTime now, bool settled) {
    const InfoScreenView& view = m_session.infoView();
    m_hold = false;
    if (!view.card.video || m_video_stopped) {
        m_video.stop();
        m_session.setVideoFrame(std::nullopt);
        return 0;
    }
    const Rect box = layout().video;
    const VideoSlot::Step step =
        m_video.follow(*view.card.video, m_session.slotKey(), ImVec2(box.width(), box.height()), settled);
    m_session.setVideoFrame(m_video.frame());
    if (step.over) m_session.endSlot(now.wall_s); // the next frame shows the next item
    m_hold = step.first_frame_pending && view.card.video->full_screen;
    return step.new_frame ? static_cast<unsigned>(kInfoVideo) : 0u;
}

std::vector<ScreenWindow::Damage> InfoPainter::paint(HallTime now, bool settled, bool partial, float reserved_bottom,
                                                     const std::function<void()>& overlay) {
    if (relayout(reserved_bottom)) partial = false; // laid out for a new size: everything is drawn again
    m_window.beginFrame();                          // the session measures a new card's pages with the fonts
    unsigned changed = m_session.advance(now, settled);
    const unsigned video = followVideo(now, settled);
    if (changed != kInfoAll) changed |= video;
    const InfoScreenView& view = m_session.infoView();
    const bool full_screen_video = view.card.video && view.card.video->full_screen;
    // A full-screen video covers the clock and the ticker: only its picture changes.
    const bool video_unchanged = full_screen_video && changed != kInfoAll && (changed & kInfoVideo) == 0;
    if ((m_hold || video_unchanged) && partial) {          // nothing drawn, nothing shown: the last picture stays
        m_whole_after_hold = m_whole_after_hold || m_hold; // until the first frame, drawn whole
        m_changes.insert(m_changes.begin(), 0u + kInfoVideo);
        if (m_changes.size() > kChangeHistory) m_changes.pop_back();
        const std::vector<ScreenWindow::Damage> nothing{ScreenWindow::Damage{0, 0, 0, 0}};
        m_window.endFrame(m_theme.background_rgb, nothing);
        return nothing;
    }
    if (std::exchange(m_whole_after_hold, false)) changed = kInfoAll;
    if (full_screen_video && changed != kInfoAll) changed = kInfoVideo;
    unsigned regions = partial ? withChangesSinceBackBuffer(changed) : kInfoAll;
    if (full_screen_video && regions != kInfoAll) regions = kInfoVideo;
    m_changes.insert(m_changes.begin(), changed);
    if (m_changes.size() > kChangeHistory) m_changes.pop_back();
    drawInfoScreen(m_session.infoView(), m_theme, m_window.fonts(), m_card_text, regions);
    if (regions == kInfoAll) {
        if (overlay) overlay(); // the overlay lies outside the clock and the ticker: partial frames keep it
        m_window.endFrame(m_theme.background_rgb);
        return {};
    }
    const InfoLayout l = layout();
    const auto box = [](const Rect& r) {
        return ScreenWindow::Damage{static_cast<int>(r.min.x), static_cast<int>(r.min.y),
                                    static_cast<int>(std::ceil(r.width())), static_cast<int>(std::ceil(r.height()))};
    };
    std::vector<ScreenWindow::Damage> damage;
    if ((regions & kInfoClock) != 0) damage.push_back(box(l.clock));
    if ((regions & kInfoTicker) != 0) damage.push_back(box(l.ticker));
    if ((regions & kInfoCard) != 0) damage.push_back(box(l.card));
    if ((regions & kInfoVideo) != 0 && (regions & kInfoCard) == 0) damage.push_back(box(l.video));
    m_window.endFrame(m_theme.background_rgb, damage);
    return damage;
}

} // namespace gk
