// Taking the heartbeat's small picture of the screen (kiosk/services/screenshot_slot.h) from the
// window's framebuffer, and writing the layout record of a frame (display/layout_record.h) beside
// a `screenshot` PNG.
#pragma once

#include "display/layout_record.h"
#include "kiosk/services/screenshot_slot.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gk {

class ScreenWindow;

// Each factor×factor block of an RGBA image (row 0 at the top) averaged into one pixel; a partial
// block at the right or bottom edge is dropped. out_width/out_height are the result's size.
std::vector<std::uint8_t> boxDownscale(const std::vector<std::uint8_t>& rgba, int width, int height, int factor,
                                       int& out_width, int& out_height);

// The picture in the window's framebuffer (the frame just drawn, before it is presented), scaled
// down by a whole factor to at most kScreenshotLongSide on its long side, as PNG. An empty png
// when encoding failed.
Screenshot takeScreenshot(const ScreenWindow& window, std::int64_t now_s);

// Completes `record`, filled while the frame just rendered was drawn (display/layout_record.h),
// with that frame's draw lists and the colour the framebuffer was cleared to, and writes it to
// `path` as JSON. Call after ScreenWindow::endFrame and before the next frame begins.
bool writeLayoutRecord(const ScreenWindow& window, LayoutRecord& record, const std::string& path, std::string& error);

} // namespace gk
