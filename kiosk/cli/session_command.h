// `gongkai-kiosk session`: how the hall screen starts (the systemd unit's ExecStart). Reads the
// device config for the panel's "rotation", chooses the video path the program uses under cage
// (measured: docs/benchmarks.md), and replaces itself with `cage` running `gongkai-kiosk run`
// full-screen, the output turned as configured. A broken config never stops the screen: the
// rotation then comes from the last good copy, else the screen runs unrotated.
#pragma once

#include "kiosk/cli/options.h"

#include <string>
#include <vector>

namespace gk {

// cage's command line for a rotation of 0/90/180/270 degrees clockwise (cage -r turns the output
// 90° clockwise, up to three times), running `program run` with the given arguments.
std::vector<std::string> cageCommand(const std::string& cage, int rotation_deg, const std::string& program,
                                     const std::vector<std::string>& run_args);

int runSessionCommand(const ParsedCommand& cmd);

// The session tells `run` how far cage turned the output, so that touch can be turned back (see
// touchOnTurnedScreen in kiosk/input/staff_overlay.h): 0, 90, 180 or 270; 0 when unset or not one of them.
inline constexpr const char* kCageRotationVariable = "GONGKAI_CAGE_ROTATION";
int cageRotationFromEnvironment();

} // namespace gk
