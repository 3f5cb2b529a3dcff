// The layout record (display/layout_record.h) filled by the drawing primitives in the bare ImGui
// context of ui_support: nothing is recorded without an active recording; a text's box, em and
// colours; the background under it is the fills drawn before it, blended in order over the clear
// colour; a target takes the texts inside it as its label; a QR code keeps what it encodes.
#include "ui_support.h"

#include "display/layout_record.h"
#include "display/widgets.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace gk;

namespace {

constexpr ImU32 kClear = IM_COL32(246, 243, 238, 255);
constexpr ImU32 kPanel = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kDimmer = IM_COL32(0, 0, 0, 150); // the idle overlay's dimmer
constexpr ImU32 kInk = IM_COL32(28, 28, 30, 255);

TextStyle bodyText() {
    return TextStyle{test::UiContext::get().fonts().regular, 40.0f, kInk, 1.5f};
}

} // namespace

TEST_CASE("without an active recording the primitives record nothing", "[layout]") {
    test::UiContext::get();
    test::UiFrame frame(ImVec2(800, 600));
    CHECK(activeLayoutRecord() == nullptr);
    drawTextLine(ImGui::GetBackgroundDrawList(), bodyText(), ImVec2(10, 10), "政务公开");
    recordTarget(ImVec2(0, 0), ImVec2(10, 10), "x"); // a no-op, not a crash
    frame.render();
    CHECK(activeLayoutRecord() == nullptr);
}

TEST_CASE("a frame's texts, targets and QR codes are recorded as drawn", "[layout]") {
    test::UiContext::get();
    LayoutRecord record;
    test::UiFrame frame(ImVec2(800, 600));
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const TextStyle body = bodyText();
    const std::optional<QrMatrix> qr = encodeQr("https://m.example.gov.cn/a?b=1");
    REQUIRE(qr);
    {
        LayoutRecording recording(record);
        REQUIRE(activeLayoutRecord() == &record);
        dl->AddRectFilled(ImVec2(0, 0), ImVec2(400, 300), kPanel, 12.0f);
        drawTextLine(dl, body, ImVec2(20, 20), "政务公开");  // on the panel
        drawTextLine(dl, body, ImVec2(450, 20), "办事指南"); // on the clear colour
        recordTarget(ImVec2(10, 100), ImVec2(390, 200));     // labelled by what is drawn inside
        drawTextLine(dl, body, ImVec2(30, 120), "继续阅读");
        drawTextLine(dl, body, ImVec2(30, 160), "首页");
        dl->AddRectFilled(ImVec2(0, 250), ImVec2(800, 600), kDimmer); // over the panel's lower part
        drawTextLine(dl, body, ImVec2(20, 260), "长辈模式");
        drawQr(dl, *qr, ImVec2(500.4f, 300.6f), 4, IM_COL32_BLACK, IM_COL32_WHITE);
    }
    CHECK(activeLayoutRecord() == nullptr);
    finishLayoutRecord(record, frame.render(), kClear);

    REQUIRE(record.texts.size() == 5);
    CHECK(record.width == 800);
    CHECK(record.height == 600);
    const LayoutText& first = record.texts[0];
    CHECK(first.text == "政务公开");
    CHECK(first.box.x == 20.0f);
    CHECK(first.box.y == 20.0f);
    CHECK(first.box.h == 40.0f);
    const float em = body.font->GetFontBaked(body.size)->GetCharAdvance(0x56FD);
    CHECK(first.em_px == em);
    CHECK(first.box.w == Approx(4 * em).margin(0.5));
    CHECK(em == Approx(40.0 / 1.448).margin(1.0)); // the drawn em is the line box over 1.448
    CHECK(first.color == kInk);
    CHECK(first.background == kPanel);
    CHECK(record.texts[1].background == kClear);
    // The dimmer drawn over the panel: 150/255 black over white.
    CHECK(record.texts[4].background == IM_COL32(105, 105, 105, 255));

    REQUIRE(record.targets.size() == 1);
    CHECK(record.targets[0].label == "继续阅读 首页");
    CHECK(record.targets[0].box.w == 380.0f);

    REQUIRE(record.qrs.size() == 1);
    CHECK(record.qrs[0].url == "https://m.example.gov.cn/a?b=1");
    CHECK(record.qrs[0].box.x == 500.0f); // whole pixels, as drawn
    CHECK(record.qrs[0].box.y == 300.0f);
    CHECK(record.qrs[0].box.w == static_cast<float>(qr->size * 4));
    CHECK(record.qrs[0].module_px == 4);

    const nlohmann::ordered_json json = layoutRecordJson(record);
    CHECK(json["size"] == nlohmann::ordered_json::array({800, 600}));
    CHECK(json["texts"][0]["color"] == "#1c1c1e");
    CHECK(json["texts"][0]["background"] == "#ffffff");
    CHECK(json["texts"][4]["background"] == "#696969");
    CHECK(json["qr"][0]["url"] == "https://m.example.gov.cn/a?b=1");
    CHECK(json["targets"][0]["label"] == "继续阅读 首页");
}

TEST_CASE("a text cut by its clip rectangle is recorded as far as it shows", "[layout]") {
    test::UiContext::get();
    LayoutRecord record;
    test::UiFrame frame(ImVec2(800, 600));
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    {
        LayoutRecording recording(record);
        dl->PushClipRect(ImVec2(0, 100), ImVec2(800, 600), true);
        drawTextLine(dl, bodyText(), ImVec2(20, 80), "政务公开"); // its top 20 px are above the clip
        drawTextLine(dl, bodyText(), ImVec2(20, 20), "办事指南"); // wholly above: not drawn
        dl->PopClipRect();
    }
    finishLayoutRecord(record, frame.render(), kClear);
    REQUIRE(record.texts.size() == 1);
    CHECK(record.texts[0].clipped);
    CHECK(record.texts[0].box.y == 100.0f);
    CHECK(record.texts[0].box.h == 20.0f);
}
