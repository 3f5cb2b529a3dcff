// What one frame drew, recorded by the drawing primitives themselves: each text run with its box,
// drawn em and colours, each tap target, each QR code with what it encodes. `screenshot --layout`
// writes it beside the PNG for tests (elder-mode sizes, contrast, QR placement) and for the
// read-aloud feature to come. A frame records only while a LayoutRecording is alive; every other
// frame pays one null check per primitive. Must not include SDL, GL or curl.
#pragma once

#include <imgui.h>

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace gk {

struct LayoutBox {
    float x = 0, y = 0, w = 0, h = 0; // output pixels, y down
};

struct LayoutText {
    std::string text;     // the run as drawn (a cut line ends with "…")
    LayoutBox box;        // the line box (ImGui's font size tall) from the pen position, as wide as the advances
    float em_px = 0;      // the advance of an ideograph (国) at the drawn size: the CJK em
    ImU32 color = 0;      // as drawn, alpha included
    ImU32 background = 0; // what most of the box's middle lies on (finishLayoutRecord), opaque
    bool clipped = false; // the box was cut by the clip rectangle it was drawn in
    // Where the text went in the frame's draw lists: fills before this mark lie under it.
    const ImDrawList* draw_list = nullptr;
    int index_mark = 0;
};

struct LayoutTarget {
    std::string label; // a name given by the drawer (icon buttons), else the texts drawn inside
    LayoutBox box;
    bool enabled = true; // false: drawn as a button but a tap does nothing (greyed paging)
};

struct LayoutQr {
    std::string url;   // exactly what the code encodes
    LayoutBox box;     // the drawn square, its light quiet zone included
    int module_px = 0; // whole pixels per module
    int quiet_zone_modules = 0;
};

struct LayoutRecord {
    int width = 0, height = 0; // the output's size
    std::vector<LayoutText> texts;
    std::vector<LayoutTarget> targets;
    std::vector<LayoutQr> qrs;
};

// The record the frame being drawn appends to, or nullptr (the default).
LayoutRecord* activeLayoutRecord();

// Makes `record` the active record while it lives: wrap one frame's drawing in it (main thread).
class LayoutRecording {
public:
    explicit LayoutRecording(LayoutRecord& record);
    ~LayoutRecording();
    LayoutRecording(const LayoutRecording&) = delete;
    LayoutRecording& operator=(const LayoutRecording&) = delete;

private:
    LayoutRecord* m_previous;
};

// Called by the primitives at their draw calls; each does nothing without an active record.
void recordText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, std::string_view text, ImU32 color);
void recordTarget(ImVec2 min, ImVec2 max, std::string_view label = {}, bool enabled = true);
// A target inside a scrolled viewport: only its part within [clip_min, clip_max) can be tapped.
void recordTargetWithin(ImVec2 min, ImVec2 max, ImVec2 clip_min, ImVec2 clip_max);
void recordQr(ImVec2 top_left, float side, int module_px, int quiet_zone_modules, std::string_view url);

// Completes a record once the frame is rendered (after ImGui::Render, before the next NewFrame):
// each text's background is `clear` with every solid fill drawn before the text and covering a
// point blended over it in drawing order (so a translucent dimmer counts as drawn), taken where
// most of five points across the box's middle agree (a highlight under a word is not the
// line's background); each
// unnamed target is labelled with the texts whose centres lie inside it. Coordinates are scaled
// to framebuffer pixels.
void finishLayoutRecord(LayoutRecord& record, const ImDrawData& draw_data, ImU32 clear);

// {"size":[w,h], "texts":[…], "targets":[…], "qr":[…]}, keys in that order; colours as "#rrggbb",
// a translucent text colour blended over its background.
nlohmann::ordered_json layoutRecordJson(const LayoutRecord& record);

} // namespace gk
