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
    const double cpu_start = cpuMs();
    const test::LoopRun run = test::runDisplayLoop(clip, width, height, kWarmupS + seconds);
    const double cpu_s = (cpuMs() - cpu_start) / 1000.0;
    if (run.card != CardKind::Video) {
        std::printf("%s: the video is not on screen (%s)\n", label, run.video.failure.c_str());
        return;
    }
    const InfoLayout& layout = run.layout;
    const VideoStatus& status = run.video;
    const test::Timeliness t = test::timeliness(run, kWarmupS);
    std::printf("%s on a %dx%d screen (card %.0fx%.0f), %.0f s measured\n", label, width, height, layout.video.width(),
                layout.video.height(), seconds);
    std::printf("  clock: new second drawn %.0f ms after it began (median), %.0f ms (95th percentile), %.0f ms "
                "(most), over %zu seconds\n",
                percentile(t.clock_late_ms, 0.5), percentile(t.clock_late_ms, 0.95), percentile(t.clock_late_ms, 1.0),
                t.clock_late_ms.size());
    std::printf("  ticker: frames %.0f ms apart (median), %.0f ms (95th percentile), %.0f ms (longest gap)\n",
                percentile(t.ticker_gap_ms, 0.5), percentile(t.ticker_gap_ms, 0.95), percentile(t.ticker_gap_ms, 1.0));
    std::printf("  video: %.1f frames drawn per second; mpv dropped %lld frames in %.1f s of video\n",
                t.video_frames / seconds, static_cast<long long>(status.dropped_frames), status.played_seconds);
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
