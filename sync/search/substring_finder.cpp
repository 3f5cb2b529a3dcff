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

SubstringFinder::SubstringFinder(std::string_view needle, const ByteHistogram& histogram) : needle_(needle) {
    const auto count = [&](std::size_t i) { return histogram[static_cast<unsigned char>(needle[i])]; };
    for (std::size_t i = 1; i < needle.size(); ++i)
        if (count(i) < count(rare_offset_)) rare_offset_ = i;
    second_offset_ = rare_offset_ == 0 ? 1 : 0;
    for (std::size_t i = 0; i < needle.size(); ++i)
        if (i != rare_offset_ && count(i) < count(second_offset_)) second_offset_ = i;
}

const char* SubstringFinder::find(const char* from, const char* end) const {
    const std::size_t n = needle_.size();
    if (n == 0 || from >= end || static_cast<std::size_t>(end - from) < n) return nullptr;
    if (n == 1) return static_cast<const char*>(std::memchr(from, needle_[0], static_cast<std::size_t>(end - from)));
    return findPair(from, end);
}

const char* SubstringFinder::findPair(const char* from, const char* end) const {
    const std::size_t n = needle_.size();
    const char* const last_start = end - n; // inclusive
    const Bytes16 rare = splat(needle_[rare_offset_]);
    const Bytes16 second = splat(needle_[second_offset_]);
    const char* start = from;
    // Sixteen candidate starts per step; the loads end at last_start + 15 + offset < end.
    for (; last_start - start >= 15; start += 16) {
        const auto hits = (load16(start + rare_offset_) == rare) & (load16(start + second_offset_) == second);
        if (!anySet(hits)) continue;
        for (std::size_t k = 0; k < 16; ++k)
            if (hits[k] != 0 && std::memcmp(start + k, needle_.data(), n) == 0) return start + k;
    }
    for (; start <= last_start; ++start)
        if (start[rare_offset_] == needle_[rare_offset_] && std::memcmp(start, needle_.data(), n) == 0) return start;
    return nullptr;
}

} // namespace gk
