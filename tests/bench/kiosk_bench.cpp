// Kiosk-mode benchmark, headless (SDL offscreen, Mesa llvmpipe) at 1920×1080: CPU per frame of the
// heaviest item page and of the longest catalog list while it scrolls, the time from a tap to the
// item page shown (layout included), and the resident set with the content loaded.
// A program that prints figures, not a test.
// Usage: kiosk_bench [DATA_DIR]  (a synced store, e.g. of assets/tools/generate-feed.py's 10,000
// items; default: the bundled demo portal synced into a temp dir)
#include "bench_clock.h"
#include "config/civil_time.h"
#include "kiosk/shell/kiosk_app.h"
#include "sync/loader.h"
#include "sync/sync_once.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace gk;
using gk::bench::cpuMs;
using gk::bench::median;
using gk::bench::wallMs;

namespace {

long rssKiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

// CPU per frame while the page scrolls through `steps` positions from top to bottom.
double scrollingFrameMs(KioskApp& app, ScreenWindow& window, std::int64_t at, int steps) {
    std::vector<double> samples;
    const float end = app.maxScrollOffset();
    for (int i = 0; i < steps; ++i) {
        app.setScroll(end * static_cast<float>(i) / static_cast<float>(std::max(1, steps - 1)));
        const double c = cpuMs();
        app.renderFrame(at, true);
        window.present();
        samples.push_back(cpuMs() - c);
    }
    return median(samples);
}

} // namespace

int main(int argc, char** argv) {
    std::filesystem::path data;
    if (argc > 1) {
        data = argv[1];
    } else {
        data = std::filesystem::temp_directory_path() / "gongkai-kiosk-bench";
        SyncRequest request;
        request.portal_url = "file://" + (std::filesystem::path(GONGKAI_SOURCE_DIR) / "assets/demo-portal/").string();
        request.data_dir = data;
        if (syncOnce(request).result == SyncResult::Failed) return std::puts("sync failed"), 1;
    }
    const long rss_start = rssKiB();
    std::string error;
    double t = wallMs();
    const auto content = loadCurrentContent(data, error);
    if (!content) return std::printf("cannot load %s: %s\n", data.c_str(), error.c_str()), 1;
    std::printf("content: %zu disclosures, %zu guides, %zu notices; load + verify %.0f ms\n",
                content->disclosures.size(), content->guides.size(), content->notices.size(), wallMs() - t);
    FontFiles fonts;
    if (!locateFonts(fonts, error)) return std::puts(error.c_str()), 1;
    ScreenWindow window;
    if (!window.open(WindowOptions{true, false, 1920, 1080, true}, fonts, error)) return std::puts(error.c_str()), 1;
    KioskApp app(window, KioskContext{HallContext{content, "hall-main", 8 * 3600}});
    const std::int64_t at = *parseIsoDateTime("2026-11-28T10:00:00+08:00");

    // The heaviest item page: the one with the most laid-out lines.
    std::string heaviest;
    std::size_t most_lines = 0;
    double layout_total = 0;
    const std::size_t sample = std::min<std::size_t>(content->disclosures.size(), 300);
    for (std::size_t i = 0; i < sample; ++i) {
        const DisclosureItem& item = content->disclosures[i * content->disclosures.size() / sample];
        app.show({ScreenKind::Disclosure, item.id});
        const double c = cpuMs();
        app.renderFrame(at, true);
        layout_total += cpuMs() - c;
        if (app.page()->texts.size() > most_lines) {
            most_lines = app.page()->texts.size();
            heaviest = item.id;
        }
    }
    std::printf("item pages: %zu sampled, mean first frame (layout + draw) %.1f ms CPU\n", sample,
                layout_total / static_cast<double>(sample));

    // Tap to page shown: the list is on screen, a finger lands on the item's row, and the frame
    // with the item page (laid out and drawn) is presented.
    app.show({ScreenKind::Disclosure, heaviest});
    app.renderFrame(at, true);
    std::printf("heaviest item page: %s, %zu lines, %.0f px tall\n", heaviest.c_str(), most_lines,
                static_cast<double>(app.page()->height));
    std::printf("  frame while scrolling: %.2f ms CPU (median of 40)\n", scrollingFrameMs(app, window, at, 40));
    std::vector<double> taps;
    for (int i = 0; i < 10; ++i) {
        app.show({ScreenKind::Catalog, content->findDisclosure(heaviest)->category});
        app.renderFrame(at, true);
        const double w = wallMs();
        app.show({ScreenKind::Disclosure, heaviest}); // what the tap's action does
        app.renderFrame(at, true);
        window.present();
        taps.push_back(wallMs() - w);
    }
    std::printf("  tap to item page shown: %.1f ms wall (median of 10)\n", median(taps));

    // The longest list of the catalog.
    std::string biggest;
    std::size_t biggest_n = 0;
    for (const Category& top : content->catalog) {
        const std::size_t n = itemsInCategory(*content, top.code).size();
        if (n > biggest_n) biggest_n = n, biggest = top.code;
    }
    t = wallMs();
    app.show({ScreenKind::Catalog, biggest});
    app.renderFrame(at, true);
    std::printf("catalog list %s: %zu items, %.0f px tall; first frame (layout + draw) %.0f ms wall\n", biggest.c_str(),
                biggest_n, static_cast<double>(app.page()->height), wallMs() - t);
    std::printf("  frame while scrolling: %.2f ms CPU (median of 40)\n", scrollingFrameMs(app, window, at, 40));
    app.show({ScreenKind::Catalog, {}});
    t = wallMs();
    app.renderFrame(at, true);
    std::printf("catalog tree: first frame %.0f ms wall\n", wallMs() - t);

    // Every item of the publish in one list: the same content with all items filed under one code.
    auto one_list = std::make_shared<Content>(*content);
    for (DisclosureItem& item : one_list->disclosures) item.category = biggest;
    KioskApp all(window, KioskContext{HallContext{one_list, "hall-main", 8 * 3600}});
    all.show({ScreenKind::Catalog, biggest});
    t = wallMs();
    all.renderFrame(at, true);
    std::printf("one list of all %zu items: %.0f px tall; first frame (layout + draw) %.0f ms wall\n",
                one_list->disclosures.size(), static_cast<double>(all.page()->height), wallMs() - t);
    std::printf("  frame while scrolling: %.2f ms CPU (median of 40)\n", scrollingFrameMs(all, window, at, 40));
    std::printf("RSS: %.1f MiB at start, %.1f MiB with the content loaded and pages shown\n", rss_start / 1024.0,
                rssKiB() / 1024.0);
    return 0;
}
