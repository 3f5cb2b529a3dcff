// Test helpers for sync/: a unique temporary directory removed at the end, file writing, and a
// small portal feed written to disk with hashes computed by gk::sha256Hex (never hard-coded).
#pragma once

#include "sync/sync_once.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace gk::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

void writeFile(const std::filesystem::path& path, std::string_view bytes);
std::string readFile(const std::filesystem::path& path);

// {"href", "sha256", "bytes"} of a file under dir.
nlohmann::json fileEntry(const std::filesystem::path& dir, const std::string& href);

// A small feed: collections, one playlist, two images. Edit the JSON, then write().
struct TestFeed {
    TestFeed();

    nlohmann::json catalog;
    nlohmann::json disclosures;
    nlohmann::json guides;
    nlohmann::json notices;
    std::map<std::string, nlohmann::json> playlists;
    std::map<std::string, std::string> binaries; // href -> bytes (the images)

    // Writes every file and a manifest naming them with their real hashes; returns the
    // manifest text. manifest_edit may change the manifest JSON before it is written.
    std::string write(const std::filesystem::path& dir,
                      const std::function<void(nlohmann::json&)>& manifest_edit = nullptr) const;

    // An image attachment object for bytes placed at href (also added to binaries).
    nlohmann::json image(const std::string& href, const std::string& bytes);
};

// A portal directory and a data directory in one temp dir, with the TestFeed to publish.
struct SyncFixture {
    TempDir temp;
    std::filesystem::path portal = temp.path() / "portal";
    std::filesystem::path data = temp.path() / "data";
    TestFeed feed;

    SyncRequest request(std::int64_t now = 1000) const; // file:// URL of portal, fixed clock
    std::string publish() const { return feed.write(portal); }
    std::filesystem::path store(const std::string& sub) const { return data / "store" / sub; }
    std::size_t generationCount() const;
    bool stagingEmpty() const;
};

// The generation id the store must use: first 16 hex of the manifest's SHA-256.
std::string generationIdOf(const std::string& manifest_text);

inline const std::string kLogoPng = std::string("\x89PNG\r\n\x1a\n", 8) + "logo-pixels";
inline const std::string kFlowPng = std::string("\x89PNG\r\n\x1a\n", 8) + "flowchart-pixels";

} // namespace gk::test
