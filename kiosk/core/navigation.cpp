// Kiosk navigation, idle timer and kinetic scrolling. See navigation.h.
#include "kiosk/core/navigation.h"

#include <algorithm>
#include <cmath>

namespace gk {

IdleStatus idleStatusAt(double last_input_s, double now_s, double timeout_s) {
    const double idle = now_s - last_input_s;
    if (idle < timeout_s) return {IdlePhase::Active, 0};
    const double left = timeout_s + kIdleWarningS - idle;
    if (left <= 0.0) return {IdlePhase::Expired, 0};
    return {IdlePhase::Warning, static_cast<int>(std::ceil(left))};
}

Navigator::Navigator(bool elder_default, double idle_timeout_s)
    : m_elder_default(elder_default), m_elder(elder_default), m_idle_timeout_s(idle_timeout_s) {
    resetToAttract();
}

void Navigator::resetToAttract() {
    m_stack.assign(1, Entry{ScreenRef{ScreenKind::Attract, {}}, 0.0f});
    m_elder = m_elder_default;
}

void Navigator::show(const ScreenRef& ref) {
    resetToAttract();
    if (ref.kind == ScreenKind::Attract) return;
    m_stack.push_back(Entry{ScreenRef{ScreenKind::Home, {}}, 0.0f});
    if (ref.kind != ScreenKind::Home) m_stack.push_back(Entry{ref, 0.0f});
}

bool Navigator::apply(const KioskAction& action, double now_s) {
    m_last_input_s = now_s;
    switch (action.kind) {
    case KioskActionKind::Start:
        if (!attract()) return false;
        m_stack.push_back(Entry{ScreenRef{ScreenKind::Home, {}}, 0.0f});
        return true;
    case KioskActionKind::Open:
        if (action.target.kind == ScreenKind::Attract || action.target == current()) return false;
        if (action.target.kind == ScreenKind::Home) return apply({KioskActionKind::Home, {}}, now_s);
        // From the attract loop (its urgent banner): home comes first, so that Back leads there.
        if (attract()) m_stack.push_back(Entry{ScreenRef{ScreenKind::Home, {}}, 0.0f});
        m_stack.push_back(Entry{action.target, 0.0f});
        return true;
    case KioskActionKind::Back:
        if (!canGoBack()) return false;
        m_stack.pop_back();
        return true;
    case KioskActionKind::Home:
        if (m_stack.size() <= 2) return false;
        m_stack.resize(2);
        m_stack.back().scroll = 0.0f;
        return true;
    case KioskActionKind::ToggleElder:
        m_elder = !m_elder;
        for (Entry& entry : m_stack) entry.scroll = 0.0f; // the layout reflows: start each page at its top
        return true;
    case KioskActionKind::TurnPage:
        if (action.target.kind != current().kind || action.target == current()) return false;
        setCurrentId(action.target.id);
        return true;
    case KioskActionKind::ContinueReading:
    case KioskActionKind::PageUp: // scrolling is the frame loop's (KineticScroll)
    case KioskActionKind::PageDown:
    case KioskActionKind::EditSearch: // the keyboard is the frame loop's
    case KioskActionKind::None: return false;
    }
    return false;
}

IdleStatus Navigator::tick(double now_s) {
    if (attract()) return {};
    if (now_s < m_last_input_s) m_last_input_s = now_s;
    const IdleStatus status = idleStatusAt(m_last_input_s, now_s, m_idle_timeout_s);
    if (status.phase == IdlePhase::Expired) resetToAttract();
    return status;
}

namespace {
constexpr float kFrictionPerS = 4.0f; // velocity decays as e^(-4 t): a flick glides ~0.7 s
constexpr float kStopSpeed = 20.0f;   // px/s below which the page stops
constexpr float kMaxFlickSpeed = 6000.0f;
} // namespace

void KineticScroll::setBounds(float max_offset) {
    m_max = std::max(0.0f, max_offset);
    m_offset = std::clamp(m_offset, 0.0f, m_max);
}

void KineticScroll::setOffset(float offset) {
    m_offset = std::clamp(offset, 0.0f, m_max);
    m_velocity = 0.0f;
}

void KineticScroll::press(float y, double t) {
    m_pressed = true;
    m_velocity = 0.0f;
    m_finger_velocity = 0.0f;
    m_last_y = y;
    m_last_t = t;
}

void KineticScroll::drag(float y, double t) {
    if (!m_pressed) return press(y, t);
    const float dy = y - m_last_y;
    m_offset = std::clamp(m_offset - dy, 0.0f, m_max);
    const double dt = t - m_last_t;
    if (dt > 1e-4) {
        // Smoothed finger speed: the last few motion events decide the flick.
        const float instant = static_cast<float>(-dy / dt);
        m_finger_velocity = 0.6f * instant + 0.4f * m_finger_velocity;
    }
    m_last_y = y;
    m_last_t = t;
}

void KineticScroll::release(double t) {
    if (!m_pressed) return;
    m_pressed = false;
    // A finger that rested before lifting does not flick.
    const bool rested = t - m_last_t > 0.1;
    m_velocity = rested ? 0.0f : std::clamp(m_finger_velocity, -kMaxFlickSpeed, kMaxFlickSpeed);
    if (std::fabs(m_velocity) < kStopSpeed) m_velocity = 0.0f;
    m_last_t = t;
}

bool KineticScroll::step(double t) {
    if (m_pressed || m_velocity == 0.0f) {
        m_last_t = t;
        return false;
    }
    const float dt = static_cast<float>(std::clamp(t - m_last_t, 0.0, 0.1));
    m_last_t = t;
    const float decay = std::exp(-kFrictionPerS * dt);
    // Distance travelled while the velocity decays over dt (exact integral of v·e^(-kt)).
    const float before = m_offset;
    m_offset = std::clamp(m_offset + m_velocity * (1.0f - decay) / kFrictionPerS, 0.0f, m_max);
    m_velocity *= decay;
    if (std::fabs(m_velocity) < kStopSpeed || m_offset == 0.0f || m_offset == m_max) m_velocity = 0.0f;
    return m_offset != before;
}

} // namespace gk
