// manifest.json parsing (sync/manifest.h). Must not include SDL, ImGui, GL or curl.
#include "sync/manifest.h"

#include "sync/href.h"
#include "sync/json_fields.h"
#include "sync/sha256.h"
#include "sync/url.h"

namespace gk {
using nlohmann::json;

namespace {

std::string lower(std::string s) {
    for (char& c : s) {
        c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return s;
}

// Reads {"href", "sha256", "bytes"} at path; false with error saying what is wrong.
bool readFileEntry(const json& value, const std::string& path, std::uint64_t max_bytes, FeedFile& out,
                   std::string& error) {
    const auto fail = [&error](std::string message) {
        error = std::move(message);
        return false;
    };
    if (!value.is_object()) {
        return fail(path + " is not an object");
    }
    const auto href = value.find("href");
    const auto sha = value.find("sha256");
    const auto bytes = value.find("bytes");
    if (href == value.end() || !href->is_string()) {
        return fail(path + ".href is missing or not a string");
    }
    if (std::string problem; !checkHref(href->get<std::string>(), problem)) {
        // Quoted as JSON so a NUL or newline in the href cannot break the one-line error.
        return fail(path + ".href " + href->dump(-1, ' ', false, json::error_handler_t::replace) + " " + problem);
    }
    if (sha == value.end() || !sha->is_string() || !isSha256Hex(sha->get<std::string>())) {
        return fail(path + ".sha256 is not 64 hex digits");
    }
    if (bytes == value.end() || !bytes->is_number_unsigned()) {
        return fail(path + ".bytes is missing or not a non-negative integer");
    }
    out.href = href->get<std::string>();
    out.sha256 = lower(sha->get<std::string>());
    out.bytes = bytes->get<std::uint64_t>();
    if (out.bytes > max_bytes) {
        return fail(path + ".bytes " + std::to_string(out.bytes) + " exceeds the limit of " +
                    std::to_string(max_bytes) + " bytes");
    }
    return true;
}

void readSite(const json& manifest, Manifest& out) {
    const auto site = manifest.find("site");
    if (site == manifest.end() || site->is_null()) {
        return;
    }
    if (!site->is_object()) {
        out.skipped.push_back({"manifest", "site", "site is not an object"});
        return;
    }
    const std::pair<const char*, std::string*> fields[] = {{"name", &out.site.name},
                                                           {"portal_url", &out.site.portal_url},
                                                           {"mobile_url", &out.site.mobile_url},
                                                           {"hotline", &out.site.hotline},
                                                           {"disclosure_guide_url", &out.site.disclosure_guide_url},
                                                           {"apply_url", &out.site.apply_url}};
    for (const auto& [key, target] : fields) {
        FieldReader reader(*site, "site");
        reader.text(key, *target);
        if (!reader.ok()) {
            out.skipped.push_back({"manifest", std::string("site.") + key, reader.error()});
        }
    }
    // The site's links become QR codes (the fallback for items without one): web URLs only.
    for (const auto& [key, target] : fields) {
        if (std::string_view(key) == "name" || std::string_view(key) == "hotline" || target->empty() ||
            isWebUrl(*target))
            continue;
        out.skipped.push_back(
            {"manifest", std::string("site.") + key, "site." + std::string(key) + " is not an http(s) URL; not shown"});
        target->clear();
    }
}

bool readCollections(const json& files, const FeedLimits& limits, Manifest& out, std::string& error) {
    for (const char* key : kCollectionKeys) {
        const auto entry = files.find(key);
        if (entry == files.end()) {
            error = std::string("files.") + key + " is missing";
            return false;
        }
        FeedFile file;
        if (!readFileEntry(*entry, std::string("files.") + key, limits.collection_bytes, file, error)) {
            return false;
        }
        file.key = key;
        file.local_name = std::string(key) + ".json";
        out.files.push_back(std::move(file));
    }
    return true;
}

void readPlaylists(const json& manifest, const FeedLimits& limits, Manifest& out) {
    const auto playlists = manifest.find("playlists");
    if (playlists == manifest.end() || playlists->is_null()) {
        return;
    }
    if (!playlists->is_object()) {
        out.skipped.push_back({"playlists", "", "manifest playlists is not an object"});
        return;
    }
    for (const auto& [group, entry] : playlists->items()) {
        if (!isSafeGroupName(group)) {
            out.skipped.push_back(
                {"playlists", group, "screen group name \"" + group + "\" is not usable as a file name"});
            continue;
        }
        FeedFile file;
        if (std::string problem; !readFileEntry(entry, "playlists." + group, limits.collection_bytes, file, problem)) {
            out.skipped.push_back({"playlists", group, problem});
            continue;
        }
        file.key = group;
        file.playlist = true;
        file.local_name = "playlists/" + group + ".json";
        out.files.push_back(std::move(file));
    }
}

bool readRequired(const json& doc, Manifest& out, std::string& error) {
    const auto format = doc.find("format");
    if (format == doc.end() || !format->is_string()) {
        error = "format is missing";
        return false;
    }
    out.format = format->get<std::string>();
    if (out.format != kFeedFormat) {
        error = "format is \"" + out.format + "\", expected \"" + kFeedFormat + "\"";
        return false;
    }
    const auto generated = doc.find("generated_at");
    if (generated == doc.end() || !generated->is_string() || generated->get<std::string>().empty()) {
        error = "generated_at is missing or not a string";
        return false;
    }
    out.generated_at = generated->get<std::string>();
    const auto files = doc.find("files");
    if (files == doc.end() || !files->is_object()) {
        error = "files is missing or not an object";
        return false;
    }
    return true;
}

} // namespace

const FeedFile* Manifest::find(std::string_view key, bool playlist) const {
    for (const FeedFile& file : files) {
        if (file.key == key && file.playlist == playlist) {
            return &file;
        }
    }
    return nullptr;
}

bool isSafeGroupName(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '.') {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::optional<Manifest> parseManifest(std::string_view bytes, const FeedLimits& limits, std::string& error) {
    if (bytes.size() > limits.manifest_bytes) {
        error = "manifest.json: larger than " + std::to_string(limits.manifest_bytes) + " bytes";
        return std::nullopt;
    }
    std::string problem;
    const std::optional<json> parsed = parseJsonDocument(bytes, problem);
    if (!parsed || !parsed->is_object()) {
        error = "manifest.json: " + (parsed ? std::string("is not a JSON object") : problem);
        return std::nullopt;
    }
    const json& doc = *parsed;
    Manifest manifest;
    if (!readRequired(doc, manifest, problem) || !readCollections(*doc.find("files"), limits, manifest, problem)) {
        error = "manifest.json: " + problem;
        return std::nullopt;
    }
    if (const auto status = doc.find("status_url"); status != doc.end() && status->is_string()) {
        manifest.status_url = status->get<std::string>();
    }
    readSite(doc, manifest);
    readPlaylists(doc, limits, manifest);
    return manifest;
}

} // namespace gk
