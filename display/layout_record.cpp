// The layout record of a frame. See layout_record.h.
#include "display/layout_record.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace gk {
namespace {

constexpr ImWchar kIdeograph = 0x56FD; // 国: every CJK ideograph of the font has this advance

// Only the main thread draws; a thread of its own (a test's) would have its own record.
LayoutRecord*& activeSlot() {
    thread_local LayoutRecord* active = nullptr;
    return active;
}

LayoutBox boxOf(ImVec2 min, ImVec2 max) {
    return LayoutBox{min.x, min.y, max.x - min.x, max.y - min.y};
}

unsigned channel(ImU32 colour, int shift) {
    return (colour >> shift) & 0xFFu;
}

// `top` drawn over the opaque `under` with its alpha, as the GL backend blends.
ImU32 blendOver(ImU32 top, ImU32 under) {
    const unsigned alpha = channel(top, IM_COL32_A_SHIFT);
    const auto mix = [&](int shift) {
        return (channel(top, shift) * alpha + channel(under, shift) * (255u - alpha) + 127u) / 255u;
    };
    return IM_COL32(mix(IM_COL32_R_SHIFT), mix(IM_COL32_G_SHIFT), mix(IM_COL32_B_SHIFT), 255);
}

std::string hexColour(ImU32 colour) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", channel(colour, IM_COL32_R_SHIFT),
                  channel(colour, IM_COL32_G_SHIFT), channel(colour, IM_COL32_B_SHIFT));
    return text;
}

bool insideTriangle(ImVec2 p, ImVec2 a, ImVec2 b, ImVec2 c) {
    const auto side = [](ImVec2 p1, ImVec2 p2, ImVec2 p3) {
        return (p1.x - p3.x) * (p2.y - p3.y) - (p2.x - p3.x) * (p1.y - p3.y);
    };
    const float d1 = side(p, a, b), d2 = side(p, b, c), d3 = side(p, c, a);
    const bool negative = d1 < 0 || d2 < 0 || d3 < 0;
    const bool positive = d1 > 0 || d2 > 0 || d3 > 0;
    return !(negative && positive);
}

bool sameUv(ImVec2 a, ImVec2 b) {
    return std::fabs(a.x - b.x) < 1e-7f && std::fabs(a.y - b.y) < 1e-7f;
}

// Blends over `colour` every solid fill (a triangle of one colour textured with the atlas's white
// pixel: rectangles, rounded or not, and polygons, not glyphs or images) of `list` that covers
// `point`, up to index `end`. A shape's triangles share vertices, so a point on the seam between
// two of them is counted once.
ImU32 fillsUnder(const ImDrawList& list, ImVec2 point, int end, ImU32 colour) {
    int last_hit[3] = {-1, -1, -1};
    ImU32 last_hit_colour = 0;
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
        if (cmd.UserCallback != nullptr) continue;
        if (point.x < cmd.ClipRect.x || point.y < cmd.ClipRect.y || point.x >= cmd.ClipRect.z ||
            point.y >= cmd.ClipRect.w)
            continue;
        const int first = static_cast<int>(cmd.IdxOffset);
        const int stop = std::min(end, first + static_cast<int>(cmd.ElemCount));
        for (int i = first; i + 3 <= stop; i += 3) {
            int v[3];
            for (int k = 0; k < 3; ++k) v[k] = static_cast<int>(cmd.VtxOffset) + list.IdxBuffer[i + k];
            const ImDrawVert& a = list.VtxBuffer[v[0]];
            const ImDrawVert& b = list.VtxBuffer[v[1]];
            const ImDrawVert& c = list.VtxBuffer[v[2]];
            // Anti-aliased fringes fade to transparent: only a triangle of one colour is a fill.
            if (a.col != b.col || a.col != c.col || channel(a.col, IM_COL32_A_SHIFT) == 0) continue;
            // A solid fill samples one texel (the atlas's white pixel) at all three corners; a
            // glyph or an image spans texels. Compared among themselves, not with the white pixel's
            // UV now: the atlas may have grown (new glyph sizes) after the fill was drawn.
            if (!sameUv(a.uv, b.uv) || !sameUv(a.uv, c.uv)) continue;
            if (!insideTriangle(point, a.pos, b.pos, c.pos)) continue;
            const bool same_shape =
                a.col == last_hit_colour && std::any_of(std::begin(v), std::end(v), [&](int index) {
                    return std::find(std::begin(last_hit), std::end(last_hit), index) != std::end(last_hit);
                });
            std::copy(std::begin(v), std::end(v), std::begin(last_hit));
            last_hit_colour = a.col;
            if (!same_shape) colour = blendOver(a.col, colour);
        }
    }
    return colour;
}

bool inside(const LayoutBox& box, ImVec2 p) {
    return p.x >= box.x && p.y >= box.y && p.x < box.x + box.w && p.y < box.y + box.h;
}

ImVec2 centreOf(const LayoutBox& box) {
    return ImVec2(box.x + box.w * 0.5f, box.y + box.h * 0.5f);
}

void scale(LayoutBox& box, ImVec2 factor) {
    box = LayoutBox{box.x * factor.x, box.y * factor.y, box.w * factor.x, box.h * factor.y};
}

nlohmann::ordered_json boxJson(const LayoutBox& box) {
    // Tenths of a pixel: enough for tests, and stable across runs.
    const auto tenth = [](float v) { return std::round(v * 10.0f) / 10.0f; };
    return nlohmann::ordered_json::array({tenth(box.x), tenth(box.y), tenth(box.w), tenth(box.h)});
}

} // namespace

LayoutRecord* activeLayoutRecord() {
    return activeSlot();
}

LayoutRecording::LayoutRecording(LayoutRecord& record) : m_previous(activeSlot()) {
    activeSlot() = &record;
}

LayoutRecording::~LayoutRecording() {
    activeSlot() = m_previous;
}

void recordText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, std::string_view text, ImU32 color) {
    LayoutRecord* record = activeSlot();
    if (record == nullptr || text.empty() || font == nullptr) return;
    ImFontBaked* baked = font->GetFontBaked(size);
    const ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0.0f, text.data(), text.data() + text.size());
    LayoutText recorded;
    recorded.text = std::string(text);
    ImVec2 min = pos, max(pos.x + extent.x, pos.y + size);
    // What the clip rectangle cuts away is not drawn, so it is not in the record either.
    const ImVec2 clip_min = dl->GetClipRectMin(), clip_max = dl->GetClipRectMax();
    const ImVec2 cut_min(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y));
    const ImVec2 cut_max(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
    if (cut_min.x >= cut_max.x || cut_min.y >= cut_max.y) return;
    recorded.clipped = cut_min.x != min.x || cut_min.y != min.y || cut_max.x != max.x || cut_max.y != max.y;
    recorded.box = boxOf(cut_min, cut_max);
    recorded.em_px = baked->GetCharAdvance(kIdeograph);
    recorded.color = color;
    recorded.draw_list = dl;
    recorded.index_mark = dl->IdxBuffer.Size;
    record->texts.push_back(std::move(recorded));
}

void recordTarget(ImVec2 min, ImVec2 max, std::string_view label, bool enabled) {
    if (LayoutRecord* record = activeSlot())
        record->targets.push_back(LayoutTarget{std::string(label), boxOf(min, max), enabled});
}

void recordTargetWithin(ImVec2 min, ImVec2 max, ImVec2 clip_min, ImVec2 clip_max) {
    const ImVec2 cut_min(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y));
    const ImVec2 cut_max(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
    if (cut_min.x < cut_max.x && cut_min.y < cut_max.y) recordTarget(cut_min, cut_max);
}

void recordQr(ImVec2 top_left, float side, int module_px, int quiet_zone_modules, std::string_view url) {
    if (LayoutRecord* record = activeSlot())
        record->qrs.push_back(
            LayoutQr{std::string(url), LayoutBox{top_left.x, top_left.y, side, side}, module_px, quiet_zone_modules});
}

void finishLayoutRecord(LayoutRecord& record, const ImDrawData& draw_data, ImU32 clear) {
    // Draw lists in the order they were rendered: a text lies over every earlier list.
    std::map<const ImDrawList*, int> order;
    for (int i = 0; i < draw_data.CmdListsCount; ++i) order[draw_data.CmdLists[i]] = i;
    for (LayoutText& text : record.texts) {
        const auto own = order.find(text.draw_list);
        const int own_order = own == order.end() ? draw_data.CmdListsCount : own->second;
        auto ground_at = [&](ImVec2 point) {
            ImU32 under = blendOver(clear, clear);
            for (int i = 0; i < draw_data.CmdListsCount && i <= own_order; ++i) {
                const ImDrawList& list = *draw_data.CmdLists[i];
                const int end = i == own_order ? text.index_mark : list.IdxBuffer.Size;
                under = fillsUnder(list, point, end, under);
            }
            return under;
        };
        // The ground most of the line lies on: a search highlight under two of its characters is
        // not its background. Five points across the middle; a tie goes to the centre.
        const ImVec2 centre = centreOf(text.box);
        std::map<ImU32, int> votes;
        for (int k = 0; k < 5; ++k)
            ++votes[ground_at(ImVec2(text.box.x + text.box.w * (0.1f + 0.2f * static_cast<float>(k)), centre.y))];
        ImU32 ground = ground_at(centre);
        for (const auto& [colour, count] : votes)
            if (count > votes[ground]) ground = colour;
        text.background = ground;
        text.draw_list = nullptr; // the lists are reused by the next frame
    }
    for (LayoutTarget& target : record.targets) {
        if (!target.label.empty()) continue;
        for (const LayoutText& text : record.texts) {
            if (!inside(target.box, centreOf(text.box))) continue;
            if (!target.label.empty()) target.label += ' '; // a tile's title and its note
            target.label += text.text;
        }
    }
    const ImVec2 factor = draw_data.FramebufferScale;
    record.width = static_cast<int>(std::lround(draw_data.DisplaySize.x * factor.x));
    record.height = static_cast<int>(std::lround(draw_data.DisplaySize.y * factor.y));
    for (LayoutText& text : record.texts) {
        scale(text.box, factor);
        text.em_px *= factor.y;
    }
    for (LayoutTarget& target : record.targets) scale(target.box, factor);
    for (LayoutQr& qr : record.qrs) {
        scale(qr.box, factor);
        qr.module_px = static_cast<int>(std::lround(static_cast<float>(qr.module_px) * factor.x));
    }
}

nlohmann::ordered_json layoutRecordJson(const LayoutRecord& record) {
    nlohmann::ordered_json texts = nlohmann::ordered_json::array(), targets = nlohmann::ordered_json::array(),
                           qrs = nlohmann::ordered_json::array();
    for (const LayoutText& text : record.texts) {
        nlohmann::ordered_json entry = {{"text", text.text},
                                        {"box", boxJson(text.box)},
                                        {"em_px", std::round(text.em_px * 100.0f) / 100.0f},
                                        {"color", hexColour(blendOver(text.color, text.background))},
                                        {"background", hexColour(text.background)}};
        if (text.clipped) entry["clipped"] = true;
        texts.push_back(std::move(entry));
    }
    for (const LayoutTarget& target : record.targets) {
        nlohmann::ordered_json entry = {{"label", target.label}, {"box", boxJson(target.box)}};
        if (!target.enabled) entry["enabled"] = false;
        targets.push_back(std::move(entry));
    }
    for (const LayoutQr& qr : record.qrs)
        qrs.push_back({{"url", qr.url},
                       {"box", boxJson(qr.box)},
                       {"module_px", qr.module_px},
                       {"quiet_zone_modules", qr.quiet_zone_modules}});
    return {{"size", {record.width, record.height}}, {"texts", texts}, {"targets", targets}, {"qr", qrs}};
}

} // namespace gk
