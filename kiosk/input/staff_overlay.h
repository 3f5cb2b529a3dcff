// The staff panel on a running screen: watches SDL input for the hidden gesture, then takes all
// input while the PIN pad or the panel is up, draws them over the whole screen (full frames) and
// hands the screen what it must do (kiosk/staff/staff_panel.h StaffRequest). Shared by display mode and
// kiosk mode; main thread only.
#pragma once

#include "kiosk/platform/screen_window.h"
#include "kiosk/staff/staff_panel.h"

#include <SDL.h>

#include <cstdint>
#include <ctime>
#include <functional>
#include <optional>

namespace gk {

// A finger, or the left mouse button of a windowed run, in screen pixels.
struct PointerEvent {
    enum class Kind { Down, Move, Up } kind;
    float x = 0, y = 0;
};

// Where a finger really is, as fractions of the screen, from where cage says it is. cage 0.1.4
// turns the picture of a rotated output (-r) but not touch: it maps the panel's own touch
// coordinates (a, b), unturned, onto the turned screen. For the picture turned clockwise by
// rotation_deg (0, 90, 180, 270) this turns them back. Seen under cage's X11 backend: at 90° the
// screen's top runs along the panel's left edge and its left along the panel's bottom.
ImVec2 touchOnTurnedScreen(int rotation_deg, float a, float b);

// One pointer from SDL's finger and mouse events. A touch screen reports every finger: the first
// one down is followed until it lifts, and the others meanwhile are ignored, so a second finger or
// a resting palm never taps, drags or turns one tap into two (one at rest for 3 s gives way to a
// new finger). SDL's mouse events made from touch
// are ignored (the finger events carry the touch).
class PointerReader {
public:
    // Finger positions are corrected for window.touchRotation() (see touchOnTurnedScreen).
    std::optional<PointerEvent> read(const SDL_Event& event, const ScreenWindow& window);
    // Forgets the finger being followed (someone else took the events, e.g. the staff panel).
    void reset() { m_finger.reset(); }

private:
    static constexpr Uint32 kStillFingerMs = 3000;
    struct Finger {
        SDL_TouchID touch;
        SDL_FingerID id;
        Uint32 last_event_ms; // SDL's event time
    };
    std::optional<Finger> m_finger;
};

class StaffOverlay {
public:
    StaffOverlay(ScreenWindow& window, StaffPanelContext context);
    // What 立即同步 does (the sync worker's syncNow); unset: the button does nothing.
    void setSyncNow(std::function<void()> sync_now) { m_sync_now = std::move(sync_now); }

    bool active() const { return m_panel.active(); }
    // True when the event was the panel's (it is up, or the gesture just opened it): the screen
    // must not act on it, and must forget a press it saw begin.
    bool handleEvent(const SDL_Event& event, std::int64_t now_ms);
    // The gesture fires while the finger is held still, with no event: call at each wake-up.
    bool poll(std::int64_t now_ms) { return m_panel.poll(now_ms, std::time(nullptr)); }
    // How long the loop may sleep before the gesture or the idle close needs it (ms), if at all.
    std::optional<std::int64_t> wakeIn(std::int64_t now_ms) const;
    // One full frame of the panel at wall time now_s, then the requests of what was tapped.
    StaffRequest frame(const Content& content, const StoreState& sync, std::int64_t now_s);
    void syncReported() { m_panel.syncReported(); }
    StaffPanel& panel() { return m_panel; }
    // Input arrived or an action was applied since the last frame: draw again now.
    bool needsRedraw() const { return m_dirty; }

private:
    ScreenWindow& m_window;
    StaffPanel m_panel;
    std::function<void()> m_sync_now;
    PointerReader m_pointer;
    std::optional<ImVec2> m_press;
    std::optional<ImVec2> m_tap;
    bool m_dirty = true;
};

} // namespace gk
