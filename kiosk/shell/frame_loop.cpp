// The frame loop. See frame_loop.h.
#include "kiosk/shell/frame_loop.h"

#include "kiosk/core/log.h"
#include "kiosk/services/watchdog.h"
#include "kiosk/shell/stop_signal.h"

#include <imgui_impl_sdl2.h>

#include <algorithm>
#include <chrono>

namespace gk {

LoopTime loopTimeNow() {
    const std::int64_t wall_s =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return LoopTime{HallTime{wall_s, SDL_GetTicks64()}};
}

std::int64_t msUntilSecond(std::int64_t next_s) {
    const auto next = std::chrono::system_clock::time_point(std::chrono::seconds(next_s));
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(next - std::chrono::system_clock::now()).count();
    return std::clamp<std::int64_t>(ms + 1, 1, kStillFrameMs);
}

std::function<void()> FrameLoop::wakeFunction() {
    if (m_wake_event == 0) m_wake_event = SDL_RegisterEvents(1);
    return [type = m_wake_event] {
        SDL_Event event{};
        event.type = type;
        SDL_PushEvent(&event); // thread-safe; wakes SDL_WaitEventTimeout
    };
}

std::optional<int> FrameLoop::staffFrame(ScreenFace& face, const LoopTime& now) {
    HallSession* session = face.session();
    const StaffRequest request = m_staff->frame(*session->published(), session->syncState(), now.hall.wall_s);
    m_window.present();
    const StaffOutcome outcome = session->applyStaffRequest(request, now.hall.wall_s);
    face.staffApplied(request);
    face.invalidate(); // the panel covered the whole screen
    if (!m_staff->active()) face.staffClosed();
    if (outcome.switch_to) m_switch_to = outcome.switch_to;
    if (outcome.end_run) return 0;
    return std::nullopt;
}

int FrameLoop::run(ScreenFace& face) {
    StaffOverlay* staff = face.session() != nullptr ? m_staff : nullptr; // the panel acts on a session
    bool drawn = false;
    std::int64_t drawn_second = -1;
    for (;;) {
        if (stopRequested()) return 0; // systemd stops the unit: the session records the item on screen
        if (face.finished()) return 0;
        Watchdog::instance().frameAlive(drawn); // READY=1 after the first frame, then pings
        programLog().flushSuppressed();         // a flood that has stopped gets its summary line now, not hours later
        const LoopTime now = loopTimeNow();
        const bool staff_up = staff != nullptr && staff->active();
        face.tick(now, staff_up);
        if (m_window.refreshSize()) face.invalidate(); // laid out again for the new size, drawn whole
        if (!m_window.drawable()) {
            // Nothing to draw into until the compositor gives the window a size again.
        } else if (staff_up) {
            if (staff->needsRedraw() || now.hall.wall_s != drawn_second) {
                if (const std::optional<int> code = staffFrame(face, now)) return *code;
                drawn_second = now.hall.wall_s;
                if (staff->needsRedraw()) continue;
            }
        } else if (face.frameDue(now)) {
            const FaceFrame frame = face.drawFrame(now);
            if (frame.rotation_shown && m_screenshots != nullptr && m_screenshots->due(now.hall.wall_s))
                m_screenshots->put(takeScreenshot(m_window, now.hall.wall_s)); // the framebuffer holds it whole
            m_window.present(frame.damage);
            // (The no-portal screen has logged why it is up: its first frame says nothing new.)
            if (!drawn && face.session() != nullptr) logFirstFrame(m_window, face.name(), face.generation());
            drawn = true;
            drawn_second = now.hall.wall_s;
            if (frame.again) continue;
        }
        std::int64_t wait_ms = face.waitMs(now);
        if (staff != nullptr)
            if (const std::optional<std::int64_t> staff_ms = staff->wakeIn(static_cast<std::int64_t>(SDL_GetTicks64())))
                wait_ms = std::min(wait_ms, *staff_ms);
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, static_cast<int>(std::max<std::int64_t>(wait_ms, 1))) == 0) {
            // The staff gesture fires while a finger is held still, with no event.
            if (staff != nullptr && staff->poll(static_cast<std::int64_t>(SDL_GetTicks64()))) face.pointerTaken();
            continue;
        }
        do {
            ImGui_ImplSDL2_ProcessEvent(&event);
            if (event.type == SDL_QUIT) return quitExitCode(m_allow_quit);
            if (m_wake_event != 0 && event.type == m_wake_event && face.session() != nullptr) {
                if (face.session()->takePosted(loopTimeNow().hall.wall_s) && staff != nullptr) staff->syncReported();
                face.invalidate();
                continue;
            }
            if (staff != nullptr && staff->handleEvent(event, static_cast<std::int64_t>(SDL_GetTicks64()))) {
                face.pointerTaken(); // the press that opened the panel is not the resident's
                continue;
            }
            if (event.type == SDL_WINDOWEVENT) face.invalidate();
            face.handleEvent(event, loopTimeNow());
        } while (SDL_PollEvent(&event) != 0);
    }
}

} // namespace gk
