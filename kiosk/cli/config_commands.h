// `gongkai-kiosk config check [FILE]`: every problem of a device config file, one per line as
// FILE: key: message, for the installer before the screen reads it. Exit 0 valid (warnings
// allowed), 1 problems found, 2 unreadable or a usage error — the same as `playlist check`.
#pragma once

#include "kiosk/cli/options.h"

namespace gk {

int runConfigCommand(const ParsedCommand& cmd);

} // namespace gk
