// Tests for kiosk/staff_auth: PIN hashes (round trip, wrong PIN, malformed stored hashes, PIN
// format), the lockout with time passed in and its state file across restarts, and the hidden
// long-press gesture.
#include "kiosk/staff/staff_auth.h"

#include "config/settings.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace gk;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kT0 = 1764300000; // 2025-11-28, any time will do

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gk-staff-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The gate tests use the cheapest hash the config accepts, to stay fast.
const std::string& fastHash() {
    static const std::string hash = hashPin("2468", kMinPinHashIterations);
    return hash;
}

} // namespace

TEST_CASE("hashPin and verifyPin: round trip, wrong PIN, a new salt every time", "[staff_auth]") {
    const std::string hash = hashPin("123456");
    INFO(hash);
    std::string error;
    const std::optional<PinHashFields> fields = parsePinHash(hash, error);
    REQUIRE(fields);
    CHECK(fields->iterations == kPinHashIterations);
    CHECK(fields->salt_hex.size() == 32);
    CHECK(fields->hash_hex.size() == 64);
    CHECK(hash.rfind("pbkdf2-sha256$200000$", 0) == 0);
    CHECK(verifyPin("123456", hash));
    CHECK_FALSE(verifyPin("123457", hash));
    CHECK_FALSE(verifyPin("12345", hash));
    CHECK_FALSE(verifyPin("1234567", hash));
    CHECK(hashPin("123456") != hash); // salted
    CHECK(validPinHash(hash, error));
}

TEST_CASE("verifyPin: malformed or altered stored hashes never match", "[staff_auth]") {
    const std::string& hash = fastHash();
    REQUIRE(verifyPin("2468", hash));
    std::string upper = hash;
    for (std::size_t i = std::string("pbkdf2-sha256$").size(); i < upper.size(); ++i)
        if (upper[i] >= 'a' && upper[i] <= 'f') upper[i] = static_cast<char>(upper[i] - 32);
    CHECK(verifyPin("2468", upper)); // hex in either case
    std::string flipped = hash;
    flipped.back() = flipped.back() == '0' ? '1' : '0';
    std::string other_salt = hash;
    other_salt[other_salt.find('$', 15) + 1] ^= 1; // first salt digit: '0'↔'1', 'a'↔'`' …
    for (const std::string& stored :
         {std::string(), std::string("sha256:abcd"), hash.substr(0, hash.size() - 2), flipped, other_salt,
          "pbkdf2-sha1" + hash.substr(13), hash + "$", std::string("pbkdf2-sha256$1$00$00")}) {
        INFO(stored);
        CHECK_FALSE(verifyPin("2468", stored));
    }
    std::string error;
    CHECK_FALSE(validPinHash("pbkdf2-sha256$300000$abcd$" + std::string(64, '0'), error));
    CHECK(error == "the salt is not 32–128 hex digits");
}

TEST_CASE("a PIN is 4 to 8 ASCII digits — the message never repeats it", "[staff_auth]") {
    for (const char* good : {"0000", "1234", "12345678"}) {
        std::string error;
        CHECK(validPin(good, error));
    }
    const std::pair<const char*, const char*> bad[] = {
        {"", "a PIN is 4–8 digits (0–9); this one has 0 characters"},
        {"123", "a PIN is 4–8 digits (0–9); this one has 3 characters"},
        {"123456789", "a PIN is 4–8 digits (0–9); this one has 9 characters"},
        {"12a4", "a PIN is 4–8 digits (0–9); this one has 4 characters, not all of them digits"},
        {" 1234", "a PIN is 4–8 digits (0–9); this one has 5 characters, not all of them digits"},
        {"１２３４", "a PIN is 4–8 digits (0–9); this one has 4 characters, not all of them digits"},
    };
    for (const auto& [pin, message] : bad) {
        INFO(pin);
        std::string error;
        CHECK_FALSE(validPin(pin, error));
        CHECK(error == message);
        CHECK(hashPin(pin).empty());
    }
}

TEST_CASE("StaffGate: 5 wrong tries lock it for 300 s, even the right PIN — then 5 fresh tries", "[staff_auth]") {
    StaffGate gate(fastHash());
    REQUIRE(gate.hasPin());
    for (int i = 1; i <= 4; ++i) {
        const GateAnswer a = gate.attempt("1111", kT0 + i);
        CHECK(a.outcome == GateOutcome::Wrong);
        CHECK(a.tries_left == 5 - i);
    }
    const GateAnswer fifth = gate.attempt("1111", kT0 + 10);
    CHECK(fifth.outcome == GateOutcome::Wrong);
    CHECK(fifth.tries_left == 0);
    CHECK(fifth.locked_for_s == 300);
    CHECK(gate.lockedFor(kT0 + 10) == 300);
    const GateAnswer right_but_locked = gate.attempt("2468", kT0 + 100);
    CHECK(right_but_locked.outcome == GateOutcome::Locked);
    CHECK(right_but_locked.locked_for_s == 210);
    CHECK(right_but_locked.message == "locked after 5 wrong PINs; try again in 210 s");
    CHECK(gate.attempt("2468", kT0 + 309).outcome == GateOutcome::Locked);
    CHECK(gate.state().failures == 5); // refused tries while locked do not count or extend it
    // The lock ends at +310: five fresh tries.
    const GateAnswer after = gate.attempt("1111", kT0 + 310);
    CHECK(after.outcome == GateOutcome::Wrong);
    CHECK(after.tries_left == 4);
    CHECK(after.message == "wrong PIN; 4 tries left before a 30-minute lock"); // the next lock is longer
    CHECK(gate.attempt("2468", kT0 + 311).outcome == GateOutcome::Accepted);
    CHECK(gate.state().failures == 0);
    // A success resets the count: four wrong, right, four wrong is never locked.
    for (int i = 0; i < 4; ++i) CHECK(gate.attempt("9999", kT0 + 400 + i).outcome == GateOutcome::Wrong);
    CHECK(gate.attempt("2468", kT0 + 410).outcome == GateOutcome::Accepted);
    for (int i = 0; i < 4; ++i) CHECK(gate.attempt("9999", kT0 + 420 + i).outcome == GateOutcome::Wrong);
    CHECK(gate.lockedFor(kT0 + 430) == 0);
    // A PIN that is not even 4–8 digits counts as wrong.
    CHECK(gate.attempt("abc", kT0 + 440).outcome == GateOutcome::Wrong);
    CHECK(gate.lockedFor(kT0 + 440) == 300);
}

TEST_CASE("StaffGate: each lock in a row lasts longer — 5 min, 30 min, 2 h, 8 h, a day — across restarts, until the "
          "right PIN",
          "[staff_auth]") {
    TempDir dir;
    const fs::path state = dir.path / "staff-gate.json";
    std::int64_t t = kT0;
    const auto five_wrong = [&](StaffGate& gate) {
        GateAnswer last;
        for (int i = 0; i < 5; ++i) last = gate.attempt("1111", ++t);
        return last;
    };
    const std::int64_t expected[] = {300, 1800, 7200, 28800, 86400, 86400};
    for (const std::int64_t lock_s : expected) {
        StaffGate gate(fastHash(), state); // a restart between locks keeps the escalation
        const GateAnswer locked = five_wrong(gate);
        CHECK(locked.locked_for_s == lock_s);
        CHECK(gate.lockedFor(t) == lock_s);
        CHECK(gate.attempt("2468", t + lock_s - 1).outcome == GateOutcome::Locked);
        t += lock_s;
    }
    // Before the next lock the panel says how long it will be.
    StaffGate gate(fastHash(), state);
    CHECK(gate.attempt("1111", ++t).message == "wrong PIN; 4 tries left before a 1440-minute lock");
    // The right PIN ends the escalation: the next lock is 5 minutes again.
    CHECK(gate.attempt("2468", ++t).outcome == GateOutcome::Accepted);
    CHECK(five_wrong(gate).locked_for_s == 300);
}

TEST_CASE("StaffGate: without a usable PIN hash the panel cannot be opened at all", "[staff_auth]") {
    StaffGate none("");
    CHECK_FALSE(none.hasPin());
    const GateAnswer a = none.attempt("1234", kT0);
    CHECK(a.outcome == GateOutcome::NoPin);
    CHECK(a.message == "no staff PIN is configured (set staff_pin_hash in the config; `gongkai-kiosk staff pin-hash` "
                       "makes one), so the staff panel cannot be opened");
    StaffGate broken("sha256:abcd");
    CHECK_FALSE(broken.hasPin());
    CHECK(broken.attempt("1234", kT0).message ==
          "staff_pin_hash in the config is not usable (it has 1 $-separated fields, not 4), so the staff panel "
          "cannot be opened");
}

TEST_CASE("StaffGate: the count and the lock survive a restart", "[staff_auth]") {
    TempDir dir;
    const fs::path state = staffGatePathIn(dir.path / "data"); // the directory is created on first write
    {
        StaffGate gate(fastHash(), state);
        for (int i = 0; i < 3; ++i) CHECK(gate.attempt("0000", kT0 + i).outcome == GateOutcome::Wrong);
        CHECK(gate.stateError().empty());
    }
    CHECK(readText(state) == "{\"failures\":3,\"locked_until\":0,\"locks\":0}\n");
    {
        StaffGate gate(fastHash(), state); // power-cycled
        CHECK(gate.state().failures == 3);
        CHECK(gate.attempt("0000", kT0 + 10).tries_left == 1);
        CHECK(gate.attempt("0000", kT0 + 11).locked_for_s == 300);
    }
    {
        StaffGate gate(fastHash(), state);
        CHECK(gate.lockedFor(kT0 + 111) == 200);
        CHECK(gate.attempt("2468", kT0 + 111).outcome == GateOutcome::Locked);
        CHECK(gate.attempt("2468", kT0 + 311).outcome == GateOutcome::Accepted);
    }
    CHECK(readText(state) == "{\"failures\":0,\"locked_until\":0,\"locks\":0}\n");
}

TEST_CASE("StaffGate: a clock set back cannot stretch the lock — a damaged or unwritable state", "[staff_auth]") {
    TempDir dir;
    const fs::path state = dir.path / "staff-gate.json";
    std::ofstream(state) << R"({"failures": 5, "locked_until": )" << kT0 + 300 << "}";
    StaffGate gate(fastHash(), state);
    CHECK(gate.lockedFor(kT0 - 86400) == 300); // the clock went back a day: still 5 minutes, not a day
    CHECK(gate.attempt("2468", kT0 - 86400).locked_for_s == 300);
    CHECK(gate.attempt("2468", kT0 - 86400 + 300).outcome == GateOutcome::Accepted);

    std::ofstream(state, std::ios::trunc) << "{\"failures\": \"many\"";
    StaffGate damaged(fastHash(), state);
    CHECK(damaged.state().failures == 0);
    CHECK(damaged.stateError().find("not a staff gate state") != std::string::npos);
    CHECK(damaged.attempt("0000", kT0).tries_left == 4);
    CHECK(damaged.stateError().empty()); // rewritten

    std::ofstream(dir.path / "file") << "x";
    StaffGate unwritable(fastHash(), dir.path / "file" / "staff-gate.json");
    CHECK(unwritable.attempt("0000", kT0).tries_left == 4); // still counts, in memory
    CHECK_FALSE(unwritable.stateError().empty());
}

TEST_CASE("LongPressDetector: held 5 s in the corner fires once", "[staff_auth]") {
    LongPressDetector press(1920, 1080);
    CHECK_FALSE(press.press(30, 40, 1000));
    CHECK(press.fireAt() == 6000);
    CHECK_FALSE(press.poll(5999));
    CHECK_FALSE(press.move(35, 44, 3000)); // a few px of wobble is fine
    CHECK(press.poll(6000));
    CHECK_FALSE(press.poll(7000)); // once
    CHECK_FALSE(press.fireAt());
    CHECK_FALSE(press.release(9000));
    // Lifted before 5 s: nothing; released late without a poll: fires on release.
    CHECK_FALSE(press.press(10, 10, 10000));
    CHECK_FALSE(press.release(14999));
    CHECK_FALSE(press.poll(20000));
    CHECK_FALSE(press.press(10, 10, 30000));
    CHECK(press.release(35500));
}

TEST_CASE("LongPressDetector: moving cancels, outside the corner never, a second finger cancels", "[staff_auth]") {
    LongPressDetector press(1920, 1080);
    press.press(50, 50, 0);
    CHECK_FALSE(press.move(50, 80, 1000)); // 30 px: a drag, not a hold
    CHECK_FALSE(press.poll(6000));
    CHECK_FALSE(press.release(6000));
    for (const auto& [x, y] : {std::pair<float, float>{960, 540}, {130, 50}, {50, 130}, {1900, 20}, {20, 1070}}) {
        INFO(x << "," << y);
        press.press(x, y, 0);
        CHECK_FALSE(press.poll(60000));
        CHECK_FALSE(press.release(60000));
    }
    press.press(50, 50, 0);
    press.press(500, 500, 100); // two fingers
    CHECK_FALSE(press.poll(6000));
    press.release(6000);
    // Another corner, chosen in the spec, and a resized screen.
    LongPressDetector bottom_right(1080, 1920, LongPressSpec{ScreenCorner::BottomRight, 100, 5000, 10});
    bottom_right.press(1050, 1900, 0);
    CHECK(bottom_right.poll(5000));
    bottom_right.release(5000);
    bottom_right.setScreenSize(1920, 1080);
    bottom_right.press(1050, 1900, 0);
    CHECK_FALSE(bottom_right.poll(5000));
}
