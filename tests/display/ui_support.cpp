// The bare ImGui context of the UI tests. See ui_support.h.
#include "ui_support.h"

#include "sync/loader.h"

#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace gk::test {
namespace {

// The null renderer: every texture the atlas asks for "exists" at once. The glyph pixels stay in
// ImTextureData::Pixels on the CPU; nothing reads them. The ids only have to be distinct and
// non-zero, as ImGui checks that a created texture got one.
void answerTextureRequests(const ImDrawData& data) {
    static ImTextureID next_id = 1;
    if (data.Textures == nullptr) return;
    for (ImTextureData* texture : *data.Textures) {
        switch (texture->Status) {
        case ImTextureStatus_WantCreate:
            texture->SetTexID(next_id++);
            texture->SetStatus(ImTextureStatus_OK);
            break;
        case ImTextureStatus_WantUpdates: texture->SetStatus(ImTextureStatus_OK); break;
        case ImTextureStatus_WantDestroy: // no frame is in flight: free at once
            texture->SetTexID(ImTextureID_Invalid);
            texture->SetStatus(ImTextureStatus_Destroyed);
            break;
        case ImTextureStatus_OK:
        case ImTextureStatus_Destroyed: break;
        }
    }
}

} // namespace

UiContext& UiContext::get() {
    static UiContext context;
    return context;
}

UiContext::UiContext() {
    std::string error;
    m_fonts = MeasuringFonts::open(error);
    if (!m_fonts) throw std::runtime_error(error);
}

UiContext::~UiContext() = default;

UiFrame::UiFrame(ImVec2 display_size) {
    UiContext::get();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = display_size;
    io.DeltaTime = 1.0f / 25.0f; // the program's fastest frame rate (fades)
    ImGui::NewFrame();
}

UiFrame::~UiFrame() {
    if (!m_rendered) render();
}

const ImDrawData& UiFrame::render() {
    m_rendered = true;
    ImGui::Render();
    const ImDrawData& data = *ImGui::GetDrawData();
    answerTextureRequests(data);
    return data;
}

std::vector<DrawnCommand> drawnCommands(const ImDrawData& data) {
    std::vector<DrawnCommand> out;
    for (const ImDrawList* list : data.CmdLists) {
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback != nullptr || cmd.ElemCount == 0) continue;
            DrawnCommand drawn;
            drawn.clip = cmd.ClipRect;
            drawn.texture = cmd.GetTexID();
            drawn.elements = cmd.ElemCount;
            drawn.min = ImVec2(1e30f, 1e30f);
            drawn.max = ImVec2(-1e30f, -1e30f);
            for (unsigned i = cmd.IdxOffset; i < cmd.IdxOffset + cmd.ElemCount; ++i) {
                const ImVec2 p =
                    list->VtxBuffer[static_cast<int>(cmd.VtxOffset + list->IdxBuffer[static_cast<int>(i)])].pos;
                drawn.min = ImVec2(std::min(drawn.min.x, p.x), std::min(drawn.min.y, p.y));
                drawn.max = ImVec2(std::max(drawn.max.x, p.x), std::max(drawn.max.y, p.y));
            }
            out.push_back(drawn);
        }
    }
    return out;
}

std::vector<DrawnVertex> verticesOfColour(const ImDrawData& data, ImU32 colour) {
    std::vector<DrawnVertex> out;
    for (const ImDrawList* list : data.CmdLists) {
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback != nullptr) continue;
            for (unsigned i = cmd.IdxOffset; i < cmd.IdxOffset + cmd.ElemCount; ++i) {
                const ImDrawVert& v =
                    list->VtxBuffer[static_cast<int>(cmd.VtxOffset + list->IdxBuffer[static_cast<int>(i)])];
                if (v.col == colour) out.push_back({v.pos, cmd.ClipRect});
            }
        }
    }
    return out;
}

std::shared_ptr<const Content> demoPortal() {
    static const std::shared_ptr<const Content> content = [] {
        const std::filesystem::path dir = std::filesystem::path(GONGKAI_SOURCE_DIR) / "assets/demo-portal";
        std::string error;
        std::optional<FeedDirectory> feed = readFeedDirectory(dir, FeedLimits{}, error);
        if (!feed) throw std::runtime_error("the demo portal does not load: " + error);
        auto loaded = std::make_shared<Content>(std::move(feed->content));
        loaded->generation = "demo";
        loaded->base_url = "file://" + dir.string() + "/"; // as the render tests sync it
        return loaded;
    }();
    return content;
}

float lineRight(const PageText& line) {
    // ImGui's own measure, the one AddText draws with: not the layout's, which would check itself.
    const char* begin = line.text.data();
    return line.pos.x + line.font->CalcTextSizeA(line.size, FLT_MAX, 0.0f, begin, begin + line.text.size()).x;
}

std::string pageTextOf(const Page& page) {
    std::string text;
    for (const PageText& line : page.texts) text += line.text + "\n";
    return text;
}

} // namespace gk::test
