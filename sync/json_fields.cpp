// Typed reads of feed JSON objects (sync/json_fields.h). Must not include SDL, ImGui, GL or curl.
#include "sync/json_fields.h"

#include "config/playlist.h"

#include "sync/href.h"
#include "sync/sha256.h"
#include "sync/url.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace gk {
using nlohmann::json;

namespace {

std::optional<int> asInt(const json& value) {
    if (value.is_number_integer()) {
        const auto v = value.get<std::int64_t>();
        if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT32_MAX)) {
            return std::nullopt;
        }
        if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
            return std::nullopt;
        }
        return static_cast<int>(v);
    }
    if (value.is_number_float()) { // 5.0 is an integer written as a float
        const double v = value.get<double>();
        if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) <= 2147483647.0) {
            return static_cast<int>(v);
        }
    }
    return std::nullopt;
}

std::string lowerAscii(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

} // namespace

FieldReader::FieldReader(const json& object, std::string path) : m_object(object), m_path(std::move(path)) {}

std::string FieldReader::where(const std::string& key) const {
    return m_path.empty() ? key : m_path + "." + key;
}

void FieldReader::fail(const std::string& key, const std::string& problem) {
    if (m_error.empty()) {
        m_error = where(key) + " " + problem;
    }
}

const json* FieldReader::find(const char* key) const {
    if (!m_object.is_object()) {
        return nullptr;
    }
    const auto it = m_object.find(key);
    if (it == m_object.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

void FieldReader::text(const char* key, std::string& out) {
    if (const json* value = find(key)) {
        if (value->is_string()) {
            out = value->get<std::string>();
        } else {
            fail(key, "is not a string");
        }
    }
}

void FieldReader::webUrl(const char* key, std::string& out) {
    text(key, out);
    if (!out.empty() && !isWebUrl(out)) out.clear();
}

void FieldReader::textOrNumber(const char* key, std::string& out) {
    const json* value = find(key);
    if (value != nullptr && value->is_number()) {
        out = value->dump();
        return;
    }
    text(key, out);
}

void FieldReader::textList(const char* key, std::vector<std::string>& out) {
    const json* value = find(key);
    if (value == nullptr) {
        return;
    }
    if (!value->is_array()) {
        fail(key, "is not an array");
        return;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
        if (!(*value)[i].is_string()) {
            fail(std::string(key) + "[" + std::to_string(i) + "]", "is not a string");
            return;
        }
        out.push_back((*value)[i].get<std::string>());
    }
}

void FieldReader::integer(const char* key, int& out) {
    std::optional<int> value;
    optInteger(key, value);
    if (value) {
        out = *value;
    }
}

void FieldReader::optInteger(const char* key, std::optional<int>& out) {
    if (const json* value = find(key)) {
        if (const auto v = asInt(*value)) {
            out = *v;
        } else {
            fail(key, "is not an integer");
        }
    }
}

void FieldReader::boolean(const char* key, bool& out) {
    std::optional<bool> value;
    optBoolean(key, value);
    if (value) {
        out = *value;
    }
}

void FieldReader::optBoolean(const char* key, std::optional<bool>& out) {
    if (const json* value = find(key)) {
        if (value->is_boolean()) {
            out = value->get<bool>();
        } else {
            fail(key, "is not true or false");
        }
    }
}

void FieldReader::attachment(const char* key, std::optional<Attachment>& out) {
    const json* value = find(key);
    if (value == nullptr || !ok()) {
        return;
    }
    Attachment a;
    std::string problem;
    if (parseAttachment(*value, where(key), a, problem)) {
        out = std::move(a);
    } else {
        m_error = problem;
    }
}

void FieldReader::attachmentList(const char* key, std::vector<Attachment>& out) {
    const json* value = find(key);
    if (value == nullptr || !ok()) {
        return;
    }
    if (!value->is_array()) {
        fail(key, "is not an array");
        return;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
        Attachment a;
        std::string problem;
        if (!parseAttachment((*value)[i], where(key) + "[" + std::to_string(i) + "]", a, problem)) {
            m_error = problem;
            return;
        }
        out.push_back(std::move(a));
    }
}

void FieldReader::body(const char* key, const std::vector<Attachment>& images, BodyDocument& blocks) {
    std::string html;
    text(key, html);
    if (!ok() || html.empty()) return;
    const auto is_image = [&images](std::string_view src) {
        // Only an image type: a PDF is downloaded too now, and its file must never be drawn as a picture.
        return std::any_of(images.begin(), images.end(),
                           [src](const Attachment& a) { return a.href == src && isDownloadableImage(a); });
    };
    std::string problem;
    if (std::optional<BodyDocument> read = readBody(html, is_image, BodyBounds{}, problem))
        blocks = std::move(*read);
    else
        fail(key, problem);
}

bool FieldReader::objectAt(const char* key, std::size_t index, const json& element) {
    if (element.is_object()) {
        return true;
    }
    fail(std::string(key) + "[" + std::to_string(index) + "]", "is not an object");
    return false;
}

std::optional<json> parseJsonDocument(std::string_view text, std::string& error) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        std::string what = e.what(); // "[json.exception.parse_error.101] parse error at line 1, ..."
        if (const std::size_t bracket = what.find("] ");
            what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) {
            what.erase(0, bracket + 2);
        }
        error = "not valid JSON (" + what + ")";
    } catch (const std::exception& e) {
        error = std::string("not valid JSON (") + e.what() + ")";
    }
    return std::nullopt;
}

bool parseAttachment(const json& value, const std::string& path, Attachment& out, std::string& error) {
    if (!value.is_object()) {
        error = path + " is not an object";
        return false;
    }
    FieldReader fields(value, path);
    fields.text("name", out.name);
    fields.text("href", out.href);
    fields.text("sha256", out.sha256);
    fields.text("type", out.type);
    fields.text("url", out.url);
    fields.boolean("offline", out.offline);
    if (const json* bytes = fields.find("bytes"); bytes != nullptr && fields.ok()) {
        if (bytes->is_number_unsigned()) {
            out.bytes = bytes->get<std::uint64_t>();
        } else {
            fields.fail("bytes", "is not a non-negative integer");
        }
    }
    if (fields.ok() && out.href.empty()) {
        fields.fail("href", "is missing");
    }
    if (fields.ok()) {
        if (std::string problem; !checkHref(out.href, problem)) {
            // Quoted as JSON so a NUL or newline in the href cannot break the one-line reason.
            fields.fail("href", json(out.href).dump(-1, ' ', false, json::error_handler_t::replace) + " " + problem);
        }
    }
    if (fields.ok() && !out.sha256.empty() && !isSha256Hex(out.sha256)) {
        fields.fail("sha256", "is not 64 hex digits");
    }
    if (fields.ok() && isDownloadableImage(out) && (out.sha256.empty() || fields.find("bytes") == nullptr)) {
        fields.fail(out.sha256.empty() ? "sha256" : "bytes", "is missing (required for an image)");
    }
    out.sha256 = lowerAscii(out.sha256);
    error = fields.error();
    return fields.ok();
}

namespace {

// "Application/PDF; charset=binary" -> "application/pdf"
std::string mediaType(const Attachment& a) {
    std::string type = lowerAscii(a.type);
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') {
        type.pop_back();
    }
    return type;
}

} // namespace

bool isDownloadableImage(const Attachment& a) {
    const std::string type = mediaType(a);
    return type == "image/png" || type == "image/jpeg";
}

bool isPdf(const Attachment& a) {
    return mediaType(a) == "application/pdf";
}

bool isPlaylistVideo(const Attachment& a) {
    return std::find(std::begin(kVideoTypes), std::end(kVideoTypes), a.type) != std::end(kVideoTypes);
}

} // namespace gk
