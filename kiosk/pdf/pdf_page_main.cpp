// gongkai-pdf-page: renders one page of the PDF on standard input with poppler and writes it to
// standard output as kiosk/pdf/page_wire.h describes. Started only by the kiosk
// (kiosk/pdf/page_renderer.h), with its arguments:
//   PAGE WIDTH_PX MAX_WIDTH MAX_HEIGHT MAX_PIXELS MAX_FILE_BYTES MEMORY_BYTES CPU_SECONDS
// It sets its rlimits and confines itself (kiosk/pdf/confinement.h) before it reads a byte of the
// file. Whatever the file does, the worst outcome is this process's end, which the kiosk shows as
// a page it cannot display.
#include "kiosk/pdf/confinement.h"
#include "kiosk/pdf/page_wire.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gk {
namespace {

struct Arguments {
    std::uint64_t page = 1, width = 0, max_width = 0, max_height = 0, max_pixels = 0, max_file_bytes = 0,
                  memory_bytes = 0, cpu_seconds = 0;
};

bool parseNumber(const char* text, std::uint64_t& out) {
    const char* end = text + std::char_traits<char>::length(text);
    const auto [ptr, ec] = std::from_chars(text, end, out);
    return ec == std::errc() && ptr == end;
}

bool parseArguments(int argc, char** argv, Arguments& a) {
    if (argc != 9) return false;
    std::uint64_t* fields[] = {&a.page,       &a.width,          &a.max_width,    &a.max_height,
                               &a.max_pixels, &a.max_file_bytes, &a.memory_bytes, &a.cpu_seconds};
    for (int i = 0; i < 8; ++i)
        if (!parseNumber(argv[i + 1], *fields[i])) return false;
    return a.page >= 1 && a.width >= 1 && a.width <= a.max_width;
}

void setLimit(int resource, std::uint64_t soft, std::uint64_t hard) {
    const rlimit limit{static_cast<rlim_t>(soft), static_cast<rlim_t>(hard)};
    setrlimit(resource, &limit);
}

bool writeAll(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    while (size > 0) {
        const ssize_t n = ::write(1, bytes, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

int answer(const PageHeader& header) {
    const auto bytes = encodePageHeader(header);
    return writeAll(bytes.data(), bytes.size()) ? 0 : 1;
}

// The file from standard input, or false when it is larger than `max_bytes`.
bool readInput(std::uint64_t max_bytes, std::vector<char>& data) {
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(0, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return true;
        if (data.size() + static_cast<std::size_t>(n) > max_bytes) return false;
        data.insert(data.end(), buffer, buffer + n);
    }
}

int renderPage(const Arguments& args) {
    std::vector<char> data;
    if (!readInput(args.max_file_bytes, data)) return answer({PageStatus::TooLarge, 0, 0, 0});
    if (data.empty() || data.size() > static_cast<std::size_t>(INT32_MAX)) return answer({PageStatus::NotPdf, 0, 0, 0});
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
    if (!doc) return answer({PageStatus::NotPdf, 0, 0, 0});
    if (doc->is_locked()) return answer({PageStatus::Locked, 0, 0, 0});
    const int count = doc->pages();
    if (count <= 0) return answer({PageStatus::NotPdf, 0, 0, 0});
    const auto page_count = static_cast<std::uint32_t>(count);
    if (args.page > page_count) return answer({PageStatus::NoSuchPage, page_count, 0, 0});
    std::unique_ptr<poppler::page> page(doc->create_page(static_cast<int>(args.page - 1)));
    if (!page) return answer({PageStatus::Failed, page_count, 0, 0});
    const poppler::rectf box = page->page_rect();
    double width_pt = box.width(), height_pt = box.height();
    const poppler::page::orientation_enum turn = page->orientation();
    if (turn == poppler::page::landscape || turn == poppler::page::seascape) std::swap(width_pt, height_pt);
    if (!(width_pt > 0.5 && height_pt > 0.5) || !std::isfinite(width_pt) || !std::isfinite(height_pt))
        return answer({PageStatus::Failed, page_count, 0, 0});
    // The resolution that makes the page `width` pixels wide, and the height that follows.
    const double dpi = static_cast<double>(args.width) * 72.0 / width_pt;
    const double height_px = std::ceil(height_pt * dpi / 72.0);
    if (!(height_px >= 1.0) || height_px > static_cast<double>(args.max_height) ||
        static_cast<double>(args.width) * height_px > static_cast<double>(args.max_pixels))
        return answer({PageStatus::TooLarge, page_count, 0, 0});
    poppler::page_renderer renderer;
    renderer.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing |
                              poppler::page_renderer::text_hinting);
    renderer.set_image_format(poppler::image::format_argb32);
    renderer.set_paper_color(0xFFFFFFFF);
    poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid() || image.format() != poppler::image::format_argb32)
        return answer({PageStatus::Failed, page_count, 0, 0});
    const auto w = static_cast<std::uint32_t>(image.width()), h = static_cast<std::uint32_t>(image.height());
    if (w == 0 || h == 0 || w > args.max_width || h > args.max_height ||
        static_cast<std::uint64_t>(w) * h > args.max_pixels)
        return answer({PageStatus::TooLarge, page_count, 0, 0});
    if (answer({PageStatus::Rendered, page_count, w, h}) != 0) return 1;
    // ARGB32 is 0xAARRGGBB in native (little-endian) order: B, G, R, A in memory. The wire is RGBA.
    std::vector<std::uint8_t> row(static_cast<std::size_t>(w) * 4);
    for (std::uint32_t y = 0; y < h; ++y) {
        const auto* in = reinterpret_cast<const std::uint8_t*>(image.const_data()) +
                         static_cast<std::size_t>(y) * static_cast<std::size_t>(image.bytes_per_row());
        for (std::uint32_t x = 0; x < w; ++x) {
            row[x * 4 + 0] = in[x * 4 + 2];
            row[x * 4 + 1] = in[x * 4 + 1];
            row[x * 4 + 2] = in[x * 4 + 0];
            row[x * 4 + 3] = in[x * 4 + 3];
        }
        if (!writeAll(row.data(), row.size())) return 1;
    }
    return 0;
}

void quiet(const std::string& /*message*/, void* /*closure*/) {}

} // namespace
} // namespace gk

int main(int argc, char** argv) {
    using namespace gk;
    Arguments args;
    if (!parseArguments(argc, argv, args)) return 2;
    setLimit(RLIMIT_AS, args.memory_bytes, args.memory_bytes);
    setLimit(RLIMIT_CPU, args.cpu_seconds, args.cpu_seconds + 1); // SIGXCPU, then SIGKILL
    setLimit(RLIMIT_FSIZE, 0, 0);
    setLimit(RLIMIT_NOFILE, 64, 64);
    setLimit(RLIMIT_CORE, 0, 0);
    poppler::set_debug_error_function(quiet, nullptr); // the kiosk reads only the status
    Confinement confinement;
    std::string error;
    if (!confine(confinement, error)) return 3;
    return renderPage(args);
}
