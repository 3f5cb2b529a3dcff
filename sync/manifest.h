// manifest.json of portal-feed-v1: required fields, the files it names (with href safety, SHA-256
// and size checked against the limits) and the site block. Pure parsing, no I/O. Must not include
// SDL, ImGui, GL or curl.
#pragma once

#include "sync/content.h"
#include "sync/limits.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

inline constexpr const char* kFeedFormat = "gongkai-feed/1";
inline constexpr const char* kCollectionKeys[] = {"catalog", "disclosures", "guides", "notices"};

// One file the manifest names, and where the store keeps it inside a generation.
struct FeedFile {
    std::string key; // "disclosures", or the screen group for a playlist
    bool playlist = false;
    std::string href;   // relative to the manifest, checked safe
    std::string sha256; // lowercase hex
    std::uint64_t bytes = 0;
    std::string local_name; // "disclosures.json", "playlists/hall-main.json"
};

struct Manifest {
    std::string format;
    std::string generated_at;
    std::string status_url;
    Site site;
    std::vector<FeedFile> files;      // the four collections (spec order), then the playlists
    std::vector<SkippedItem> skipped; // unusable playlist entries, wrongly typed site fields

    const FeedFile* find(std::string_view key, bool playlist = false) const;
};

// nullopt with a one-line error ("manifest.json: files.guides.sha256 is not 64 hex digits") when
// the manifest cannot be used at all. Problems confined to one playlist entry skip that entry.
std::optional<Manifest> parseManifest(std::string_view bytes, const FeedLimits& limits, std::string& error);

// Screen group names usable as file names: [A-Za-z0-9_-][A-Za-z0-9._-]{0,63}.
bool isSafeGroupName(std::string_view name);

} // namespace gk
