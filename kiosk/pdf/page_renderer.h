// One page of a PDF attachment as pixels, rendered by poppler in a child process of its own
// (gongkai-pdf-page) so that a hostile or broken file can crash, hang or exhaust nothing but that
// child. The child gets the file as its standard input (it opens no path of ours), runs under
// rlimits set here (address space, CPU time, no files written, few descriptors, no core) and
// confines itself before reading a byte (kiosk/pdf/confinement.h: no network, a seccomp allowlist,
// reads only of the fonts). The kiosk waits at most a wall-clock timeout, then kills it; the child
// is always reaped. Blocking: call it off the frame loop. No SDL, ImGui or poppler here.
#pragma once

#include "kiosk/pdf/page_wire.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gk {

struct PageRenderLimits {
    std::uint64_t memory_bytes = 768ull << 20; // RLIMIT_AS of the child
    int cpu_seconds = 10;                      // RLIMIT_CPU of the child
    int wall_ms = 8000;                        // then it is killed
    std::uint64_t max_file_bytes = 50ull << 20;
    PageLimits page;
    const std::atomic<bool>* cancel = nullptr; // set: the child is killed at once (the kiosk is stopping)
};

struct PageRequest {
    std::filesystem::path file;
    int page = 1;        // 1-based
    int width_px = 1000; // the page is scaled to this width
};

struct RenderedPage {
    bool ok() const { return status == PageStatus::Rendered && !rgba.empty(); }
    PageStatus status = PageStatus::Failed;
    int page_count = 0; // as the document says (0 when it could not be read)
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba; // width × height × 4, top row first
    std::string failure;            // why it is not shown, for the log ("" when rendered)
};

// Renders `request` with the helper program at `helper`.
RenderedPage renderPdfPage(const std::filesystem::path& helper, const PageRequest& request,
                           const PageRenderLimits& limits = {});

// The kiosk's side of the pipe: one answer of the renderer read from `fd` before `deadline`, each
// size checked against `limits` before anything is allocated (`timed_out` when the deadline came
// first). Separate for the fuzz target of this boundary (tests/fuzz/page_output_fuzz.cpp).
RenderedPage readPageOutput(int fd, const PageLimits& limits, std::chrono::steady_clock::time_point deadline,
                            bool& timed_out, const std::atomic<bool>* cancel = nullptr);

// The helper of the running program: PREFIX/libexec/gongkai-kiosk/gongkai-pdf-page when installed,
// else beside the program (the build tree).
std::filesystem::path pdfPageHelperPath();

} // namespace gk
