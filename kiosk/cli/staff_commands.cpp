// `gongkai-kiosk staff pin-hash` (see staff_commands.h).
#include "kiosk/cli/staff_commands.h"

#include "config/i18n.h"

#include "kiosk/staff/staff_auth.h"

#include <openssl/rand.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <optional>

namespace gk {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr std::size_t kMaxLine = 256; // a PIN is 8 characters; more is kept only to be refused

int fail(std::ostream& err, const std::string& message, int code) {
    err << "gongkai-kiosk staff: " << message << "\n";
    return code;
}

// Echo off on a terminal while the PIN is typed; restored on destruction.
class NoEcho {
public:
    explicit NoEcho(bool terminal) {
        if (!terminal || ::isatty(STDIN_FILENO) == 0 || ::tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
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

// The PIN typed on in, or a generated one for an empty line; nullopt after a refusal (exit code in
// code, the reason already on err).
std::optional<std::string> typedOrGeneratedPin(const ParsedCommand& cmd, std::istream& in, std::ostream& err,
                                               bool terminal, bool& generated, int& code) {
    std::string pin;
    bool got = false;
    {
        if (terminal) err << tr("Staff PIN (6–8 digits, not shown; Enter alone makes a random one): ") << std::flush;
        NoEcho quiet(terminal);
        got = readPinLine(in, pin);
    }
    if (terminal) err << "\n";
    if (!got) {
        code = fail(err, tr("pin-hash: no PIN on standard input (type it, or pipe one line; --generate makes one)"),
                    kExitUsage);
        return std::nullopt;
    }
    if (pin.empty()) {
        generated = true;
        return generatePin();
    }
    std::string error;
    if (!acceptableNewPin(pin, cmd.has("--allow-short"), error)) {
        code = fail(err, "pin-hash: " + error, kExitUsage);
        return std::nullopt;
    }
    return pin;
}

} // namespace

std::string generatePin(std::size_t digits) {
    constexpr unsigned kUnbiasedBelow = 250; // the largest multiple of 10 that fits in a byte
    std::string pin;
    unsigned char bytes[16];
    while (pin.size() < digits) {
        if (RAND_bytes(bytes, static_cast<int>(sizeof bytes)) != 1) return "";
        for (const unsigned char byte : bytes) {
            if (byte < kUnbiasedBelow && pin.size() < digits) pin += static_cast<char>('0' + byte % 10);
        }
    }
    return pin;
}

bool acceptableNewPin(std::string_view pin, bool allow_short, std::string& error) {
    if (!validPin(pin, error)) {
        // validPin describes what a configured hash accepts; a new PIN asks for more.
        const std::size_t detail = error.find(';');
        if (!allow_short && detail != std::string::npos) error = "a new PIN is 6–8 digits (0–9)" + error.substr(detail);
        return false;
    }
    if (pin.size() >= kNewPinMinDigits || allow_short) return true;
    error = fillIn(tr("a {0}-digit PIN is refused: the lockout escalates after wrong tries, but in a self-service hall "
                      "open 24 hours a short PIN is still the weak point. Use 6–8 digits, press Enter alone (or pass "
                      "--generate) for a random 6-digit one, or pass --allow-short to accept it anyway"),
                   {std::to_string(pin.size())});
    return false;
}

int pinHashCommand(const ParsedCommand& cmd, std::istream& in, std::ostream& out, std::ostream& err, bool terminal) {
    bool generated = cmd.has("--generate");
    std::optional<std::string> pin;
    int code = 0;
    if (generated) {
        pin = generatePin();
    } else if (!(pin = typedOrGeneratedPin(cmd, in, err, terminal, generated, code))) {
        return code;
    }
    if (pin->empty())
        return fail(err, tr("pin-hash: could not make a PIN (no random numbers from OpenSSL)"), kExitFailure);
    const std::string hash = hashPin(*pin);
    if (hash.empty())
        return fail(err, tr("pin-hash: could not make the hash (no random numbers from OpenSSL)"), kExitFailure);
    if (generated) {
        err << fillIn(tr("New staff PIN: {0}  (shown only this once: give it to the staff now; only its hash is kept)"),
                      {*pin})
            << "\n";
    }
    out << hash << "\n";
    if (terminal) err << fillIn(tr("Put it in the config as \"staff_pin_hash\": \"{0}\""), {hash}) << "\n";
    return 0;
}

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
        return fail(std::cerr, tr("say what to do: `gongkai-kiosk staff pin-hash` (see gongkai-kiosk staff --help)"),
                    kExitUsage);
    if (cmd.positional[0] == "pin-hash")
        return pinHashCommand(cmd, std::cin, std::cout, std::cerr, ::isatty(STDIN_FILENO) != 0);
    return fail(std::cerr, fillIn(tr("unknown action \"{0}\" (known: pin-hash)"), {cmd.positional[0]}), kExitUsage);
}

} // namespace gk
