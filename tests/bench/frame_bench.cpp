// Frame-cost benchmark of the information screen, headless (SDL offscreen, the CPU renderer):
// start-up phases, CPU per full frame and per clock-only frame, and the font atlas size.
// A program that prints figures, not a test. Usage: frame_bench [--frames N] [--data-dir DIR] [--portal DIR]
//   --frames: frames of each kind (60);
//   --data-dir: where the portal is synced (a directory under the system's temp dir);
//   --portal: a portal directory to show instead of the demo's (e.g. one with a 4 MB urgent notice).
#include "bench_args.h"
#include "bench_clock.h"
#include "config/civil_time.h"
#include "kiosk/shell/display_app.h"
#include "sync/loader.h"
#include "sync/sync_once.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

using namespace gk;
using gk::bench::argAfter;
using gk::bench::cpuMs;
using gk::bench::wallMs;

int main(int argc, char** argv) {
    const std::filesystem::path data =
        argAfter(argc, argv, "--data-dir", (std::filesystem::temp_directory_path() / "gongkai-frame-bench").c_str());
    const int frames = std::max(1, std::stoi(argAfter(argc, argv, "--frames", "60")));
    SyncRequest request;
    const std::string demo = (std::filesystem::path(GONGKAI_SOURCE_DIR) / "assets/demo-portal").string();
    request.portal_url =
        "file://" + std::filesystem::absolute(argAfter(argc, argv, "--portal", demo.c_str())).string() + "/";
    request.data_dir = data;
    if (syncOnce(request).result == SyncResult::Failed) return std::puts("sync failed"), 1;

    double t = wallMs();
    std::string error;
    auto content = loadCurrentContent(data, error);
    std::printf("load + verify content:   %7.1f ms wall\n", wallMs() - t);
    t = wallMs();
    FontFiles fonts;
    if (!locateFonts(fonts, error)) return std::puts(error.c_str()), 1;
    std::printf("fontconfig lookup:       %7.1f ms wall\n", wallMs() - t);
    t = wallMs();
    ScreenWindow window;
    if (!window.open(WindowOptions{true, false, 1920, 1080, true}, fonts, error)) return std::puts(error.c_str()), 1;
    std::printf("SDL + ImGui + fonts:%12.1f ms wall\n", wallMs() - t);
    DisplayApp app(window, HallContext{content, "hall-main", 8 * 3600});
    const std::int64_t at = *parseIsoDateTime("2026-11-27T10:00:00+08:00");
    t = wallMs();
    app.renderFrame(at, true);
    window.present();
    std::printf("first frame:             %7.1f ms wall\n", wallMs() - t);

    for (const bool partial : {false, true}) {
        const double c = cpuMs();
        for (int i = 1; i <= frames; ++i) {
            app.renderFrame(at + i, true, partial); // same item, clock ticking
            window.present();
        }
        std::printf("clock-tick frame, %s:%6.2f ms CPU (%d frames)\n", partial ? "clock only" : "full      ",
                    (cpuMs() - c) / frames, frames);
    }
    const ImTextureData* atlas = ImGui::GetIO().Fonts->TexData;
    std::printf("font atlas:              %d x %d (%.1f MiB, %s)\n", atlas->Width, atlas->Height,
                atlas->Width * atlas->Height * atlas->BytesPerPixel / 1048576.0,
                atlas->Format == ImTextureFormat_Alpha8 ? "Alpha8" : "RGBA32");
    return 0;
}
