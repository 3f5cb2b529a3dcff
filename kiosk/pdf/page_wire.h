// What the confined PDF page renderer (gongkai-pdf-page, kiosk/pdf/pdf_page_main.cpp) writes to
// its standard output, and the kiosk's checks of it. The child parses a file from the portal, so
// everything it sends is treated as hostile: a header that claims more than the limits allow, or
// sizes that do not add up, is refused before a byte of pixels is allocated.
//
// Layout, little-endian: "GKP1", status, page count, width, height (five 32-bit words), then, when
// the status is Rendered, width × height × 4 bytes of RGBA, top row first. Pure code: no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace gk {

enum class PageStatus : std::uint32_t {
    Rendered = 0,
    NotPdf = 1,     // not a PDF poppler can open (truncated, damaged, another format)
    Locked = 2,     // needs a password
    NoSuchPage = 3, // the page asked for is past the last one
    TooLarge = 4,   // the page at the asked width would exceed the pixel limit
    Failed = 5,     // poppler could not render it
};

struct PageLimits {
    std::uint32_t max_width = 4096;
    std::uint32_t max_height = 16384;
    std::uint64_t max_pixels = 4096ull * 4096ull; // 64 MiB of RGBA
};

struct PageHeader {
    PageStatus status = PageStatus::Failed;
    std::uint32_t page_count = 0;
    std::uint32_t width = 0; // pixels; 0 unless rendered
    std::uint32_t height = 0;
};

inline constexpr std::size_t kPageHeaderBytes = 20;
// More pages than any document a hall shows (and more than an int page number needs).
inline constexpr std::uint32_t kMaxPageCount = 1000000;

std::array<std::uint8_t, kPageHeaderBytes> encodePageHeader(const PageHeader& header);
// The header in `bytes` when the kiosk accepts it: the magic, a known status, and for a rendered
// page a size within `limits`; else nullopt with the reason in `error`.
std::optional<PageHeader> decodePageHeader(const std::uint8_t* bytes, std::size_t size, const PageLimits& limits,
                                           std::string& error);
// What a status means, for the log: "not a PDF poppler can open", ….
const char* describePageStatus(PageStatus status);
// The pixel bytes that follow a header (0 unless rendered).
std::uint64_t pagePixelBytes(const PageHeader& header);

} // namespace gk
