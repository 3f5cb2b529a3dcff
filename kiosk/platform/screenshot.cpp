// Heartbeat screenshots. See screenshot.h.
#include "kiosk/platform/screenshot.h"

#include "kiosk/platform/screen_window.h"

#include <imgui.h>
#include <nlohmann/json.hpp>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace gk {

std::vector<std::uint8_t> boxDownscale(const std::vector<std::uint8_t>& rgba, int width, int height, int factor,
                                       int& out_width, int& out_height) {
    factor = std::max(factor, 1);
    out_width = width / factor;
    out_height = height / factor;
    std::vector<std::uint8_t> out(static_cast<std::size_t>(out_width) * static_cast<std::size_t>(out_height) * 4);
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    const unsigned area = static_cast<unsigned>(factor * factor);
    for (int y = 0; y < out_height; ++y) {
        for (int x = 0; x < out_width; ++x) {
            unsigned sum[4] = {0, 0, 0, 0};
            for (int dy = 0; dy < factor; ++dy) {
                const std::uint8_t* row = rgba.data() + static_cast<std::size_t>(y * factor + dy) * stride +
                                          static_cast<std::size_t>(x * factor) * 4;
                for (int dx = 0; dx < factor * 4; ++dx) sum[dx % 4] += row[dx];
            }
            std::uint8_t* px =
                out.data() +
                (static_cast<std::size_t>(y) * static_cast<std::size_t>(out_width) + static_cast<std::size_t>(x)) * 4;
            for (int c = 0; c < 4; ++c) px[c] = static_cast<std::uint8_t>((sum[c] + area / 2) / area);
        }
    }
    return out;
}

Screenshot takeScreenshot(const ScreenWindow& window, std::int64_t now_s) {
    const int long_side = std::max(window.width(), window.height());
    const int factor = (long_side + kScreenshotLongSide - 1) / kScreenshotLongSide;
    Screenshot shot;
    shot.taken_at_s = now_s;
    const std::vector<std::uint8_t> small =
        boxDownscale(window.readPixels(), window.width(), window.height(), factor, shot.width, shot.height);
    std::vector<std::uint8_t> rgb; // the screen is opaque: no alpha channel in the PNG
    rgb.reserve(small.size() / 4 * 3);
    for (std::size_t i = 0; i < small.size(); i += 4)
        rgb.insert(rgb.end(), small.begin() + static_cast<std::ptrdiff_t>(i),
                   small.begin() + static_cast<std::ptrdiff_t>(i + 3));
    const int ok = stbi_write_png_to_func(
        [](void* context, void* data, int size) {
            static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
        },
        &shot.png, shot.width, shot.height, 3, rgb.data(), shot.width * 3);
    if (ok == 0) shot.png.clear();
    return shot;
}

bool writeLayoutRecord(const ScreenWindow& window, LayoutRecord& record, const std::string& path, std::string& error) {
    const ImDrawData* draw_data = ImGui::GetDrawData();
    if (draw_data == nullptr || !draw_data->Valid) {
        error = "no frame was drawn for the layout record";
        return false;
    }
    // The colour the frame was cleared to: what lies under every fill.
    const std::uint32_t clear = window.clearRgb();
    finishLayoutRecord(record, *draw_data, IM_COL32((clear >> 16) & 0xFF, (clear >> 8) & 0xFF, clear & 0xFF, 255));
    // One line per text, target and code: readable, and a diff of two records shows what moved.
    const auto line = [](const nlohmann::ordered_json& value) {
        return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    const nlohmann::ordered_json json = layoutRecordJson(record);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "{\"size\": " << line(json["size"]);
    for (const char* key : {"texts", "targets", "qr"}) {
        out << ",\n \"" << key << "\": [";
        const nlohmann::ordered_json& entries = json[key];
        for (std::size_t i = 0; i < entries.size(); ++i) out << (i == 0 ? "\n  " : ",\n  ") << line(entries[i]);
        out << (entries.empty() ? "]" : "\n ]");
    }
    out << "\n}\n";
    out.close();
    if (!out) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

} // namespace gk
