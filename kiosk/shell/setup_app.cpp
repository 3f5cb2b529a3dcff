// The no-portal screen's face. See setup_app.h.
#include "kiosk/shell/setup_app.h"

#include "kiosk/shell/frame_loop.h"

namespace gk {
namespace {

class SetupFace final : public ScreenFace {
public:
    SetupFace(ScreenWindow& window, SetupScreenView view, const std::function<bool(std::string& problem)>& configured)
        : m_window(window), m_view(std::move(view)), m_configured(configured), m_checked_ms(SDL_GetTicks64()) {}

    std::string name() const override { return "no-portal screen"; }
    void tick(const LoopTime& now, bool /*staff_up*/) override {
        if (now.hall.steady_ms - m_checked_ms < static_cast<std::uint64_t>(kSetupRecheckMs)) return;
        m_checked_ms = now.hall.steady_ms;
        std::string problem;
        if (m_configured(problem)) {
            m_finished = true;
            return;
        }
        m_dirty = m_dirty || problem != m_view.config_problem;
        m_view.config_problem = problem;
    }
    bool frameDue(const LoopTime& /*now*/) const override { return m_dirty; }
    FaceFrame drawFrame(const LoopTime& /*now*/) override {
        // Twice: the first frame loads the glyphs it meets, the second is drawn with all of them.
        renderSetupFrame(m_window, m_view);
        renderSetupFrame(m_window, m_view);
        m_dirty = false;
        return {};
    }
    void invalidate() override { m_dirty = true; }
    void handleEvent(const SDL_Event& /*event*/, const LoopTime& /*now*/) override {}
    std::int64_t waitMs(const LoopTime& /*now*/) const override { return kStillFrameMs; }
    bool finished() const override { return m_finished; }

private:
    ScreenWindow& m_window;
    SetupScreenView m_view;
    const std::function<bool(std::string& problem)>& m_configured;
    std::uint64_t m_checked_ms;
    bool m_dirty = true;
    bool m_finished = false;
};

} // namespace

void renderSetupFrame(ScreenWindow& window, const SetupScreenView& view) {
    const Theme theme = makeTheme(window.width(), window.height());
    window.beginFrame();
    drawSetupScreen(view, theme, window.fonts());
    window.endFrame(theme.background_rgb);
}

std::optional<int> runSetupScreen(ScreenWindow& window, SetupScreenView view, bool windowed,
                                  const std::function<bool(std::string& problem)>& configured) {
    SetupFace face(window, std::move(view), configured);
    FrameLoop loop(window, windowed);
    const int code = loop.run(face);
    if (face.finished()) return std::nullopt;
    return code;
}

} // namespace gk
