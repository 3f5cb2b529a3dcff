// PDF attachments on the kiosk: how long a resident waits for a page, and what reading one costs
// the kiosk's memory. A program that prints figures, not a test.
// Usage: pdf_bench --pdf-dir DIR [--runs N]
//   DIR: the PDFs tests/pdf/make_test_pdfs.py makes (the build makes them in build/tests/pdf/pdfs);
//   --runs: how many times each page is rendered (9; medians are printed).
// Pages are rendered as wide as the kiosk's page area on a 1920×1080 landscape screen, by the real
// confined renderer (gongkai-pdf-page beside this program's gongkai-kiosk, found by --helper or in
// the build tree), through the same AttachmentPages the kiosk uses, into a real window's textures.
#include "bench_args.h"
#include "bench_clock.h"
#include "bench_proc.h"
#include "display/kiosk/kiosk_screen.h"
#include "kiosk/platform/process_memory.h"
#include "kiosk/platform/screen_window.h"
#include "kiosk/shell/attachment_pages.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace gk;
using gk::bench::argAfter;
using gk::bench::median;
using gk::bench::pssMiB;
using gk::bench::wallMs;

namespace {

// Wall time of one page through the renderer alone (spawn, confine, parse, render, pipe).
double renderMs(const std::filesystem::path& helper, const std::filesystem::path& pdf, int page, int width,
                RenderedPage* out = nullptr) {
    const double start = wallMs();
    RenderedPage rendered = renderPdfPage(helper, PageRequest{pdf, page, width});
    const double ms = wallMs() - start;
    if (out != nullptr) *out = std::move(rendered);
    return ms;
}

} // namespace

int main(int argc, char** argv) {
    returnLargeBuffersToSystem(); // as the program does (kiosk/main.cpp)
    const std::filesystem::path dir = argAfter(argc, argv, "--pdf-dir", "build/tests/pdf/pdfs");
    const int runs = std::max(1, std::stoi(argAfter(argc, argv, "--runs", "9")));
    const std::filesystem::path helper = argAfter(argc, argv, "--helper", GONGKAI_PDF_HELPER);
    const std::filesystem::path notice = dir / "cjk-not-embedded.pdf", document = dir / "cjk-3-pages.pdf";
    if (!std::filesystem::exists(notice) || !std::filesystem::exists(document))
        return std::printf("no test PDFs in %s (build the pdf_tests target)\n", dir.c_str()), 1;

    ScreenWindow window;
    FontFiles fonts;
    std::string error;
    if (!locateFonts(fonts, error) || !window.open(WindowOptions{true, false, 1920, 1080, true}, fonts, error))
        return std::printf("%s\n", error.c_str()), 1;
    const KioskStyle style = makeKioskStyle(1920, 1080, false, window.fonts());
    const int width = static_cast<int>(
        pageViewport(style, layoutKioskScreen(style, ImVec2(1920, 1080), {.panel = true, .rail = true})).width());
    std::printf("page width: %d px (the kiosk's page area at 1920x1080 landscape)\n", width);

    std::vector<double> first, turn_raw;
    RenderedPage page;
    for (int i = 0; i < runs; ++i) first.push_back(renderMs(helper, notice, 1, width, &page));
    std::printf("first page of a one-page notice (Chinese, font not embedded): %.0f ms wall (median of %d), %dx%d\n",
                median(first), runs, page.width, page.height);
    for (int i = 0; i < runs; ++i) turn_raw.push_back(renderMs(helper, document, 2, width, &page));
    std::printf("a page of a 3-page document, rendered on demand: %.0f ms wall (median of %d)\n", median(turn_raw),
                runs);
    std::vector<double> deep;
    for (int i = 0; i < std::min(runs, 3); ++i) deep.push_back(renderMs(helper, dir / "10000-pages.pdf", 5000, width));
    std::printf("page 5000 of a 10,000-page document: %.0f ms wall (median of %zu)\n", median(deep), deep.size());

    // As the kiosk reads: page 1 asked for and waited on; the resident reads for a second (page 2
    // is rendered ahead meanwhile); then the turn to page 2, measured until it is a texture. At the
    // page area's width, and at elder mode's zoom (wider than the screen: it pans).
    const KioskStyle elder = makeKioskStyle(1920, 1080, true, window.fonts());
    const float elder_area =
        pageViewport(elder, layoutKioskScreen(elder, ImVec2(1920, 1080), {.panel = true, .rail = true})).width();
    const int elder_width = attachmentRenderWidth(AttachmentRef{"", 1, 1}, elder, elder_area);
    for (const auto& [label, read_width] : {std::pair{"normal mode", width}, std::pair{"elder mode", elder_width}}) {
        TextureCache textures(window);
        const double pss_before = pssMiB();
        double pss_reading = 0;
        std::vector<double> opened, turned;
        for (int i = 0; i < runs; ++i) {
            AttachmentPages pages(textures, {}, helper);
            double start = wallMs();
            const AttachmentPageState one = pages.pageState(document.string(), 1, read_width, true);
            opened.push_back(wallMs() - start);
            if (one.status != AttachmentPageState::Status::Shown) return std::puts("page 1 was not shown"), 1;
            std::this_thread::sleep_for(std::chrono::seconds(1));
            start = wallMs();
            const AttachmentPageState two = pages.pageState(document.string(), 2, read_width, true);
            turned.push_back(wallMs() - start);
            if (two.status != AttachmentPageState::Status::Shown) return std::puts("page 2 was not shown"), 1;
            pages.pageState(document.string(), 3, read_width, true);
            std::this_thread::sleep_for(std::chrono::milliseconds(500)); // nothing more ahead: page 3 is the last
            pss_reading = std::max(pss_reading, pssMiB());
        }
        std::printf("kiosk, %s (pages %d px wide): open a document to its first page %.0f ms wall; turn to the next "
                    "page %.1f ms wall (%s; medians of %d)\n",
                    label, read_width, median(opened), median(turned),
                    read_width == width ? "rendered ahead while the first was read" : "a zoomed page renders on demand",
                    runs);
        std::printf("kiosk, %s: PSS %.1f MiB before, %.1f MiB at most while reading (+%.1f MiB; %zu textures, %.1f "
                    "MiB of pixels held at the end)\n",
                    label, pss_before, pss_reading, pss_reading - pss_before, textures.count(),
                    static_cast<double>(textures.bytes()) / (1024.0 * 1024.0));
    }
    return 0;
}
