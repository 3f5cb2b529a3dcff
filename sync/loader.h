// Loading verified content from the store: every file of a generation is checked against its
// manifest entry (size, then SHA-256) before it is parsed, so damage behind our back is found,
// and a damaged current generation falls back to the previous intact one. Must not include SDL,
// ImGui, GL or curl.
#pragma once

#include "sync/content.h"
#include "sync/feed_parser.h"
#include "sync/limits.h"
#include "sync/manifest.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace gk {

// The publish in one generation (or staging) directory, verified and parsed. content has
// generated_at, site, collections, playlists and skipped set; generation, base_url and
// objects_dir are the caller's. nullopt + error ("guides.json: size mismatch (…)") otherwise.
struct FeedDirectory {
    Manifest manifest;
    std::string manifest_sha256;
    Content content;
};
std::optional<FeedDirectory> readFeedDirectory(const std::filesystem::path& dir, const FeedLimits& limits,
                                               std::string& error);

// Checks a generation without parsing it: manifest.json against the id, every file against its
// manifest entry (streamed SHA-256), generation.json readable. False with error saying what is
// wrong.
bool verifyGeneration(const std::filesystem::path& data_dir, const std::string& id, std::string& error,
                      const FeedLimits& limits = {});

// One generation of the store in data_dir, fully verified; nullptr + error when damaged.
std::shared_ptr<const Content> loadGeneration(const std::filesystem::path& data_dir, const std::string& id,
                                              std::string& error, const FeedLimits& limits = {});

// The current generation; if it is damaged, the most recent intact other generation.
//  - nullptr: nothing usable; error says why ("store is empty", or every damage found).
//  - non-null with empty error: the current generation.
//  - non-null with non-empty error: a fallback was loaded; error names the damage found.
std::shared_ptr<const Content> loadCurrentContent(const std::filesystem::path& data_dir, std::string& error,
                                                  const FeedLimits& limits = {});

} // namespace gk
