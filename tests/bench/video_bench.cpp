// Video items on the information screen: what playing a clip costs, decoded in software (this
// machine class has no GPU) and rendered by libmpv into a screen-sized RGBA buffer, each frame when
// it is due, as the screen's frame loop does. A program that prints figures, not a test.
// Usage: video_bench [--dir DIR] [--seconds N]
//   Makes DIR/testsrc2-1080p.mp4 and -720p.mp4 (H.264, 30 fps, N seconds, default 10) with ffmpeg
//   once, then plays each at its own size and prints: CPU-s per minute of video (all threads of
//   this process: mpv's decoder and the render calls), frames rendered and dropped, the render
//   call's mean and 95th percentile, time from open() to the first frame, PSS while playing, and
//   the CPU and PSS after stop() (the cost between videos).
#include "bench_args.h"
#include "bench_clock.h"
#include "bench_proc.h"
#include "kiosk/video/video_player.h"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <numeric>
#include <string>
#include <vector>

using namespace gk;
using gk::bench::argAfter;
using gk::bench::cpuMs;
using gk::bench::pssMiB;
using gk::bench::wallMs;

namespace {

// The frame loop's wait: woken by the player, or after 100 ms.
struct Wakeup {
    std::mutex mutex;
    std::condition_variable changed;
    bool pending = false;
    void wake() {
        const std::lock_guard lock(mutex);
        pending = true;
        changed.notify_one();
    }
    void wait() {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, std::chrono::milliseconds(100), [&] { return pending; });
        pending = false;
    }
};

bool makeClip(const std::filesystem::path& file, const char* size, int seconds) {
    if (std::filesystem::exists(file)) return true;
    const std::string command =
        "ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc2=s=" + std::string(size) +
        ":r=30:d=" + std::to_string(seconds) + " -c:v libx264 -preset veryfast -pix_fmt yuv420p '" + file.string() +
        "'";
    return std::system(command.c_str()) == 0;
}

double percentile(std::vector<double> samples, double fraction) {
    if (samples.empty()) return 0;
    std::sort(samples.begin(), samples.end());
    return samples[std::min(samples.size() - 1, static_cast<std::size_t>(fraction * samples.size()))];
}

void playClip(const std::filesystem::path& file, int width, int height) {
    Wakeup wakeup;
    VideoPlayer player([&] { wakeup.wake(); });
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    std::vector<std::uint8_t> storage(stride * height + 64);
    auto* pixels = storage.data() + (64 - reinterpret_cast<std::uintptr_t>(storage.data()) % 64) % 64;

    const double pss_idle = pssMiB();
    const double cpu_start = cpuMs(), wall_start = wallMs();
    player.open(file, {});
    double first_frame_ms = -1, pss_playing = 0;
    std::vector<double> render_ms;
    for (;;) {
        wakeup.wait();
        if (player.frameDue()) {
            const double start = wallMs();
            player.renderInto(width, height, stride, pixels);
            render_ms.push_back(wallMs() - start);
            if (first_frame_ms < 0) first_frame_ms = wallMs() - wall_start;
            if (render_ms.size() == 150) pss_playing = pssMiB();
        }
        const VideoStatus status = player.status();
        if (status.state == VideoState::Failed) {
            std::printf("%s failed: %s\n", file.c_str(), status.failure.c_str());
            return;
        }
        if (status.state == VideoState::Ended) break;
    }
    const double cpu_ms = cpuMs() - cpu_start, wall_ms = wallMs() - wall_start;
    const VideoStatus status = player.status();
    player.stop();
    const double idle_cpu_start = cpuMs();
    for (int i = 0; i < 20; ++i) wakeup.wait(); // two seconds between videos
    const double idle_cpu_ms = cpuMs() - idle_cpu_start;

    const double mean =
        std::accumulate(render_ms.begin(), render_ms.end(), 0.0) / static_cast<double>(render_ms.size());
    std::printf("%dx%d H.264 30 fps, %.1f s of video in %.1f s\n", width, height, status.played_seconds,
                wall_ms / 1000);
    std::printf("  CPU: %.1f CPU-s per minute of video (%.0f%% of one core)\n",
                cpu_ms / 1000 / status.played_seconds * 60, cpu_ms / wall_ms * 100);
    std::printf("  frames rendered %zu, dropped by mpv %lld\n", render_ms.size(),
                static_cast<long long>(status.dropped_frames));
    std::printf("  render call: mean %.2f ms, 95th percentile %.2f ms, max %.2f ms\n", mean,
                percentile(render_ms, 0.95), percentile(render_ms, 1.0));
    std::printf("  open() to first frame rendered: %.0f ms\n", first_frame_ms);
    std::printf("  PSS: %.1f MiB before open, %.1f MiB playing (+%.1f)\n", pss_idle, pss_playing,
                pss_playing - pss_idle);
    std::printf("  after stop(): %.1f CPU-ms per second, PSS %.1f MiB\n", idle_cpu_ms / 2, pssMiB());
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path dir = argAfter(argc, argv, "--dir", "video-bench");
    const int seconds = std::max(1, std::stoi(argAfter(argc, argv, "--seconds", "10")));
    std::filesystem::create_directories(dir);
    const std::filesystem::path full_hd = dir / "testsrc2-1080p.mp4", hd = dir / "testsrc2-720p.mp4";
    if (!makeClip(full_hd, "1920x1080", seconds) || !makeClip(hd, "1280x720", seconds))
        return std::printf("ffmpeg could not make the clips in %s\n", dir.c_str()), 1;
    playClip(full_hd, 1920, 1080);
    playClip(hd, 1280, 720);
    return 0;
}
