// A kiosk page laid out once and drawn many times: positioned text lines, rectangles, QR codes,
// images and tap targets in page coordinates (y grows down from the top of the page). The frame
// loop scrolls it by an offset; only what intersects the viewport is drawn, so a list of 10,000
// items costs what its visible rows cost. Built by page_builder. Must not include SDL, GL or curl.
#pragma once

#include "display/kiosk/screen_ref.h"
#include "display/qr.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace gk {

struct PageText {
    std::string text; // one line, already broken
    ImVec2 pos;       // top-left of the line box
    ImFont* font = nullptr;
    float size = 0;
    ImU32 color = 0;
};

struct PageRect {
    ImVec2 min, max;
    ImU32 fill = 0;   // 0 = none
    ImU32 border = 0; // 0 = none
    float rounding = 0;
    float thickness = 1;
};

struct PageQr {
    QrMatrix matrix;
    ImVec2 pos;
    int module_px = 0;
    std::string url; // what it encodes: tests decode and compare
};

// Images with a side larger than this are never decoded (a PNG bomb declares 20000 × 20000).
inline constexpr int kMaxImageSidePx = 8192;

struct PageImage {
    std::string attachment_key; // sha256 of the verified attachment
    std::string path;           // file in the store
    ImVec2 pos, size;
};

struct PageButton {
    ImVec2 min, max;
    KioskAction action;
};

// Where a table lies on the page, so that a card cut into pages can repeat its header row.
struct PageTable {
    float top = 0;
    float header_bottom = 0;     // the bottom of its leading rows of header cells (<th>); top when none
    float bottom = 0;            // the bottom of its last row
    std::vector<float> row_tops; // each row's top, in order
};

struct Page {
    std::vector<PageRect> rects; // drawn first
    std::vector<PageText> texts;
    std::vector<PageQr> qrs;
    std::vector<PageImage> images;
    std::vector<PageButton> buttons;
    std::vector<PageTable> tables;
    float width = 0;
    float height = 0;
};

// Resolves an image of the page to a texture (the kiosk layer owns textures): ImTextureID, or 0.
struct ImageLookup {
    virtual ~ImageLookup() = default;
    virtual ImTextureID texture(const PageImage& image) = 0;
};

// Draws `page` into `viewport` (screen pixels) scrolled by `offset`, clipped to the viewport. The
// press is a tap position in screen pixels (or nullptr): returns the action of the button under
// it, if any. `last_drawn_text` (optional) receives the index of the last text line visible.
// Images wider than the page (a zoomed PDF page) are moved left by `pan` (up to maxPan); the
// text and buttons around them stay.
KioskAction drawPage(ImDrawList* dl, const Page& page, ImVec2 viewport_min, ImVec2 viewport_max, float offset,
                     const ImVec2* tap, ImageLookup* images, int* last_drawn_text = nullptr, float pan = 0);

// How far the page's widest image reaches past its right edge: the largest useful pan (0: none).
float maxPan(const Page& page);

// The largest useful scroll offset for a page in a viewport of that height.
inline float maxScroll(const Page& page, float viewport_height) {
    return page.height > viewport_height ? page.height - viewport_height : 0.0f;
}

} // namespace gk
