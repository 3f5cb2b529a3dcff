// SDL2 window, framebuffer and Dear ImGui setup. See screen_window.h.
#include "kiosk/platform/screen_window.h"

#include "kiosk/core/log.h"

#include <imgui.h>
#include <imgui_impl_sdl2.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace gk {
namespace {

std::uint32_t packClearColour(const float rgb[3]) {
    auto channel = [](float c) { return static_cast<std::uint32_t>(std::clamp(c, 0.0f, 1.0f) * 255.0f + 0.5f); };
    return (channel(rgb[0]) << 16) | (channel(rgb[1]) << 8) | channel(rgb[2]);
}

// The renderer writes 0x00RRGGBB in 32 bits: what X servers of depth 24 and the offscreen driver give.
bool isXrgb(const SDL_PixelFormat& format) {
    return format.BytesPerPixel == 4 && format.Rmask == 0x00FF0000 && format.Gmask == 0x0000FF00 &&
           format.Bmask == 0x000000FF;
}

PixelBox boxOf(const ScreenWindow::Damage& d) {
    return {d.x, d.y, d.x + d.width, d.y + d.height};
}

} // namespace

int quitExitCode(bool windowed) {
    if (windowed) return 0;
    logLine(LogLevel::Error, "the display connection was lost (the compositor or X server closed it); exiting");
    return 1;
}

void logFirstFrame(const ScreenWindow& window, const std::string& mode, const std::string& generation) {
    logLine(LogLevel::Info, mode + ", first frame shown, generation " + generation + ", " +
                                std::to_string(window.width()) + "×" + std::to_string(window.height()) + ", " +
                                SDL_GetCurrentVideoDriver() + ", present by " + window.presentMethod() +
                                ", back buffer age " + std::to_string(window.backBufferAge()));
}

static_assert(IMGUI_VERSION_NUM >= 19200, "Dear ImGui 1.92 or newer is required (dynamic fonts, 32-bit characters)");

ScreenWindow::~ScreenWindow() {
    if (m_imgui) {
        m_renderer.detach();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (m_window != nullptr) SDL_DestroyWindow(m_window);
    if (m_sdl) SDL_Quit();
}

bool ScreenWindow::open(const WindowOptions& options, const FontFiles& fonts, std::string& error) {
    if (options.headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    // SDL would turn SIGTERM/SIGINT into SDL_QUIT, which a hall screen ignores; `run` handles them
    // itself (kiosk/shell/stop_signal.h).
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    // The window's framebuffer must be the driver's own (XShm under X11): SDL would otherwise show
    // it through a renderer of its own on OpenGL, loading Mesa after all.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        error = std::string("cannot start SDL video: ") + SDL_GetError();
        return false;
    }
    m_sdl = true;
    // With no display SDL falls back to its offscreen driver: a screen drawn into nothing. (Asked
    // for by name, SDL_VIDEODRIVER=offscreen, it runs the real loop headless for tests.)
    const std::string driver = SDL_GetCurrentVideoDriver() != nullptr ? SDL_GetCurrentVideoDriver() : "";
    if (!options.headless && std::getenv("SDL_VIDEODRIVER") == nullptr &&
        (driver == "offscreen" || driver == "dummy")) {
        error = "no display: neither WAYLAND_DISPLAY nor DISPLAY names one (SDL found only its " + driver +
                " driver); the hall screen runs under cage: gongkai-kiosk session";
        return false;
    }
    Uint32 flags = options.headless ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN;
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    m_window = SDL_CreateWindow("公开 Gongkai Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                                options.height, flags);
    if (m_window == nullptr) {
        error = std::string("cannot create window: ") + SDL_GetError();
        return false;
    }
    SDL_Surface* surface = SDL_GetWindowSurface(m_window);
    if (surface == nullptr) {
        error = "SDL's " + driver + " video driver gives the window no framebuffer (" + SDL_GetError() +
                "); the screen draws in software into one: run it under X11 or Xwayland (SDL_VIDEODRIVER=x11)";
        return false;
    }
    if (!isXrgb(*surface->format)) {
        error = std::string("the display's pixel format is ") + SDL_GetPixelFormatName(surface->format->format) +
                "; the screen draws 32-bit RGB (an X server of depth 24)";
        return false;
    }
    if (options.hide_cursor) SDL_ShowCursor(SDL_DISABLE);
    refreshSize();
    if (!drawable()) {
        error = "the compositor gave the window a size of " + std::to_string(m_width) + "×" + std::to_string(m_height) +
                " (is an output connected?)";
        return false;
    }

    IMGUI_CHECKVERSION();
    installFontAllocator();
    ImGui::CreateContext();
    m_imgui = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no imgui.ini: layout never depends on a stray file
    io.LogFilename = nullptr;
    if (options.hide_cursor) io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplSDL2_InitForOther(m_window);
    m_renderer.attach();
    return loadFonts(fonts, m_fonts, error);
}

void ScreenWindow::beginFrame() {
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
}

bool ScreenWindow::framebuffer(PixelTarget& target) {
    SDL_Surface* surface = SDL_GetWindowSurface(m_window); // made anew by SDL after a resize
    if (surface == nullptr || surface->w != m_width || surface->h != m_height || !isXrgb(*surface->format)) {
        m_holds_picture = false;
        return false;
    }
    target = PixelTarget{static_cast<std::uint32_t*>(surface->pixels), surface->w, surface->h, surface->pitch / 4};
    return true;
}

void ScreenWindow::endFrame(const float clear_rgb[3], const std::vector<Damage>& damage) {
    ImGui::Render();
    ImDrawData* draw_data = ImGui::GetDrawData();
    m_renderer.updateTextures(*draw_data);
    PixelTarget target;
    if (!framebuffer(target)) return; // nothing to draw into until the size settles: drawn whole then
    const std::uint32_t clear = packClearColour(clear_rgb);
    m_clear_rgb = clear;
    if (damage.empty()) {
        m_renderer.render(*draw_data, target, PixelBox{0, 0, target.width, target.height}, clear);
        m_holds_picture = true;
        return;
    }
    for (const Damage& d : damage) m_renderer.render(*draw_data, target, boxOf(d), clear);
}

bool ScreenWindow::refreshSize() {
    int width = 0, height = 0;
    SDL_GetWindowSizeInPixels(m_window, &width, &height);
    if (width == m_width && height == m_height) return false;
    if (m_imgui) // not the size given at open: the compositor (re)configured the window
        logLine(LogLevel::Info, "window is now " + std::to_string(width) + "×" + std::to_string(height) + " (was " +
                                    std::to_string(m_width) + "×" + std::to_string(m_height) + ")");
    m_width = width;
    m_height = height;
    m_holds_picture = false;
    return true;
}

int ScreenWindow::backBufferAge() const {
    return m_holds_picture ? 1 : 0;
}

std::string ScreenWindow::presentMethod() const {
    return "framebuffer boxes";
}

void ScreenWindow::present(const std::vector<Damage>& damage) {
    std::vector<SDL_Rect> rects;
    if (damage.empty()) rects.push_back(SDL_Rect{0, 0, m_width, m_height});
    for (const Damage& d : damage) {
        // Only what lies in the window: a box past its edge (a layout squeezed into a tiny window)
        // is nothing to show.
        const int x0 = std::clamp(d.x, 0, m_width), y0 = std::clamp(d.y, 0, m_height);
        const int x1 = std::clamp(d.x + d.width, 0, m_width), y1 = std::clamp(d.y + d.height, 0, m_height);
        if (x1 > x0 && y1 > y0) rects.push_back(SDL_Rect{x0, y0, x1 - x0, y1 - y0});
    }
    if (rects.empty()) return;
    // Fails when SDL has dropped the framebuffer for a new size since endFrame: the loop sees the
    // size next and draws the whole frame anew.
    if (SDL_UpdateWindowSurfaceRects(m_window, rects.data(), static_cast<int>(rects.size())) != 0)
        m_holds_picture = false;
}

std::vector<std::uint8_t> ScreenWindow::readPixels() const {
    std::vector<std::uint8_t> rgba(static_cast<size_t>(m_width) * static_cast<size_t>(m_height) * 4);
    SDL_Surface* surface = SDL_GetWindowSurface(m_window);
    if (surface == nullptr || surface->w != m_width || surface->h != m_height) return rgba;
    for (int y = 0; y < m_height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(surface->pixels) +
                                                                 static_cast<std::ptrdiff_t>(y) * surface->pitch);
        std::uint8_t* out = rgba.data() + static_cast<size_t>(y) * static_cast<size_t>(m_width) * 4;
        for (int x = 0; x < m_width; ++x, out += 4) {
            out[0] = static_cast<std::uint8_t>(row[x] >> 16);
            out[1] = static_cast<std::uint8_t>(row[x] >> 8);
            out[2] = static_cast<std::uint8_t>(row[x]);
            out[3] = 255;
        }
    }
    return rgba;
}

bool ScreenWindow::writePng(const std::string& path, std::string& error) const {
    const std::vector<std::uint8_t> rgba = readPixels();
    if (stbi_write_png(path.c_str(), m_width, m_height, 4, rgba.data(), m_width * 4) == 0) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

std::uint64_t ScreenWindow::createTexture(const std::uint8_t* rgba, int width, int height) {
    return m_renderer.addImage(rgba, width, height);
}

std::uint64_t ScreenWindow::createTexture(std::vector<std::uint8_t> rgba, int width, int height) {
    return m_renderer.addImage(std::move(rgba), width, height);
}

std::uint64_t ScreenWindow::createOpaqueTexture(int width, int height) {
    return m_renderer.addOpaqueImage(width, height);
}

void ScreenWindow::destroyTexture(std::uint64_t texture) {
    m_renderer.removeImage(texture);
}

std::uint8_t* ScreenWindow::texturePixels(std::uint64_t texture) {
    return m_renderer.imagePixels(texture);
}

} // namespace gk
