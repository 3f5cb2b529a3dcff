// Loading verified content from the store (sync/loader.h). Must not include SDL, ImGui, GL or curl.
#include "sync/loader.h"

#include "sync/fs_util.h"
#include "sync/sha256.h"
#include "sync/store.h"

namespace gk {
namespace fs = std::filesystem;

namespace {

// Reads one file of the publish and checks it against its manifest entry.
std::optional<std::string> readVerified(const fs::path& dir, const FeedFile& file, std::string& error) {
    std::string problem;
    auto bytes = readFileCapped(dir / file.local_name, file.bytes, problem);
    if (!bytes) {
        // Larger than declared, missing or unreadable: report as the size/sha check would.
        std::error_code ec;
        const auto size = fs::file_size(dir / file.local_name, ec);
        error = ec ? file.href + ": missing (" + ec.message() + ")"
                   : file.href + ": size mismatch (expected " + std::to_string(file.bytes) + " bytes, got " +
                         std::to_string(size) + " bytes)";
        return std::nullopt;
    }
    if (!verifyBytes(file.href, *bytes, file.bytes, file.sha256, error)) {
        return std::nullopt;
    }
    return bytes;
}

std::shared_ptr<const Content> loadGenerationUnguarded(const fs::path& data_dir, const std::string& id,
                                                       std::string& error, const FeedLimits& limits);
std::shared_ptr<const Content> loadCurrentUnguarded(const fs::path& data_dir, std::string& error,
                                                    const FeedLimits& limits);

// manifest.json must hash to the generation id; false with error otherwise.
bool checkManifestId(const fs::path& dir, const std::string& id, const FeedLimits& limits, std::string& error) {
    std::string problem;
    const auto manifest_bytes = readFileCapped(dir / "manifest.json", limits.manifest_bytes, problem);
    if (!manifest_bytes) {
        error = "manifest.json: " + problem;
        return false;
    }
    const std::string sha = sha256Hex(*manifest_bytes);
    if (generationIdFor(sha) != id) {
        error = "manifest.json: sha256 mismatch (expected " + id + "…, got " + shortHash(sha) + ")";
        return false;
    }
    return true;
}

} // namespace

std::optional<FeedDirectory> readFeedDirectory(const fs::path& dir, const FeedLimits& limits, std::string& error) {
    std::string problem;
    const auto manifest_bytes = readFileCapped(dir / "manifest.json", limits.manifest_bytes, problem);
    if (!manifest_bytes) {
        error = "manifest.json: " + problem;
        return std::nullopt;
    }
    FeedDirectory feed;
    feed.manifest_sha256 = sha256Hex(*manifest_bytes);
    auto manifest = parseManifest(*manifest_bytes, limits, error);
    if (!manifest) {
        return std::nullopt;
    }
    feed.manifest = std::move(*manifest);
    FeedTexts texts;
    for (const FeedFile& file : feed.manifest.files) {
        auto bytes = readVerified(dir, file, error);
        if (!bytes) {
            return std::nullopt;
        }
        (file.playlist ? texts.playlists : texts.collections)[file.key] = std::move(*bytes);
    }
    if (!parseFeed(feed.manifest, texts, limits, feed.content, error)) {
        return std::nullopt;
    }
    return feed;
}

bool verifyGeneration(const fs::path& data_dir, const std::string& id, std::string& error, const FeedLimits& limits) {
    const fs::path dir = StorePaths(data_dir).generation(id);
    const std::string label = "generation " + id + ": ";
    std::string problem;
    if (!checkManifestId(dir, id, limits, problem)) {
        error = label + problem;
        return false;
    }
    const auto manifest_bytes = readFileCapped(dir / "manifest.json", limits.manifest_bytes, problem);
    const auto manifest = manifest_bytes ? parseManifest(*manifest_bytes, limits, problem) : std::nullopt;
    if (!manifest) {
        error = label + problem;
        return false;
    }
    for (const FeedFile& file : manifest->files) {
        if (!verifyFile(file.href, dir / file.local_name, file.bytes, file.sha256, problem)) {
            error = label + problem;
            return false;
        }
    }
    if (!readGenerationMeta(dir)) {
        error = label + kGenerationMetaFile + " is missing or damaged";
        return false;
    }
    return true;
}

std::shared_ptr<const Content> loadGeneration(const fs::path& data_dir, const std::string& id, std::string& error,
                                              const FeedLimits& limits) {
    try {
        return loadGenerationUnguarded(data_dir, id, error, limits);
    } catch (const std::exception& e) { // e.g. out of memory on a huge collection
        error = "generation " + id + ": load aborted: " + e.what();
        return nullptr;
    }
}

std::shared_ptr<const Content> loadCurrentContent(const fs::path& data_dir, std::string& error,
                                                  const FeedLimits& limits) {
    try {
        return loadCurrentUnguarded(data_dir, error, limits);
    } catch (const std::exception& e) {
        error = std::string("load aborted: ") + e.what();
        return nullptr;
    }
}

namespace {

std::shared_ptr<const Content> loadGenerationUnguarded(const fs::path& data_dir, const std::string& id,
                                                       std::string& error, const FeedLimits& limits) {
    const StorePaths paths(data_dir);
    const fs::path dir = paths.generation(id);
    const std::string label = "generation " + id + ": ";
    if (std::string problem; !checkManifestId(dir, id, limits, problem)) {
        error = label + problem;
        return nullptr;
    }
    auto feed = readFeedDirectory(dir, limits, error);
    if (!feed || generationIdFor(feed->manifest_sha256) != id) { // re-checked: read twice
        error = label + (feed ? "manifest.json changed while loading" : error);
        return nullptr;
    }
    const auto meta = readGenerationMeta(dir);
    if (!meta) {
        error = label + kGenerationMetaFile + " is missing or damaged";
        return nullptr;
    }
    auto content = std::make_shared<Content>(std::move(feed->content));
    content->generation = id;
    content->base_url = meta->base_url;
    content->objects_dir = paths.objects;
    content->videos_not_downloaded = meta->videos_not_downloaded;
    error.clear();
    return content;
}

std::shared_ptr<const Content> loadCurrentUnguarded(const fs::path& data_dir, std::string& error,
                                                    const FeedLimits& limits) {
    const StorePaths paths(data_dir);
    const std::string current = readCurrentGeneration(paths);
    std::vector<std::string> order;
    if (!current.empty()) {
        order.push_back(current);
    }
    for (const std::string& id : listGenerations(paths)) {
        if (id != current) {
            order.push_back(id);
        }
    }
    if (order.empty()) {
        error = "store is empty";
        return nullptr;
    }
    std::string damage = current.empty() ? "no current generation recorded" : std::string();
    for (const std::string& id : order) {
        std::string problem;
        if (auto content = loadGeneration(data_dir, id, problem, limits)) {
            error = damage.empty() ? std::string() : damage + "; showing generation " + id;
            return content;
        }
        damage += (damage.empty() ? "" : "; ") + problem;
    }
    error = damage;
    return nullptr;
}

} // namespace
} // namespace gk
