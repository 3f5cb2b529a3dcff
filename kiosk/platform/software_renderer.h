// Draws Dear ImGui's draw data into 32-bit pixels (0x00RRGGBB) with the CPU: the screen's only
// renderer. A hall screen has no GPU, and software OpenGL (Mesa's llvmpipe) cost every process
// that drew with it, and the Xwayland it ran through, about 40 MiB of libLLVM for nothing a CPU
// loop cannot do at these sizes (docs/benchmarks.md, "As installed").
//
// It draws what the OpenGL backend drew: triangles with their pixel centres inside (half-open
// edges, so two triangles sharing an edge never both draw a pixel), vertex colours interpolated,
// textures sampled bilinearly with clamped edges, alpha blending (source alpha, one minus source
// alpha) and each command's clip rectangle as a scissor. ImGui's quads (glyphs, solid rectangles,
// images) are recognised and filled row by row without the triangle setup. Textures: the ones
// ImGui manages (the font atlas, read in place from ImGui's own pixels) and images of ours (RGBA,
// straight alpha, or opaque in the target's own format). Main thread only; nothing here knows SDL.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace gk {

// Where to draw: rows of 0x00RRGGBB pixels, top row first.
struct PixelTarget {
    std::uint32_t* pixels = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0; // pixels from one row to the next
};

// A box of pixels, half-open: x0 <= x < x1, y0 <= y < y1.
struct PixelBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return x1 <= x0 || y1 <= y0; }
};

class SoftwareRenderer {
public:
    SoftwareRenderer() = default;
    ~SoftwareRenderer();
    SoftwareRenderer(const SoftwareRenderer&) = delete;
    SoftwareRenderer& operator=(const SoftwareRenderer&) = delete;

    // Marks the current ImGui context as drawn by this renderer (textures created on request);
    // detach() gives its textures back before the context is destroyed.
    void attach();
    void detach();
    // Honours ImGui's texture requests (create, update, destroy) before a frame is drawn.
    void updateTextures(ImDrawData& draw_data);
    // An image of our own as a texture: RGBA with straight alpha, copied. 0 when it is empty.
    std::uint64_t addImage(const std::uint8_t* rgba, int width, int height);
    // The same, taking the pixels over (width × height × 4 bytes; none copied).
    std::uint64_t addImage(std::vector<std::uint8_t> rgba, int width, int height);
    // An opaque image in the target's own format (0x00RRGGBB words), black, to be written in place:
    // drawn at its size, its rows are copied as they are (a video frame, every frame).
    std::uint64_t addOpaqueImage(int width, int height);
    void removeImage(std::uint64_t texture);
    // The pixels of an image of our own, writable in place (nullptr for an unknown one).
    std::uint8_t* imagePixels(std::uint64_t texture);

    // Clears `limit` (clipped to the target) to `clear_rgb` and draws every command list in it,
    // nothing outside it.
    void render(const ImDrawData& draw_data, PixelTarget& target, PixelBox limit, std::uint32_t clear_rgb) const;

    struct Sampler; // a texture's pixels as a draw command reads them

private:
    struct Texture {
        const ImTextureData* imgui = nullptr; // ImGui's own (pixels read in place), or
        std::vector<std::uint8_t> pixels;     // ours: RGBA, or 0x00RRGGBB words when opaque
        int width = 0, height = 0;
        bool opaque = false;
    };
    Sampler samplerFor(ImTextureID id) const;

    std::unordered_map<std::uint64_t, Texture> m_textures;
    std::uint64_t m_next_id = 1;
    bool m_attached = false;
};

} // namespace gk
