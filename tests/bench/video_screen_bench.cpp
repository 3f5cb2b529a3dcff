// The information screen playing a video, as the program runs it: the display face in the
// program's own frame loop (FrameLoop::run), drawn by the CPU renderer into SDL's offscreen
// framebuffer, the player decoding in software. For a 1080p 30 fps clip and a 4K 60 fps clip
// (testsrc2, H.264, made with ffmpeg once in --dir), it prints whether the screen keeps its own time
// while the decoder works, and what it costs:
//   - the clock: how late each new second was drawn after that second began (median, 95th
//     percentile, most);
//   - the ticker: the gaps between the frames that moved it (it moves every 50 ms);
//   - the video: frames drawn per second, and the frames mpv dropped because they were late;
//   - CPU-s per minute of the process (mpv's threads included).
// A machine that cannot keep up with the 4K clip: run it on one core (`taskset -c 0`).
// A program that prints figures, not a test.
// Usage: video_screen_bench [--dir DIR] [--seconds N] [--size WxH]
//   N seconds measured per clip (default 20), after 3 s; the screen is 1920x1080 unless --size.
#include "../render/render_support.h"
#include "../video/video_hall.h"
#include "bench_args.h"
#include "bench_clock.h"

#include <sched.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace gk;
using gk::bench::argAfter;
using gk::bench::cpuMs;

namespace {

constexpr double kWarmupS = 3; // the first frame and the card's fade

bool makeClip(const std::filesystem::path& file, const char* size, int fps, int seconds) {
    if (std::filesystem::exists(file)) return true;
    std::fprintf(stderr, "making %s with ffmpeg ...\n", file.c_str());
    const std::filesystem::path part = file.string() + ".part.mp4";
    const std::string command =
        "ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc2=s=" + std::string(size) +
        ":r=" + std::to_string(fps) + ":d=" + std::to_string(seconds) +
        " -c:v libx264 -preset veryfast -pix_fmt yuv420p -movflags +faststart '" + part.string() + "'";
    if (std::system(command.c_str()) != 0) return false;
    std::filesystem::rename(part, file);
    return true;
}

double percentile(std::vector<double> samples, double fraction) {
    if (samples.empty()) return 0;
    std::sort(samples.begin(), samples.end());
    return samples[std::min(samples.size() - 1,
                            static_cast<std::size_t>(fraction * static_cast<double>(samples.size())))];
}

void playOnScreen(const std::filesystem::path& clip, const char* label, int width, int height, double seconds) {
    const test::VideoHall hall(clip, R"(, "loop": true, "duration_s": 3600)");
    test::HeadlessWindow headless(width, height);
    DisplayApp app(headless.window, HallContext{hall.content, "hall-main", 8 * 3600});
    FrameLoop loop(headless.window, false);
    app.session()->setWake(loop.wakeFunction());
    test::RecordingFace face(app, kWarmupS + seconds);
    const double cpu_start = cpuMs();
    loop.run(face);
    const double cpu_s = (cpuMs() - cpu_start) / 1000.0;
    const VideoStatus status = app.videoStatus();
    if (app.view().card.kind != CardKind::Video) {
        std::printf("%s: the video is not on screen (%s)\n", label, status.failure.c_str());
        return;
    }
    const InfoLayout layout = app.layout();
    std::vector<double> clock_late_ms, ticker_gap_ms;
    int video_frames = 0;
    std::int64_t last_second = -1;
    double last_ticker = -1;
    for (const test::LoopFrame& frame : face.frames) {
        if (frame.at_s < kWarmupS) continue;
        if (test::redrew(frame, layout.clock) && frame.shown_second != last_second) {
            if (last_second >= 0) // a new second, drawn this long after it began
                clock_late_ms.push_back((frame.drawn_wall_s - static_cast<double>(frame.shown_second)) * 1000.0);
            last_second = frame.shown_second;
        }
        if (test::redrew(frame, layout.ticker)) {
            if (last_ticker >= 0) ticker_gap_ms.push_back((frame.at_s - last_ticker) * 1000.0);
            last_ticker = frame.at_s;
        }
        video_frames += test::redrew(frame, layout.video) ? 1 : 0;
    }
    std::printf("%s on a %dx%d screen (card %.0fx%.0f), %.0f s measured\n", label, width, height, layout.video.width(),
                layout.video.height(), seconds);
    std::printf("  clock: new second drawn %.0f ms after it began (median), %.0f ms (95th percentile), %.0f ms "
                "(most), over %zu seconds\n",
                percentile(clock_late_ms, 0.5), percentile(clock_late_ms, 0.95), percentile(clock_late_ms, 1.0),
                clock_late_ms.size());
    std::printf("  ticker: frames %.0f ms apart (median), %.0f ms (95th percentile), %.0f ms (longest gap)\n",
                percentile(ticker_gap_ms, 0.5), percentile(ticker_gap_ms, 0.95), percentile(ticker_gap_ms, 1.0));
    std::printf("  video: %.1f frames drawn per second; mpv dropped %lld frames in %.1f s of video\n",
                video_frames / seconds, static_cast<long long>(status.dropped_frames), status.played_seconds);
    cpu_set_t cpus;
    const int cores = sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : 1;
    std::printf("  CPU: %.1f CPU-s per minute (%.0f%% of the %d cores it may use)\n", cpu_s / (kWarmupS + seconds) * 60,
                cpu_s / (kWarmupS + seconds) / cores * 100, cores);
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path dir = argAfter(argc, argv, "--dir", "video-bench");
    const double seconds = std::max(5, std::atoi(argAfter(argc, argv, "--seconds", "20").c_str()));
    int width = 1920, height = 1080;
    if (std::sscanf(argAfter(argc, argv, "--size", "1920x1080").c_str(), "%dx%d", &width, &height) != 2)
        return std::printf("--size wants WIDTHxHEIGHT\n"), 2;
    std::filesystem::create_directories(dir);
    const int clip_s = static_cast<int>(kWarmupS + seconds) + 2;
    const std::filesystem::path full_hd = dir / ("testsrc2-1080p30-" + std::to_string(clip_s) + "s.mp4");
    const std::filesystem::path uhd = dir / ("testsrc2-4k60-" + std::to_string(clip_s) + "s.mp4");
    if (!makeClip(full_hd, "1920x1080", 30, clip_s) || !makeClip(uhd, "3840x2160", 60, clip_s))
        return std::printf("ffmpeg could not make the clips in %s\n", dir.c_str()), 1;
    playOnScreen(full_hd, "1080p 30 fps", width, height, seconds);
    playOnScreen(uhd, "4K 60 fps", width, height, seconds);
    return 0;
}
