// The device configuration file (e.g. /etc/gongkai/kiosk.json): which portal, which screen
// group, display or kiosk mode, timings, TLS. Owned by config/: parse, validate, defaults.
// Every key is optional. Unknown keys are warnings; wrong types or values are errors (the
// field keeps its default). Uses nlohmann_json in the .cpp only; must not include SDL, ImGui,
// GL or curl.
#pragma once

#include "config/civil_time.h"
#include "config/feed_keys.h"
#include "config/problem.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

enum class DeviceMode { Display, Kiosk };
enum class LogLevel { Error, Warn, Info, Debug };

struct TlsSettings {
    std::string ca_file;              // extra CA bundle (PEM); empty = system store
    std::string pinned_pubkey;        // curl CURLOPT_PINNEDPUBLICKEY form, e.g. "sha256//…"
    bool allow_insecure_http = false; // http:// portals are refused unless this is true
};

// How much of a publish's PDF attachments a kiosk keeps offline ("attachments" in the config).
// A PDF over either limit is not downloaded and stays a QR code; images are not affected (they
// keep the feed's own image limit, sync/limits.h).
struct AttachmentSettings {
    int max_file_mib = 50;    // one PDF; the kiosk's PDF reader opens files up to this size too
    int max_total_mib = 1024; // all downloaded attachments of one publish (images count too)
};

// How much video a screen keeps offline ("video" in the config): the playlists' video items are
// downloaded up to these caps. A video over either is not downloaded, and its item is skipped with
// the reason (`status`, `playlist check`); the publish is taken all the same. Videos have a budget
// of their own, on top of the store's 2 GiB for collections, images and PDFs (sync/limits.h).
struct VideoSettings {
    int max_file_mib = 500;   // one video: a few minutes of 1080p H.264
    int max_total_mib = 4096; // all videos of one publish
};

struct Settings {
    std::string portal; // base URL (https://, http://, file://); empty = bundled demo
    std::string screen_group = "hall-main";
    std::string playlist_dir; // staff's local playlists (<group>.json); empty = <data dir>/playlists
    DeviceMode mode = DeviceMode::Display;
    int sync_interval_s = 300;        // ≥ 30
    int heartbeat_interval_s = 300;   // a status POST to the manifest's status_url, when it has one
    bool heartbeat_screenshot = true; // a small picture of the rotation goes with the heartbeat
    std::string device_id;            // names this screen to the portal; empty = a UUID kept in the data dir
    int idle_timeout_s = 120;         // kiosk: back to the attract loop after this, ≥ 10
    bool elder_default = false;       // start in the large-text (适老化) presentation
    std::string staff_pin_hash;       // empty = staff panel has no PIN configured; else see parsePinHash
    LogLevel log_level = LogLevel::Info;
    int utc_offset_s = kChinaUtcOffsetS; // from "utc_offset": "+08:00"
    int rotation_deg = 0;                // "rotation": the output turned clockwise, 0/90/180/270
    TlsSettings tls;
    FeedTrust feed_trust; // "feed_public_keys": when listed, only manifests signed by one of them are taken
    AttachmentSettings attachments{};
    VideoSettings video{};
};

inline constexpr int kMinSyncIntervalS = 30;
inline constexpr int kMaxSyncIntervalS = 7 * 86400;
inline constexpr int kMinHeartbeatIntervalS = 30;
inline constexpr int kMaxHeartbeatIntervalS = 86400;
inline constexpr std::size_t kMaxDeviceIdBytes = 64;
inline constexpr int kMinIdleTimeoutS = 10;
inline constexpr int kMaxIdleTimeoutS = 86400;
inline constexpr int kMinAttachmentMib = 1;
inline constexpr int kMaxAttachmentFileMib = 1024;
inline constexpr int kMaxAttachmentTotalMib = 65536;
inline constexpr int kMaxVideoFileMib = 16384;
inline constexpr int kMaxVideoTotalMib = 65536;

struct SettingsResult {
    Settings settings; // defaults wherever a key was absent or had an error
    std::vector<Problem> problems;
    std::string file_label;

    bool ok() const { return !hasErrors(problems); }
    std::string formattedProblems() const { return formatProblems(file_label, problems); }
};

// Never throws. file_label is only used when formatting problems ("kiosk.json").
SettingsResult parseSettings(std::string_view json_text, std::string_view file_label);

// The staff PIN hash, "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" (PBKDF2-HMAC-SHA256;
// kiosk/staff/staff_auth.h makes and checks it, `gongkai-kiosk staff pin-hash` prints one). Parsed here
// as plain text so that the config can be validated without OpenSSL.
inline constexpr std::string_view kPinHashScheme = "pbkdf2-sha256";
inline constexpr std::uint32_t kMinPinHashIterations = 100000;
inline constexpr std::uint32_t kMaxPinHashIterations = 2000000; // bounds the time one check can take
inline constexpr std::size_t kMinPinSaltBytes = 16;
inline constexpr std::size_t kMaxPinSaltBytes = 64;
inline constexpr std::size_t kPinHashBytes = 32;

struct PinHashFields {
    std::uint32_t iterations = 0;
    std::string salt_hex; // 32–128 hex digits (16–64 bytes), as written
    std::string hash_hex; // 64 hex digits (32 bytes), as written
};

// nullopt with error (one phrase, never echoing the value) when text is not such a hash.
std::optional<PinHashFields> parsePinHash(std::string_view text, std::string& error);

// A device id the portal can use as a key and a file name: 1–64 of [A-Za-z0-9._-], not starting
// with a dot ("hall-2f-east", or the generated "0f6c…-…" UUID).
bool isValidDeviceId(std::string_view id);

std::string_view deviceModeName(DeviceMode mode); // "display" | "kiosk"
std::string_view logLevelName(LogLevel level);    // "error" | "warn" | "info" | "debug"

} // namespace gk
