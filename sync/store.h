// The verified local store under <data-dir>/store/: layout, the `current` pointer, the state
// file, per-generation metadata, size+SHA-256 verification and garbage collection. Layout:
//   current                      id of the current generation (replaced atomically)
//   state.json                   validators and last attempt/success/error (replaced atomically)
//   generations/<id>/            manifest.json, the collections, playlists/<group>.json exactly as
//                                fetched, plus generation.json (our metadata)
//   objects/<aa>/<sha256>        downloaded images, shared between generations
//   staging/<random>/            a publish being assembled; removed on failure
// Must not include SDL, ImGui, GL or curl.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

struct StorePaths {
    explicit StorePaths(const std::filesystem::path& data_dir);

    std::filesystem::path root; // <data-dir>/store
    std::filesystem::path generations;
    std::filesystem::path objects;
    std::filesystem::path staging;
    std::filesystem::path current;
    std::filesystem::path state;
    std::filesystem::path lock;

    std::filesystem::path generation(const std::string& id) const { return generations / id; }
    std::filesystem::path object(const std::string& sha256) const { return objects / sha256.substr(0, 2) / sha256; }
    // Creates the directories; false with "cannot create data directory …: reason".
    bool create(std::string& error) const;
};

struct StoreState {
    std::string manifest_url; // the validators below belong to this URL
    std::string etag;
    std::string last_modified;
    std::int64_t last_attempt = 0; // Unix seconds; 0 = never
    std::int64_t last_success = 0;
    std::string last_error;        // empty after a successful sync
    std::int64_t next_attempt = 0; // when the background worker syncs next; 0 = no worker
};

// The state of the store in data_dir; defaults when absent or unreadable.
StoreState readStoreState(const std::filesystem::path& data_dir);
bool writeStoreState(const StorePaths& paths, const StoreState& state, std::string& error);

// Generation id = the first 16 hex digits of the manifest's SHA-256.
std::string generationIdFor(std::string_view manifest_sha256);
bool isGenerationId(std::string_view id);

std::string readCurrentGeneration(const StorePaths& paths); // empty when none
bool writeCurrentGeneration(const StorePaths& paths, const std::string& id, std::string& error);

inline constexpr const char* kGenerationMetaFile = "generation.json";

// Written by us into each generation (not part of the feed).
struct GenerationMeta {
    std::string base_url;
    std::string manifest_url;
    std::int64_t fetched_at = 0;      // Unix seconds
    std::vector<std::string> objects; // sha256 of every image, PDF and video the generation references
    // The playlists' videos this generation names but did not download (over a cap, no room):
    // sha256 -> why. Content::videos_not_downloaded when loaded.
    std::map<std::string, std::string> videos_not_downloaded{};
    // The playlists' videos it downloaded (a part of objects): what the store's video budget counts.
    std::vector<std::string> videos{};
};

std::optional<GenerationMeta> readGenerationMeta(const std::filesystem::path& generation_dir);
bool writeGenerationMeta(const std::filesystem::path& generation_dir, const GenerationMeta& meta, std::string& error);

// Generation ids in the store, most recently fetched first.
std::vector<std::string> listGenerations(const StorePaths& paths);

// Keeps `keep` generations, deletes the others, then the objects none of the kept ones use.
// Object removal is skipped when a kept generation's metadata is unreadable.
void collectGarbage(const StorePaths& paths, const std::vector<std::string>& keep);

// Bytes on disk of these generations: their files plus the objects they reference (each once).
std::uint64_t generationsBytes(const StorePaths& paths, const std::vector<std::string>& ids);
// Bytes on disk of the videos these generations downloaded (each once); a part of generationsBytes.
std::uint64_t generationsVideoBytes(const StorePaths& paths, const std::vector<std::string>& ids);

// Size first, then SHA-256. True when the data matches; otherwise false with error
// ("disclosures.json: sha256 mismatch (expected 3fa2…, got 91bc…)").
bool verifyBytes(std::string_view label, std::string_view data, std::uint64_t expected_bytes,
                 std::string_view expected_sha256, std::string& error);
bool verifyFile(std::string_view label, const std::filesystem::path& path, std::uint64_t expected_bytes,
                std::string_view expected_sha256, std::string& error);

} // namespace gk
