// Typed reads of feed JSON objects with the first problem kept as a readable message
// ("materials[2].copies is not an integer"). Missing and null fields are "absent" and leave the
// default; a field of the wrong type is an error that makes the caller skip the item. Internal to
// sync/. Must not include SDL, ImGui, GL or curl.
#pragma once

#include "sync/content.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

class FieldReader {
public:
    // path: prefix for messages, e.g. "materials[2]" (empty at the item's top level).
    FieldReader(const nlohmann::json& object, std::string path);

    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }
    void fail(const std::string& key, const std::string& problem);

    // The field, or nullptr when absent or null.
    const nlohmann::json* find(const char* key) const;

    void text(const char* key, std::string& out);
    // A link the screens may turn into a QR code: kept only when it is a web URL (sync/url.h
    // isWebUrl); anything else (javascript:, data:, file:, relative, overlong) reads as absent.
    void webUrl(const char* key, std::string& out);
    void textOrNumber(const char* key, std::string& out); // 12.5 -> "12.5"
    void textList(const char* key, std::vector<std::string>& out);
    void integer(const char* key, int& out);
    void optInteger(const char* key, std::optional<int>& out);
    void boolean(const char* key, bool& out);
    void optBoolean(const char* key, std::optional<bool>& out);
    void attachment(const char* key, std::optional<Attachment>& out);
    void attachmentList(const char* key, std::vector<Attachment>& out);
    // An HTML body (key "body_html") as its blocks, read within BodyBounds (a body past them fails
    // the item); the HTML itself is not kept. Images are kept when their src is the href of one of
    // `images` that is an image (isDownloadableImage).
    void body(const char* key, const std::vector<Attachment>& images, BodyDocument& blocks);

    // An array of objects, each filled by fill(reader for "key[i]", element).
    template <class T>
    void objectList(const char* key, std::vector<T>& out, const std::function<void(FieldReader&, T&)>& fill);

    std::string where(const std::string& key) const; // "materials[2].copies"

private:
    bool objectAt(const char* key, std::size_t index, const nlohmann::json& element);

    const nlohmann::json& m_object;
    std::string m_path;
    std::string m_error;
};

// JSON text to a document; nullopt with "not valid JSON (line 3, column 5: ...)" on a syntax error.
std::optional<nlohmann::json> parseJsonDocument(std::string_view text, std::string& error);

// An attachment object; on a problem returns false with a message relative to path.
bool parseAttachment(const nlohmann::json& value, const std::string& path, Attachment& out, std::string& error);

// image/png or image/jpeg (case-insensitive, parameters ignored): the types the kiosk downloads.
bool isDownloadableImage(const Attachment& a);
// application/pdf (the same reading of the type): downloaded when it has a sha256 to verify, is
// not marked "offline": false and fits the PDF limits (sync/limits.h).
bool isPdf(const Attachment& a);
// One of the video types a playlist item may name (config/playlist.h kVideoTypes, exactly as the
// playlist reader takes them): downloaded within the video caps (sync/limits.h).
bool isPlaylistVideo(const Attachment& a);

template <class T>
void FieldReader::objectList(const char* key, std::vector<T>& out, const std::function<void(FieldReader&, T&)>& fill) {
    const nlohmann::json* value = find(key);
    if (value == nullptr || !ok()) {
        return;
    }
    if (!value->is_array()) {
        fail(key, "is not an array");
        return;
    }
    for (std::size_t i = 0; i < value->size() && ok(); ++i) {
        const nlohmann::json& element = (*value)[i];
        if (!objectAt(key, i, element)) {
            return;
        }
        FieldReader child(element, where(key) + "[" + std::to_string(i) + "]");
        T item{};
        fill(child, item);
        if (!child.ok()) {
            m_error = child.error();
            return;
        }
        out.push_back(std::move(item));
    }
}

} // namespace gk
