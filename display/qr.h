// QR codes for "continue on your phone": text → module matrix with the 4-module quiet zone
// (libqrencode, 8-bit mode, case-sensitive), and the integer module size a drawer should use.
// Pure logic: must not include ImGui, SDL or GL; drawing (dark on light, nearest-neighbour,
// whole pixels per module) is the caller's job.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

enum class QrEcc { Low, Medium, Quartile, High }; // recovers ~7 / 15 / 25 / 30 % of the symbol

inline constexpr int kQrQuietZoneModules = 4; // ISO/IEC 18004: four light modules on each side

// Modules of one QR symbol plus its quiet zone, row-major, x to the right and y down.
struct QrMatrix {
    int size = 0;                   // modules per side INCLUDING the quiet zone (symbol side + 2 * quiet_zone)
    int quiet_zone = 0;             // light modules on each side
    int version = 0;                // QR version 1..40 (symbol side = 17 + 4 * version)
    std::vector<std::uint8_t> dark; // size * size entries, 1 = dark module, 0 = light
    std::string payload;            // the text encoded (encodeQr), for the frame's layout record

    // Out-of-range coordinates are light (they are part of the margin).
    bool isDark(int x, int y) const {
        if (x < 0 || y < 0 || x >= size || y >= size) return false;
        return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] != 0;
    }
    int symbolSize() const { return size - 2 * quiet_zone; }
};

// Encodes `text` (UTF-8 bytes, typically a URL) with the smallest version that fits, case
// preserved. nullopt for empty text, text containing a NUL byte, or text too long for a
// version-40 symbol at `ecc` (~2.3 KB of URL at Medium). Never throws for bad input.
// Note for non-ASCII payloads: no ECI header is written, so many scanners (zbar among them) read
// the bytes as Latin-1; percent-encode non-ASCII characters in URLs.
std::optional<QrMatrix> encodeQr(std::string_view text, QrEcc ecc = QrEcc::Medium);

// Whole pixels per module for drawing a `qr_size_modules`-wide matrix (QrMatrix::size, quiet
// zone included) into `available_px`: the largest integer that fits, or 0 when even
// `min_px_per_module` (at least 1) does not fit — then the code should not be drawn.
int qrModulePixels(int qr_size_modules, int available_px, int min_px_per_module);

} // namespace gk
