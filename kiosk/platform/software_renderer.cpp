// The CPU renderer of ImGui's draw data. See software_renderer.h.
#include "kiosk/platform/software_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace gk {

struct SoftwareRenderer::Sampler {
    enum class Format {
        Coverage, // one byte per texel: coverage of white (the font atlas)
        Rgba,     // straight alpha
        Opaque,   // 0x00RRGGBB words, the target's own format
    };
    const std::uint8_t* pixels = nullptr;
    int width = 0, height = 0;
    Format format = Format::Rgba;
    bool valid() const { return pixels != nullptr && width > 0 && height > 0; }
};

namespace {

using Sampler = SoftwareRenderer::Sampler;

struct Rgba {
    int r = 0, g = 0, b = 0, a = 0;
};

// x / 255, rounded, for 0 <= x <= 255 * 255.
inline int div255(int x) {
    x += 128;
    return (x + (x >> 8)) >> 8;
}

inline Rgba unpack(ImU32 c) {
    return {static_cast<int>(c & 0xFF), static_cast<int>((c >> 8) & 0xFF), static_cast<int>((c >> 16) & 0xFF),
            static_cast<int>(c >> 24)};
}

inline Rgba modulate(const Rgba& c, const Rgba& t) {
    return {div255(c.r * t.r), div255(c.g * t.g), div255(c.b * t.b), div255(c.a * t.a)};
}

inline std::uint32_t packRgb(int r, int g, int b) {
    return (static_cast<std::uint32_t>(r) << 16) | (static_cast<std::uint32_t>(g) << 8) | static_cast<std::uint32_t>(b);
}

// Source alpha, one minus source alpha: what the OpenGL backend sets.
inline void blend(std::uint32_t& dst, const Rgba& s) {
    if (s.a <= 0) return;
    if (s.a >= 255) {
        dst = packRgb(s.r, s.g, s.b);
        return;
    }
    const int ia = 255 - s.a;
    const int dr = static_cast<int>((dst >> 16) & 0xFF), dg = static_cast<int>((dst >> 8) & 0xFF),
              db = static_cast<int>(dst & 0xFF);
    dst = packRgb(div255(s.r * s.a + dr * ia), div255(s.g * s.a + dg * ia), div255(s.b * s.a + db * ia));
}

inline Rgba texel(const Sampler& s, int x, int y) {
    const std::size_t at =
        static_cast<std::size_t>(y) * static_cast<std::size_t>(s.width) + static_cast<std::size_t>(x);
    switch (s.format) {
    case Sampler::Format::Coverage: return {255, 255, 255, s.pixels[at]};
    case Sampler::Format::Rgba: break;
    case Sampler::Format::Opaque: {
        std::uint32_t word = 0;
        std::memcpy(&word, s.pixels + at * 4, sizeof word);
        return {static_cast<int>((word >> 16) & 0xFF), static_cast<int>((word >> 8) & 0xFF),
                static_cast<int>(word & 0xFF), 255};
    }
    }
    const std::uint8_t* p = s.pixels + at * 4;
    return {p[0], p[1], p[2], p[3]};
}

// A texel coordinate within [-1, size] (not a number: 0), so that converting it is defined.
float clampedTexelCoordinate(float t, int size) {
    return std::isfinite(t) ? std::clamp(t, -1.0f, static_cast<float>(size)) : 0.0f;
}

// GL_LINEAR with GL_CLAMP_TO_EDGE at texture coordinates (u, v).
Rgba sampleBilinear(const Sampler& s, float u, float v) {
    const float fx = clampedTexelCoordinate(u * static_cast<float>(s.width) - 0.5f, s.width);
    const float fy = clampedTexelCoordinate(v * static_cast<float>(s.height) - 0.5f, s.height);
    const float floor_x = std::floor(fx), floor_y = std::floor(fy);
    const int wx = static_cast<int>((fx - floor_x) * 256.0f + 0.5f),
              wy = static_cast<int>((fy - floor_y) * 256.0f + 0.5f);
    const int x0 = std::clamp(static_cast<int>(floor_x), 0, s.width - 1);
    const int x1 = std::clamp(static_cast<int>(floor_x) + 1, 0, s.width - 1);
    const int y0 = std::clamp(static_cast<int>(floor_y), 0, s.height - 1);
    const int y1 = std::clamp(static_cast<int>(floor_y) + 1, 0, s.height - 1);
    const Rgba t00 = texel(s, x0, y0), t10 = texel(s, x1, y0), t01 = texel(s, x0, y1), t11 = texel(s, x1, y1);
    auto mix = [wx, wy](int c00, int c10, int c01, int c11) {
        const int top = c00 * (256 - wx) + c10 * wx, bottom = c01 * (256 - wx) + c11 * wx;
        return (top * (256 - wy) + bottom * wy + 32768) >> 16;
    };
    return {mix(t00.r, t10.r, t01.r, t11.r), mix(t00.g, t10.g, t01.g, t11.g), mix(t00.b, t10.b, t01.b, t11.b),
            mix(t00.a, t10.a, t01.a, t11.a)};
}

// The first pixel whose centre is at or right of `edge`: pixels [firstCovered(a), firstCovered(b))
// have their centres in [a, b).
inline int firstCovered(float edge) {
    // Far beyond any screen, or not a number (a position from a runaway layout): clamped, so that
    // the conversion is defined; the clip box then keeps it off the screen.
    constexpr float kFar = 1e8f;
    if (!(edge > -kFar)) return -static_cast<int>(kFar);
    if (edge > kFar) return static_cast<int>(kFar);
    return static_cast<int>(std::ceil(edge - 0.5f));
}

PixelBox intersect(const PixelBox& a, const PixelBox& b) {
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

inline std::uint32_t* rowAt(PixelTarget& target, int y) {
    return target.pixels + static_cast<std::ptrdiff_t>(y) * target.stride;
}

void fillSpan(std::uint32_t* row, int x0, int x1, const Rgba& c) {
    if (c.a >= 255) {
        std::fill(row + x0, row + x1, packRgb(c.r, c.g, c.b));
        return;
    }
    for (int x = x0; x < x1; ++x) blend(row[x], c);
}

// An axis-aligned quad as ImGui's PrimRect/PrimRectUV emit it: corners a (x0, y0) .. c (x1, y1),
// texture coordinates mapped linearly, one colour.
struct Quad {
    float x0, y0, x1, y1;
    float u0, v0, u1, v1;
    Rgba color;
};

// Indices (a, b, c, a, c, d) over a = top-left, b = top-right, c = bottom-right, d = bottom-left.
bool asQuad(const ImDrawVert* vtx, const ImDrawIdx* idx, Quad& quad) {
    if (idx[3] != idx[0] || idx[4] != idx[2]) return false;
    const ImDrawVert &a = vtx[idx[0]], &b = vtx[idx[1]], &c = vtx[idx[2]], &d = vtx[idx[5]];
    if (a.pos.y != b.pos.y || b.pos.x != c.pos.x || c.pos.y != d.pos.y || d.pos.x != a.pos.x) return false;
    if (a.uv.y != b.uv.y || b.uv.x != c.uv.x || c.uv.y != d.uv.y || d.uv.x != a.uv.x) return false;
    if (a.col != b.col || a.col != c.col || a.col != d.col) return false;
    quad = {a.pos.x, a.pos.y, c.pos.x, c.pos.y, a.uv.x, a.uv.y, c.uv.x, c.uv.y, unpack(a.col)};
    if (quad.x1 < quad.x0) std::swap(quad.x0, quad.x1), std::swap(quad.u0, quad.u1);
    if (quad.y1 < quad.y0) std::swap(quad.y0, quad.y1), std::swap(quad.v0, quad.v1);
    return true;
}

// True when `value` is within a thousandth of a whole number (and a texel index could hold it).
bool nearWhole(float value) {
    return std::fabs(value) < 1e6f && std::fabs(value - std::round(value)) < 1e-3f;
}

void drawQuad(const Quad& q, const Sampler& s, const PixelBox& clip, PixelTarget& target) {
    const PixelBox box =
        intersect(clip, {firstCovered(q.x0), firstCovered(q.y0), firstCovered(q.x1), firstCovered(q.y1)});
    if (box.empty()) return;
    if (q.u0 == q.u1 && q.v0 == q.v1) { // a solid rectangle (ImGui's white pixel) or one texel stretched
        const Rgba c = modulate(q.color, sampleBilinear(s, q.u0, q.v0));
        for (int y = box.y0; y < box.y1; ++y) fillSpan(rowAt(target, y), box.x0, box.x1, c);
        return;
    }
    const float du = (q.u1 - q.u0) / (q.x1 - q.x0), dv = (q.v1 - q.v0) / (q.y1 - q.y0);
    const float step_x = du * static_cast<float>(s.width), step_y = dv * static_cast<float>(s.height);
    const float first_u = q.u0 + (static_cast<float>(box.x0) + 0.5f - q.x0) * du;
    const float first_v = q.v0 + (static_cast<float>(box.y0) + 0.5f - q.y0) * dv;
    const float first_tx = first_u * static_cast<float>(s.width) - 0.5f;
    const float first_ty = first_v * static_cast<float>(s.height) - 0.5f;
    if (std::fabs(step_x - 1.0f) < 1e-4f && std::fabs(step_y - 1.0f) < 1e-4f && nearWhole(first_tx) &&
        nearWhole(first_ty)) {
        // One texel per pixel, centres on centres (a glyph drawn at the size it was rasterized at):
        // bilinear sampling would return each texel as it is.
        const int tx0 = static_cast<int>(std::lround(first_tx)), ty0 = static_cast<int>(std::lround(first_ty));
        const bool untinted = q.color.r == 255 && q.color.g == 255 && q.color.b == 255 && q.color.a == 255;
        if (s.format == Sampler::Format::Opaque && untinted && tx0 >= 0 && tx0 + (box.x1 - box.x0) <= s.width &&
            ty0 >= 0 && ty0 + (box.y1 - box.y0) <= s.height) {
            // An opaque picture in the target's own format at its size (a video frame): its rows as
            // they are, which costs a video box a copy rather than a blend per pixel.
            for (int y = box.y0; y < box.y1; ++y)
                std::memcpy(rowAt(target, y) + box.x0,
                            s.pixels +
                                (static_cast<std::size_t>(ty0 + (y - box.y0)) * static_cast<std::size_t>(s.width) +
                                 static_cast<std::size_t>(tx0)) *
                                    4,
                            static_cast<std::size_t>(box.x1 - box.x0) * 4);
            return;
        }
        for (int y = box.y0; y < box.y1; ++y) {
            std::uint32_t* row = rowAt(target, y);
            const int ty = std::clamp(ty0 + (y - box.y0), 0, s.height - 1);
            for (int x = box.x0; x < box.x1; ++x)
                blend(row[x], modulate(q.color, texel(s, std::clamp(tx0 + (x - box.x0), 0, s.width - 1), ty)));
        }
        return;
    }
    for (int y = box.y0; y < box.y1; ++y) {
        std::uint32_t* row = rowAt(target, y);
        const float v = first_v + static_cast<float>(y - box.y0) * dv;
        for (int x = box.x0; x < box.x1; ++x)
            blend(row[x], modulate(q.color, sampleBilinear(s, first_u + static_cast<float>(x - box.x0) * du, v)));
    }
}

// An attribute's plane over the triangle: value(x, y) = at0 + dx * (x - x0) + dy * (y - y0).
struct Plane {
    float at0 = 0, dx = 0, dy = 0;
};

Plane planeOf(const ImVec2 p[3], float f0, float f1, float f2, float area) {
    const float e1x = p[1].x - p[0].x, e1y = p[1].y - p[0].y, e2x = p[2].x - p[0].x, e2y = p[2].y - p[0].y;
    return {f0, ((f1 - f0) * e2y - (f2 - f0) * e1y) / area, ((f2 - f0) * e1x - (f1 - f0) * e2x) / area};
}

// Where the edge from `upper` to `lower` (upper.y < lower.y) crosses the line y = `y`. Computed
// from the edge's two ends in the same order in every triangle that shares it, so both get the
// same x and each pixel on the edge is drawn by exactly one of them.
inline float edgeX(const ImVec2& upper, const ImVec2& lower, float y) {
    return upper.x + (y - upper.y) * (lower.x - upper.x) / (lower.y - upper.y);
}

void drawTriangle(const ImDrawVert& v0, const ImDrawVert& v1, const ImDrawVert& v2, const Sampler& s,
                  const PixelBox& clip, PixelTarget& target) {
    const ImVec2 p[3] = {v0.pos, v1.pos, v2.pos};
    const float area = (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y);
    if (!(std::fabs(area) > 1e-6f)) return; // degenerate (or not a number): covers no pixel centre
    const bool one_colour = v0.col == v1.col && v0.col == v2.col;
    const bool one_texel = v0.uv.x == v1.uv.x && v0.uv.x == v2.uv.x && v0.uv.y == v1.uv.y && v0.uv.y == v2.uv.y;
    const Rgba c0 = unpack(v0.col), c1 = unpack(v1.col), c2 = unpack(v2.col);
    const Rgba fixed_texel = one_texel ? sampleBilinear(s, v0.uv.x, v0.uv.y) : Rgba{};
    const Rgba fixed = modulate(c0, fixed_texel);
    Plane planes[6]; // r, g, b, a, u, v
    if (!one_colour) {
        planes[0] = planeOf(p, static_cast<float>(c0.r), static_cast<float>(c1.r), static_cast<float>(c2.r), area);
        planes[1] = planeOf(p, static_cast<float>(c0.g), static_cast<float>(c1.g), static_cast<float>(c2.g), area);
        planes[2] = planeOf(p, static_cast<float>(c0.b), static_cast<float>(c1.b), static_cast<float>(c2.b), area);
        planes[3] = planeOf(p, static_cast<float>(c0.a), static_cast<float>(c1.a), static_cast<float>(c2.a), area);
    }
    if (!one_texel) {
        planes[4] = planeOf(p, v0.uv.x, v1.uv.x, v2.uv.x, area);
        planes[5] = planeOf(p, v0.uv.y, v1.uv.y, v2.uv.y, area);
    }
    ImVec2 by_y[3] = {p[0], p[1], p[2]};
    std::sort(by_y, by_y + 3, [](const ImVec2& a, const ImVec2& b) { return a.y < b.y || (a.y == b.y && a.x < b.x); });
    const ImVec2 &top = by_y[0], &middle = by_y[1], &bottom = by_y[2];
    const int y_begin = std::max(clip.y0, firstCovered(top.y)), y_end = std::min(clip.y1, firstCovered(bottom.y));
    for (int y = y_begin; y < y_end; ++y) {
        const float yc = static_cast<float>(y) + 0.5f;
        const float long_x = edgeX(top, bottom, yc);
        const float short_x = yc < middle.y ? edgeX(top, middle, yc) : edgeX(middle, bottom, yc);
        const int x_begin = std::max(clip.x0, firstCovered(std::min(long_x, short_x)));
        const int x_end = std::min(clip.x1, firstCovered(std::max(long_x, short_x)));
        if (x_begin >= x_end) continue;
        std::uint32_t* row = rowAt(target, y);
        if (one_colour && one_texel) {
            fillSpan(row, x_begin, x_end, fixed);
            continue;
        }
        const float rel_x = static_cast<float>(x_begin) + 0.5f - p[0].x, rel_y = yc - p[0].y;
        float at[6];
        for (int k = 0; k < 6; ++k) at[k] = planes[k].at0 + planes[k].dx * rel_x + planes[k].dy * rel_y;
        for (int x = x_begin; x < x_end; ++x) {
            const Rgba colour = one_colour ? c0
                                           : Rgba{std::clamp(static_cast<int>(at[0] + 0.5f), 0, 255),
                                                  std::clamp(static_cast<int>(at[1] + 0.5f), 0, 255),
                                                  std::clamp(static_cast<int>(at[2] + 0.5f), 0, 255),
                                                  std::clamp(static_cast<int>(at[3] + 0.5f), 0, 255)};
            blend(row[x], modulate(colour, one_texel ? fixed_texel : sampleBilinear(s, at[4], at[5])));
            for (int k = 0; k < 6; ++k) at[k] += planes[k].dx;
        }
    }
}

} // namespace

SoftwareRenderer::~SoftwareRenderer() = default;

void SoftwareRenderer::attach() {
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "gongkai_software";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures | ImGuiBackendFlags_RendererHasVtxOffset;
    io.Fonts->TexDesiredFormat = ImTextureFormat_Alpha8; // a quarter of RGBA's memory, for every glyph
    m_attached = true;
}

void SoftwareRenderer::detach() {
    if (!m_attached) return;
    for (ImTextureData* tex : ImGui::GetPlatformIO().Textures)
        if (tex->RefCount == 1) { // this context's own, as the stock backends do at shutdown
            tex->SetTexID(ImTextureID_Invalid);
            tex->SetStatus(ImTextureStatus_Destroyed);
        }
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = nullptr;
    io.BackendFlags &= ~(ImGuiBackendFlags_RendererHasTextures | ImGuiBackendFlags_RendererHasVtxOffset);
    m_textures.clear();
    m_attached = false;
}

void SoftwareRenderer::updateTextures(ImDrawData& draw_data) {
    if (draw_data.Textures == nullptr) return;
    for (ImTextureData* tex : *draw_data.Textures) {
        switch (tex->Status) {
        case ImTextureStatus_WantCreate: {
            const std::uint64_t id = m_next_id++;
            m_textures[id] = Texture{tex, {}, 0, 0, false};
            tex->SetTexID(static_cast<ImTextureID>(id));
            tex->SetStatus(ImTextureStatus_OK);
            break;
        }
        case ImTextureStatus_WantUpdates: tex->SetStatus(ImTextureStatus_OK); break; // read in place
        case ImTextureStatus_WantDestroy:
            m_textures.erase(static_cast<std::uint64_t>(tex->TexID));
            tex->SetTexID(ImTextureID_Invalid);
            tex->SetStatus(ImTextureStatus_Destroyed);
            break;
        default: break;
        }
    }
}

std::uint64_t SoftwareRenderer::addImage(const std::uint8_t* rgba, int width, int height) {
    if (rgba == nullptr || width <= 0 || height <= 0) return 0;
    const std::size_t bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
    return addImage(std::vector<std::uint8_t>(rgba, rgba + bytes), width, height);
}

std::uint64_t SoftwareRenderer::addImage(std::vector<std::uint8_t> rgba, int width, int height) {
    if (width <= 0 || height <= 0 ||
        rgba.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
        return 0;
    const std::uint64_t id = m_next_id++;
    m_textures[id] = Texture{nullptr, std::move(rgba), width, height, false};
    return id;
}

std::uint64_t SoftwareRenderer::addOpaqueImage(int width, int height) {
    if (width <= 0 || height <= 0) return 0;
    const std::uint64_t id = m_next_id++;
    m_textures[id] = Texture{
        nullptr, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4),
        width, height, true};
    return id;
}

void SoftwareRenderer::removeImage(std::uint64_t texture) {
    m_textures.erase(texture);
}

std::uint8_t* SoftwareRenderer::imagePixels(std::uint64_t texture) {
    const auto it = m_textures.find(texture);
    return it == m_textures.end() || it->second.imgui != nullptr ? nullptr : it->second.pixels.data();
}

SoftwareRenderer::Sampler SoftwareRenderer::samplerFor(ImTextureID id) const {
    const auto it = m_textures.find(static_cast<std::uint64_t>(id));
    if (it == m_textures.end()) return {};
    const Texture& t = it->second;
    if (t.imgui != nullptr)
        return {t.imgui->Pixels, t.imgui->Width, t.imgui->Height,
                t.imgui->Format == ImTextureFormat_Alpha8 ? Sampler::Format::Coverage : Sampler::Format::Rgba};
    return {t.pixels.data(), t.width, t.height, t.opaque ? Sampler::Format::Opaque : Sampler::Format::Rgba};
}

void SoftwareRenderer::render(const ImDrawData& draw_data, PixelTarget& target, PixelBox limit,
                              std::uint32_t clear_rgb) const {
    limit = intersect(limit, {0, 0, target.width, target.height});
    if (limit.empty()) return;
    const ImVec2 offset = draw_data.DisplayPos, scale = draw_data.FramebufferScale;
    // The OpenGL backend's scissor: the clip rectangle's corners truncated to whole pixels.
    auto scissor = [&](const ImDrawCmd& cmd) {
        const float min_x = (cmd.ClipRect.x - offset.x) * scale.x, min_y = (cmd.ClipRect.y - offset.y) * scale.y;
        const float max_x = (cmd.ClipRect.z - offset.x) * scale.x, max_y = (cmd.ClipRect.w - offset.y) * scale.y;
        if (!(max_x > min_x && max_y > min_y)) return PixelBox{};
        const int x0 = static_cast<int>(min_x), y0 = static_cast<int>(min_y);
        return intersect(limit, {x0, y0, x0 + static_cast<int>(max_x - min_x), y0 + static_cast<int>(max_y - min_y)});
    };
    // An opaque picture that covers the whole box (a video frame every frame) hides the clear and
    // everything drawn before it: drawing starts at the last such picture. A video box's pixels
    // are then written once, not three times (the clear, the card, the picture): on these machines
    // writing the framebuffer is most of what drawing a video box costs.
    int first_list = 0, first_cmd = 0;
    bool covered = false;
    for (int l = 0; l < draw_data.CmdLists.Size; ++l) {
        const ImDrawList* list = draw_data.CmdLists[l];
        for (int c = 0; c < list->CmdBuffer.Size; ++c) {
            const ImDrawCmd& cmd = list->CmdBuffer[c];
            Quad quad{};
            if (cmd.UserCallback != nullptr || cmd.ElemCount != 6 ||
                samplerFor(cmd.GetTexID()).format != Sampler::Format::Opaque ||
                !asQuad(list->VtxBuffer.Data + cmd.VtxOffset, list->IdxBuffer.Data + cmd.IdxOffset, quad) ||
                quad.color.a != 255)
                continue;
            const PixelBox clip = scissor(cmd);
            const PixelBox drawn = intersect(
                clip, {firstCovered(quad.x0), firstCovered(quad.y0), firstCovered(quad.x1), firstCovered(quad.y1)});
            if (drawn.x0 == limit.x0 && drawn.y0 == limit.y0 && drawn.x1 == limit.x1 && drawn.y1 == limit.y1) {
                first_list = l;
                first_cmd = c;
                covered = true;
            }
        }
    }
    if (!covered)
        for (int y = limit.y0; y < limit.y1; ++y)
            std::fill(rowAt(target, y) + limit.x0, rowAt(target, y) + limit.x1, clear_rgb);
    for (int l = first_list; l < draw_data.CmdLists.Size; ++l) {
        const ImDrawList* list = draw_data.CmdLists[l];
        const ImDrawVert* vertices = list->VtxBuffer.Data;
        const ImDrawIdx* indices = list->IdxBuffer.Data;
        for (int c = l == first_list ? first_cmd : 0; c < list->CmdBuffer.Size; ++c) {
            const ImDrawCmd& cmd = list->CmdBuffer[c];
            if (cmd.UserCallback != nullptr) continue; // none of ours; ResetRenderState has nothing to reset
            const PixelBox clip = scissor(cmd);
            if (clip.empty()) continue;
            const Sampler sampler = samplerFor(cmd.GetTexID());
            if (!sampler.valid()) continue;
            const ImDrawVert* vtx = vertices + cmd.VtxOffset;
            const ImDrawIdx* idx = indices + cmd.IdxOffset;
            for (unsigned i = 0; i + 3 <= cmd.ElemCount;) {
                Quad quad{};
                if (i + 6 <= cmd.ElemCount && asQuad(vtx, idx + i, quad)) {
                    drawQuad(quad, sampler, clip, target);
                    i += 6;
                    continue;
                }
                drawTriangle(vtx[idx[i]], vtx[idx[i + 1]], vtx[idx[i + 2]], sampler, clip, target);
                i += 3;
            }
        }
    }
}

} // namespace gk
