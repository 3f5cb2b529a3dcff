// Display mode. See display_app.h.
#include "kiosk/shell/display_app.h"

#include <algorithm>

namespace gk {

DisplayApp::DisplayApp(ScreenWindow& window, HallContext context)
    : m_textures(window), m_session(std::move(context)), m_painter(window, m_session) {
    m_session.setImages(&m_textures);
}

std::vector<ScreenWindow::Damage> DisplayApp::renderFrame(std::int64_t now_s, bool settled, bool partial) {
    return m_painter.paint(HallTime{now_s, SDL_GetTicks64()}, settled, partial);
}

void DisplayApp::tick(const LoopTime& now, bool staff_up) {
    m_staff_up = staff_up;
    m_session.setCovered(staff_up, now.hall.wall_s);
}

bool DisplayApp::frameDue(const LoopTime& now) const {
    return m_dirty || m_session.fading(now.hall.steady_ms) || m_session.ticking() ||
           now.hall.wall_s != m_drawn_second || m_painter.videoWoken();
}

FaceFrame DisplayApp::drawFrame(const LoopTime& now) {
    FaceFrame frame;
    frame.damage = m_painter.paint(now.hall, false, !m_dirty && m_painter.partialRedrawSafe());
    frame.rotation_shown = true;
    m_dirty = false;
    m_drawn_second = now.hall.wall_s;
    return frame;
}

void DisplayApp::handleEvent(const SDL_Event& event, const LoopTime& /*now*/) {
    if (event.type == SDL_MOUSEBUTTONUP || event.type == SDL_FINGERUP) m_dirty = true;
}

std::int64_t DisplayApp::waitMs(const LoopTime& now) const {
    // Sleep until the next thing that changes the picture: the next clock second, a rotation
    // step, the next fade or ticker frame.
    std::int64_t wait_ms = msUntilSecond(m_session.nextWake(now.hall.wall_s));
    if (m_staff_up) return wait_ms;
    if (m_session.fading(now.hall.steady_ms)) wait_ms = std::min(wait_ms, kFadeFrameMs);
    if (m_session.ticking()) wait_ms = std::min(wait_ms, kTickerFrameMs);
    return wait_ms;
}

} // namespace gk
