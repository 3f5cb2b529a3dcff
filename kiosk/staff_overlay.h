// The staff panel on a running screen: watches SDL input for the hidden gesture, then takes all
// input while the PIN pad or the panel is up, draws them over the whole screen (full frames) and
// hands the screen what it must do (kiosk/staff_panel.h StaffRequest). Shared by display mode and
// kiosk mode; main thread only.
#pragma once

#include "kiosk/gl_window.h"
#include "kiosk/staff_panel.h"

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
std::optional<PointerEvent> readPointer(const SDL_Event& event, int screen_w, int screen_h);

class StaffOverlay {
public:
    StaffOverlay(GlWindow& window, StaffPanelContext context);
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
    GlWindow& m_window;
    StaffPanel m_panel;
    std::function<void()> m_sync_now;
    std::optional<ImVec2> m_press;
    std::optional<ImVec2> m_tap;
    bool m_dirty = true;
};

} // namespace gk
