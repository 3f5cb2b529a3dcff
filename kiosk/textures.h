// GPU textures for verified image attachments, keyed by their sha256, decoded with stb_image.
// Main thread only (it calls GL through GlWindow).
#pragma once

#include "display/info_view.h"
#include "kiosk/gl_window.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace gk {

class TextureCache {
public:
    explicit TextureCache(GlWindow& window) : m_window(window) {}
    ~TextureCache();
    TextureCache(const TextureCache&) = delete;
    TextureCache& operator=(const TextureCache&) = delete;

    // The texture of the image file with that sha256; decoded and uploaded on first use.
    // nullopt when the file is missing or not a decodable image.
    std::optional<CardImage> get(const std::string& sha256, const std::filesystem::path& file);
    // Drops textures not used since the last call (called when content changes).
    void collect();

private:
    struct Entry {
        CardImage image;
        bool used = true;
    };
    GlWindow& m_window;
    std::map<std::string, Entry> m_entries;
};

} // namespace gk
