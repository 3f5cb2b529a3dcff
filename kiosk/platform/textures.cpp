// Texture cache. See textures.h.
#include "kiosk/platform/textures.h"

#include <stb_image.h>

#include <memory>
#include <utility>

namespace gk {

TextureCache::~TextureCache() {
    for (auto& [key, entry] : m_entries) m_window.destroyTexture(entry.image.texture);
}

namespace {
// Textures used this recently may be referenced by the frame being built: never evicted.
constexpr std::chrono::seconds kInUseWindow{2};
} // namespace

std::uint64_t TextureCache::pixelBytes(const CardImage& image) {
    return static_cast<std::uint64_t>(image.width) * static_cast<std::uint64_t>(image.height) * 4;
}

std::optional<CardImage> TextureCache::get(const std::string& sha256, const std::filesystem::path& file) {
    const Clock::time_point now = m_clock();
    if (auto it = m_entries.find(sha256); it != m_entries.end()) {
        it->second.used = true;
        it->second.last_use = now;
        return it->second.image;
    }
    if (file.empty()) return std::nullopt;
    int w = 0, h = 0, channels = 0;
    // The size the header declares, before anything is decoded: a 20000×20000 image (1.6 GB of
    // pixels from a small file) is refused, not allocated.
    if (stbi_info(file.c_str(), &w, &h, &channels) == 0 || w <= 0 || h <= 0 || w > kMaxImageSide || h > kMaxImageSide)
        return std::nullopt;
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load(file.c_str(), &w, &h, &channels, 4), stbi_image_free);
    if (!pixels || w <= 0 || h <= 0 || w > kMaxImageSide || h > kMaxImageSide) return std::nullopt;
    CardImage image{m_window.createTexture(pixels.get(), w, h), w, h};
    if (image.texture == 0) return std::nullopt;
    m_entries[sha256] = Entry{image, true, now};
    m_bytes += pixelBytes(image);
    evictOverCap(now);
    return image;
}

bool TextureCache::put(const std::string& key, std::vector<std::uint8_t> rgba, int width, int height) {
    if (width <= 0 || height <= 0 ||
        rgba.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
        return false;
    const Clock::time_point now = m_clock();
    remove(key);
    const CardImage image{m_window.createTexture(std::move(rgba), width, height), width, height};
    if (image.texture == 0) return false;
    m_entries[key] = Entry{image, true, now};
    m_bytes += pixelBytes(image);
    evictOverCap(now);
    return true;
}

void TextureCache::remove(const std::string& key) {
    if (auto it = m_entries.find(key); it != m_entries.end()) {
        m_bytes -= pixelBytes(it->second.image);
        m_window.destroyTexture(it->second.image.texture);
        m_entries.erase(it);
    }
}

void TextureCache::evictOverCap(Clock::time_point now) {
    while (m_bytes > m_max_bytes) {
        auto oldest = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
            if (now - it->second.last_use >= kInUseWindow &&
                (oldest == m_entries.end() || it->second.last_use < oldest->second.last_use))
                oldest = it;
        if (oldest == m_entries.end()) return; // everything held is on screen now: over the cap for a while
        m_bytes -= pixelBytes(oldest->second.image);
        m_window.destroyTexture(oldest->second.image.texture);
        m_entries.erase(oldest);
    }
}

void TextureCache::collect() {
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.used) {
            it->second.used = false;
            ++it;
        } else {
            m_bytes -= pixelBytes(it->second.image);
            m_window.destroyTexture(it->second.image.texture);
            it = m_entries.erase(it);
        }
    }
}

} // namespace gk
