// The kiosk's resident face without a window (kiosk/core/kiosk_face.h): pages laid out in a bare
// ImGui context with the program's fonts (tests/display/ui_support.h), no GL.
#include "../display/ui_support.h"
#include "config/civil_time.h"
#include "demo_content.h"
#include "kiosk/core/hall_session.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace gk;
using gk::test::demoContent;
using gk::test::pageTextOf;
using gk::test::UiContext;
using gk::test::UiFrame;

namespace {

const std::int64_t kAt = *parseIsoDateTime("2026-11-27T10:00:00+08:00", 8 * 3600);

KioskFaceInput screenOf(float width, float height) {
    KioskFaceInput input;
    input.screen = ImVec2(width, height);
    input.fonts = &UiContext::get().fonts();
    return input;
}

// One frame of the face inside one frame of the bare ImGui context.
KioskFrame faceFrame(HallSession& session, const KioskFaceInput& input, std::uint64_t steady_ms = 1000) {
    UiFrame frame(input.screen);
    KioskFrame face = session.kioskView(HallTime{kAt, steady_ms}, input);
    frame.render();
    return face;
}

} // namespace

TEST_CASE("the kiosk face lays a page out once, and again only when what it shows changes", "[hall][kiosk_face]") {
    HallSession session(HallContext{demoContent(), "hall-main", 8 * 3600, 300});
    session.navigator().show({ScreenKind::Catalog, {}});
    KioskFaceInput input = screenOf(1920, 1080);
    const KioskFrame first = faceFrame(session, input);
    CHECK(first.new_page);
    REQUIRE(first.view.page != nullptr);
    CHECK(first.view.title == session.kioskFace().page()->title);
    CHECK(first.view.show_home);
    CHECK(first.view.clock_text == "10:00");
    CHECK(first.style.portrait == false);
    CHECK_FALSE(faceFrame(session, input).new_page); // nothing changed: the same page

    input.screen = ImVec2(1080, 1920); // the output was rotated
    const KioskFrame portrait = faceFrame(session, input);
    CHECK(portrait.new_page);
    CHECK(portrait.style.portrait);
    CHECK(portrait.layout.content.width() < first.layout.content.width());

    session.navigator().apply({KioskActionKind::ToggleElder, {}}, 1.0);
    const KioskFrame elder = faceFrame(session, input);
    CHECK(elder.new_page);
    CHECK(elder.style.body_px > portrait.style.body_px);

    input.keyboard_shown = true;
    const KioskFrame typing = faceFrame(session, input);
    CHECK(typing.new_page);
    CHECK(pageViewport(typing.style, typing.layout).max.y <= typing.layout.keyboard.min.y);
}

TEST_CASE("the kiosk face takes the resident Home from a screen the publish does not have", "[hall][kiosk_face]") {
    HallSession session(HallContext{demoContent(), "hall-main", 8 * 3600, 300});
    session.navigator().show({ScreenKind::Disclosure, "no-such-item"});
    const KioskFrame frame = faceFrame(session, screenOf(1920, 1080));
    CHECK(session.navigator().current().kind == ScreenKind::Home);
    CHECK_FALSE(frame.view.show_home);
    REQUIRE(frame.view.page != nullptr);
    CHECK(pageTextOf(*frame.view.page).find("搜索") != std::string::npos);
}

TEST_CASE("the kiosk face shows an urgent notice's banner on every page but the notice's own", "[hall][kiosk_face]") {
    auto content = std::make_shared<Content>(*demoContent());
    Notice urgent;
    urgent.id = "u-flood";
    urgent.title = "防汛紧急通知:请勿前往河道";
    urgent.level = NoticeLevel::Urgent;
    urgent.published_date = "2026-11-27";
    content->notices.push_back(urgent);
    HallSession session(HallContext{content, "hall-main", 8 * 3600, 300});
    session.navigator().show({ScreenKind::Guides, {}});
    const KioskFrame guides = faceFrame(session, screenOf(1920, 1080));
    REQUIRE(guides.view.urgent.has_value());
    CHECK(guides.view.urgent->notice_id == "u-flood");
    CHECK(guides.view.urgent->title == "防汛紧急通知：请勿前往河道"); // shown with the Chinese colon
    CHECK(guides.layout.urgent.height() > 0);

    session.navigator().show({ScreenKind::Notice, "u-flood"});
    const KioskFrame own = faceFrame(session, screenOf(1920, 1080));
    CHECK_FALSE(own.view.urgent.has_value());
    CHECK(own.layout.urgent.height() == 0);
}

TEST_CASE("the kiosk face's search page: waiting for the index, then what the first candidate finds",
          "[hall][kiosk_face]") {
    HallSession session(HallContext{demoContent(), "hall-main", 8 * 3600, 300});
    session.navigator().show({ScreenKind::Search, {}});
    KioskFaceInput input = screenOf(1920, 1080);
    input.keyboard_shown = true;
    input.typed = {"", "zhengwu", "政务"};
    const KioskFrame waiting = faceFrame(session, input); // the index starts building now
    if (session.search().pending()) CHECK(pageTextOf(*waiting.view.page).find("正在准备搜索") != std::string::npos);
    session.search().waitReady();
    const KioskFrame ready = faceFrame(session, input);
    const std::string shown = pageTextOf(*ready.view.page);
    CHECK(shown.find("找到") != std::string::npos);
    CHECK(shown.find("政务") != std::string::npos);
    CHECK(shown.find("没有找到") == std::string::npos);

    input.settled = true; // a screenshot of a fresh session waits for the index instead
    HallSession fresh(HallContext{demoContent(), "hall-main", 8 * 3600, 300});
    fresh.navigator().show({ScreenKind::Search, {}});
    CHECK(pageTextOf(*faceFrame(fresh, input).view.page).find("找到") != std::string::npos);
}

namespace {

// Pages as the test sets them; records what the face asked for.
struct FakeAttachmentPages final : AttachmentPageSource {
    AttachmentPageState pageState(const std::string& file, int page, int width_px, bool wait) override {
        asked.push_back({file, page, width_px, wait});
        return state;
    }
    struct Asked {
        std::string file;
        int page = 0;
        int width = 0;
        bool wait = false;
    };
    std::vector<Asked> asked;
    AttachmentPageState state;
};

} // namespace

TEST_CASE("the kiosk face shows a PDF's page when it is rendered, as wide as the page area", "[hall][kiosk_face]") {
    // The demo with a PDF attachment on its first item, its file in a store of the test's own.
    auto content = std::make_shared<Content>(*demoContent());
    const std::filesystem::path store = std::filesystem::temp_directory_path() / "gongkai-kiosk-face-attachment";
    const std::string sha(64, 'b');
    std::filesystem::create_directories(store / "bb");
    std::ofstream(store / "bb" / sha) << "%PDF-1.4";
    content->objects_dir = store;
    DisclosureItem& item = content->disclosures.front();
    item.attachments.insert(item.attachments.begin(), Attachment{"预算表.pdf", "att/b.pdf", sha, 8, "application/pdf",
                                                                 "https://m.example/b.pdf"});
    HallSession session(HallContext{content, "hall-main", 8 * 3600, 300});
    session.navigator().show(attachmentScreen({item.id, 1, 1}));
    FakeAttachmentPages pages;
    KioskFaceInput input = screenOf(1920, 1080);
    input.attachment_pages = &pages;

    const KioskFrame opening = faceFrame(session, input);
    REQUIRE_FALSE(pages.asked.empty());
    CHECK(pages.asked.back().file == (store / "bb" / sha).string());
    CHECK(pages.asked.back().page == 1);
    CHECK(pages.asked.back().width == static_cast<int>(pageViewport(opening.style, opening.layout).width()));
    CHECK_FALSE(pages.asked.back().wait);
    CHECK(pageTextOf(*opening.view.page).find("正在打开文件") != std::string::npos);
    CHECK_FALSE(faceFrame(session, input).new_page); // still opening: the same page

    pages.state.status = AttachmentPageState::Status::Shown; // the worker finished
    pages.state.page_count = 4;
    pages.state.image_key = "pdf:page";
    pages.state.width = pages.asked.back().width;
    pages.state.height = 1400;
    const KioskFrame shown = faceFrame(session, input);
    CHECK(shown.new_page);
    REQUIRE(shown.view.page->images.size() == 1);
    CHECK(shown.view.page->images[0].attachment_key == "pdf:page");
    CHECK(pageTextOf(*shown.view.page).find("第 1 页，共 4 页") != std::string::npos);

    session.navigator().apply({KioskActionKind::TurnPage, attachmentScreen({item.id, 1, 2})}, 2.0);
    pages.state = {};
    faceFrame(session, input);
    CHECK(pages.asked.back().page == 2);

    input.settled = true; // a screenshot waits for the page
    faceFrame(session, input);
    CHECK(pages.asked.back().wait);
    std::filesystem::remove_all(store);
}
