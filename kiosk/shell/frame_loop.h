// The one frame loop of the program. It owns what every screen needs from the machine: the window
// (its size as the compositor gives it, exposes, a whole redraw after either), frame pacing (it
// sleeps until the face's next change or an event), presenting with damage, SIGTERM, the systemd
// watchdog, the staff panel over the screen, the sync worker's wake-ups and the heartbeat's
// screenshot slot. A face (the information screen, the kiosk, the no-portal screen) says when it
// has something new to draw, draws it, and takes the input that is its own. Main thread only.
#pragma once

#include "kiosk/core/hall_session.h"
#include "kiosk/input/staff_overlay.h"
#include "kiosk/platform/screen_window.h"
#include "kiosk/platform/screenshot.h"

#include <SDL.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gk {

// Frame pacing: while something moves, how often it is drawn.
inline constexpr std::int64_t kFadeFrameMs = 40;      // 25 frames per second during the card's fade
inline constexpr std::int64_t kTickerFrameMs = 50;    // the ticker moves at 20 frames per second
inline constexpr std::int64_t kAnimationFrameMs = 16; // a finger scrolling a page: 60 per second
inline constexpr std::int64_t kStillFrameMs = 1000;   // nothing moves: the clock's next second at most

// The time of one loop turn.
struct LoopTime {
    HallTime hall; // wall seconds (what is shown) and steady milliseconds (what moves)
    double seconds() const { return static_cast<double>(hall.steady_ms) / 1000.0; }
};
LoopTime loopTimeNow();

// How long to sleep until the wall clock's second `next_s` (at least 1 ms, at most kStillFrameMs,
// so that a wall clock stepped back cannot turn the wait into days of a frozen screen).
std::int64_t msUntilSecond(std::int64_t next_s);

struct FaceFrame {
    std::vector<ScreenWindow::Damage> damage; // empty: the whole picture is new
    bool again = false;                       // something was done: draw its result at once
    bool rotation_shown = false;              // the information screen is what shows (for screenshots)
};

class ScreenFace {
public:
    virtual ~ScreenFace() = default;
    virtual std::string name() const = 0;                            // for the first frame's log line
    virtual std::string generation() const { return ""; }            // the publish shown, for the same line
    virtual HallSession* session() { return nullptr; }               // the no-portal screen has none
    virtual void tick(const LoopTime& /*now*/, bool /*staff_up*/) {} // every loop turn, before drawing
    virtual bool frameDue(const LoopTime& now) const = 0;
    // Draws into the framebuffer; `partial_ok`: the framebuffer still holds an earlier picture of
    // this face, so the face may draw only what changed (it says so in the damage it returns).
    virtual FaceFrame drawFrame(const LoopTime& now) = 0;
    virtual void invalidate() = 0; // the next frame is drawn whole
    virtual void handleEvent(const SDL_Event& event, const LoopTime& now) = 0;
    virtual std::int64_t waitMs(const LoopTime& now) const = 0;
    virtual void pointerTaken() {}                                // the staff panel took the finger
    virtual void staffApplied(const StaffRequest& /*request*/) {} // after the session applied it
    virtual void staffClosed() {}                                 // the panel is gone: what it covered is drawn anew
    // When the face wants the loop to end without an exit code of its own (the no-portal screen,
    // once configured): then run() returns 0.
    virtual bool finished() const { return false; }
};

class FrameLoop {
public:
    FrameLoop(ScreenWindow& window, bool allow_quit) : m_window(window), m_allow_quit(allow_quit) {}
    // The staff panel of a running screen (null: none). Must outlive the loop.
    void setStaffOverlay(StaffOverlay* staff) { m_staff = staff; }
    // Where a picture of the rotation goes when one is due for the heartbeat (null: none).
    void setScreenshots(ScreenshotSlot* screenshots) { m_screenshots = screenshots; }
    // The SDL event the sync worker's post() pushes: call before the worker starts.
    std::function<void()> wakeFunction();

    // Runs `face` until SIGTERM, the window's end (when allowed), staff's end of the run or the
    // face's finish. Returns the exit code; switchRequested() then says whether staff asked for the
    // other mode.
    int run(ScreenFace& face);
    std::optional<DeviceMode> switchRequested() const { return m_switch_to; }

private:
    std::optional<int> staffFrame(ScreenFace& face, const LoopTime& now);

    ScreenWindow& m_window;
    bool m_allow_quit;
    StaffOverlay* m_staff = nullptr;
    ScreenshotSlot* m_screenshots = nullptr;
    std::uint32_t m_wake_event = 0;
    std::optional<DeviceMode> m_switch_to;
};

} // namespace gk
