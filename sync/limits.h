// Size and count limits of portal-feed-v1 (defaults from the spec, configurable per sync).
// Plain data; must not include SDL, ImGui, GL or curl.
#pragma once

#include <cstdint>

namespace gk {

inline constexpr std::uint64_t kMiB = 1024 * 1024;

struct FeedLimits {
    std::uint64_t manifest_bytes = 1 * kMiB;
    std::uint64_t collection_bytes = 64 * kMiB; // each collection and each playlist file
    std::uint64_t attachment_bytes = 32 * kMiB; // each downloaded image
    std::uint64_t store_bytes = 2048 * kMiB;    // one generation plus its images, as declared
    std::uint64_t items_per_collection = 100000;
};

} // namespace gk
