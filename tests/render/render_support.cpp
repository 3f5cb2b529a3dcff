// Render test helpers. See render_support.h.
#include "render_support.h"

#include <stb_image_write.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace gk::test {

namespace fs = std::filesystem;

fs::path testOutputDir() {
    const fs::path dir = fs::temp_directory_path() / "gongkai-render-tests";
    fs::create_directories(dir);
    return dir;
}

HeadlessWindow::HeadlessWindow(int width, int height) {
    FontFiles fonts;
    std::string error;
    if (!locateFonts(fonts, error) || !window.open(WindowOptions{true, false, width, height, true}, fonts, error))
        throw std::runtime_error(error);
}

std::uint8_t Image::luma(int x, int y) const {
    const std::uint8_t* p = &rgba[(static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4];
    return static_cast<std::uint8_t>((p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000);
}

void writePng(const Image& image, const fs::path& path, int x, int y, int w, int h) {
    if (w < 0) w = image.width;
    if (h < 0) h = image.height;
    const std::uint8_t* first =
        &image.rgba[(static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)) * 4];
    if (stbi_write_png(path.c_str(), w, h, 4, first, image.width * 4) == 0)
        throw std::runtime_error("cannot write " + path.string());
}

std::string decodeQr(const fs::path& png) {
    // zbarimg prints D-Bus noise on stderr in containers; only stdout carries the payload.
    const std::string command = std::string(GONGKAI_ZBARIMG) + " -q --raw '" + png.string() + "' 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return "";
    std::string out;
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

} // namespace gk::test
