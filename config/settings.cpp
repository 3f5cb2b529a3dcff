// Parsing and validating the device configuration file (see settings.h). nlohmann_json only.
#include "config/settings.h"

#include "config/i18n.h"
#include "config/json_reader.h"

#include <algorithm>
#include <utility>

namespace gk {
namespace {

using json_reader::describe;
using json_reader::Json;
using json_reader::keyPath;
using json_reader::ProblemSink;

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return a == (b >= 'A' && b <= 'Z' ? b + 32 : b);
           });
}

bool hasSpaceOrControl(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; });
}

void readTls(const Json& doc, TlsSettings& tls, ProblemSink& sink) {
    const Json* value = json_reader::member(doc, "tls");
    if (!value) return;
    if (!value->is_object()) {
        sink.error("tls", fillIn(tr("must be an object, got {0}"), {describe(*value)}));

        return;
    }
    json_reader::warnUnknownKeys(*value, {"ca_file", "pinned_pubkey", "allow_insecure_http"}, "tls", sink);
    if (auto s = json_reader::readString(*value, "ca_file", "tls", sink)) tls.ca_file = *s;
    if (auto s = json_reader::readString(*value, "pinned_pubkey", "tls", sink)) {
        tls.pinned_pubkey = *s;
    }
    if (auto b = json_reader::readBool(*value, "allow_insecure_http", "tls", sink)) {
        tls.allow_insecure_http = *b;
    }
}

// Needs tls already read: http:// is accepted only with tls.allow_insecure_http.
void readPortal(const Json& doc, Settings& s, ProblemSink& sink) {
    const std::optional<std::string> portal = json_reader::readString(doc, "portal", "", sink);
    if (!portal || portal->empty()) return;
    const std::string got = describe(Json(*portal));
    std::string_view scheme;
    for (std::string_view candidate : {"https://", "http://", "file://"}) {
        if (startsWith(*portal, candidate)) scheme = candidate;
    }
    if (scheme.empty()) {
        sink.error("portal", fillIn(tr("must start with https://, http:// or file://, got {0}"), {got}));
    } else if (portal->size() == scheme.size() || hasSpaceOrControl(*portal)) {
        sink.error("portal", fillIn(tr("is not a usable URL (nothing after the scheme, or spaces), got {0}"), {got}));
    } else if (scheme == "http://" && !s.tls.allow_insecure_http) {
        sink.error("portal",
                   fillIn(tr("plain http:// is refused unless tls.allow_insecure_http is true, got {0}"), {got}));
    } else {
        s.portal = *portal;
    }
}

void readScreenGroup(const Json& doc, Settings& s, ProblemSink& sink) {
    const std::optional<std::string> group = json_reader::readString(doc, "screen_group", "", sink);
    if (!group) return;
    const bool bad = group->empty() || group->size() > 64 || group->front() == '.' || hasSpaceOrControl(*group) ||
                     group->find_first_of("/\\:*?\"<>|") != std::string::npos;
    if (bad) {
        sink.error("screen_group", fillIn(tr("must be a name such as \"hall-main\" (at most 64 bytes; no "
                                             "spaces, slashes or leading dot), got {0}"),
                                          {describe(Json(*group))}));
        return;
    }
    s.screen_group = *group;
}

// An absolute directory path; relative paths would depend on where the program was started.
void readPlaylistDir(const Json& doc, Settings& s, ProblemSink& sink) {
    const std::optional<std::string> dir = json_reader::readString(doc, "playlist_dir", "", sink);
    if (!dir) return;
    if (dir->empty() || dir->front() != '/' || std::any_of(dir->begin(), dir->end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
        })) {
        sink.error("playlist_dir",
                   fillIn(tr("must be an absolute directory path such as \"/var/lib/gongkai/playlists\", got {0}"),
                          {describe(Json(*dir))}));
        return;
    }
    s.playlist_dir = *dir;
}

template <typename Enum, std::size_t N>
void readChoice(const Json& doc, std::string_view key, const std::string_view (&names)[N], const Enum (&values)[N],
                Enum& out, ProblemSink& sink) {
    const std::optional<std::string> text = json_reader::readString(doc, key, "", sink);
    if (!text) return;
    std::string expected;
    for (std::size_t i = 0; i < N; ++i) {
        if (*text == names[i]) {
            out = values[i];
            return;
        }
        expected.append(i == 0 ? "" : (i + 1 == N ? tr(" or ") : ", ")).append(1, '"').append(names[i]).append(1, '"');
    }
    sink.error(std::string(key), fillIn(tr("must be {0}, got {1}"), {expected, describe(Json(*text))}));
}

std::string wholeNumberRule(int min) {
    return fillIn(tr("must be a whole number ≥ {0}"), {std::to_string(min)});
}

void readTimings(const Json& doc, Settings& s, ProblemSink& sink) {
    if (auto n = json_reader::readWholeNumber(doc, "sync_interval_s", "", kMinSyncIntervalS, kMaxSyncIntervalS,
                                              wholeNumberRule(kMinSyncIntervalS), sink)) {
        s.sync_interval_s = static_cast<int>(*n);
    }
    if (auto n = json_reader::readWholeNumber(doc, "idle_timeout_s", "", kMinIdleTimeoutS, kMaxIdleTimeoutS,
                                              wholeNumberRule(kMinIdleTimeoutS), sink)) {
        s.idle_timeout_s = static_cast<int>(*n);
    }
    if (auto n = json_reader::readWholeNumber(doc, "heartbeat_interval_s", "", kMinHeartbeatIntervalS,
                                              kMaxHeartbeatIntervalS, wholeNumberRule(kMinHeartbeatIntervalS), sink)) {
        s.heartbeat_interval_s = static_cast<int>(*n);
    }
}

// A section of download caps: "attachments" {"max_file_mib": 50, "max_total_mib": 1024} for PDFs,
// "video" {"max_file_mib": 500, "max_total_mib": 4096} for the playlists' videos.
void readDownloadCaps(const Json& doc, std::string_view key, int max_file_mib, int max_total_mib, int& file_mib,
                      int& total_mib, ProblemSink& sink) {
    const Json* value = json_reader::member(doc, key);
    if (!value) return;
    if (!value->is_object()) {
        sink.error(std::string(key), fillIn(tr("must be an object, got {0}"), {describe(*value)}));
        return;
    }
    json_reader::warnUnknownKeys(*value, {"max_file_mib", "max_total_mib"}, key, sink);
    if (auto n = json_reader::readWholeNumber(*value, "max_file_mib", key, kMinAttachmentMib, max_file_mib,
                                              wholeNumberRule(kMinAttachmentMib), sink)) {
        file_mib = static_cast<int>(*n);
    }
    if (auto n = json_reader::readWholeNumber(*value, "max_total_mib", key, kMinAttachmentMib, max_total_mib,
                                              wholeNumberRule(kMinAttachmentMib), sink)) {
        total_mib = static_cast<int>(*n);
    }
}

// How the panel is mounted: degrees the picture is turned clockwise (a portrait 立式 kiosk is a
// landscape panel turned by 90 or 270).
void readRotation(const Json& doc, Settings& s, ProblemSink& sink) {
    const Json* value = json_reader::member(doc, "rotation");
    if (!value) return;
    const std::optional<std::int64_t> degrees = json_reader::wholeNumber(*value);
    if (!degrees || (*degrees != 0 && *degrees != 90 && *degrees != 180 && *degrees != 270)) {
        sink.error("rotation",
                   fillIn(tr("must be 0, 90, 180 or 270 (degrees clockwise), got {0}"), {describe(*value)}));
        return;
    }
    s.rotation_deg = static_cast<int>(*degrees);
}

void readDeviceId(const Json& doc, Settings& s, ProblemSink& sink) {
    const std::optional<std::string> id = json_reader::readString(doc, "device_id", "", sink);
    if (!id) return;
    if (!isValidDeviceId(*id)) {
        sink.error("device_id", fillIn(tr("must be 1–64 letters, digits, '.', '_' or '-' (not starting with '.'), "
                                          "such as \"hall-2f-east\", got {0}"),
                                       {describe(Json(*id))}));
        return;
    }
    s.device_id = *id;
}

void readUtcOffset(const Json& doc, Settings& s, ProblemSink& sink) {
    const std::optional<std::string> text = json_reader::readString(doc, "utc_offset", "", sink);
    if (!text) return;
    const std::optional<int> offset = parseUtcOffset(*text);
    if (!offset) {
        sink.error("utc_offset", fillIn(tr("must be an offset such as \"+08:00\", got {0}"), {describe(Json(*text))}));
        return;
    }
    s.utc_offset_s = *offset;
}

bool isHexDigits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

// Empty (no PIN: the staff panel stays shut) or a hash as printed by `gongkai-kiosk staff pin-hash`.
void readStaffPinHash(const Json& doc, Settings& s, ProblemSink& sink) {
    const std::optional<std::string> hash = json_reader::readString(doc, "staff_pin_hash", "", sink);
    if (!hash) return;
    std::string error;
    if (!hash->empty() && !parsePinHash(*hash, error)) {
        sink.error("staff_pin_hash",
                   fillIn(tr("must be \"pbkdf2-sha256$<iterations>$<salt: 32–128 hex digits>$<hash: 64 hex "
                             "digits>\" as printed by `gongkai-kiosk staff pin-hash` (or empty for no "
                             "staff panel): {0}"),
                          {error}));
        return;
    }
    s.staff_pin_hash = *hash;
}

// An array of "ed25519:<base64>" keys (several while a portal rotates its key). Listing the key at
// all requires signatures, even when an entry is malformed (FeedTrust, config/feed_keys.h).
void readFeedPublicKeys(const Json& doc, Settings& s, ProblemSink& sink) {
    const Json* value = json_reader::member(doc, "feed_public_keys");
    if (!value) return;
    const auto rule = [] {
        return std::string(tr("must be an array of keys as printed by `gongkai-kiosk feed keygen`, such as "
                              "[\"ed25519:<44 base64 characters>\"]"));
    };
    if (!value->is_array()) {
        s.feed_trust.required = true;
        sink.error("feed_public_keys", fillIn(tr("{0}, got {1}"), {rule(), describe(*value)}));
        return;
    }
    s.feed_trust.required = !value->empty();
    for (std::size_t i = 0; i < value->size(); ++i) {
        const Json& key = (*value)[i];
        const std::string path = "feed_public_keys[" + std::to_string(i) + "]";
        std::string error;
        if (!key.is_string()) {
            sink.error(path, fillIn(tr("{0}, got {1}"), {rule(), describe(key)}));
        } else if (!parseFeedPublicKey(key.get<std::string>(), error)) {
            sink.error(path, fillIn(tr("is not a feed public key ({0}); a device with a bad key accepts no new "
                                       "publish, got {1}"),
                                    {error, describe(key)}));
        } else {
            s.feed_trust.public_keys.push_back(key.get<std::string>());
        }
    }
}

void readAll(const Json& doc, Settings& s, ProblemSink& sink) {
    json_reader::warnUnknownKeys(doc,
                                 {"portal", "screen_group", "playlist_dir", "mode", "sync_interval_s", "idle_timeout_s",
                                  "elder_default", "staff_pin_hash", "log_level", "utc_offset", "tls",
                                  "heartbeat_interval_s", "heartbeat_screenshot", "device_id", "rotation",
                                  "feed_public_keys", "attachments", "video"},
                                 "", sink);
    readTls(doc, s.tls, sink);
    readPortal(doc, s, sink);
    readScreenGroup(doc, s, sink);
    readPlaylistDir(doc, s, sink);
    static constexpr std::string_view kModeNames[] = {"display", "kiosk"};
    static constexpr DeviceMode kModes[] = {DeviceMode::Display, DeviceMode::Kiosk};
    readChoice(doc, "mode", kModeNames, kModes, s.mode, sink);
    readTimings(doc, s, sink);
    if (auto b = json_reader::readBool(doc, "elder_default", "", sink)) s.elder_default = *b;
    if (auto b = json_reader::readBool(doc, "heartbeat_screenshot", "", sink)) s.heartbeat_screenshot = *b;
    readStaffPinHash(doc, s, sink);
    static constexpr std::string_view kLevelNames[] = {"error", "warn", "info", "debug"};
    static constexpr LogLevel kLevels[] = {LogLevel::Error, LogLevel::Warn, LogLevel::Info, LogLevel::Debug};
    readChoice(doc, "log_level", kLevelNames, kLevels, s.log_level, sink);
    readUtcOffset(doc, s, sink);
    readDeviceId(doc, s, sink);
    readRotation(doc, s, sink);
    readFeedPublicKeys(doc, s, sink);
    readDownloadCaps(doc, "attachments", kMaxAttachmentFileMib, kMaxAttachmentTotalMib, s.attachments.max_file_mib,
                     s.attachments.max_total_mib, sink);
    readDownloadCaps(doc, "video", kMaxVideoFileMib, kMaxVideoTotalMib, s.video.max_file_mib, s.video.max_total_mib,
                     sink);
}

} // namespace

SettingsResult parseSettings(std::string_view json_text, std::string_view file_label) {
    SettingsResult result;
    result.file_label = std::string(file_label);
    ProblemSink sink(result.problems);
    try {
        const std::optional<Json> doc = json_reader::parseDocument(json_text, sink);
        if (!doc) return result;
        if (!doc->is_object()) {
            sink.error("", fillIn(tr("must be a JSON object ({ … }), got {0}"), {describe(*doc)}));
            return result;
        }
        readAll(*doc, result.settings, sink);
    } catch (const std::exception& e) { // defensive: nothing below is expected to throw
        sink.error("", fillIn(tr("internal error while reading settings: {0}"), {e.what()}));
    }
    return result;
}

std::optional<PinHashFields> parsePinHash(std::string_view text, std::string& error) {
    const auto fail = [&error](std::string reason) {
        error = std::move(reason);
        return std::nullopt;
    };
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t dollar = text.find('$', start);
        parts.push_back(text.substr(start, dollar == std::string_view::npos ? std::string_view::npos : dollar - start));
        if (dollar == std::string_view::npos) break;
        start = dollar + 1;
    }
    if (parts.size() != 4)
        return fail(fillIn(tr("it has {0} $-separated fields, not 4"), {std::to_string(parts.size())}));
    if (parts[0] != kPinHashScheme) return fail(tr("the scheme is not pbkdf2-sha256"));
    const std::string_view count = parts[1];
    const bool decimal = std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (count.empty() || count.size() > 8 || count.front() == '0' || !decimal)
        return fail(tr("the iterations are not a whole number"));
    const auto iterations = static_cast<std::uint32_t>(std::stoul(std::string(count)));
    if (iterations < kMinPinHashIterations || iterations > kMaxPinHashIterations)
        return fail(fillIn(tr("the iterations must be {0}–{1}"),
                           {std::to_string(kMinPinHashIterations), std::to_string(kMaxPinHashIterations)}));
    const std::string_view salt = parts[2];
    if (!isHexDigits(salt) || salt.size() % 2 != 0 || salt.size() < 2 * kMinPinSaltBytes ||
        salt.size() > 2 * kMaxPinSaltBytes)
        return fail(tr("the salt is not 32–128 hex digits"));
    const std::string_view hash = parts[3];
    if (!isHexDigits(hash) || hash.size() != 2 * kPinHashBytes) return fail(tr("the hash is not 64 hex digits"));

    return PinHashFields{iterations, std::string(salt), std::string(hash)};
}

bool isValidDeviceId(std::string_view id) {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-';
    };
    return !id.empty() && id.size() <= kMaxDeviceIdBytes && id.front() != '.' &&
           std::all_of(id.begin(), id.end(), allowed);
}

std::string_view deviceModeName(DeviceMode mode) {
    return mode == DeviceMode::Kiosk ? "kiosk" : "display";
}

std::string_view logLevelName(LogLevel level) {
    switch (level) {
    case LogLevel::Error: return "error";
    case LogLevel::Warn: return "warn";
    case LogLevel::Info: return "info";
    case LogLevel::Debug: return "debug";
    }
    return "info";
}

} // namespace gk
