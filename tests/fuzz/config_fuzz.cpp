// libFuzzer target for the device config (config/settings.h): every input is parsed as the config
// file, and given to the staff PIN hash and device id checks on their own. Nothing may crash, leak,
// throw or trip UBSan, and whatever parseSettings returns must be usable as it is: every field
// within its documented range (defaults where a key had an error), problems formatted.
// kiosk/services/config_file.cpp (reading the file from disk, the tls.* file checks) is not here: it reads
// whatever paths the config names and needs kiosk/core/log.cpp and kiosk/services/paths.cpp; its JSON rules are
// exactly parseSettings. Built only in the clang fuzz tree; standard library and config/ only.
#include "config/settings.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

bool hasSpaceOrControl(std::string_view text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return true;
    return false;
}

bool startsWithNoCase(std::string_view text, std::string_view lower) {
    if (text.size() < lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i) {
        const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
        if (c != lower[i]) return false;
    }
    return true;
}

void checkPinHash(std::string_view text) {
    std::string error;
    const std::optional<gk::PinHashFields> fields = gk::parsePinHash(text, error);
    require(fields.has_value() == error.empty());
    if (!fields) return;
    require(fields->iterations >= gk::kMinPinHashIterations && fields->iterations <= gk::kMaxPinHashIterations);
    require(fields->salt_hex.size() % 2 == 0 && fields->salt_hex.size() >= 2 * gk::kMinPinSaltBytes &&
            fields->salt_hex.size() <= 2 * gk::kMaxPinSaltBytes);
    require(fields->hash_hex.size() == 2 * gk::kPinHashBytes);
}

void checkSettings(const gk::SettingsResult& result) {
    const gk::Settings& s = result.settings;
    require(result.ok() == !gk::hasErrors(result.problems));
    const std::string formatted = result.formattedProblems();
    require(result.problems.empty() || !formatted.empty());
    for (const gk::Problem& problem : result.problems) require(!problem.message.empty());

    require(s.sync_interval_s >= gk::kMinSyncIntervalS && s.sync_interval_s <= gk::kMaxSyncIntervalS);
    require(s.heartbeat_interval_s >= gk::kMinHeartbeatIntervalS &&
            s.heartbeat_interval_s <= gk::kMaxHeartbeatIntervalS);
    require(s.idle_timeout_s >= gk::kMinIdleTimeoutS && s.idle_timeout_s <= gk::kMaxIdleTimeoutS);
    require(s.rotation_deg == 0 || s.rotation_deg == 90 || s.rotation_deg == 180 || s.rotation_deg == 270);
    require(s.utc_offset_s >= -18 * 3600 && s.utc_offset_s <= 18 * 3600);
    require(!gk::deviceModeName(s.mode).empty() && !gk::logLevelName(s.log_level).empty());
    // The values the rest of the program builds paths and URLs from.
    require(s.device_id.empty() || gk::isValidDeviceId(s.device_id));
    require(!s.screen_group.empty() && s.screen_group.size() <= 64 && s.screen_group.front() != '.' &&
            !hasSpaceOrControl(s.screen_group) && s.screen_group.find_first_of("/\\:*?\"<>|") == std::string::npos);
    require(s.playlist_dir.empty() || s.playlist_dir.front() == '/');
    require(s.portal.empty() || startsWithNoCase(s.portal, "https://") || startsWithNoCase(s.portal, "file://") ||
            (startsWithNoCase(s.portal, "http://") && s.tls.allow_insecure_http));
    require(!hasSpaceOrControl(s.portal));
    if (!s.staff_pin_hash.empty()) {
        std::string error;
        require(gk::parsePinHash(s.staff_pin_hash, error).has_value());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    checkSettings(gk::parseSettings(text, "kiosk.json"));
    checkPinHash(text);
    const bool valid_id = gk::isValidDeviceId(text);
    require(!valid_id || (!text.empty() && text.size() <= gk::kMaxDeviceIdBytes && text.front() != '.'));
    return 0;
}
