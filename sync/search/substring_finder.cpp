// The rare-byte-pair substring finder. See substring_finder.h.
#include "sync/search/substring_finder.h"

#include <cstring>

namespace gk {
namespace {

using Bytes16 = unsigned char __attribute__((vector_size(16)));

Bytes16 load16(const char* at) {
    Bytes16 v;
    std::memcpy(&v, at, sizeof v);
    return v;
}

Bytes16 splat(char c) {
    Bytes16 v;
    for (std::size_t i = 0; i < sizeof v; ++i) v[i] = static_cast<unsigned char>(c);
    return v;
}

template <class Vector> bool anySet(const Vector& v) {
    std::uint64_t halves[2];
    std::memcpy(halves, &v, sizeof halves);
    return (halves[0] | halves[1]) != 0;
}

} // namespace

void countBytes(std::string_view text, ByteHistogram& histogram) {
    for (const char c : text) ++histogram[static_cast<unsigned char>(c)];
}

SubstringFinder::SubstringFinder(std::string_view needle, const ByteHistogram& histogram) : m_needle(needle) {
    const auto count = [&](std::size_t i) { return histogram[static_cast<unsigned char>(needle[i])]; };
    for (std::size_t i = 1; i < needle.size(); ++i)
        if (count(i) < count(m_rare_offset)) m_rare_offset = i;
    m_second_offset = m_rare_offset == 0 ? 1 : 0;
    for (std::size_t i = 0; i < needle.size(); ++i)
        if (i != m_rare_offset && count(i) < count(m_second_offset)) m_second_offset = i;
}

const char* SubstringFinder::find(const char* from, const char* end) const {
    const std::size_t n = m_needle.size();
    if (n == 0 || from >= end || static_cast<std::size_t>(end - from) < n) return nullptr;
    if (n == 1) return static_cast<const char*>(std::memchr(from, m_needle[0], static_cast<std::size_t>(end - from)));
    return findPair(from, end);
}

const char* SubstringFinder::findPair(const char* from, const char* end) const {
    const std::size_t n = m_needle.size();
    const char* const last_start = end - n; // inclusive
    const Bytes16 rare = splat(m_needle[m_rare_offset]);
    const Bytes16 second = splat(m_needle[m_second_offset]);
    const char* start = from;
    // Sixteen candidate starts per step; the loads end at last_start + 15 + offset < end.
    for (; last_start - start >= 15; start += 16) {
        const auto hits = (load16(start + m_rare_offset) == rare) & (load16(start + m_second_offset) == second);
        if (!anySet(hits)) continue;
        for (std::size_t k = 0; k < 16; ++k)
            if (hits[k] != 0 && std::memcmp(start + k, m_needle.data(), n) == 0) return start + k;
    }
    for (; start <= last_start; ++start)
        if (start[m_rare_offset] == m_needle[m_rare_offset] && std::memcmp(start, m_needle.data(), n) == 0)
            return start;
    return nullptr;
}

} // namespace gk
