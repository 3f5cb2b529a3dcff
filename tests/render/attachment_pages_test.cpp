// The kiosk's PDF pages (kiosk/shell/attachment_pages.h) with the real confined renderer and a real
// window's textures: a page is asked for without waiting and the loop is woken when it is ready,
// the next page is rendered ahead, only the last three pages keep textures, a file that cannot be
// shown says so, and stopping the kiosk cuts a long render short.
#include "render_support.h"

#include "kiosk/shell/attachment_pages.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

using namespace gk;

namespace {

const std::filesystem::path kPdfs = GONGKAI_TEST_PDF_DIR;
const std::filesystem::path kHelper = GONGKAI_PDF_HELPER;
using Status = AttachmentPageState::Status;

} // namespace

TEST_CASE("PDF pages are rendered off the frame loop, ahead of the resident, with few textures kept",
          "[render][attachment]") {
    test::HeadlessWindow headless(640, 480);
    TextureCache textures(headless.window);
    std::atomic<int> wakes{0};
    AttachmentPages pages(
        textures, [&] { ++wakes; }, kHelper);
    const std::string doc = (kPdfs / "cjk-3-pages.pdf").string();

    CHECK(pages.pageState(doc, 1, 600, false).status == Status::Opening); // asked for, not waited on
    for (int i = 0; i < 200 && wakes == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(wakes == 1); // the loop is told once it is ready
    const AttachmentPageState one = pages.pageState(doc, 1, 600, false);
    REQUIRE(one.status == Status::Shown);
    CHECK(one.page_count == 3);
    CHECK(one.width == 600);
    CHECK(one.height == 849); // A4 at 600 px
    const std::optional<CardImage> texture = textures.get(one.image_key, {});
    REQUIRE(texture);
    CHECK(texture->width == 600);

    // Page 2 was rendered ahead while page 1 was read: it is there without another wake.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const int wakes_before = wakes;
    CHECK(pages.pageState(doc, 2, 600, false).status == Status::Shown);
    CHECK(wakes == wakes_before);

    // Five pages seen (two widths of the same document): textures of the last three only.
    pages.pageState(doc, 3, 600, true);
    pages.pageState(doc, 1, 500, true);
    pages.pageState(doc, 2, 500, true);
    CHECK(textures.count() == 3);
    CHECK_FALSE(textures.get(one.image_key, {})); // page 1 at 600 went first

    // Zoomed pages are large: textures are kept while they take at most 26 MiB, the newest always.
    const AttachmentPageState wide = pages.pageState(doc, 1, 2400, true); // 2400 × 3396: 31 MiB
    REQUIRE(wide.status == Status::Shown);
    CHECK(textures.count() == 1); // the 500 px pages went first
    CHECK(textures.bytes() == static_cast<std::uint64_t>(wide.width) * static_cast<std::uint64_t>(wide.height) * 4);
    const AttachmentPageState wide_next = pages.pageState(doc, 2, 2400, true);
    REQUIRE(wide_next.status == Status::Shown);
    CHECK(textures.count() == 1);
    CHECK(textures.get(wide_next.image_key, {}));

    // Past the last page: what the document has, not a broken file.
    const AttachmentPageState past = pages.pageState(doc, 9, 600, true);
    CHECK(past.status == Status::PastEnd);
    CHECK(past.page_count == 3);
}

TEST_CASE("a PDF page that cannot be shown, and a render cut short when the kiosk stops", "[render][attachment]") {
    test::HeadlessWindow headless(640, 480);
    TextureCache textures(headless.window);
    {
        AttachmentPages pages(textures, {}, kHelper);
        const AttachmentPageState broken = pages.pageState((kPdfs / "not-a-pdf.pdf").string(), 1, 600, true);
        CHECK(broken.status == Status::Unreadable);
        CHECK(textures.count() == 0);
    }
    const auto start = std::chrono::steady_clock::now();
    {
        AttachmentPages pages(textures, {}, kHelper);
        CHECK(pages.pageState((kPdfs / "deflate-bomb.pdf").string(), 1, 600, false).status == Status::Opening);
        std::this_thread::sleep_for(std::chrono::milliseconds(300)); // the renderer is at work
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 1.5); // the bomb alone takes about 4 s
}
