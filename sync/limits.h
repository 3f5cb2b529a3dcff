// Size and count limits of portal-feed-v1 (defaults from the spec, configurable per sync), and
// the flag that stops reading a publish.
// Plain data; must not include SDL, ImGui, GL or curl.
#pragma once

#include <atomic>
#include <cstdint>

namespace gk {

inline constexpr std::uint64_t kMiB = 1024 * 1024;

struct FeedLimits {
    std::uint64_t manifest_bytes = 1 * kMiB;
    std::uint64_t collection_bytes = 64 * kMiB; // each collection and each playlist file
    std::uint64_t attachment_bytes = 32 * kMiB; // each image: a larger one refuses the publish
    // PDF attachments are downloaded up to these (the device config's attachments.max_file_mib and
    // max_total_mib); one past either stays a QR code and the publish is taken all the same. The
    // total counts the publish's images too, which are always downloaded.
    std::uint64_t pdf_file_bytes = 50 * kMiB;
    std::uint64_t attachments_total_bytes = 1024 * kMiB;
    std::uint64_t store_bytes = 2048 * kMiB; // one generation plus its images and PDFs, as declared
    // The store on disk (current + previous generation + their images and PDFs): when keeping the
    // previous generation would exceed this, it is dropped and only the current one stays.
    std::uint64_t store_total_bytes = 3072 * kMiB;
    // The playlists' videos are downloaded up to these (the device config's video.max_file_mib and
    // max_total_mib); one past either is not downloaded, its playlist item is skipped with the
    // reason, and the publish is taken all the same. Videos have this budget on top of the store
    // limits above: a generation holds at most store_bytes plus video_total_bytes, and the previous
    // generation is kept while the two hold at most store_total_bytes plus their videos, up to
    // video_total_bytes (so the store on disk stays within store_total_bytes + video_total_bytes).
    std::uint64_t video_file_bytes = 500 * kMiB;
    std::uint64_t video_total_bytes = 4096 * kMiB;
    // Free space a sync leaves on the data directory's filesystem (for SQLite, the journal and the
    // OS): a publish that would eat into it first drops the previous generation, then is refused.
    std::uint64_t disk_reserve_bytes = 512 * kMiB;
    std::uint64_t items_per_collection = 100000;
    // When set and true, reading a publish stops between items (the sync fails as cancelled): a
    // large publish takes seconds to read, and SIGTERM must end `run` within one.
    const std::atomic<bool>* stop = nullptr;
};

} // namespace gk
