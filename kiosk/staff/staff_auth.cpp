// The staff PIN, its lockout and the hidden long-press (see staff_auth.h). OpenSSL stays here.
#include "kiosk/staff/staff_auth.h"

#include "config/settings.h"
#include "sync/fs_util.h"

#include <nlohmann/json.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>
#include <vector>

namespace gk {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kSaltBytes = 16;
constexpr std::uint64_t kMaxStateBytes = 4096;

std::string toHex(const unsigned char* bytes, std::size_t n) {
    static const char* const digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
        hex += digits[bytes[i] >> 4];
        hex += digits[bytes[i] & 0xF];
    }
    return hex;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Even-length hex (already checked by parsePinHash) to bytes.
std::vector<unsigned char> fromHex(std::string_view hex) {
    std::vector<unsigned char> bytes(hex.size() / 2);
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<unsigned char>(hexValue(hex[2 * i]) * 16 + hexValue(hex[2 * i + 1]));
    return bytes;
}

bool derive(std::string_view pin, const std::vector<unsigned char>& salt, std::uint32_t iterations,
            unsigned char (&out)[kPinHashBytes]) {
    return PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(), static_cast<int>(salt.size()),
                             static_cast<int>(iterations), EVP_sha256(), static_cast<int>(kPinHashBytes), out) == 1;
}

bool readState(const fs::path& file, GateState& state, std::string& error) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return true;
    const std::optional<std::string> text = readFileCapped(file, kMaxStateBytes, error);
    if (!text) return false;
    const nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
    const auto number = [&doc](const char* key) -> const nlohmann::json* {
        if (!doc.is_object() || !doc.contains(key) || !doc[key].is_number_integer()) return nullptr;
        return &doc[key];
    };
    const nlohmann::json* failures = number("failures");
    const nlohmann::json* until = number("locked_until");
    if (failures == nullptr || until == nullptr || failures->get<std::int64_t>() < 0) {
        error = file.string() + ": not a staff gate state ({\"failures\": N, \"locked_until\": UNIX-SECONDS})";
        return false;
    }
    state.failures = static_cast<int>(std::min<std::int64_t>(failures->get<std::int64_t>(), StaffGate::kMaxFailures));
    state.locked_until_s = until->get<std::int64_t>();
    const nlohmann::json* locks = number("locks"); // absent in files written before locks escalated
    state.locks = locks != nullptr ? static_cast<int>(std::clamp<std::int64_t>(locks->get<std::int64_t>(), 0, 1000))
                                   : (state.locked_until_s != 0 ? 1 : 0);
    return true;
}

} // namespace

bool validPin(std::string_view pin, std::string& error) {
    const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && pin.size() >= kMinPinDigits && pin.size() <= kMaxPinDigits) return true;
    const auto characters = std::count_if(pin.begin(), pin.end(), [](char c) { return (c & 0xC0) != 0x80; });
    error = "a PIN is 4–8 digits (0–9); this one has " + std::to_string(characters) + " characters" +
            (digits ? "" : ", not all of them digits");
    return false;
}

std::string hashPin(std::string_view pin, std::uint32_t iterations) {
    std::string error;
    if (!validPin(pin, error) || iterations < kMinPinHashIterations || iterations > kMaxPinHashIterations) return "";
    std::vector<unsigned char> salt(kSaltBytes);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) return "";
    unsigned char hash[kPinHashBytes];
    if (!derive(pin, salt, iterations, hash)) return "";
    return std::string(kPinHashScheme) + "$" + std::to_string(iterations) + "$" + toHex(salt.data(), salt.size()) +
           "$" + toHex(hash, sizeof hash);
}

bool verifyPin(std::string_view pin, std::string_view stored) {
    std::string error;
    const std::optional<PinHashFields> fields = parsePinHash(stored, error);
    if (!fields || !validPin(pin, error)) return false;
    unsigned char hash[kPinHashBytes];
    if (!derive(pin, fromHex(fields->salt_hex), fields->iterations, hash)) return false;
    const std::vector<unsigned char> expected = fromHex(fields->hash_hex);
    return CRYPTO_memcmp(hash, expected.data(), kPinHashBytes) == 0;
}

bool validPinHash(std::string_view stored, std::string& error) {
    return parsePinHash(stored, error).has_value();
}

StaffGate::StaffGate(std::string pin_hash, fs::path state_file)
    : m_pin_hash(std::move(pin_hash)), m_state_file(std::move(state_file)) {
    std::string error;
    if (m_pin_hash.empty()) {
        m_pin_error = "no staff PIN is configured (set staff_pin_hash in the config; `gongkai-kiosk staff pin-hash` "
                      "makes one), so the staff panel cannot be opened";
    } else if (!validPinHash(m_pin_hash, error)) {
        m_pin_error = "staff_pin_hash in the config is not usable (" + error + "), so the staff panel cannot be opened";
    }
    if (!m_state_file.empty() && !readState(m_state_file, m_state, m_state_error)) {
        m_state = GateState{};
        m_state_error += "; starting with no wrong tries";
    }
}

std::int64_t StaffGate::lockSeconds(int n) {
    static constexpr std::int64_t kSteps[] = {5 * 60, 30 * 60, 2 * 3600, 8 * 3600, 24 * 3600};
    constexpr int kLast = static_cast<int>(std::size(kSteps)) - 1;
    return kSteps[std::clamp(n - 1, 0, kLast)];
}

// Ends a lock that is over (5 fresh tries; the next lock will be longer) and cuts one the clock
// has stretched.
void StaffGate::settle(std::int64_t now_s) {
    if (m_state.locked_until_s == 0) return;
    const std::int64_t step = lockSeconds(m_state.locks);
    if (now_s >= m_state.locked_until_s) {
        m_state.failures = 0;
        m_state.locked_until_s = 0;
        save();
    } else if (m_state.locked_until_s - now_s > step) {
        m_state.locked_until_s = now_s + step;
        save();
    }
}

void StaffGate::save() {
    if (m_state_file.empty()) return;
    const nlohmann::json doc = {
        {"failures", m_state.failures}, {"locked_until", m_state.locked_until_s}, {"locks", m_state.locks}};
    std::error_code ec;
    fs::create_directories(m_state_file.parent_path(), ec);
    std::string error;
    m_state_error = writeFileAtomic(m_state_file, doc.dump() + "\n", error) ? "" : error;
}

std::int64_t StaffGate::lockedFor(std::int64_t now_s) const {
    if (m_state.locked_until_s == 0 || now_s >= m_state.locked_until_s) return 0;
    return std::min(m_state.locked_until_s - now_s, lockSeconds(m_state.locks));
}

GateAnswer StaffGate::attempt(std::string_view pin, std::int64_t now_s) {
    if (!hasPin()) return GateAnswer{GateOutcome::NoPin, 0, 0, m_pin_error};
    settle(now_s);
    if (const std::int64_t left = lockedFor(now_s); left > 0) {
        return GateAnswer{GateOutcome::Locked, 0, left,
                          "locked after " + std::to_string(kMaxFailures) + " wrong PINs; try again in " +
                              std::to_string(left) + " s"};
    }
    // Counted as wrong (and saved) first: only a PIN proven right takes the count back.
    ++m_state.failures;
    if (m_state.failures >= kMaxFailures) m_state.locked_until_s = now_s + lockSeconds(++m_state.locks);
    save();
    if (verifyPin(pin, m_pin_hash)) {
        m_state = GateState{};
        save();
        return GateAnswer{GateOutcome::Accepted, kMaxFailures, 0, "staff PIN accepted"};
    }
    const int left = kMaxFailures - m_state.failures;
    if (left <= 0) {
        const std::int64_t lock_s = lockSeconds(m_state.locks);
        return GateAnswer{GateOutcome::Wrong, 0, lock_s,
                          "wrong PIN; locked for " + std::to_string(lock_s) + " s after " +
                              std::to_string(kMaxFailures) + " wrong tries"};
    }
    return GateAnswer{GateOutcome::Wrong, left, 0,
                      "wrong PIN; " + std::to_string(left) + (left == 1 ? " try" : " tries") + " left before a " +
                          std::to_string(lockSeconds(m_state.locks + 1) / 60) + "-minute lock"};
}

LongPressDetector::LongPressDetector(int screen_w, int screen_h, LongPressSpec spec)
    : m_w(screen_w), m_h(screen_h), m_spec(spec) {}

void LongPressDetector::setScreenSize(int screen_w, int screen_h) {
    m_w = screen_w;
    m_h = screen_h;
}

bool LongPressDetector::inCorner(float x, float y) const {
    const float size = m_spec.corner_px;
    const bool left = x >= 0 && x < size;
    const bool right = x < static_cast<float>(m_w) && x >= static_cast<float>(m_w) - size;
    const bool top = y >= 0 && y < size;
    const bool bottom = y < static_cast<float>(m_h) && y >= static_cast<float>(m_h) - size;
    switch (m_spec.corner) {
    case ScreenCorner::TopLeft: return left && top;
    case ScreenCorner::TopRight: return right && top;
    case ScreenCorner::BottomLeft: return left && bottom;
    case ScreenCorner::BottomRight: return right && bottom;
    }
    return false;
}

bool LongPressDetector::press(float x, float y, std::int64_t now_ms) {
    if (m_phase != Phase::Idle) { // a second finger: not the gesture
        m_phase = Phase::Done;
        return false;
    }
    if (!inCorner(x, y)) {
        m_phase = Phase::Done;
        return false;
    }
    m_phase = Phase::Holding;
    m_x = x;
    m_y = y;
    m_since_ms = now_ms;
    return false;
}

bool LongPressDetector::move(float x, float y, std::int64_t now_ms) {
    if (m_phase != Phase::Holding) return false;
    if (std::hypot(x - m_x, y - m_y) > m_spec.slop_px) {
        m_phase = Phase::Done;
        return false;
    }
    return poll(now_ms);
}

bool LongPressDetector::release(std::int64_t now_ms) {
    const bool fired = poll(now_ms); // held long enough, even if the loop woke late
    m_phase = Phase::Idle;
    return fired;
}

bool LongPressDetector::poll(std::int64_t now_ms) {
    if (m_phase != Phase::Holding || now_ms - m_since_ms < m_spec.hold_ms) return false;
    m_phase = Phase::Done;
    return true;
}

std::optional<std::int64_t> LongPressDetector::fireAt() const {
    if (m_phase != Phase::Holding) return std::nullopt;
    return m_since_ms + m_spec.hold_ms;
}

} // namespace gk
