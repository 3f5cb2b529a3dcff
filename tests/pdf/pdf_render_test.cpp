// PDF pages through the real confined renderer (gongkai-pdf-page, poppler) on PDFs made at build
// time by make_test_pdfs.py: good Chinese documents render (embedded fonts and a standard CJK font
// the file does not embed); broken and hostile ones end as a page that cannot be shown, or render
// within their limits, never longer than the wall-clock limit; no child process is left behind.
// The confinement itself is checked in a forked child: no sockets, no files written, no files read
// outside the fonts.
#include "kiosk/pdf/confinement.h"
#include "kiosk/pdf/page_renderer.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>

using namespace gk;
namespace fs = std::filesystem;

namespace {

const fs::path kPdfs = GONGKAI_TEST_PDF_DIR;
const fs::path kHelper = GONGKAI_PDF_HELPER;

struct Timed {
    RenderedPage page;
    double seconds = 0;
};

Timed render(const std::string& name, int page = 1, int width = 800, PageRenderLimits limits = {}) {
    const auto start = std::chrono::steady_clock::now();
    Timed t{renderPdfPage(kHelper, PageRequest{kPdfs / name, page, width}, limits), 0};
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return t;
}

// Pixels darker than mid-grey in the box: ink.
int inkIn(const RenderedPage& p, int x0, int y0, int x1, int y1) {
    int ink = 0;
    for (int y = y0; y < y1 && y < p.height; ++y)
        for (int x = x0; x < x1 && x < p.width; ++x) {
            const std::uint8_t* px = p.rgba.data() + (static_cast<std::size_t>(y) * p.width + x) * 4;
            ink += (px[0] * 299 + px[1] * 587 + px[2] * 114) / 1000 < 128 ? 1 : 0;
        }
    return ink;
}

// The renderer is reaped every time: this process has no child left.
bool noChildLeft() {
    return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

} // namespace

TEST_CASE("a Chinese PDF renders page by page at the asked width", "[pdf]") {
    const Timed first = render("cjk-3-pages.pdf", 1, 800);
    REQUIRE(first.page.ok());
    CHECK(first.page.page_count == 3);
    CHECK(first.page.width == 800);
    CHECK(first.page.height == 1132); // A4 (595 × 842 pt) at 800 px: 842 × 800 / 595, rounded up
    // "第1页" at (60, 90) pt and the five lines below it, scaled by 800 / 595.
    CHECK(inkIn(first.page, 70, 80, 300, 130) > 300);
    CHECK(inkIn(first.page, 70, 190, 700, 560) > 3000);
    CHECK(inkIn(first.page, 0, 850, 800, 1132) == 0); // nothing below the table
    const Timed third = render("cjk-3-pages.pdf", 3, 800);
    REQUIRE(third.page.ok());
    const Timed fourth = render("cjk-3-pages.pdf", 4, 800);
    CHECK(fourth.page.status == PageStatus::NoSuchPage);
    CHECK(fourth.page.page_count == 3);
    CHECK(noChildLeft());
}

TEST_CASE("Chinese text in a standard font the file does not embed is drawn with a system font", "[pdf]") {
    const Timed t = render("cjk-not-embedded.pdf", 1, 800);
    REQUIRE(t.page.ok());
    // 政府信息公开 at 64 pt from (72, 650) pt up: six glyphs' worth of ink, not empty boxes.
    const double scale = 800.0 / 595.0;
    const int top = static_cast<int>((842 - 650 - 64) * scale), bottom = static_cast<int>((842 - 650 + 16) * scale);
    CHECK(inkIn(t.page, static_cast<int>(72 * scale), top, static_cast<int>((72 + 6 * 64) * scale), bottom) > 6000);
    CHECK(noChildLeft());
}

TEST_CASE("broken and hostile files end as a page that cannot be shown, or render within limits", "[pdf]") {
    const PageRenderLimits limits; // the kiosk's own
    for (const char* name : {"truncated.pdf", "page-tree-loop.pdf", "not-a-pdf.pdf"}) {
        INFO(name);
        const Timed t = render(name);
        CHECK_FALSE(t.page.ok());
        CHECK_FALSE(t.page.failure.empty());
        CHECK(t.seconds < limits.wall_ms / 1000.0 + 1.0);
    }
    CHECK(render("not-a-pdf.pdf").page.status == PageStatus::NotPdf);

    // A content stream that inflates to 512 MiB: the renderer finishes within its limits (a blank
    // page) or is stopped by them; either way within the wall-clock limit.
    const Timed bomb = render("deflate-bomb.pdf");
    CHECK(bomb.seconds < limits.wall_ms / 1000.0 + 1.0);
    if (bomb.page.ok()) CHECK(inkIn(bomb.page, 0, 0, bomb.page.width, bomb.page.height) == 0);

    // A page of 100000 × 100000 points is drawn at the asked width, not at its declared size.
    const Timed huge = render("huge-page.pdf", 1, 800);
    REQUIRE(huge.page.ok());
    CHECK(huge.page.width == 800);
    CHECK(huge.page.height == 800);
    CHECK(inkIn(huge.page, 0, 400, 400, 800) == 400 * 400); // its black square fills the lower left quarter

    // Ten thousand pages: any one of them without the others.
    const Timed last = render("10000-pages.pdf", 10000);
    REQUIRE(last.page.ok());
    CHECK(last.page.page_count == 10000);
    CHECK(last.seconds < 2.0);
    CHECK(noChildLeft());
}

TEST_CASE("the kiosk's limits hold against the renderer", "[pdf]") {
    SECTION("a wall-clock limit kills a renderer that takes longer") {
        PageRenderLimits quick;
        quick.wall_ms = 200;
        const Timed t = render("deflate-bomb.pdf", 1, 800, quick);
        CHECK_FALSE(t.page.ok());
        CHECK(t.page.failure.find("longer than 200 ms") != std::string::npos);
        CHECK(t.seconds < 1.0);
    }
    SECTION("a page larger than the pixel limit is refused by the renderer") {
        PageRenderLimits small;
        small.page.max_pixels = 800 * 600; // an A4 page at 800 px is 800 × 1132
        const Timed t = render("cjk-3-pages.pdf", 1, 800, small);
        CHECK(t.page.status == PageStatus::TooLarge);
    }
    SECTION("a file over the size limit is not given to the renderer") {
        PageRenderLimits tiny;
        tiny.max_file_bytes = 1000;
        const Timed t = render("cjk-3-pages.pdf", 1, 800, tiny);
        CHECK(t.page.status == PageStatus::TooLarge);
    }
    SECTION("a missing helper is a page that cannot be shown") {
        const RenderedPage p = renderPdfPage("/nonexistent/gongkai-pdf-page", {kPdfs / "cjk-3-pages.pdf", 1, 800});
        CHECK_FALSE(p.ok());
        CHECK_FALSE(p.failure.empty());
    }
    CHECK(noChildLeft());
}

namespace {

// Runs `attempt` in a forked child after confine(); returns the child's wait status.
template <typename Attempt> int confinedChild(Attempt attempt) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        Confinement done;
        std::string error;
        if (!confine(done, error)) ::_exit(90);
        ::_exit(attempt(done));
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

} // namespace

TEST_CASE("the renderer's confinement", "[pdf][confinement]") {
    SECTION("opening a socket ends the process") {
        const int status = confinedChild([](const Confinement&) {
            ::socket(AF_INET, SOCK_STREAM, 0);
            return 0;
        });
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGSYS);
    }
    SECTION("starting a program ends the process") {
        const int status = confinedChild([](const Confinement&) {
            char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
            ::execv("/bin/true", argv);
            return 0;
        });
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGSYS);
    }
    SECTION("a file cannot be opened for writing") {
        const fs::path target = fs::temp_directory_path() / "gongkai-confinement-write-test";
        fs::remove(target);
        const int status = confinedChild([&target](const Confinement&) {
            const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT, 0600);
            return fd < 0 && errno == EACCES ? 0 : 1;
        });
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        CHECK_FALSE(fs::exists(target));
    }
    SECTION("the fonts can be read, other files cannot (where the kernel has Landlock)") {
        const int status = confinedChild([](const Confinement& done) {
            const int font_dir = ::open("/usr/share/fonts", O_RDONLY | O_DIRECTORY);
            if (font_dir < 0) return 1;
            const int other = ::open("/etc/passwd", O_RDONLY);
            if (done.landlock) return other < 0 ? 0 : 2;
            return 3; // no Landlock: said below
        });
        REQUIRE(WIFEXITED(status));
        if (WEXITSTATUS(status) == 3)
            WARN("this kernel has no Landlock: only seccomp confines the renderer");
        else
            CHECK(WEXITSTATUS(status) == 0);
    }
}
