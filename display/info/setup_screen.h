// The screen of a device that has no portal to show content from (no `portal` in its config and
// no store it synced before): it says so plainly and tells the county IT person what to write
// where, with the device's id for their inventory. Never demo content: a hall screen must not show
// a fictional government. A pure view; must not include SDL, GL or curl.
#pragma once

#include "display/text/fonts.h"
#include "display/theme.h"

#include <string>

namespace gk {

struct SetupScreenView {
    std::string device_id;      // may be empty when it could not be made
    std::string config_path;    // where the portal goes, e.g. /etc/gongkai/kiosk.json
    std::string data_dir;       // where the store will be
    std::string config_problem; // the config's first problem when it has one (a portal that is no URL…)
};

inline constexpr const char* kSetupTitle = "尚未配置门户地址";

void drawSetupScreen(const SetupScreenView& view, const Theme& theme, const Fonts& fonts);

} // namespace gk
