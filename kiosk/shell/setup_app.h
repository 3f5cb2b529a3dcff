// The screen of a device with no portal (display/info/setup_screen.h) as a face of the frame loop
// (kiosk/shell/frame_loop.h): it stays up, quietly redrawn only when the window changes, until the
// config names a portal (re-read every few seconds), a stop signal, or the display going away.
// Only the main thread uses it.
#pragma once

#include "display/info/setup_screen.h"
#include "kiosk/platform/screen_window.h"

#include <functional>
#include <optional>
#include <string>

namespace gk {

// Draws `view` until `configured(problem)` is true (asked every kSetupRecheckMs): then returns
// nullopt, and the caller goes on to sync and run. Until then `problem` is the config's first
// problem, or empty, and is shown. Returns the exit code otherwise (0 on SIGTERM).
inline constexpr int kSetupRecheckMs = 3000;
std::optional<int> runSetupScreen(ScreenWindow& window, SetupScreenView view, bool windowed,
                                  const std::function<bool(std::string& problem)>& configured);

// One frame of the screen into the window's framebuffer (for `screenshot`).
void renderSetupFrame(ScreenWindow& window, const SetupScreenView& view);

} // namespace gk
