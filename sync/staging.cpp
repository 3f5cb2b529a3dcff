// Assembling one publish in the staging area (sync/staging.h). Must not include SDL, ImGui, GL
// or curl.
#include "sync/staging.h"

#include "sync/fs_util.h"

namespace gk {
namespace fs = std::filesystem;

Staging::Staging(const StorePaths& paths, Fetcher& fetcher, PortalLocation where, bool allow_insecure_http,
                 std::chrono::steady_clock::time_point deadline)
    : m_paths(paths), m_fetcher(fetcher), m_where(std::move(where)), m_allow_insecure_http(allow_insecure_http),
      m_deadline(deadline) {}

Staging::~Staging() {
    if (!m_committed && !m_dir.empty()) {
        removeTreeQuietly(m_dir);
    }
}

bool Staging::create(std::string& error) {
    m_dir = m_paths.staging / randomHex(8);
    for (const fs::path& sub : {m_dir / "playlists", m_dir / ".objects"}) {
        std::error_code ec;
        fs::create_directories(sub, ec);
        if (ec) {
            error = "cannot create " + sub.string() + ": " + ec.message();
            return false;
        }
    }
    return true;
}

bool Staging::writeManifest(std::string_view bytes, std::string& error) {
    return writeFileSynced(m_dir / "manifest.json", bytes, error);
}

bool Staging::reuseLocal(const FeedFile& file, const std::vector<fs::path>& local_sources) {
    const fs::path target = m_dir / file.local_name;
    for (const fs::path& source_dir : local_sources) {
        const fs::path source = source_dir / file.local_name;
        std::error_code ec;
        if (fs::file_size(source, ec) != file.bytes || ec) {
            continue;
        }
        // A copy, not a hard link: the previous generation must survive damage to this one.
        fs::copy_file(source, target, fs::copy_options::overwrite_existing, ec);
        if (std::string unusable; !ec && verifyFile(file.href, target, file.bytes, file.sha256, unusable)) {
            ++m_stats.files_reused;
            return true;
        }
        fs::remove(target, ec);
    }
    return false;
}

bool Staging::fetchVerified(const std::string& href, const std::string& sha256, std::uint64_t bytes,
                            const fs::path& target, std::string& error) {
    FetchRequest request;
    request.url = joinUrl(m_where.base_url, href);
    request.max_bytes = bytes == 0 ? 1 : bytes; // anything beyond the declared size is an error
    request.allow_insecure_http = m_allow_insecure_http;
    request.file_root_url = m_where.base_url;
    request.deadline = m_deadline;
    const FetchResult result = m_fetcher.fetchToFile(request, target);
    if (!result.ok()) {
        m_retry_after_s = result.retry_after_s;
        m_deadline_passed = result.deadline_passed;
        error = href + ": " +
                (result.too_large ? "size mismatch (expected " + std::to_string(bytes) + " bytes, got more)"
                                  : result.error);
        return false;
    }
    m_stats.bytes_fetched += result.bytes;
    return verifyFile(href, target, bytes, sha256, error);
}

bool Staging::stageFile(const FeedFile& file, const std::vector<fs::path>& local_sources, std::string& error) {
    if (reuseLocal(file, local_sources)) {
        return true;
    }
    if (!fetchVerified(file.href, file.sha256, file.bytes, m_dir / file.local_name, error)) {
        return false;
    }
    ++m_stats.files_fetched;
    return true;
}

bool Staging::stageImages(const std::vector<Attachment>& images, std::uint64_t max_bytes, std::string& error) {
    return stageObjects(images, max_bytes, m_stats.images_fetched, m_stats.images_reused, error);
}

bool Staging::stagePdfs(const std::vector<Attachment>& pdfs, std::uint64_t max_bytes, std::string& error) {
    return stageObjects(pdfs, max_bytes, m_stats.pdfs_fetched, m_stats.pdfs_reused, error);
}

bool Staging::stageVideos(const std::vector<Attachment>& videos, std::uint64_t max_bytes, std::string& error) {
    return stageObjects(videos, max_bytes, m_stats.videos_fetched, m_stats.videos_reused, error);
}

bool Staging::stageObjects(const std::vector<Attachment>& attachments, std::uint64_t max_bytes, std::size_t& fetched,
                           std::size_t& reused, std::string& error) {
    for (const Attachment& attachment : attachments) {
        if (attachment.bytes > max_bytes) {
            error = attachment.href + ": " + std::to_string(attachment.bytes) +
                    " bytes exceeds the attachment limit of " + std::to_string(max_bytes) + " bytes";
            return false;
        }
        const fs::path object = m_paths.object(attachment.sha256);
        if (std::string unusable; verifyFile(attachment.href, object, attachment.bytes, attachment.sha256, unusable)) {
            ++reused;
            continue;
        }
        const fs::path temp = m_dir / ".objects" / attachment.sha256;
        if (!fetchVerified(attachment.href, attachment.sha256, attachment.bytes, temp, error) ||
            !fsyncFile(temp, error)) {
            return false;
        }
        m_staged_objects.push_back(attachment.sha256);
        ++fetched;
    }
    return true;
}

bool Staging::placeObjects(std::string& error) {
    for (const std::string& sha256 : m_staged_objects) {
        const fs::path object = m_paths.object(sha256);
        // A new objects/<aa>/ must be in objects/ for good before a file in it is; renameDurably
        // then fsyncs objects/<aa>/ itself, so the file's name survives a power cut too.
        if (!createDirectoriesDurably(object.parent_path(), error) ||
            !renameDurably(m_dir / ".objects" / sha256, object, error)) {
            return false;
        }
    }
    return true;
}

bool Staging::commit(const std::string& id, std::string& error) {
    const auto fail = [this] {
        // Objects placed for this publish that no generation references (all of them, unless an
        // older generation shares one) go again: objects/ stays as it was before the sync.
        if (!m_staged_objects.empty()) collectGarbage(m_paths, listGenerations(m_paths));
        return false;
    };
    if (!placeObjects(error)) {
        return fail();
    }
    removeTreeQuietly(m_dir / ".objects");
    if (!fsyncTree(m_dir, error)) {
        return fail();
    }
    const fs::path target = m_paths.generation(id);
    const fs::path aside = m_paths.staging / (randomHex(8) + "-replaced");
    std::error_code ec;
    const bool replacing = fs::exists(target, ec);
    if (replacing && !renameDurably(target, aside, error)) {
        return fail();
    }
    if (!renameDurably(m_dir, target, error)) {
        if (replacing) {
            std::string ignored;
            renameDurably(aside, target, ignored);
        }
        return fail();
    }
    m_committed = true;
    removeTreeQuietly(aside);
    return true;
}

} // namespace gk
