// SDL2 + OpenGL + Dear ImGui setup. See gl_window.h.
#include "kiosk/platform/gl_window.h"

#include "kiosk/core/log.h"

#include <SDL_opengl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace gk {
namespace {

// The font atlas as one byte per pixel (coverage) instead of RGBA: a quarter of the memory, in our
// heap and again in the software GL's copy, for an atlas that grows with every new glyph. The
// OpenGL3 backend uploads only RGBA32, so textures of this format are uploaded here, before it
// draws, as GL_R8 read as (1, 1, 1, r) through the texture swizzle — what the backend's shader
// gets from the RGBA atlas (white, alpha = coverage). Destroying them is left to the backend.
void uploadAlpha8Textures(ImDrawData* draw_data) {
    if (draw_data->Textures == nullptr) return;
    for (ImTextureData* tex : *draw_data->Textures) {
        if (tex->Format != ImTextureFormat_Alpha8) continue;
        if (tex->Status != ImTextureStatus_WantCreate && tex->Status != ImTextureStatus_WantUpdates) continue;
        GLint last_texture = 0;
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        if (tex->Status == ImTextureStatus_WantCreate) {
            GLuint id = 0;
            glGenTextures(1, &id);
            glBindTexture(GL_TEXTURE_2D, id);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
            const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
            glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, tex->Width, tex->Height, 0, GL_RED, GL_UNSIGNED_BYTE,
                         tex->GetPixels());
            tex->SetTexID(static_cast<ImTextureID>(id));
        } else {
            glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(tex->TexID));
            glPixelStorei(GL_UNPACK_ROW_LENGTH, tex->Width);
            for (const ImTextureRect& r : tex->Updates)
                glTexSubImage2D(GL_TEXTURE_2D, 0, r.x, r.y, r.w, r.h, GL_RED, GL_UNSIGNED_BYTE,
                                tex->GetPixelsAt(r.x, r.y));
            glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        }
        tex->SetStatus(ImTextureStatus_OK);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
    }
}

bool hasExtension(const char* list, const char* name) {
    return list != nullptr && std::strstr(list, name) != nullptr;
}

// Queries of how many swaps ago the back buffer was drawn (EGL_EXT_buffer_age /
// GLX_EXT_buffer_age), resolved once for the current context and surface; empty when the
// driver does not offer the extension.
std::function<int()> eglBufferAgeQuery() {
    using GetCurrent = void* (*)();
    using GetSurface = void* (*)(int);
    using QueryString = const char* (*)(void*, int);
    using Query = unsigned (*)(void*, void*, int, int*);
    auto context = reinterpret_cast<GetCurrent>(SDL_GL_GetProcAddress("eglGetCurrentContext"));
    auto get_display = reinterpret_cast<GetCurrent>(SDL_GL_GetProcAddress("eglGetCurrentDisplay"));
    auto get_surface = reinterpret_cast<GetSurface>(SDL_GL_GetProcAddress("eglGetCurrentSurface"));
    auto query_string = reinterpret_cast<QueryString>(SDL_GL_GetProcAddress("eglQueryString"));
    auto query = reinterpret_cast<Query>(SDL_GL_GetProcAddress("eglQuerySurface"));
    if (!context || !get_display || !get_surface || !query_string || !query || context() == nullptr) return {};
    constexpr int kEglExtensions = 0x3055, kEglDraw = 0x3059, kEglBufferAge = 0x313D;
    void* display = get_display();
    if (!hasExtension(query_string(display, kEglExtensions), "EGL_EXT_buffer_age")) return {};
    void* surface = get_surface(kEglDraw);
    return [=] {
        int age = 0;
        return query(display, surface, kEglBufferAge, &age) != 0 ? age : 0;
    };
}

std::function<int()> glxBufferAgeQuery() {
    using GetDisplay = void* (*)();
    using GetDrawable = unsigned long (*)();
    using QueryString = const char* (*)(void*, int);
    using Query = void (*)(void*, unsigned long, int, unsigned int*);
    auto get_display = reinterpret_cast<GetDisplay>(SDL_GL_GetProcAddress("glXGetCurrentDisplay"));
    auto get_drawable = reinterpret_cast<GetDrawable>(SDL_GL_GetProcAddress("glXGetCurrentDrawable"));
    auto query_string = reinterpret_cast<QueryString>(SDL_GL_GetProcAddress("glXQueryExtensionsString"));
    auto query = reinterpret_cast<Query>(SDL_GL_GetProcAddress("glXQueryDrawable"));
    if (!get_display || !get_drawable || !query_string || !query || get_display() == nullptr) return {};
    void* display = get_display();
    if (!hasExtension(query_string(display, 0), "GLX_EXT_buffer_age")) return {};
    const unsigned long drawable = get_drawable();
    return [=] {
        constexpr int kGlxBackBufferAge = 0x20F4;
        unsigned int age = 0;
        query(display, drawable, kGlxBackBufferAge, &age);
        return static_cast<int>(age);
    };
}

bool usesGlx() {
    const char* driver = SDL_GetCurrentVideoDriver();
    return driver != nullptr && std::strcmp(driver, "x11") == 0 &&
           !SDL_GetHintBoolean(SDL_HINT_VIDEO_X11_FORCE_EGL, SDL_FALSE);
}

// Only the API SDL actually uses may be asked: glXGetProcAddress hands out stubs for any name.
std::function<int()> bufferAgeQuery() {
    return usesGlx() ? glxBufferAgeQuery() : eglBufferAgeQuery();
}

// glXCopySubBufferMESA for the current drawable (x, y from the bottom-left), when offered.
std::function<void(const GlWindow::Damage&, int)> copySubBuffer() {
    if (!usesGlx()) return {};
    using GetDisplay = void* (*)();
    using GetDrawable = unsigned long (*)();
    using QueryString = const char* (*)(void*, int);
    using Copy = void (*)(void*, unsigned long, int, int, int, int);
    auto get_display = reinterpret_cast<GetDisplay>(SDL_GL_GetProcAddress("glXGetCurrentDisplay"));
    auto get_drawable = reinterpret_cast<GetDrawable>(SDL_GL_GetProcAddress("glXGetCurrentDrawable"));
    auto query_string = reinterpret_cast<QueryString>(SDL_GL_GetProcAddress("glXQueryExtensionsString"));
    auto copy = reinterpret_cast<Copy>(SDL_GL_GetProcAddress("glXCopySubBufferMESA"));
    if (!get_display || !get_drawable || !query_string || !copy || get_display() == nullptr) return {};
    void* display = get_display();
    if (!hasExtension(query_string(display, 0), "GLX_MESA_copy_sub_buffer")) return {};
    const unsigned long drawable = get_drawable();
    return [=](const GlWindow::Damage& d, int window_height) {
        copy(display, drawable, d.x, window_height - d.y - d.height, d.width, d.height);
    };
}

} // namespace

int quitExitCode(bool windowed) {
    if (windowed) return 0;
    logLine(LogLevel::Error, "the display connection was lost (the compositor or X server closed it); exiting");
    return 1;
}

void logFirstFrame(const GlWindow& window, const std::string& mode, const std::string& generation) {
    logLine(LogLevel::Info, mode + ", first frame shown, generation " + generation + ", " +
                                std::to_string(window.width()) + "×" + std::to_string(window.height()) + ", " +
                                SDL_GetCurrentVideoDriver() + ", present by " + window.presentMethod() +
                                ", back buffer age " + std::to_string(window.backBufferAge()));
}

static_assert(IMGUI_VERSION_NUM >= 19200, "Dear ImGui 1.92 or newer is required (dynamic fonts, 32-bit characters)");

GlWindow::~GlWindow() {
    if (m_imgui) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (m_gl != nullptr) SDL_GL_DeleteContext(m_gl);
    if (m_window != nullptr) SDL_DestroyWindow(m_window);
    if (m_sdl) SDL_Quit();
}

bool GlWindow::open(const WindowOptions& options, const FontFiles& fonts, std::string& error) {
    if (options.headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    // SDL would turn SIGTERM/SIGINT into SDL_QUIT, which a hall screen ignores; `run` handles them
    // itself (kiosk/shell/stop_signal.h).
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
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
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    // ImGui draws with scissor rectangles only. SDL asks for a 16-bit depth buffer by default,
    // and Mesa's software rasterizer then keeps a full-screen depth/stencil buffer that nothing
    // reads: 8 MiB at 1920x1080.
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    Uint32 flags = SDL_WINDOW_OPENGL | (options.headless ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN);
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    m_window = SDL_CreateWindow("公开 Gongkai Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                                options.height, flags);
    if (m_window == nullptr) {
        error = std::string("cannot create window: ") + SDL_GetError();
        return false;
    }
    m_gl = SDL_GL_CreateContext(m_window);
    if (m_gl == nullptr) {
        error = std::string("cannot create OpenGL context: ") + SDL_GetError();
        return false;
    }
    SDL_GL_MakeCurrent(m_window, m_gl);
    m_buffer_age = bufferAgeQuery();
    m_copy_sub_buffer = copySubBuffer();
    // Frames are paced by the loop (at most 25 a second). On Wayland SDL would otherwise wait for
    // the compositor's frame callback in every swap, spinning for good once the compositor is gone.
    SDL_GL_SetSwapInterval(std::strcmp(SDL_GetCurrentVideoDriver(), "wayland") == 0 ? 0 : 1);
    if (options.hide_cursor) SDL_ShowCursor(SDL_DISABLE);
    refreshSize();
    rereadDrawableSize();
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
    if (SDL_GL_ExtensionSupported("GL_ARB_texture_swizzle") == SDL_TRUE)
        io.Fonts->TexDesiredFormat = ImTextureFormat_Alpha8; // see uploadAlpha8Textures
    ImGui_ImplSDL2_InitForOpenGL(m_window, m_gl);
    ImGui_ImplOpenGL3_Init("#version 130");
    return loadFonts(fonts, m_fonts, error);
}

void GlWindow::beginFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
}

void GlWindow::endFrame(const float clear_rgb[3], const std::vector<Damage>& damage) {
    ImGui::Render();
    glViewport(0, 0, m_width, m_height);
    glClearColor(clear_rgb[0], clear_rgb[1], clear_rgb[2], 1.0f);
    if (damage.empty()) {
        glClear(GL_COLOR_BUFFER_BIT);
    } else {
        glEnable(GL_SCISSOR_TEST);
        for (const Damage& d : damage) {
            glScissor(d.x, m_height - d.y - d.height, d.width, d.height);
            glClear(GL_COLOR_BUFFER_BIT);
        }
        glDisable(GL_SCISSOR_TEST);
    }
    uploadAlpha8Textures(ImGui::GetDrawData());
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool GlWindow::refreshSize() {
    int width = 0, height = 0;
    SDL_GL_GetDrawableSize(m_window, &width, &height);
    if (width == m_width && height == m_height) return false;
    if (m_imgui) // not the size given at open: the compositor (re)configured the window
        logLine(LogLevel::Info, "window is now " + std::to_string(width) + "×" + std::to_string(height) + " (was " +
                                    std::to_string(m_width) + "×" + std::to_string(m_height) + ")");
    m_width = width;
    m_height = height;
    if (m_imgui) rereadDrawableSize();
    return true;
}

void GlWindow::rereadDrawableSize() {
    // Mesa's software GLX reads the window's geometry only when the context is made current and
    // after a swap. Frames presented by copying would keep the size the window had then (under
    // Xwayland, before the compositor made it full-screen): the picture lands offset, or, turned
    // to portrait, outside the window, which the X server refuses with BadValue. One swap of a
    // cleared buffer makes it read the size again; the caller draws a whole frame next.
    if (!m_copy_sub_buffer) return;
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    SDL_GL_SwapWindow(m_window);
}

int GlWindow::backBufferAge() const {
    if (m_copy_sub_buffer) return 1;
    return m_buffer_age ? std::max(0, m_buffer_age()) : 0;
}

std::string GlWindow::presentMethod() const {
    return m_copy_sub_buffer ? "copy" : "swap";
}

void GlWindow::present(const std::vector<Damage>& damage) {
    if (!m_copy_sub_buffer) return SDL_GL_SwapWindow(m_window);
    // Copying instead of swapping, whole frames too: the back buffer then always holds the last
    // picture, so any later frame may redraw only what changed (see backBufferAge).
    glFlush(); // the copy reads the back buffer: everything drawn must have reached it
    if (damage.empty()) m_copy_sub_buffer(Damage{0, 0, m_width, m_height}, m_height);
    for (const Damage& d : damage) {
        // Only what lies in the window: a box past its edge (a layout squeezed into a tiny
        // window) is refused by the X server with BadValue, which ends the program.
        const int x0 = std::clamp(d.x, 0, m_width), y0 = std::clamp(d.y, 0, m_height);
        const int x1 = std::clamp(d.x + d.width, 0, m_width), y1 = std::clamp(d.y + d.height, 0, m_height);
        if (x1 > x0 && y1 > y0) m_copy_sub_buffer(Damage{x0, y0, x1 - x0, y1 - y0}, m_height);
    }
    glFlush();
}

std::vector<std::uint8_t> GlWindow::readPixels() const {
    std::vector<std::uint8_t> rgba(static_cast<size_t>(m_width) * static_cast<size_t>(m_height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    // GL's origin is bottom-left: flip so row 0 is the top of the screen.
    const size_t stride = static_cast<size_t>(m_width) * 4;
    for (int y = 0; y < m_height / 2; ++y)
        std::swap_ranges(rgba.begin() + static_cast<std::ptrdiff_t>(y * stride),
                         rgba.begin() + static_cast<std::ptrdiff_t>((y + 1) * stride),
                         rgba.begin() + static_cast<std::ptrdiff_t>((m_height - 1 - y) * stride));
    return rgba;
}

bool GlWindow::writePng(const std::string& path, std::string& error) const {
    const std::vector<std::uint8_t> rgba = readPixels();
    if (stbi_write_png(path.c_str(), m_width, m_height, 4, rgba.data(), m_width * 4) == 0) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

std::uint64_t GlWindow::createTexture(const std::uint8_t* rgba, int width, int height) {
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    return texture;
}

void GlWindow::destroyTexture(std::uint64_t texture) {
    const GLuint id = static_cast<GLuint>(texture);
    glDeleteTextures(1, &id);
}

} // namespace gk
