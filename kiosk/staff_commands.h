// `gongkai-kiosk staff pin-hash`: turns a staff PIN into the line for the config key
// staff_pin_hash. The PIN is read from standard input (one line; never from the command line, so it
// does not land in the shell history or in ps); on a terminal it is asked for without echo. Owned
// by kiosk/; no window: must not include SDL, ImGui or GL.
#pragma once

#include "kiosk/options.h"

#include <istream>
#include <string>

namespace gk {

// The first line of in without its line ending (CR LF or LF); false when in has no line at all.
bool readPinLine(std::istream& in, std::string& pin);

// The command. Exit 0 with the hash on stdout; 2 when no PIN came or it is not 4–8 digits (one line
// on stderr, never repeating the PIN); 1 when the hash could not be made.
int runStaffCommand(const ParsedCommand& cmd);

} // namespace gk
