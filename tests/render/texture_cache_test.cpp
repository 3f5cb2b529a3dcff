// The image texture cache on a real GL context (offscreen): pixels held stay under the cap, the
// least recently used image goes first, an image in use this moment is never dropped, and an
// evicted image comes back (decoded again) when it is shown again.
#include "render_support.h"

#include "kiosk/platform/textures.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

using namespace gk;
namespace fs = std::filesystem;

namespace {

// A w×h PNG of one colour, written to the test output directory.
fs::path solidPng(const std::string& name, int w, int h, std::uint8_t shade) {
    test::Image image{w, h, std::vector<std::uint8_t>(static_cast<size_t>(w) * static_cast<size_t>(h) * 4, shade)};
    const fs::path path = test::testOutputDir() / name;
    test::writePng(image, path);
    return path;
}

} // namespace

TEST_CASE("texture cache: bounded by pixels, least recently used out, in-use images kept", "[render][textures]") {
    test::HeadlessWindow headless(320, 240);
    const std::uint64_t one = 200 * 200 * 4;
    TextureCache cache(headless.window, 2 * one + one / 2); // room for two of the images
    auto clock = TextureCache::Clock::time_point{};
    cache.setClockForTest([&clock] { return clock; });
    const fs::path a = solidPng("cache-a.png", 200, 200, 40), b = solidPng("cache-b.png", 200, 200, 120),
                   c = solidPng("cache-c.png", 200, 200, 200);
    using std::chrono::seconds;

    const auto first_a = cache.get("a", a);
    REQUIRE(first_a);
    CHECK(first_a->width == 200);
    clock += seconds(10);
    REQUIRE(cache.get("b", b));
    clock += seconds(10);
    REQUIRE(cache.get("c", c)); // over the cap: a, the least recently used, goes
    CHECK(cache.count() == 2);
    CHECK(cache.bytes() == 2 * one);
    CHECK_FALSE(cache.get("a", "")); // without a file an evicted image cannot come back
    clock += seconds(10);
    REQUIRE(cache.get("b", b)); // b is now newer than c
    clock += seconds(10);
    const auto again_a = cache.get("a", a); // decoded again; c goes
    REQUIRE(again_a);
    CHECK(again_a->texture != 0);
    CHECK(cache.count() == 2);
    CHECK(cache.get("b", ""));
    CHECK_FALSE(cache.get("c", ""));

    // Three images on screen within the same moment: all kept, over the cap until they age.
    clock += seconds(10);
    REQUIRE(cache.get("a", a));
    REQUIRE(cache.get("b", b));
    REQUIRE(cache.get("c", c));
    CHECK(cache.count() == 3);
    CHECK(cache.bytes() == 3 * one);
    clock += seconds(10);
    const fs::path d = solidPng("cache-d.png", 200, 200, 250);
    REQUIRE(cache.get("d", d)); // the older ones go until it fits again
    CHECK(cache.bytes() <= 2 * one + one / 2);
    CHECK(cache.get("d", ""));

    // collect() keeps what was used since the last collect and frees the pixels of the rest.
    cache.collect();
    clock += seconds(10);
    REQUIRE(cache.get("d", d));
    cache.collect();
    CHECK(cache.count() == 1);
    CHECK(cache.bytes() == one);
}

namespace {

std::uint32_t crc32Of(const std::string& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char c : bytes) {
        crc ^= static_cast<std::uint8_t>(c);
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

std::string bigEndian(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string chunk(const std::string& type, const std::string& data) {
    return bigEndian(static_cast<std::uint32_t>(data.size())) + type + data + bigEndian(crc32Of(type + data));
}

// A PNG that declares side × side RGB pixels: a few hundred bytes that would decode to gigabytes.
fs::path declaredHugePng(int side) {
    const std::string ihdr = bigEndian(static_cast<std::uint32_t>(side)) + bigEndian(static_cast<std::uint32_t>(side)) +
                             std::string{8, 2, 0, 0, 0}; // 8 bits, RGB, deflate, no filter, no interlace
    // One stored deflate block of a zero row filter and zero pixels: valid data for the first row.
    const std::string zlib_header{0x78, 0x01};
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) +
                            chunk("IDAT", zlib_header + std::string(64, '\0')) + chunk("IEND", "");
    const fs::path path = test::testOutputDir() / ("declared-" + std::to_string(side) + ".png");
    std::ofstream(path, std::ios::binary) << png;
    return path;
}

long peakRssKiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

} // namespace

TEST_CASE("an image larger than the limit is refused from its header, not decoded", "[render][textures]") {
    test::HeadlessWindow headless(64, 64);
    TextureCache cache(headless.window);
    const long peak_before = peakRssKiB();
    CHECK_FALSE(cache.get("bomb", declaredHugePng(20000)));
    CHECK(cache.count() == 0);
    CHECK(peakRssKiB() - peak_before < 64 * 1024); // 20000² RGBA would be 1.6 GB
    // At the limit's side an image is still decoded (this one is broken after its first row).
    CHECK_FALSE(cache.get("at-limit", declaredHugePng(TextureCache::kMaxImageSide + 1)));
    const fs::path ok = solidPng("fine.png", 300, 200, 0x80);
    CHECK(cache.get("fine", ok));
}
