// Texture cache. See textures.h.
#include "kiosk/textures.h"

#include <stb_image.h>

#include <memory>

namespace gk {

TextureCache::~TextureCache() {
    for (auto& [key, entry] : m_entries) m_window.destroyTexture(entry.image.texture);
}

std::optional<CardImage> TextureCache::get(const std::string& sha256, const std::filesystem::path& file) {
    if (auto it = m_entries.find(sha256); it != m_entries.end()) {
        it->second.used = true;
        return it->second.image;
    }
    if (file.empty()) return std::nullopt;
    int w = 0, h = 0, channels = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load(file.c_str(), &w, &h, &channels, 4), stbi_image_free);
    if (!pixels || w <= 0 || h <= 0 || w > 8192 || h > 8192) return std::nullopt;
    CardImage image{m_window.createTexture(pixels.get(), w, h), w, h};
    if (image.texture == 0) return std::nullopt;
    m_entries[sha256] = Entry{image, true};
    return image;
}

void TextureCache::collect() {
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.used) {
            it->second.used = false;
            ++it;
        } else {
            m_window.destroyTexture(it->second.image.texture);
            it = m_entries.erase(it);
        }
    }
}

} // namespace gk
