// libFuzzer target for what the confined PDF renderer sends back (kiosk/pdf/page_renderer.h,
// readPageOutput): every input is written into a pipe as the child's whole output and read by the
// kiosk's own code. Nothing may crash, leak or trip the sanitizers, nothing larger than the limits
// may be allocated, and what comes back must agree with itself: pixels only for a rendered page,
// exactly width × height × 4 of them, within the limits. Built only in the clang fuzz tree.
#include "kiosk/pdf/page_renderer.h"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <thread>

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gk::PageLimits limits;
    limits.max_width = 256; // small, so that accepted pages stay cheap to read
    limits.max_height = 256;
    limits.max_pixels = 256 * 128;
    int fds[2];
    require(::pipe(fds) == 0);
    std::thread child([&] { // the renderer's side: its output, then the end of it
        for (std::size_t done = 0; done < size;) {
            const ssize_t n = ::write(fds[1], data + done, size - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        ::close(fds[1]);
    });
    bool timed_out = false;
    const gk::RenderedPage page =
        gk::readPageOutput(fds[0], limits, std::chrono::steady_clock::now() + std::chrono::seconds(5), timed_out);
    ::close(fds[0]);
    child.join();
    require(!timed_out);
    if (page.ok()) {
        require(page.width > 0 && page.height > 0);
        require(static_cast<std::uint64_t>(page.width) <= limits.max_width &&
                static_cast<std::uint64_t>(page.height) <= limits.max_height);
        require(static_cast<std::uint64_t>(page.width) * static_cast<std::uint64_t>(page.height) <= limits.max_pixels);
        require(page.rgba.size() == static_cast<std::size_t>(page.width) * static_cast<std::size_t>(page.height) * 4);
        require(page.page_count >= 1);
        require(page.failure.empty());
    } else {
        require(page.rgba.empty());
        require(!page.failure.empty());
    }
    return 0;
}
