// The UI test tier: a bare Dear ImGui context with the program's own fonts and no window and no
// GL, so that layouts are measured with the real CJK glyphs and draw functions can run and their
// ImDrawList output be inspected, in the plain unit-test build (and the sanitizer tree).
// ImGui 1.92's atlas rasterizes glyphs on demand into pixels on the CPU; a null renderer here
// accepts every texture request, so nothing is ever uploaded.
#pragma once

#include "display/kiosk/kiosk_style.h"
#include "display/kiosk/page.h"
#include "display/text/fonts.h"
#include "sync/content.h"

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

namespace gk::test {

// The one ImGui context of the test process, with Noto Sans CJK SC (regular and bold) and
// HanaMinA/B merged in, found through fontconfig and loaded by display/text/fonts exactly as the
// program loads them. Created on first use; throws std::runtime_error when a font is missing.
class UiContext {
public:
    static UiContext& get();
    ~UiContext();
    UiContext(const UiContext&) = delete;
    UiContext& operator=(const UiContext&) = delete;

    const Fonts& fonts() const { return m_fonts->fonts(); }
    KioskStyle kioskStyle(int width, int height, bool elder) const {
        return makeKioskStyle(width, height, elder, fonts());
    }

private:
    UiContext();
    std::unique_ptr<MeasuringFonts> m_fonts; // the context and the fonts (display/text/fonts.h)
};

// One frame of the bare context: NewFrame in the constructor (with a display of that size), render()
// ends it and returns what was drawn. The program lays pages out inside a frame (glyphs measured
// while laying out use the frame's font state), so tests build pages inside one too. A frame left
// by a failed assertion is ended by the destructor, so the next test starts cleanly.
class UiFrame {
public:
    explicit UiFrame(ImVec2 display_size);
    ~UiFrame();
    UiFrame(const UiFrame&) = delete;
    UiFrame& operator=(const UiFrame&) = delete;

    // Ends the frame (ImGui::Render) and answers the atlas's texture requests; call once.
    const ImDrawData& render();

private:
    bool m_rendered = false;
};

// The "null texture cache": no image has a texture, so pages with images lay out and draw without
// GL (drawPage then leaves the image's box empty). Counts the lookups, to show images were asked for.
struct NullImages : ImageLookup {
    int lookups = 0;
    ImTextureID texture(const PageImage&) override {
        ++lookups;
        return ImTextureID_Invalid;
    }
};

// A draw command of a frame: its clip rectangle, its texture and the box around the vertices its
// indices use (AddRectFilled's anti-aliased fringe and glyph quads included).
struct DrawnCommand {
    ImVec4 clip;
    ImTextureID texture = ImTextureID_Invalid;
    ImVec2 min, max;
    unsigned elements = 0;
};
std::vector<DrawnCommand> drawnCommands(const ImDrawData& data);

// Every vertex of the frame drawn in exactly this colour (text is drawn in its colour, QR modules
// in black), with the clip rectangle of its command.
struct DrawnVertex {
    ImVec2 pos;
    ImVec4 clip;
};
std::vector<DrawnVertex> verticesOfColour(const ImDrawData& data, ImU32 colour);

// The demo portal (assets/demo-portal), read and verified by sync/loader straight from the source
// tree (no store, so no attachment images are available); read once per process. Throws when it
// does not load.
std::shared_ptr<const Content> demoPortal();

// x of the right end of a page line, measured by ImGui with the line's own font and size.
float lineRight(const PageText& line);

// All lines of a page joined with '\n', for "the page says …" checks.
std::string pageTextOf(const Page& page);

} // namespace gk::test
