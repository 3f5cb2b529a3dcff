// The image texture cache on a real GL context (offscreen): pixels held stay under the cap, the
// least recently used image goes first, an image in use this moment is never dropped, and an
// evicted image comes back (decoded again) when it is shown again.
#include "render_support.h"

#include "kiosk/platform/textures.h"

#include <catch2/catch.hpp>

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
