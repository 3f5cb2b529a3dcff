// The video player and probe with the real libmpv on clips ffmpeg made for this run
// (make_test_videos.sh): the colour on screen at each second, max_seconds, loops, no audio device
// when muted, and each bad input failing with a reason in bounded time.
#include "kiosk/video/video_player.h"
#include "kiosk/video/video_probe.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

using namespace gk;
using Clock = std::chrono::steady_clock;

namespace {

std::filesystem::path clip(const char* name) {
    const char* dir = std::getenv("GONGKAI_TEST_VIDEO_DIR");
    return std::filesystem::path(dir != nullptr ? dir : GONGKAI_TEST_VIDEO_DIR) / name;
}

struct Rgb {
    int r = 0, g = 0, b = 0;
};

// A 64-byte aligned surface of 0x00RRGGBB words, as the screen's video texture is.
struct Surface {
    int width = 160, height = 120;
    std::size_t stride = static_cast<std::size_t>(width) * 4;
    std::vector<std::uint8_t> pixels = std::vector<std::uint8_t>(stride * height + 64);
    std::uint8_t* data() {
        auto address = reinterpret_cast<std::uintptr_t>(pixels.data());
        return pixels.data() + (64 - address % 64) % 64;
    }
    Rgb at(int x, int y) {
        std::uint32_t word = 0;
        std::memcpy(&word, data() + static_cast<std::size_t>(y) * stride + static_cast<std::size_t>(x) * 4, 4);
        return {static_cast<int>((word >> 16) & 0xff), static_cast<int>((word >> 8) & 0xff),
                static_cast<int>(word & 0xff)};
    }
};

struct Shown {
    double at_s; // since the first frame was shown
    Rgb centre;
};

// A frame loop: renders each due frame until `done` or the time limit; the frames it showed.
std::vector<Shown> play(VideoPlayer& player, Surface& surface, const std::function<bool(const VideoStatus&)>& done,
                        double limit_s = 15) {
    std::vector<Shown> shown;
    const auto start = Clock::now();
    std::optional<Clock::time_point> first;
    while (std::chrono::duration<double>(Clock::now() - start).count() < limit_s) {
        if (player.frameDue() && player.renderInto(surface.width, surface.height, surface.stride, surface.data())) {
            if (!first) first = Clock::now();
            shown.push_back({std::chrono::duration<double>(Clock::now() - *first).count(),
                             surface.at(surface.width / 2, surface.height / 2)});
        }
        if (done(player.status())) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(4));
    }
    return shown;
}

bool finished(const VideoStatus& status) {
    return status.state == VideoState::Ended || status.state == VideoState::Failed;
}

bool near(Rgb colour, Rgb expected) {
    return std::abs(colour.r - expected.r) < 40 && std::abs(colour.g - expected.g) < 40 &&
           std::abs(colour.b - expected.b) < 40;
}

// The frames shown between two moments all had the colour of that second.
void requireSecond(const std::vector<Shown>& shown, double from_s, double to_s, Rgb colour) {
    int seen = 0;
    for (const Shown& frame : shown)
        if (frame.at_s >= from_s && frame.at_s <= to_s) {
            INFO("frame shown at " << frame.at_s << " s: " << frame.centre.r << "," << frame.centre.g << ","
                                   << frame.centre.b);
            REQUIRE(near(frame.centre, colour));
            ++seen;
        }
    REQUIRE(seen >= 5);
}

VideoStatus playToTheEnd(const char* name, VideoOptions options = {}, double limit_s = 15) {
    VideoPlayer player({});
    Surface surface;
    player.open(clip(name), options);
    play(player, surface, finished, limit_s);
    return player.status();
}

} // namespace

TEST_CASE("each frame is shown at its own second, scaled to the surface") {
    for (const char* name : {"rgb.mp4", "rgb.webm"}) {
        INFO(name);
        std::atomic<int> wakes{0};
        VideoPlayer player([&] { ++wakes; });
        Surface surface;
        player.open(clip(name), {});
        REQUIRE(player.status().state == VideoState::Loading);
        const auto shown = play(player, surface, finished);
        const VideoStatus status = player.status();
        REQUIRE(status.state == VideoState::Ended);
        REQUIRE(status.width == 320);
        REQUIRE(status.height == 240);
        REQUIRE(status.duration_s);
        REQUIRE(*status.duration_s == Approx(3.0).margin(0.05));
        REQUIRE(status.played_seconds == Approx(2.96).margin(0.2));
        REQUIRE(wakes > 50); // about one per frame
        requireSecond(shown, 0.15, 0.85, {255, 0, 0});
        requireSecond(shown, 1.15, 1.85, {0, 255, 0});
        requireSecond(shown, 2.15, 2.85, {0, 0, 255});
        REQUIRE(shown.back().at_s == Approx(2.96).margin(0.3)); // in step: not faster, not slower
        // The last frame stays drawable after the end (keep-open), until the screen moves on.
        REQUIRE(player.renderInto(surface.width, surface.height, surface.stride, surface.data()));
        REQUIRE(near(surface.at(80, 60), {0, 0, 255}));
    }
}

TEST_CASE("a wider surface gets black bars beside the picture") {
    VideoPlayer player({});
    Surface wide;
    wide.width = 320;
    wide.height = 120;
    wide.stride = 320 * 4;
    wide.pixels.assign(wide.stride * 120 + 64, 0x7f);
    player.open(clip("rgb.mp4"), {});
    play(player, wide, [](const VideoStatus& status) { return status.played_seconds > 0.2; });
    REQUIRE(near(wide.at(160, 60), {255, 0, 0}));
    REQUIRE(near(wide.at(10, 60), {0, 0, 0}));
}

TEST_CASE("max_seconds ends a long video there, loop plays on until it") {
    const auto start = Clock::now();
    VideoOptions capped;
    capped.max_seconds = 2.0;
    const VideoStatus status = playToTheEnd("long-20s.mp4", capped);
    const double took = std::chrono::duration<double>(Clock::now() - start).count();
    REQUIRE(status.state == VideoState::Ended);
    REQUIRE(status.played_seconds == Approx(2.0).margin(0.25));
    REQUIRE(*status.duration_s == Approx(20.0).margin(0.1));
    REQUIRE(took < 5);

    VideoOptions looped;
    looped.loop = true;
    looped.max_seconds = 2.5;
    looped.decoding_threads = 2; // as for a 4K file
    const VideoStatus loop = playToTheEnd("green-1s.mp4", looped);
    REQUIRE(loop.state == VideoState::Ended);
    REQUIRE(loop.played_seconds == Approx(2.5).margin(0.25));
}

TEST_CASE("the software decoder gets a second thread only past 1080p at 60 fps") {
    CHECK(decodingThreadsFor(1920, 1080, 30) == 1);
    CHECK(decodingThreadsFor(1920, 1080, 60) == 1);
    CHECK(decodingThreadsFor(1280, 720, 0) == 1); // a frame rate not known is taken as 30
    CHECK(decodingThreadsFor(0, 0, 0) == 1);
    CHECK(decodingThreadsFor(1920, 1080, 120) == 2);
    CHECK(decodingThreadsFor(3840, 2160, 25) == 2);
    CHECK(decodingThreadsFor(3840, 2160, 0) == 2);
}

TEST_CASE("a muted video opens no audio output, an unmuted one does") {
    VideoPlayer player({});
    Surface surface;
    player.open(clip("green-1s.mp4"), {});
    play(player, surface, [](const VideoStatus& status) { return status.played_seconds > 0.3; });
    REQUIRE(player.status().state == VideoState::Playing);
    REQUIRE_FALSE(player.status().audio_output);
    VideoOptions sound;
    sound.muted = false;
    player.open(clip("green-1s.mp4"), sound);
    play(player, surface, [](const VideoStatus& status) { return status.audio_output || finished(status); });
    REQUIRE(player.status().audio_output); // the machine's device, or mpv's null output without one
}

TEST_CASE("stop and open return at once and the next file plays") {
    VideoPlayer player({});
    Surface surface;
    player.open(clip("long-20s.mp4"), {});
    play(player, surface, [](const VideoStatus& status) { return status.played_seconds > 0.3; });
    auto start = Clock::now();
    player.stop();
    REQUIRE(std::chrono::duration<double, std::milli>(Clock::now() - start).count() < 20);
    REQUIRE(player.status().state == VideoState::Idle);
    REQUIRE_FALSE(player.renderInto(surface.width, surface.height, surface.stride, surface.data()));
    start = Clock::now();
    player.open(clip("rgb.mp4"), {});
    REQUIRE(std::chrono::duration<double, std::milli>(Clock::now() - start).count() < 20);
    const auto shown = play(player, surface, [](const VideoStatus& status) { return status.played_seconds > 0.5; });
    REQUIRE(!shown.empty());
    INFO("first frame " << shown.front().centre.r << "," << shown.front().centre.g << "," << shown.front().centre.b);
    REQUIRE(near(shown.front().centre, {255, 0, 0})); // the new file's first frame, not the old one's
    REQUIRE(*player.status().duration_s == Approx(3.0).margin(0.05));
}

TEST_CASE("bad files fail with a reason, in bounded time") {
    struct Case {
        const char* file;
        const char* reason;
    };
    for (const Case& bad :
         {Case{"truncated.mp4", "unrecognized file format"}, Case{"random-bytes.mp4", "unrecognized file format"},
          Case{"empty.mp4", "unrecognized file format"}, Case{"picture.mp4", "still image"},
          Case{"unknown-codec.mp4", "decoder"}, Case{"cut-short.mp4", ""}, Case{"damaged-middle.mp4", "decoder failed"},
          Case{"missing.mp4", ""}}) {
        INFO(bad.file);
        const auto start = Clock::now();
        const VideoStatus status = playToTheEnd(bad.file, {}, 10);
        INFO(status.failure);
        REQUIRE(status.state == VideoState::Failed);
        REQUIRE_THAT(status.failure, Catch::Contains(bad.reason));
        REQUIRE(std::chrono::duration<double>(Clock::now() - start).count() < 6);
    }
}

TEST_CASE("the probe names the codec, length and size of a video and what is wrong with a bad file") {
    const VideoProbe h264 = probeVideo(clip("rgb.mp4"));
    REQUIRE(h264.playable());
    REQUIRE(h264.codec == "h264");
    REQUIRE(h264.duration_s == Approx(3.0).margin(0.05));
    REQUIRE(h264.width == 320);
    REQUIRE(h264.height == 240);
    REQUIRE(h264.fps == Approx(25.0));
    const VideoProbe vp9 = probeVideo(clip("rgb.webm"));
    REQUIRE(vp9.playable());
    REQUIRE(vp9.codec == "vp9");
    REQUIRE(probeVideo(clip("long-20s.mp4")).fps == Approx(10.0));
    REQUIRE_FALSE(videoProblem(clip("long-20s.mp4")));

    struct Case {
        const char* file;
        const char* reason;
    };
    for (const Case& bad :
         {Case{"truncated.mp4", "unrecognized file format"}, Case{"random-bytes.mp4", "unrecognized file format"},
          Case{"empty.mp4", "empty file"}, Case{"picture.mp4", "still image (png)"},
          Case{"unknown-codec.mp4", "Failed to initialize a decoder"}, Case{"missing.mp4", "cannot be read"}}) {
        INFO(bad.file);
        const auto start = Clock::now();
        const auto problem = videoProblem(clip(bad.file));
        REQUIRE(problem);
        REQUIRE_THAT(*problem, Catch::Contains(bad.reason));
        REQUIRE(std::chrono::duration<double>(Clock::now() - start).count() < 3);
    }
    // Damage past an intact index shows only when it is played (the player's test above).
    REQUIRE(probeVideo(clip("damaged-middle.mp4")).playable());
    REQUIRE(probeVideo(clip("cut-short.mp4")).playable());
}
