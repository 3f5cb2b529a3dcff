// `gongkai-kiosk staff pin-hash`: turns a staff PIN into the line for the config key
// staff_pin_hash. The PIN is read from standard input (one line; never from the command line, so it
// does not land in the shell history or in ps); on a terminal it is asked for without echo. An
// empty line, or --generate, makes a random 6-digit PIN instead, shown once on standard error.
// Owned by kiosk/; no window: must not include SDL, ImGui or GL.
#pragma once

#include "kiosk/cli/options.h"

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

namespace gk {

// What pin-hash makes and asks for. Checking a configured hash still accepts 4–8 digits
// (kiosk/staff/staff_auth.h): an existing config keeps working.
inline constexpr std::size_t kGeneratedPinDigits = 6;
inline constexpr std::size_t kNewPinMinDigits = 6; // 4–5 only with --allow-short

// The first line of in without its line ending (CR LF or LF); false when in has no line at all.
bool readPinLine(std::istream& in, std::string& pin);

// `digits` decimal digits from OpenSSL's RAND_bytes, each uniform: a byte of 250 or more is drawn
// again, so byte % 10 favours no digit. Empty when the generator fails.
std::string generatePin(std::size_t digits = kGeneratedPinDigits);

// A typed PIN pin-hash will hash: 6–8 digits, or 4–5 with allow_short. Otherwise false with
// error (one line that never repeats the PIN).
bool acceptableNewPin(std::string_view pin, bool allow_short, std::string& error);

// pin-hash with its streams passed in (terminal: in is a person at a terminal, who is prompted).
// Exit 0 with the hash on out (and a generated PIN on err); 2 when no line came or the PIN is not
// acceptable (one line on err); 1 when the hash or the random PIN could not be made.
int pinHashCommand(const ParsedCommand& cmd, std::istream& in, std::ostream& out, std::ostream& err, bool terminal);

// The command, on the process's standard streams.
int runStaffCommand(const ParsedCommand& cmd);

} // namespace gk
