// Assembling one publish in <store>/staging/<random>/: each file is copied from an earlier
// generation when an intact copy with the same SHA-256 exists, else fetched; every file is
// verified (size, then SHA-256) before the directory is renamed into generations/<id>. New images,
// PDFs and videos wait in the staging directory and move to objects/<aa>/<sha256> (content-addressed, shared) only
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
    std::size_t pdfs_fetched = 0;
    std::size_t pdfs_reused = 0;
    std::size_t videos_fetched = 0;
    std::size_t videos_reused = 0;
};

class Staging {
public:
    Staging(const StorePaths& paths, Fetcher& fetcher, PortalLocation where, bool allow_insecure_http,
            std::chrono::steady_clock::time_point deadline);
    ~Staging();
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    bool create(std::string& error);
    const std::filesystem::path& dir() const { return m_dir; }
    const StageStats& stats() const { return m_stats; }
    // The portal's Retry-After (seconds) when a file or image fetch failed with 429/503; else 0.
    std::int64_t retryAfterS() const { return m_retry_after_s; }
    // True when a fetch failed because the sync's deadline passed.
    bool deadlinePassed() const { return m_deadline_passed; }

    bool writeManifest(std::string_view bytes, std::string& error);
    // local_sources: generation directories to copy an unchanged file from, most trusted first.
    bool stageFile(const FeedFile& file, const std::vector<std::filesystem::path>& local_sources, std::string& error);
    // Fetches and verifies each image objects/ does not already hold intact; max_bytes is the
    // per-image limit. They are placed in objects/ by commit().
    bool stageImages(const std::vector<Attachment>& images, std::uint64_t max_bytes, std::string& error);
    // The same for PDFs, which the caller chose within the PDF limits: the same fetch, the same
    // verification, the same objects/ and the same garbage collection as images.
    bool stagePdfs(const std::vector<Attachment>& pdfs, std::uint64_t max_bytes, std::string& error);
    // The same for the playlists' videos the caller chose within the video caps.
    bool stageVideos(const std::vector<Attachment>& videos, std::uint64_t max_bytes, std::string& error);
    // Places the staged images in objects/, fsyncs everything, then renames the directory into
    // generations/<id> (replacing a damaged copy of that id). On failure, objects no generation
    // references are removed again.
    bool commit(const std::string& id, std::string& error);

private:
    bool reuseLocal(const FeedFile& file, const std::vector<std::filesystem::path>& local_sources);
    bool fetchVerified(const std::string& href, const std::string& sha256, std::uint64_t bytes,
                       const std::filesystem::path& target, std::string& error);
    bool placeObjects(std::string& error);
    bool stageObjects(const std::vector<Attachment>& attachments, std::uint64_t max_bytes, std::size_t& fetched,
                      std::size_t& reused, std::string& error);

    const StorePaths& m_paths;
    Fetcher& m_fetcher;
    PortalLocation m_where;
    bool m_allow_insecure_http;
    std::chrono::steady_clock::time_point m_deadline;
    std::filesystem::path m_dir;
    std::vector<std::string> m_staged_objects; // sha256 of images, PDFs and videos waiting in m_dir/.objects
    bool m_committed = false;
    StageStats m_stats;
    std::int64_t m_retry_after_s = 0;
    bool m_deadline_passed = false;
};

} // namespace gk
