// Shared helpers for render tests: a synced copy of the bundled demo portal, pixel access, and
// decoding a QR code in a rendered frame with zbarimg.
#pragma once

#include "../kiosk/demo_content.h"

#include "kiosk/platform/screen_window.h"
#include "sync/content.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace gk::test {

// The demo portal synced (through the real sync code) into a fresh temp store, once per process.

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba; // top row first
    std::uint8_t luma(int x, int y) const;
    bool dark(int x, int y) const { return luma(x, y) < 128; }
};

// Writes the image (or a crop of it) as PNG.
void writePng(const Image& image, const std::filesystem::path& path, int x = 0, int y = 0, int w = -1, int h = -1);

// Runs zbarimg on the PNG; returns the decoded text, or "" when no code was found.
std::string decodeQr(const std::filesystem::path& png);

std::filesystem::path testOutputDir();

// A headless window (SDL offscreen, real GL) with the real fonts; throws when either is missing.
struct HeadlessWindow {
    HeadlessWindow(int width, int height);
    ScreenWindow window;
};

} // namespace gk::test
