// The SDL2 window, its OpenGL context and the Dear ImGui context with the SDL2 + OpenGL3
// backends. Headless (SDL's offscreen driver, real GL through EGL/llvmpipe) for screenshots and
// tests, or a real window (fullscreen or windowed) for `run`. Only the main thread uses it.
#pragma once

#include "display/fonts.h"

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

class GlWindow {
public:
    GlWindow() = default;
    ~GlWindow();
    GlWindow(const GlWindow&) = delete;
    GlWindow& operator=(const GlWindow&) = delete;

    // Creates everything; on failure returns false with one line in `error`.
    bool open(const WindowOptions& options, const FontFiles& fonts, std::string& error);

    // On software GL a full 1080p redraw costs ~9 ms of CPU and a clock-sized one ~2 ms, so a
    // frame that changes only a small region clears and draws only that region when the back
    // buffer still holds the picture. How many swaps ago the back buffer was drawn (EGL/GLX
    // buffer_age; 0 = undefined contents), or -1 when the driver does not say.
    int backBufferAge() const;
    struct Damage {
        int x = 0, y = 0, width = 0, height = 0; // top-left origin, pixels
    };
    void beginFrame(); // backends' NewFrame + ImGui::NewFrame
    // ImGui::Render, then clear and draw into the back buffer: everything, or only the `damage`
    // boxes (the caller drew nothing outside them).
    void endFrame(const float clear_rgb[3], const std::vector<Damage>& damage = {});
    // Shows the back buffer: a swap, or — when only `damage` changed and the driver can copy part
    // of the back buffer to the screen (GLX_MESA_copy_sub_buffer) — a copy of just those boxes,
    // so a ticker costs what its strip costs. The back buffer then still holds the whole picture.
    void present(const std::vector<Damage>& damage = {});
    bool canPresentPartially() const { return static_cast<bool>(m_copy_sub_buffer); }
    // Frames are presented by copying, never by swapping: the back buffer keeps the last picture.
    bool preservesBackBuffer() const { return canPresentPartially(); }
    // Reads the back buffer (after endFrame, before present) as tightly packed RGBA, top row first.
    std::vector<std::uint8_t> readPixels() const;
    bool writePng(const std::string& path, std::string& error) const;

    int width() const { return m_width; }
    int height() const { return m_height; }
    const Fonts& fonts() const { return m_fonts; }

    // Uploads RGBA pixels as a texture usable as an ImTextureID; 0 on failure.
    std::uint64_t createTexture(const std::uint8_t* rgba, int width, int height);
    void destroyTexture(std::uint64_t texture);

private:
    SDL_Window* m_window = nullptr;
    SDL_GLContext m_gl = nullptr;
    bool m_imgui = false;
    bool m_sdl = false;
    int m_width = 0;
    int m_height = 0;
    Fonts m_fonts;
    std::function<int()> m_buffer_age; // resolved once at open; empty when the driver has no age
    std::function<void(const Damage&, int)> m_copy_sub_buffer; // (box, window height); empty when unavailable
};

} // namespace gk
