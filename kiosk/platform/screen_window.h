// The SDL2 window, its framebuffer and the Dear ImGui context with the SDL2 platform backend and
// our CPU renderer (software_renderer.h). Frames are drawn into the window's framebuffer (SDL's
// window surface: an XShm image under X11 and Xwayland, plain memory under the offscreen driver
// used headless for screenshots and tests), which keeps the last picture, so a frame may redraw and
// show only the boxes that changed. Only the main thread uses it.
#pragma once

#include "display/text/fonts.h"
#include "kiosk/platform/software_renderer.h"

#include <SDL.h>

#include <cstdint>
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

class ScreenWindow;
// The log line of a screen's first frame: mode, generation, size, video driver, how it presents.
void logFirstFrame(const ScreenWindow& window, const std::string& mode, const std::string& generation);

class ScreenWindow {
public:
    ScreenWindow() = default;
    ~ScreenWindow();
    ScreenWindow(const ScreenWindow&) = delete;
    ScreenWindow& operator=(const ScreenWindow&) = delete;

    // Creates everything; on failure returns false with one line in `error`.
    bool open(const WindowOptions& options, const FontFiles& fonts, std::string& error);

    // The compositor decides the window's size (cage: the output's, possibly after the first frame
    // and again when the output changes). Reads the drawable's size now; true when it changed, and
    // then the next frame must be laid out anew and drawn whole.
    bool refreshSize();
    // A window of 0×0 (no output yet, or one being reconfigured) is not drawn into.
    bool drawable() const { return m_width > 0 && m_height > 0; }

    // A full 1080p redraw costs milliseconds of CPU and a clock-sized one a fraction of that, so a
    // frame that changes only a small region clears and draws only that region when the
    // framebuffer still holds the last picture. How many presents ago its picture was drawn: 1
    // once a whole frame has been drawn into it; 0 (undefined contents) for a framebuffer SDL has
    // just made anew (the first, or after a resize). A partial frame is never drawn onto it then.
    int backBufferAge() const;
    struct Damage {
        int x = 0, y = 0, width = 0, height = 0; // top-left origin, pixels
    };
    void beginFrame(); // backends' NewFrame + ImGui::NewFrame
    // ImGui::Render, then clear and draw into the framebuffer: everything, or only the `damage`
    // boxes (the caller drew nothing outside them).
    void endFrame(const float clear_rgb[3], const std::vector<Damage>& damage = {});
    // Shows the framebuffer: just the `damage` boxes (empty: everything), so a ticker costs what
    // its strip costs, and under Xwayland the compositor is told only those boxes changed.
    void present(const std::vector<Damage>& damage = {});
    // How frames reach the screen, for the log.
    std::string presentMethod() const;
    // Reads the framebuffer (after endFrame, before present) as tightly packed RGBA, top row first.
    std::vector<std::uint8_t> readPixels() const;
    bool writePng(const std::string& path, std::string& error) const;

    // How far cage turned the output (degrees clockwise) when it does not turn touch with it: set
    // by `run` under `gongkai-kiosk session` (kiosk/cli/session_command.h); 0 elsewhere.
    void setTouchRotation(int degrees) { m_touch_rotation = degrees; }
    int touchRotation() const { return m_touch_rotation; }

    std::uint32_t clearRgb() const { return m_clear_rgb; } // 0x00RRGGBB of the last frame's clear
    int width() const { return m_width; }
    int height() const { return m_height; }
    const Fonts& fonts() const { return m_fonts; }

    // RGBA pixels (straight alpha) as a texture usable as an ImTextureID; 0 on failure.
    std::uint64_t createTexture(const std::uint8_t* rgba, int width, int height);
    std::uint64_t createTexture(std::vector<std::uint8_t> rgba, int width, int height); // takes the pixels over
    // Opaque black pixels in the framebuffer's own format (0x00RRGGBB words), to be written in
    // place between frames: a video frame is rendered straight into it, and drawn by copying rows.
    std::uint64_t createOpaqueTexture(int width, int height);
    void destroyTexture(std::uint64_t texture);
    // A texture's own pixels (rows width × 4 bytes apart), to be written in place between frames;
    // nullptr when there is no such texture.
    std::uint8_t* texturePixels(std::uint64_t texture);

private:
    // The window's framebuffer as pixels to draw into; false (with nothing to draw into) when SDL
    // cannot give one of the window's current size yet.
    bool framebuffer(PixelTarget& target);

    SDL_Window* m_window = nullptr;
    bool m_imgui = false;
    bool m_sdl = false;
    int m_width = 0;
    int m_height = 0;
    int m_touch_rotation = 0;
    std::uint32_t m_clear_rgb = 0;
    bool m_holds_picture = false; // the framebuffer holds a whole frame drawn into it
    Fonts m_fonts;
    SoftwareRenderer m_renderer;
};

} // namespace gk
