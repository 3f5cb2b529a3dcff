// The way into the staff panel: the staff PIN (a salted PBKDF2 hash in the config key
// staff_pin_hash), the lockout after wrong tries (kept across restarts in <data dir>/staff-gate.json)
// and the hidden long-press that asks for the PIN. Owned by kiosk/; plain logic with time passed in,
// tested without a window. OpenSSL (libcrypto) is used in the .cpp only; this header must not
// include OpenSSL, SDL, ImGui or GL.
//
// Cost: PBKDF2-HMAC-SHA256 with kPinHashIterations = 200,000 took 44–81 ms per check on the
// reference machine (2 shared cores; 300,000: 66–126 ms, 600,000: 133–228 ms, depending on the
// load), so a kiosk CPU somewhat slower still answers within ~150 ms. The count is stored in each
// hash: raising it later does not break hashes already in configs. A 4–8 digit PIN has at most 10^8
// values, so the hash only slows an offline search of a leaked config; the lockout is what stops
// guessing at the screen.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gk {

inline constexpr std::uint32_t kPinHashIterations = 200000;
inline constexpr std::size_t kMinPinDigits = 4;
inline constexpr std::size_t kMaxPinDigits = 8;

// 4–8 ASCII digits. Otherwise false with error, e.g. "a PIN is 4–8 digits (0–9); this one has 3
// characters" (the PIN itself is never repeated).
bool validPin(std::string_view pin, std::string& error);

// "pbkdf2-sha256$200000$<32 hex digits of random salt>$<64 hex digits>" for the config; empty when
// the PIN is not valid or the random generator fails.
std::string hashPin(std::string_view pin, std::uint32_t iterations = kPinHashIterations);
// True when pin matches a hash made by hashPin (constant-time compare). False for a malformed hash.
bool verifyPin(std::string_view pin, std::string_view stored);
// The syntax check of config/settings.h (parsePinHash), for the panel and the CLI.
bool validPinHash(std::string_view stored, std::string& error);

enum class GateOutcome { Accepted, Wrong, Locked, NoPin };

struct GateAnswer {
    GateOutcome outcome = GateOutcome::NoPin;
    int tries_left = 0;            // Wrong: tries before the lock (0: this try locked it)
    std::int64_t locked_for_s = 0; // Locked, or Wrong with tries_left 0: seconds until it opens
    std::string message;           // one English sentence for the log; the panel words it itself
};

struct GateState {
    int failures = 0;                // wrong tries in a row
    std::int64_t locked_until_s = 0; // unix seconds; 0 = not locked
    int locks = 0;                   // locks in a row since the right PIN was last given
};

inline std::filesystem::path staffGatePathIn(const std::filesystem::path& data_dir) {
    return data_dir / "staff-gate.json";
}

// The PIN prompt. 5 wrong tries in a row lock it, during which even the right PIN is refused; when
// the lock ends there are 5 tries again. Each lock in a row lasts longer — 5 minutes, 30 minutes,
// 2 hours, 8 hours, then a day each time — so that guessing a 4-digit PIN in an unattended
// 24-hour hall takes years, not days; the right PIN resets the count and the escalation. Without a
// usable staff_pin_hash every attempt is NoPin: the panel cannot be opened at all.
// With a state file every change is written there atomically before attempt() returns, and a try
// counts as wrong on disk before the PIN is checked, so cutting the power mid-check does not
// bypass the count. A lock longer than its step from now (the clock went back) is cut to its step.
class StaffGate {
public:
    static constexpr int kMaxFailures = 5;
    // How long the n-th lock in a row lasts (n ≥ 1).
    static std::int64_t lockSeconds(int n);

    // state_file empty: in memory only. An existing state file is read here; a damaged one is
    // replaced by a fresh state (stateError() says so).
    explicit StaffGate(std::string pin_hash, std::filesystem::path state_file = {});

    bool hasPin() const { return m_pin_error.empty(); }
    GateAnswer attempt(std::string_view pin, std::int64_t now_s);
    std::int64_t lockedFor(std::int64_t now_s) const; // seconds until it opens, 0 when open
    const GateState& state() const { return m_state; }
    // The last failure to read or write the state file ("" when none): the gate still works, in memory.
    const std::string& stateError() const { return m_state_error; }

private:
    void settle(std::int64_t now_s);
    void save();

    std::string m_pin_hash;
    std::string m_pin_error; // why there is no usable PIN
    std::filesystem::path m_state_file;
    GateState m_state;
    std::string m_state_error;
};

enum class ScreenCorner { TopLeft, TopRight, BottomLeft, BottomRight };

struct LongPressSpec {
    ScreenCorner corner = ScreenCorner::TopLeft;
    float corner_px = 120;       // the square in that corner where the press must start
    std::int64_t hold_ms = 5000; // how long it must be held
    float slop_px = 16;          // how far the finger may wander meanwhile
};

// The hidden gesture: one finger pressed in the corner and held still for hold_ms fires once.
// Moving further than slop_px, a second finger, or lifting early cancels it. Every call returns
// true exactly when the gesture completes at that call; the loop should wake at fireAt().
class LongPressDetector {
public:
    LongPressDetector(int screen_w, int screen_h, LongPressSpec spec = {});
    void setScreenSize(int screen_w, int screen_h);

    bool press(float x, float y, std::int64_t now_ms);
    bool move(float x, float y, std::int64_t now_ms);
    bool release(std::int64_t now_ms);
    bool poll(std::int64_t now_ms);
    std::optional<std::int64_t> fireAt() const; // when poll() will fire, while a press is pending
    // Forget the press in progress (the panel took the finger that fired it): the next press starts afresh.
    void cancel() { m_phase = Phase::Idle; }

private:
    enum class Phase { Idle, Holding, Done }; // Done: fired or cancelled, until the finger lifts
    bool inCorner(float x, float y) const;

    int m_w;
    int m_h;
    LongPressSpec m_spec;
    Phase m_phase = Phase::Idle;
    float m_x = 0;
    float m_y = 0;
    std::int64_t m_since_ms = 0;
};

} // namespace gk
