// Assembling one publish in <store>/staging/<random>/: each file is copied from an earlier
// generation when an intact copy with the same SHA-256 exists, else fetched; every file is
// verified (size, then SHA-256) before the directory is renamed into generations/<id>. Images go
// to objects/<aa>/<sha256> (content-addressed, shared). The staging directory is removed unless
// committed. Must not include SDL, ImGui, GL or curl (the Fetcher hides it).
#pragma once

#include "sync/content.h"
#include "sync/fetcher.h"
#include "sync/manifest.h"
#include "sync/store.h"
#include "sync/url.h"

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
    Staging(const StorePaths& paths, Fetcher& fetcher, PortalLocation where, bool allow_insecure_http);
    ~Staging();
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    bool create(std::string& error);
    const std::filesystem::path& dir() const { return dir_; }
    const StageStats& stats() const { return stats_; }
    // The portal's Retry-After (seconds) when a file or image fetch failed with 429/503; else 0.
    std::int64_t retryAfterS() const { return retry_after_s_; }

    bool writeManifest(std::string_view bytes, std::string& error);
    // local_sources: generation directories to copy an unchanged file from, most trusted first.
    bool stageFile(const FeedFile& file, const std::vector<std::filesystem::path>& local_sources, std::string& error);
    // Ensures objects/<aa>/<sha256> holds each image, verified; max_bytes is the per-image limit.
    bool stageImages(const std::vector<Attachment>& images, std::uint64_t max_bytes, std::string& error);
    // fsync everything, then rename into generations/<id> (replacing a damaged copy of that id).
    bool commit(const std::string& id, std::string& error);

private:
    bool reuseLocal(const FeedFile& file, const std::vector<std::filesystem::path>& local_sources);
    bool fetchVerified(const std::string& href, const std::string& sha256, std::uint64_t bytes,
                       const std::filesystem::path& target, std::string& error);

    const StorePaths& paths_;
    Fetcher& fetcher_;
    PortalLocation where_;
    bool allow_insecure_http_;
    std::filesystem::path dir_;
    bool committed_ = false;
    StageStats stats_;
    std::int64_t retry_after_s_ = 0;
};

} // namespace gk
