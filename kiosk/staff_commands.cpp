// `gongkai-kiosk staff pin-hash` (see staff_commands.h).
#include "kiosk/staff_commands.h"

#include "kiosk/staff_auth.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace gk {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr std::size_t kMaxLine = 256; // a PIN is 8 characters; more is kept only to be refused

int fail(const std::string& message, int code) {
    std::cerr << "gongkai-kiosk staff: " << message << "\n";
    return code;
}

// Echo off on a terminal while the PIN is typed; restored on destruction.
class NoEcho {
public:
    NoEcho() {
        if (::isatty(STDIN_FILENO) == 0 || ::tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~NoEcho() {
        if (m_active) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

int pinHash() {
    const bool terminal = ::isatty(STDIN_FILENO) != 0;
    std::string pin;
    bool got = false;
    {
        if (terminal) std::cerr << "Staff PIN (4–8 digits, not shown): " << std::flush;
        NoEcho quiet;
        got = readPinLine(std::cin, pin);
    }
    if (terminal) std::cerr << "\n";
    if (!got) return fail("pin-hash: no PIN on standard input (type it, or pipe one line)", kExitUsage);
    std::string why;
    if (!validPin(pin, why)) return fail("pin-hash: " + why, kExitUsage);
    const std::string hash = hashPin(pin);
    if (hash.empty()) return fail("pin-hash: could not make the hash (no random numbers from OpenSSL)", kExitFailure);
    std::cout << hash << "\n";
    if (terminal) std::cerr << "Put it in the config as \"staff_pin_hash\": \"" << hash << "\"\n";
    return 0;
}

} // namespace

bool readPinLine(std::istream& in, std::string& pin) {
    pin.clear();
    bool any = false;
    for (int c = in.get(); c != std::char_traits<char>::eof(); c = in.get()) {
        any = true;
        if (c == '\n') break;
        if (pin.size() < kMaxLine) pin += static_cast<char>(c);
    }
    if (!pin.empty() && pin.back() == '\r') pin.pop_back();
    return any;
}

int runStaffCommand(const ParsedCommand& cmd) {
    if (cmd.positional.empty())
        return fail("say what to do: `gongkai-kiosk staff pin-hash` (see gongkai-kiosk staff --help)", kExitUsage);
    if (cmd.positional[0] == "pin-hash") return pinHash();
    return fail("unknown action \"" + cmd.positional[0] + "\" (known: pin-hash)", kExitUsage);
}

} // namespace gk
