// The renderer's output format. See page_wire.h.
#include "kiosk/pdf/page_wire.h"

#include <cstring>

namespace gk {
namespace {

constexpr char kMagic[4] = {'G', 'K', 'P', '1'};

void putWord(std::uint8_t* out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

std::uint32_t word(const std::uint8_t* in) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value |= static_cast<std::uint32_t>(in[i]) << (8 * i);
    return value;
}

} // namespace

std::array<std::uint8_t, kPageHeaderBytes> encodePageHeader(const PageHeader& header) {
    std::array<std::uint8_t, kPageHeaderBytes> out{};
    std::memcpy(out.data(), kMagic, 4);
    putWord(out.data() + 4, static_cast<std::uint32_t>(header.status));
    putWord(out.data() + 8, header.page_count);
    putWord(out.data() + 12, header.width);
    putWord(out.data() + 16, header.height);
    return out;
}

std::optional<PageHeader> decodePageHeader(const std::uint8_t* bytes, std::size_t size, const PageLimits& limits,
                                           std::string& error) {
    if (size < kPageHeaderBytes) {
        error = "the renderer sent " + std::to_string(size) + " bytes, not a whole header";
        return std::nullopt;
    }
    if (std::memcmp(bytes, kMagic, 4) != 0) {
        error = "the renderer's output does not start with its magic";
        return std::nullopt;
    }
    const std::uint32_t status = word(bytes + 4);
    if (status > static_cast<std::uint32_t>(PageStatus::Failed)) {
        error = "the renderer sent an unknown status " + std::to_string(status);
        return std::nullopt;
    }
    PageHeader header{static_cast<PageStatus>(status), word(bytes + 8), word(bytes + 12), word(bytes + 16)};
    if (header.page_count > kMaxPageCount) {
        error = "the renderer claims " + std::to_string(header.page_count) + " pages";
        return std::nullopt;
    }
    if (header.status != PageStatus::Rendered) {
        if (header.width != 0 || header.height != 0) {
            error = "the renderer sent a size with a page it did not render";
            return std::nullopt;
        }
        return header;
    }
    if (header.width == 0 || header.height == 0 || header.width > limits.max_width ||
        header.height > limits.max_height ||
        static_cast<std::uint64_t>(header.width) * header.height > limits.max_pixels) {
        error = "the renderer sent a page of " + std::to_string(header.width) + "×" + std::to_string(header.height) +
                " pixels, outside the limits";
        return std::nullopt;
    }
    if (header.page_count == 0) {
        error = "the renderer sent a page of a document with no pages";
        return std::nullopt;
    }
    return header;
}

const char* describePageStatus(PageStatus status) {
    switch (status) {
    case PageStatus::Rendered: return "rendered";
    case PageStatus::NotPdf: return "not a PDF poppler can open (damaged, truncated or another format)";
    case PageStatus::Locked: return "the PDF needs a password";
    case PageStatus::NoSuchPage: return "the PDF has no such page";
    case PageStatus::TooLarge: return "the page is larger than the pixel limit at that width";
    case PageStatus::Failed: return "poppler could not render the page";
    }
    return "unknown";
}

std::uint64_t pagePixelBytes(const PageHeader& header) {
    if (header.status != PageStatus::Rendered) return 0;
    return static_cast<std::uint64_t>(header.width) * header.height * 4;
}

} // namespace gk
