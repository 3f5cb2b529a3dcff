// The SDL2 window, its OpenGL context and the Dear ImGui context with the SDL2 + OpenGL3
// backends. Headless (SDL's offscreen driver, real GL through EGL/llvmpipe) for screenshots and
// tests, or a real window (fullscreen or windowed) for `run`. Only the main thread uses it.
#pragma once

#include "display/text/fonts.h"

#include <SDL.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace gk {

struct WindowOptions {
    bool headless = false;   // SDL offscreen driver: no X, no Wayland
    bool fullscreen = false; // desktop-sized borderless fullscreen
    int width = 1920;
    int height = 1080;
    bool hide_cursor = false;
};

// The exit code for SDL_QUIT. A windowed run was closed: 0. A hall screen has nothing that closes
// it, so there SDL_QUIT means the display connection was lost (cage or the X server went away):
// 1, with a log line, so that systemd starts the session again instead of leaving a program that
// draws into nothing.
int quitExitCode(bool windowed);

class GlWindow;
// The log line of a screen's first frame: mode, generation, size, video driver, how it presents.
void logFirstFrame(const GlWindow& window, const std::string& mode, const std::string& generation);

class GlWindow {
public:
    GlWindow() = default;
    ~GlWindow();
    GlWindow(const GlWindow&) = delete;
    GlWindow& operator=(const GlWindow&) = delete;

    // Creates everything; on failure returns false with one line in `error`.
    bool open(const WindowOptions& options, const FontFiles& fonts, std::string& error);

    // The compositor decides the window's size (cage: the output's, possibly after the first frame
    // and again when the output changes). Reads the drawable's size now; true when it changed, and
    // then the next frame must be laid out anew and drawn whole.
    bool refreshSize();
    // A window of 0×0 (no output yet, or one being reconfigured) is not drawn into.
    bool drawable() const { return m_width > 0 && m_height > 0; }

    // On software GL a full 1080p redraw costs ~9 ms of CPU and a clock-sized one ~2 ms, so a
    // frame that changes only a small region clears and draws only that region when the back
    // buffer still holds an earlier picture. How many presents ago the back buffer's picture was
    // drawn: 1 when frames are presented by copying (the back buffer keeps the last picture),
    // else EGL/GLX buffer_age; 0 = undefined contents (after a resize, or a driver that does not
    // say). Nothing else is assumed: a partial frame is never drawn onto an unknown buffer.
    int backBufferAge() const;
    struct Damage {
        int x = 0, y = 0, width = 0, height = 0; // top-left origin, pixels
    };
    void beginFrame(); // backends' NewFrame + ImGui::NewFrame
    // ImGui::Render, then clear and draw into the back buffer: everything, or only the `damage`
    // boxes (the caller drew nothing outside them).
    void endFrame(const float clear_rgb[3], const std::vector<Damage>& damage = {});
    // Shows the back buffer: a swap, or — when the driver can copy part of the back buffer to the
    // window (GLX_MESA_copy_sub_buffer) — a copy of just the `damage` boxes (empty: everything),
    // so a ticker costs what its strip costs; the back buffer then still holds the whole picture,
    // and under Xwayland the compositor is told only those boxes changed. Mesa's software EGL on
    // Wayland offers neither buffer age nor swap with damage: there every frame is whole.
    void present(const std::vector<Damage>& damage = {});
    // How frames reach the screen, for the log: "copy" (GLX copy_sub_buffer) or "swap".
    std::string presentMethod() const;
    // Reads the back buffer (after endFrame, before present) as tightly packed RGBA, top row first.
    std::vector<std::uint8_t> readPixels() const;
    bool writePng(const std::string& path, std::string& error) const;

    // How far cage turned the output (degrees clockwise) when it does not turn touch with it: set
    // by `run` under `gongkai-kiosk session` (kiosk/cli/session_command.h); 0 elsewhere.
    void setTouchRotation(int degrees) { m_touch_rotation = degrees; }
    int touchRotation() const { return m_touch_rotation; }

    int width() const { return m_width; }
    int height() const { return m_height; }
    const Fonts& fonts() const { return m_fonts; }

    // Uploads RGBA pixels as a texture usable as an ImTextureID; 0 on failure.
    std::uint64_t createTexture(const std::uint8_t* rgba, int width, int height);
    void destroyTexture(std::uint64_t texture);

private:
    void rereadDrawableSize();

    SDL_Window* m_window = nullptr;
    SDL_GLContext m_gl = nullptr;
    bool m_imgui = false;
    bool m_sdl = false;
    int m_width = 0;
    int m_height = 0;
    int m_touch_rotation = 0;
    Fonts m_fonts;
    std::function<int()> m_buffer_age; // resolved once at open; empty when the driver has no age
    std::function<void(const Damage&, int)> m_copy_sub_buffer; // (box, window height); empty when unavailable
};

} // namespace gk
