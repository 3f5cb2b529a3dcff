// The staff panel on a running screen. See staff_overlay.h.
#include "kiosk/input/staff_overlay.h"

#include "display/kiosk/kiosk_style.h"

#include <cmath>
#include <ctime>
#include <utility>

namespace gk {

ImVec2 touchOnTurnedScreen(int rotation_deg, float a, float b) {
    switch (rotation_deg) {
    case 90: return ImVec2(1.0f - b, a);
    case 180: return ImVec2(1.0f - a, 1.0f - b);
    case 270: return ImVec2(b, 1.0f - a);
    default: return ImVec2(a, b);
    }
}

std::optional<PointerEvent> PointerReader::read(const SDL_Event& event, const ScreenWindow& window) {
    const float w = static_cast<float>(window.width()), h = static_cast<float>(window.height());
    using Kind = PointerEvent::Kind;
    switch (event.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        const SDL_TouchFingerEvent& f = event.tfinger;
        const bool followed = m_finger && m_finger->touch == f.touchId && m_finger->id == f.fingerId;
        // A finger still at rest after kStillFingerMs (a palm, or one whose lift never arrived)
        // gives way to a new one: nothing leaves the screen deaf to touch.
        const bool given_way =
            m_finger && event.type == SDL_FINGERDOWN && f.timestamp - m_finger->last_event_ms > kStillFingerMs;
        if (event.type == SDL_FINGERDOWN && (!m_finger || given_way))
            m_finger = Finger{f.touchId, f.fingerId, f.timestamp};
        else if (!followed)
            return std::nullopt; // another finger while one is down, or a stray one
        m_finger->last_event_ms = f.timestamp;
        if (event.type == SDL_FINGERUP) m_finger.reset();
        const Kind kind =
            event.type == SDL_FINGERDOWN ? Kind::Down : (event.type == SDL_FINGERUP ? Kind::Up : Kind::Move);
        const ImVec2 at = touchOnTurnedScreen(window.touchRotation(), f.x, f.y);
        return PointerEvent{kind, at.x * w, at.y * h};
    }
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT) return std::nullopt;
        return PointerEvent{event.type == SDL_MOUSEBUTTONDOWN ? Kind::Down : Kind::Up,
                            static_cast<float>(event.button.x), static_cast<float>(event.button.y)};
    case SDL_MOUSEMOTION:
        if (event.motion.which == SDL_TOUCH_MOUSEID) return std::nullopt;
        return PointerEvent{Kind::Move, static_cast<float>(event.motion.x), static_cast<float>(event.motion.y)};
    default: return std::nullopt;
    }
}

StaffOverlay::StaffOverlay(ScreenWindow& window, StaffPanelContext context)
    : m_window(window), m_panel(std::move(context), window.width(), window.height()) {}

bool StaffOverlay::handleEvent(const SDL_Event& event, std::int64_t now_ms) {
    m_panel.setScreenSize(m_window.width(), m_window.height()); // the compositor may have resized the window
    const std::optional<PointerEvent> p = m_pointer.read(event, m_window);
    if (!active()) {
        bool opened = false;
        const std::int64_t wall_s = std::time(nullptr);
        if (p && p->kind == PointerEvent::Kind::Down) opened = m_panel.press(p->x, p->y, now_ms, wall_s);
        if (p && p->kind == PointerEvent::Kind::Move) opened = m_panel.move(p->x, p->y, now_ms, wall_s);
        if (p && p->kind == PointerEvent::Kind::Up) opened = m_panel.release(now_ms, wall_s);
        m_dirty = m_dirty || opened;
        return opened;
    }
    // Input is the panel's; everything else (window, sync results, quit) is still the screen's.
    const bool input = p || event.type == SDL_KEYDOWN || event.type == SDL_KEYUP || event.type == SDL_TEXTINPUT ||
                       event.type == SDL_MOUSEWHEEL;
    if (!input) return false;
    m_dirty = true;
    // A tap: down and up within a finger's width of each other.
    if (p && p->kind == PointerEvent::Kind::Down) m_press = ImVec2(p->x, p->y);
    if (p && p->kind == PointerEvent::Kind::Up && m_press) {
        if (std::hypot(p->x - m_press->x, p->y - m_press->y) < 40.0f) m_tap = ImVec2(p->x, p->y);
        m_press.reset();
    }
    return true;
}

std::optional<std::int64_t> StaffOverlay::wakeIn(std::int64_t now_ms) const {
    if (active()) return 1000 - now_ms % 1000; // the lock countdown and the idle close
    if (const std::optional<std::int64_t> at = m_panel.gestureFiresAt()) return std::max<std::int64_t>(1, *at - now_ms);
    return std::nullopt;
}

StaffRequest StaffOverlay::frame(const Content& content, const StoreState& sync, std::int64_t now_s) {
    m_panel.closeIfIdle(now_s);
    const ImVec2 screen(static_cast<float>(m_window.width()), static_cast<float>(m_window.height()));
    const KioskStyle style = makeKioskStyle(m_window.width(), m_window.height(), false, m_window.fonts());
    m_panel.setRowsPerPage(staffRowsPerPage(style, screen));
    const std::optional<ImVec2> tap = std::exchange(m_tap, std::nullopt);
    const ImVec2* tap_at = tap ? &*tap : nullptr;
    m_window.beginFrame();
    StaffAction action;
    if (m_panel.phase() == StaffPanel::Phase::Pin)
        action = drawStaffPinPad(m_panel.pinView(now_s), style, screen, tap_at);
    else if (m_panel.phase() == StaffPanel::Phase::Open)
        action = drawStaffPanel(m_panel.panelView(content, sync, now_s), style, screen, tap_at);
    m_window.endFrame(style.background_rgb);
    const StaffRequest request = m_panel.apply(action, content, now_s);
    m_dirty = action.kind != StaffActionKind::None; // show its result at once
    if (request.sync_now && m_sync_now) m_sync_now();
    return request;
}

} // namespace gk
