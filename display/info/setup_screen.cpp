// The no-portal screen. See setup_screen.h.
#include "display/info/setup_screen.h"

#include "display/widgets.h"

namespace gk {

void drawSetupScreen(const SetupScreenView& view, const Theme& theme, const Fonts& fonts) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    const float margin = theme.px(theme.portrait ? 72 : 160);
    const float width = screen.x - 2 * margin;
    const TextStyle title{fonts.bold, theme.px(64), theme.accent, 1.3f};
    const TextStyle body{fonts.regular, theme.px(36), theme.text, 1.5f};
    const TextStyle code{fonts.bold, theme.px(36), theme.text, 1.5f};
    const TextStyle muted{fonts.regular, theme.px(30), theme.muted, 1.5f};
    const TextStyle warning{fonts.bold, theme.px(32), theme.urgent, 1.5f};
    const std::string lines[] = {
        "本机还没有可显示的内容：配置文件中没有门户地址，本机也从未同步过。",
        "请管理员在配置文件 " + view.config_path + " 中填写县级门户发布内容的地址，例如：",
    };
    float y = theme.px(theme.portrait ? 360 : 200);
    y += drawWrappedText(dl, title, {margin, y}, width, kSetupTitle) + theme.px(16);
    dl->AddRectFilled({margin, y}, {margin + theme.px(128), y + theme.px(8)}, theme.accent);
    y += theme.px(56);
    for (const std::string& line : lines) y += drawWrappedText(dl, body, {margin, y}, width, line) + theme.px(16);
    const float box_top = y;
    y += theme.px(20);
    y += drawWrappedText(dl, code, {margin + theme.px(32), y}, width - theme.px(64),
                         "\"portal\": \"https://门户网站地址/kiosk-feed/\"") +
         theme.px(20);
    dl->AddRect({margin, box_top}, {margin + width, y}, theme.rule, theme.px(8), 0, theme.px(3));
    y += theme.px(32);
    if (!view.config_problem.empty())
        y += drawWrappedText(dl, warning, {margin, y}, width, "配置文件有误：" + view.config_problem) + theme.px(16);
    y += drawWrappedText(dl, body, {margin, y}, width, "保存后几秒内，本屏幕即开始同步并显示内容。") + theme.px(48);
    if (!view.device_id.empty()) y += drawWrappedText(dl, muted, {margin, y}, width, "设备编号：" + view.device_id);
    drawWrappedText(dl, muted, {margin, y}, width, "数据目录：" + view.data_dir);
}

} // namespace gk
