// Drawing the information screen. See info_painter.h.
#include "kiosk/shell/info_painter.h"

#include <cmath>

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

std::vector<ScreenWindow::Damage> InfoPainter::paint(HallTime now, bool settled, bool partial, float reserved_bottom,
                                                     const std::function<void()>& overlay) {
    if (relayout(reserved_bottom)) partial = false; // laid out for a new size: everything is drawn again
    m_window.beginFrame();                          // the session measures a new card's pages with the fonts
    const unsigned changed = m_session.advance(now, settled);
    const unsigned regions = partial ? withChangesSinceBackBuffer(changed) : kInfoAll;
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
    m_window.endFrame(m_theme.background_rgb, damage);
    return damage;
}

} // namespace gk
