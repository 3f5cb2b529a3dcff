// The no-portal screen's loop. See setup_app.h.
#include "kiosk/setup_app.h"

#include "kiosk/stop_signal.h"
#include "kiosk/watchdog.h"

#include <imgui_impl_sdl2.h>

namespace gk {

void renderSetupFrame(GlWindow& window, const SetupScreenView& view) {
    const Theme theme = makeTheme(window.width(), window.height());
    window.beginFrame();
    drawSetupScreen(view, theme, window.fonts());
    window.endFrame(theme.background_rgb);
}

std::optional<int> runSetupScreen(GlWindow& window, SetupScreenView view, bool windowed,
                                  const std::function<bool(std::string& problem)>& configured) {
    bool dirty = true;
    bool shown = false;
    Uint64 checked_ms = SDL_GetTicks64();
    for (;;) {
        if (stopRequested()) return 0;
        Watchdog::instance().frameAlive(shown);
        if (window.refreshSize()) dirty = true;
        if (dirty && window.drawable()) {
            // Twice: the first frame loads the glyphs it meets, the second is drawn with all of them.
            renderSetupFrame(window, view);
            renderSetupFrame(window, view);
            window.present();
            shown = true;
            dirty = false;
        }
        if (SDL_GetTicks64() - checked_ms >= static_cast<Uint64>(kSetupRecheckMs)) {
            std::string problem;
            if (configured(problem)) return std::nullopt;
            dirty = dirty || problem != view.config_problem;
            view.config_problem = problem;
            checked_ms = SDL_GetTicks64();
        }
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, 1000) == 0) continue;
        do {
            ImGui_ImplSDL2_ProcessEvent(&event);
            if (event.type == SDL_QUIT) return quitExitCode(windowed);
            if (event.type == SDL_WINDOWEVENT) dirty = true;
        } while (SDL_PollEvent(&event) != 0);
    }
}

} // namespace gk
