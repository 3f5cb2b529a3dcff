// Fast substring search for the search index's linear scan: glibc's memmem walks byte by byte for
// two-byte needles and stops often in Chinese text, where every third byte is a lead byte of the
// same few values. This finder instead looks, 16 positions at a time, for the needle's two rarest
// bytes (by a byte histogram of the text searched) at their offsets, and compares the whole needle
// only there. Portable: GCC/Clang vector extensions, no intrinsics. Owned by sync/; must not
// include SDL, ImGui, GL or curl.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gk {

// How often each byte value occurs in the text to be searched.
using ByteHistogram = std::array<std::uint64_t, 256>;
void countBytes(std::string_view text, ByteHistogram& histogram);

class SubstringFinder {
public:
    // needle must outlive the finder. An empty needle is found nowhere.
    SubstringFinder(std::string_view needle, const ByteHistogram& histogram);

    // The first occurrence starting in [from, end) and ending by end, or nullptr.
    const char* find(const char* from, const char* end) const;
    std::string_view needle() const { return m_needle; }

private:
    const char* findPair(const char* from, const char* end) const;

    std::string_view m_needle;
    std::size_t m_rare_offset = 0;   // offset in the needle of its rarest byte
    std::size_t m_second_offset = 0; // of the next rarest (another offset), when the needle has two bytes
};

} // namespace gk
