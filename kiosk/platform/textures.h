// Textures for verified image attachments, keyed by their sha256, decoded with stb_image.
// Main thread only (textures belong to ScreenWindow's renderer).
//
// Bounded: the pixels held (width × height × 4) stay under a cap (64 MiB, about eight full-HD
// images); beyond it the least recently used textures go, except those used in the last two
// seconds (they may be in the frame being drawn), so a playlist of many large images costs a
// decode when one comes round again instead of memory that grows with the playlist. Textures are
// in the process heap (the renderer is the CPU), so this is the screen's RSS.
#pragma once

#include "display/info/info_view.h"
#include "display/kiosk/page.h"
#include "kiosk/core/hall_session.h"
#include "kiosk/platform/screen_window.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gk {

class TextureCache final : public CardImageSource {
public:
    static constexpr std::uint64_t kDefaultMaxBytes = 64ull * 1024 * 1024;
    static constexpr int kMaxImageSide = kMaxImageSidePx; // larger images are not decoded at all

    explicit TextureCache(ScreenWindow& window, std::uint64_t max_bytes = kDefaultMaxBytes)
        : m_window(window), m_max_bytes(max_bytes) {}
    ~TextureCache();
    TextureCache(const TextureCache&) = delete;
    TextureCache& operator=(const TextureCache&) = delete;

    // The texture of the image file with that sha256; decoded and uploaded on first use.
    // nullopt when the file is missing or not a decodable image.
    std::optional<CardImage> get(const std::string& sha256, const std::filesystem::path& file);
    std::optional<CardImage> image(const std::string& sha256, const std::filesystem::path& file) override {
        return get(sha256, file);
    }
    // Pixels made elsewhere (a rendered PDF page: RGBA, width × height × 4) as the texture under `key`,
    // replacing one of that key; get(key, {}) finds it. False when no texture could be made.
    // The pixels are taken over (move them in: a zoomed PDF page is 23 MiB).
    bool put(const std::string& key, std::vector<std::uint8_t> rgba, int width, int height);
    void remove(const std::string& key);
    // Drops textures not used since the last call (called when content changes).
    void collect() override;

    std::size_t count() const { return m_entries.size(); }
    std::uint64_t bytes() const { return m_bytes; } // the pixels of every texture held

    using Clock = std::chrono::steady_clock;
    // Now, for the least-recently-used order; tests move it.
    void setClockForTest(std::function<Clock::time_point()> clock) { m_clock = std::move(clock); }

private:
    struct Entry {
        CardImage image;
        bool used = true;           // since the last collect()
        Clock::time_point last_use; // for the cap
    };
    static std::uint64_t pixelBytes(const CardImage& image);
    void evictOverCap(Clock::time_point now);

    ScreenWindow& m_window;
    std::uint64_t m_max_bytes;
    std::uint64_t m_bytes = 0;
    std::map<std::string, Entry> m_entries;
    std::function<Clock::time_point()> m_clock = [] { return Clock::now(); };
};

} // namespace gk
