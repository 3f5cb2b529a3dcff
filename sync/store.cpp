// The verified local store (sync/store.h). Must not include SDL, ImGui, GL or curl.
#include "sync/store.h"

#include "sync/fs_util.h"
#include "sync/sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace gk {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::uint64_t kSmallFileLimit = 4 * 1024 * 1024;

std::optional<json> readJsonFile(const fs::path& path) {
    std::string ignored;
    const auto text = readFileCapped(path, kSmallFileLimit, ignored);
    if (!text) {
        return std::nullopt;
    }
    json doc = json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return std::nullopt;
    }
    return doc;
}

std::string mismatch(std::string_view label, const std::string& what, const std::string& expected,
                     const std::string& got) {
    return std::string(label) + ": " + what + " mismatch (expected " + expected + ", got " + got + ")";
}

} // namespace

StorePaths::StorePaths(const fs::path& data_dir)
    : root(data_dir / "store"), generations(root / "generations"), objects(root / "objects"), staging(root / "staging"),
      current(root / "current"), state(root / "state.json"), lock(root / "lock") {}

bool StorePaths::create(std::string& error) const {
    std::error_code ec;
    for (const fs::path& dir : {generations, objects, staging}) {
        fs::create_directories(dir, ec);
        if (ec) {
            error = "cannot create data directory " + dir.string() + ": " + ec.message();
            return false;
        }
    }
    return true;
}

namespace {

// A whole-number field, else 0: a float (1e300) would be cast to int64 with undefined behaviour,
// and a time in this file is never fractional.
std::int64_t wholeSeconds(const json& doc, const char* key) {
    const auto it = doc.find(key);
    return it != doc.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

} // namespace

StoreState readStoreState(const fs::path& data_dir) {
    const auto doc = readJsonFile(StorePaths(data_dir).state);
    StoreState state;
    if (!doc) {
        return state;
    }
    try {
        state.manifest_url = doc->value("manifest_url", "");
        state.etag = doc->value("etag", "");
        state.last_modified = doc->value("last_modified", "");
        state.last_attempt = wholeSeconds(*doc, "last_attempt");
        state.last_success = wholeSeconds(*doc, "last_success");
        state.last_error = doc->value("last_error", "");
        state.next_attempt = wholeSeconds(*doc, "next_attempt");
    } catch (const json::exception&) {
        return StoreState{}; // a field of the wrong type: start over rather than trust it
    }
    return state;
}

bool writeStoreState(const StorePaths& paths, const StoreState& state, std::string& error) {
    const json doc = {{"manifest_url", state.manifest_url},   {"etag", state.etag},
                      {"last_modified", state.last_modified}, {"last_attempt", state.last_attempt},
                      {"last_success", state.last_success},   {"last_error", state.last_error},
                      {"next_attempt", state.next_attempt}};
    return writeFileAtomic(paths.state, doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n", error);
}

std::string generationIdFor(std::string_view manifest_sha256) {
    return std::string(manifest_sha256.substr(0, 16));
}

bool isGenerationId(std::string_view id) {
    return id.size() == 16 &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string readCurrentGeneration(const StorePaths& paths) {
    std::string ignored;
    auto text = readFileCapped(paths.current, 256, ignored);
    if (!text) {
        return {};
    }
    while (!text->empty() && (text->back() == '\n' || text->back() == ' ')) {
        text->pop_back();
    }
    return isGenerationId(*text) ? *text : std::string();
}

bool writeCurrentGeneration(const StorePaths& paths, const std::string& id, std::string& error) {
    return writeFileAtomic(paths.current, id + "\n", error);
}

std::optional<GenerationMeta> readGenerationMeta(const fs::path& generation_dir) {
    const auto doc = readJsonFile(generation_dir / kGenerationMetaFile);
    if (!doc) {
        return std::nullopt;
    }
    GenerationMeta meta;
    try {
        meta.base_url = doc->value("base_url", "");
        meta.manifest_url = doc->value("manifest_url", "");
        meta.fetched_at = wholeSeconds(*doc, "fetched_at");
    } catch (const json::exception&) {
        return std::nullopt;
    }
    const auto objects = doc->find("objects");
    if (meta.base_url.empty() || objects == doc->end() || !objects->is_array()) {
        return std::nullopt;
    }
    for (const json& sha : *objects) {
        if (!sha.is_string() || !isSha256Hex(sha.get<std::string>())) {
            return std::nullopt;
        }
        meta.objects.push_back(sha.get<std::string>());
    }
    // Only what the video budget counts and what the screen says about a skipped video: an entry
    // that cannot be read is left out.
    if (const auto videos = doc->find("videos"); videos != doc->end() && videos->is_array()) {
        for (const json& sha : *videos)
            if (sha.is_string() && isSha256Hex(sha.get<std::string>())) meta.videos.push_back(sha.get<std::string>());
    }
    if (const auto videos = doc->find("videos_not_downloaded"); videos != doc->end() && videos->is_object()) {
        for (const auto& [sha256, why] : videos->items())
            if (isSha256Hex(sha256) && why.is_string()) meta.videos_not_downloaded[sha256] = why.get<std::string>();
    }
    return meta;
}

bool writeGenerationMeta(const fs::path& generation_dir, const GenerationMeta& meta, std::string& error) {
    json doc = {{"base_url", meta.base_url},
                {"manifest_url", meta.manifest_url},
                {"fetched_at", meta.fetched_at},
                {"objects", meta.objects}};
    if (!meta.videos.empty()) doc["videos"] = meta.videos;
    if (!meta.videos_not_downloaded.empty()) doc["videos_not_downloaded"] = meta.videos_not_downloaded;
    return writeFileSynced(generation_dir / kGenerationMetaFile,
                           doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n", error);
}

std::vector<std::string> listGenerations(const StorePaths& paths) {
    std::vector<std::pair<std::int64_t, std::string>> found;
    std::error_code ec;
    for (fs::directory_iterator it(paths.generations, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string id = it->path().filename().string();
        if (isGenerationId(id) && it->is_directory(ec)) {
            const auto meta = readGenerationMeta(it->path());
            found.emplace_back(meta ? meta->fetched_at : 0, id);
        }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a > b; });
    std::vector<std::string> ids;
    for (auto& [when, id] : found) {
        ids.push_back(std::move(id));
    }
    return ids;
}

void collectGarbage(const StorePaths& paths, const std::vector<std::string>& keep) {
    std::set<std::string> used;
    bool objects_known = true;
    for (const std::string& id : listGenerations(paths)) {
        if (std::find(keep.begin(), keep.end(), id) == keep.end()) {
            removeTreeQuietly(paths.generation(id));
        } else if (const auto meta = readGenerationMeta(paths.generation(id))) {
            used.insert(meta->objects.begin(), meta->objects.end());
        } else {
            objects_known = false;
        }
    }
    std::error_code ec;
    for (fs::recursive_directory_iterator it(paths.objects, ec), end; objects_known && !ec && it != end;
         it.increment(ec)) {
        if (it->is_regular_file(ec) && used.count(it->path().filename().string()) == 0) {
            fs::remove(it->path(), ec);
        }
    }
}

std::uint64_t generationsBytes(const StorePaths& paths, const std::vector<std::string>& ids) {
    std::uint64_t total = 0;
    std::set<std::string> objects;
    std::error_code ec;
    for (const std::string& id : ids) {
        for (fs::recursive_directory_iterator it(paths.generation(id), ec), end; !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec)) total += it->file_size(ec);
        if (const auto meta = readGenerationMeta(paths.generation(id)))
            objects.insert(meta->objects.begin(), meta->objects.end());
    }
    for (const std::string& sha256 : objects) {
        const std::uint64_t size = fs::file_size(paths.object(sha256), ec);
        if (!ec) total += size;
    }
    return total;
}

std::uint64_t generationsVideoBytes(const StorePaths& paths, const std::vector<std::string>& ids) {
    std::set<std::string> videos;
    for (const std::string& id : ids)
        if (const auto meta = readGenerationMeta(paths.generation(id)))
            videos.insert(meta->videos.begin(), meta->videos.end());
    std::uint64_t total = 0;
    std::error_code ec;
    for (const std::string& sha256 : videos) {
        const std::uint64_t size = fs::file_size(paths.object(sha256), ec);
        if (!ec) total += size;
    }
    return total;
}

bool verifyBytes(std::string_view label, std::string_view data, std::uint64_t expected_bytes,
                 std::string_view expected_sha256, std::string& error) {
    if (data.size() != expected_bytes) {
        error =
            mismatch(label, "size", std::to_string(expected_bytes) + " bytes", std::to_string(data.size()) + " bytes");
        return false;
    }
    const std::string got = sha256Hex(data);
    if (got != expected_sha256) {
        error = mismatch(label, "sha256", shortHash(expected_sha256), shortHash(got));
        return false;
    }
    return true;
}

bool verifyFile(std::string_view label, const fs::path& path, std::uint64_t expected_bytes,
                std::string_view expected_sha256, std::string& error) {
    std::error_code ec;
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec) {
        error = std::string(label) + ": missing (" + ec.message() + ")";
        return false;
    }
    if (size != expected_bytes) {
        error = mismatch(label, "size", std::to_string(expected_bytes) + " bytes", std::to_string(size) + " bytes");
        return false;
    }
    const FileHash hash = sha256File(path);
    if (!hash.ok) {
        error = std::string(label) + ": " + hash.error;
        return false;
    }
    if (hash.hex != expected_sha256) {
        error = mismatch(label, "sha256", shortHash(expected_sha256), shortHash(hash.hex));
        return false;
    }
    return true;
}

} // namespace gk
