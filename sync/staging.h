// Assembling one publish in <store>/staging/<random>/: each file is copied from an earlier
// generation when an intact copy with the same SHA-256 exists, else fetched; every file is
// verified (size, then SHA-256) before the directory is renamed into generations/<id>. New images
// wait in the staging directory and move to objects/<aa>/<sha256> (content-addressed, shared) only
// at commit, so a sync that fails leaves objects/ as it was. The staging directory is removed unless
// committed. Every fetch carries the sync's deadline. Must not include SDL, ImGui, GL or curl (the
// Fetcher hides it).
#pragma once

#include "sync/content.h"
#include "sync/fetcher.h"
#include "sync/manifest.h"
#include "sync/store.h"
#include "sync/url.h"

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

struct StageStats {
    std::size_t files_fetched = 0;
    std::size_t files_reused = 0;
    std::size_t images_fetched = 0;
    std::size_t images_reused = 0;
    std::uint64_t bytes_fetched = 0;
};

class Staging {
public:
    Staging(const StorePaths& paths, Fetcher& fetcher, PortalLocation where, bool allow_insecure_http,
            std::chrono::steady_clock::time_point deadline);
    ~Staging();
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    bool create(std::string& error);
    const std::filesystem::path& dir() const { return dir_; }
    const StageStats& stats() const { return stats_; }
    // The portal's Retry-After (seconds) when a file or image fetch failed with 429/503; else 0.
    std::int64_t retryAfterS() const { return retry_after_s_; }
    // True when a fetch failed because the sync's deadline passed.
    bool deadlinePassed() const { return deadline_passed_; }

    bool writeManifest(std::string_view bytes, std::string& error);
    // local_sources: generation directories to copy an unchanged file from, most trusted first.
    bool stageFile(const FeedFile& file, const std::vector<std::filesystem::path>& local_sources, std::string& error);
    // Fetches and verifies each image objects/ does not already hold intact; max_bytes is the
    // per-image limit. They are placed in objects/ by commit().
    bool stageImages(const std::vector<Attachment>& images, std::uint64_t max_bytes, std::string& error);
    // Places the staged images in objects/, fsyncs everything, then renames the directory into
    // generations/<id> (replacing a damaged copy of that id). On failure, objects no generation
    // references are removed again.
    bool commit(const std::string& id, std::string& error);

private:
    bool reuseLocal(const FeedFile& file, const std::vector<std::filesystem::path>& local_sources);
    bool fetchVerified(const std::string& href, const std::string& sha256, std::uint64_t bytes,
                       const std::filesystem::path& target, std::string& error);
    bool placeObjects(std::string& error);

    const StorePaths& paths_;
    Fetcher& fetcher_;
    PortalLocation where_;
    bool allow_insecure_http_;
    std::chrono::steady_clock::time_point deadline_;
    std::filesystem::path dir_;
    std::vector<std::string> staged_objects_; // sha256 of images waiting in dir_/.objects
    bool committed_ = false;
    StageStats stats_;
    std::int64_t retry_after_s_ = 0;
    bool deadline_passed_ = false;
};

} // namespace gk
