// Tests for `gongkai-kiosk staff pin-hash` (kiosk/cli/staff_commands.h) with its streams passed in: a
// generated PIN (empty line or --generate) shown once and hashed, typed PINs of 6–8 digits, short
// ones only with --allow-short, and the uniformity of generated digits.
#include "kiosk/cli/staff_commands.h"

#include "kiosk/staff/staff_auth.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace gk;

namespace {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
    std::string unread; // what the command left of its input
};

Run pinHash(const std::string& input, std::vector<std::string> flags = {}) {
    ParsedCommand cmd;
    cmd.name = "staff";
    cmd.positional = {"pin-hash"};
    for (const std::string& flag : flags) cmd.values[flag] = "";
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    Run run;
    run.code = pinHashCommand(cmd, in, out, err, false);
    run.out = out.str();
    run.err = err.str();
    run.unread.assign(std::istreambuf_iterator<char>(in), {});
    return run;
}

// The hash printed on stdout, without its newline; empty unless it is exactly one line.
std::string hashLine(const Run& run) {
    if (run.out.empty() || run.out.back() != '\n' || run.out.find('\n') != run.out.size() - 1) return "";
    return run.out.substr(0, run.out.size() - 1);
}

// The PIN shown on stderr as "New staff PIN: 123456", or empty.
std::string shownPin(const Run& run) {
    std::smatch match;
    static const std::regex shown("New staff PIN: ([0-9]+) ");
    return std::regex_search(run.err, match, shown) ? match[1].str() : "";
}

} // namespace

TEST_CASE("pin-hash: an empty line or --generate makes a random 6-digit PIN, shown once, hash on stdout",
          "[staff][pin-hash]") {
    SECTION("an empty line") {
        const Run run = pinHash("\n");
        REQUIRE(run.code == 0);
        const std::string pin = shownPin(run);
        CHECK(pin.size() == 6);
        CHECK(verifyPin(pin, hashLine(run)));
        CHECK(run.out.find(pin) == std::string::npos);
    }
    SECTION("--generate reads nothing") {
        const Run run = pinHash("135792\n", {"--generate"});
        REQUIRE(run.code == 0);
        const std::string pin = shownPin(run);
        CHECK(pin.size() == 6);
        CHECK(verifyPin(pin, hashLine(run)));
        CHECK_FALSE(verifyPin("135792", hashLine(run)));
        CHECK(run.unread == "135792\n");
    }
    SECTION("two runs make two PINs") {
        CHECK(shownPin(pinHash("\n")) != shownPin(pinHash("\n")));
    }
}

TEST_CASE("pin-hash: typed PINs are 6–8 digits, 4–5 only with --allow-short", "[staff][pin-hash]") {
    SECTION("6 and 8 digits are hashed, and nothing is shown") {
        for (const std::string pin : {"246813", "24681357"}) {
            const Run run = pinHash(pin + "\r\n");
            REQUIRE(run.code == 0);
            CHECK(verifyPin(pin, hashLine(run)));
            CHECK(run.err.empty());
        }
    }
    SECTION("4 or 5 digits are refused, saying why, never repeating the PIN") {
        for (const std::string pin : {"2468", "24680"}) {
            const Run run = pinHash(pin + "\n");
            CHECK(run.code == 2);
            CHECK(run.out.empty());
            CHECK(run.err.find("-digit PIN is refused") != std::string::npos);
            CHECK(run.err.find("open 24 hours a short PIN is still the weak point") != std::string::npos);
            CHECK(run.err.find("--allow-short") != std::string::npos);
            CHECK(run.err.find(pin) == std::string::npos);
            CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
        }
    }
    SECTION("--allow-short takes 4 digits, and the hash still opens the gate as before") {
        const Run run = pinHash("2468\n", {"--allow-short"});
        REQUIRE(run.code == 0);
        CHECK(verifyPin("2468", hashLine(run)));
        StaffGate gate(hashLine(run));
        CHECK(gate.attempt("2468", 1764300000).outcome == GateOutcome::Accepted);
    }
    SECTION("what is no PIN at all is refused, --allow-short or not") {
        CHECK(pinHash("123\n", {"--allow-short"}).code == 2);
        const Run too_long = pinHash("123456789\n");
        CHECK(too_long.code == 2);
        CHECK(too_long.err ==
              "gongkai-kiosk staff: pin-hash: a new PIN is 6–8 digits (0–9); this one has 9 characters\n");
        CHECK(pinHash("12a456\n").code == 2);
    }
    SECTION("no line at all") {
        const Run run = pinHash("");
        CHECK(run.code == 2);
        CHECK(run.out.empty());
        CHECK(run.err.find("no PIN on standard input") != std::string::npos);
    }
}

TEST_CASE("acceptableNewPin: the rule on its own", "[staff][pin-hash]") {
    std::string error;
    CHECK(acceptableNewPin("000000", false, error));
    CHECK_FALSE(acceptableNewPin("00000", false, error));
    CHECK(acceptableNewPin("00000", true, error));
    CHECK(acceptableNewPin("0000", true, error));
    CHECK_FALSE(acceptableNewPin("000", true, error));
    CHECK(error == "a PIN is 4–8 digits (0–9); this one has 3 characters");
}

// byte % 10 over all 256 byte values would favour 0–5 (26 of 256 each) over 6–9 (25 each): a
// deviation of 2–3 % per digit, which this sample shows at more than 5 standard deviations.
TEST_CASE("generatePin: digits are uniform (no modulo bias)", "[staff][pin-hash]") {
    constexpr int kPins = 200000;
    std::array<long, 10> counts{};
    long wrong_length = 0;
    long not_digits = 0;
    for (int i = 0; i < kPins; ++i) {
        const std::string pin = generatePin();
        wrong_length += pin.size() != kGeneratedPinDigits ? 1 : 0;
        for (const char c : pin) {
            if (c >= '0' && c <= '9') {
                ++counts[static_cast<std::size_t>(c - '0')];
            } else {
                ++not_digits;
            }
        }
    }
    CHECK(wrong_length == 0);
    CHECK(not_digits == 0);
    const double expected = kPins * static_cast<double>(kGeneratedPinDigits) / 10;
    const double sigma = std::sqrt(expected * 0.9);
    for (std::size_t digit = 0; digit < counts.size(); ++digit) {
        INFO("digit " << digit << ": " << counts[digit] << " times, expected " << expected);
        CHECK(std::abs(static_cast<double>(counts[digit]) - expected) < 5 * sigma);
    }
    CHECK(generatePin(8).size() == 8);
}
