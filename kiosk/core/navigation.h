// Kiosk-mode decisions as plain functions of data and time: where a tap leads (a history of
// screens with Back and Home), when an idle resident gets the 「继续阅读」 countdown and when the
// attract loop returns, and how a flicked page keeps scrolling. Tested without a window; the
// frame loop feeds it input and the clock. Must not include ImGui or GL.
#pragma once

#include "display/kiosk/screen_ref.h"

#include <vector>

namespace gk {

enum class IdlePhase { Active, Warning, Expired };

struct IdleStatus {
    IdlePhase phase = IdlePhase::Active;
    int seconds_left = 0; // during Warning: whole seconds until the attract loop returns (≥ 1)
};

inline constexpr double kIdleWarningS = 10.0;

// The resident last touched at last_input_s. After timeout_s of nothing, a kIdleWarningS
// countdown; after that, Expired. A clock that went backwards counts as activity.
IdleStatus idleStatusAt(double last_input_s, double now_s, double timeout_s);

// Where the resident is: the screen history (the attract loop below everything), elder mode and
// the scroll position of each screen in the history.
class Navigator {
public:
    explicit Navigator(bool elder_default = false, double idle_timeout_s = 120.0);

    const ScreenRef& current() const { return m_stack.back().ref; }
    bool attract() const { return current().kind == ScreenKind::Attract; }
    bool elder() const { return m_elder; }
    // Staff changed the default: the next resident (after the attract loop) starts with it.
    void setElderDefault(bool on) { m_elder_default = on; }
    bool canGoBack() const { return m_stack.size() > 2; } // Home is the bottom of a visit
    float scroll() const { return m_stack.back().scroll; }
    void setScroll(float offset) { m_stack.back().scroll = offset; }
    // The search screen's query changed: the entry keeps it (Back from a result returns to it),
    // and its results start at the top.
    void setCurrentId(std::string id) {
        m_stack.back().ref.id = std::move(id);
        m_stack.back().scroll = 0.0f;
    }

    // Applies what the resident did at now_s (any action counts as activity). Returns true when
    // the screen changed.
    bool apply(const KioskAction& action, double now_s);
    // A touch that was not an action (a drag, a tap on text): activity only.
    void noteInput(double now_s) { m_last_input_s = now_s; }
    // Idle handling at now_s: returns to the attract loop (and the default elder mode, for the
    // next resident) once the countdown ran out. Returns the status to show.
    IdleStatus tick(double now_s);
    // Opens a screen directly (screenshots, the staff preview): Home below it.
    void show(const ScreenRef& ref);

private:
    struct Entry {
        ScreenRef ref;
        float scroll = 0.0f;
    };
    void resetToAttract();

    std::vector<Entry> m_stack;
    bool m_elder_default;
    bool m_elder;
    double m_idle_timeout_s;
    double m_last_input_s = 0.0;
};

// Drag-to-scroll with inertia. Offsets grow downwards through the content (0 = top). Positions
// are pixels, times seconds.
class KineticScroll {
public:
    void setBounds(float max_offset); // content height minus viewport height (≥ 0)
    void setOffset(float offset);
    float offset() const { return m_offset; }
    bool moving() const { return m_velocity != 0.0f; }

    void press(float y, double t);
    void drag(float y, double t); // the finger moved: the content follows it
    void release(double t);       // a flick keeps going with the finger's recent speed
    // Advances the inertia to time t (friction; stops at the ends). Returns true if it moved.
    bool step(double t);

private:
    float m_offset = 0.0f;
    float m_max = 0.0f;
    float m_velocity = 0.0f; // pixels per second, in offset direction
    bool m_pressed = false;
    float m_last_y = 0.0f;
    double m_last_t = 0.0;
    float m_finger_velocity = 0.0f;
};

} // namespace gk
