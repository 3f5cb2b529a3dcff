// The device config on disk and its last good copy. See config_file.h.
#include "kiosk/services/config_file.h"

#include "config/i18n.h"
#include "kiosk/core/log.h"
#include "kiosk/services/paths.h"
#include "sync/fs_util.h"
#include "sync/store.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <unistd.h>

namespace gk {
namespace {

namespace fs = std::filesystem;

// A CA bundle is at most a few hundred KiB (Debian's whole store is 220 KiB).
constexpr std::uintmax_t kMaxCaFileBytes = 4 * 1024 * 1024;

std::string sizeText(std::uintmax_t bytes) {
    char buf[64];
    if (bytes >= 1024 * 1024)
        std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.0f KiB", static_cast<double>(bytes) / 1024.0);
    return buf;
}

// Reads a regular file of at most max_bytes; nullopt with the reason otherwise (what: "a config",
// translated). Never opens a FIFO or a device (which could block or never end).
std::optional<std::string> readSmallFile(const fs::path& path, std::uintmax_t max_bytes, const std::string& what,
                                         std::string& error) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        error = ec && ec != std::errc::no_such_file_or_directory ? fillIn(tr("cannot read: {0}"), {ec.message()})
                                                                 : std::string(tr("no such file"));
        return std::nullopt;
    }
    if (!fs::is_regular_file(status)) {
        error = fs::is_directory(status) ? fillIn(tr("is a directory, not {0}"), {what})
                                         : std::string(tr("is not a regular file"));
        return std::nullopt;
    }
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
        error = fillIn(tr("file is {0}; {1} may be at most {2}"), {sizeText(size), what, sizeText(max_bytes)});
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = fillIn(tr("cannot read: {0}"), {std::strerror(errno)});
        return std::nullopt;
    }
    std::string text;
    char chunk[16 * 1024];
    while (text.size() <= max_bytes && (in.read(chunk, sizeof chunk) || in.gcount() > 0))
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
        error = fillIn(tr("cannot read: {0}"), {std::strerror(EIO)});
        return std::nullopt;
    }
    if (text.size() > max_bytes) { // grew while we read it
        error = fillIn(tr("file is over {0}; {1} may be at most {0}"), {sizeText(max_bytes), what});
        return std::nullopt;
    }
    return text;
}

bool isBase64Sha256(std::string_view text) {
    // 32 bytes are 43 base64 characters and one '=' of padding.
    if (text.size() != 44 || text.back() != '=') return false;
    return std::all_of(text.begin(), text.end() - 1, [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    });
}

// A file the program will read through curl: absolute, regular, readable, not huge.
std::optional<std::string> checkReadableFile(const std::string& key, const std::string& file, const std::string& what,
                                             std::vector<Problem>& problems) {
    if (file.front() != '/') {
        problems.push_back(
            {key, fillIn(tr("must be an absolute path (the screen does not start in this directory), got \"{0}\""),
                         {file})});
        return std::nullopt;
    }
    std::string error;
    std::optional<std::string> text = readSmallFile(file, kMaxCaFileBytes, what, error);
    if (!text) problems.push_back({key, file + ": " + error});
    return text;
}

bool sameBytes(const fs::path& path, const std::string& bytes) {
    std::string error;
    const std::optional<std::string> existing = readSmallFile(path, kMaxConfigBytes, tr("a config"), error);
    return existing && *existing == bytes;
}

void keepLastGood(const fs::path& config, const fs::path& data_dir, const std::string& bytes) {
    const fs::path target = lastGoodPathFor(config, data_dir);
    if (target.empty() || sameBytes(target, bytes)) return;
    std::string error;
    if (!writeFileAtomic(target, bytes, error))
        logLine(LogLevel::Warn, "cannot keep the last good config: " + error, "cannot keep the last good config");
}

struct GoodCopy {
    fs::path path;
    Settings settings;
    fs::file_time_type written;
};

// The newest last good copy that is still valid.
std::optional<GoodCopy> newestGoodCopy(const fs::path& config, const fs::path& data_dir) {
    std::optional<GoodCopy> best;
    for (const fs::path& candidate : lastGoodCandidates(config, data_dir)) {
        const ConfigFileCheck check = checkConfigFile(candidate, candidate.string());
        if (!check.readable || !check.result.ok()) continue;
        std::error_code ec;
        const fs::file_time_type written = fs::last_write_time(candidate, ec);
        if (ec) continue;
        if (!best || written > best->written) best = GoodCopy{candidate, check.result.settings, written};
    }
    return best;
}

std::vector<std::string> problemLines(const SettingsResult& result) {
    std::vector<std::string> lines;
    const std::string text = result.formattedProblems();
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

} // namespace

std::vector<Problem> checkTlsSettings(const TlsSettings& tls) {
    std::vector<Problem> problems;
    if (!tls.ca_file.empty()) {
        const std::optional<std::string> pem = checkReadableFile("tls.ca_file", tls.ca_file, tr("a CA file"), problems);
        if (pem && pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos)
            problems.push_back({"tls.ca_file", fillIn(tr("{0}: has no PEM certificate (-----BEGIN CERTIFICATE-----)"),
                                                      {tls.ca_file})});
    }
    const std::string& pin = tls.pinned_pubkey;
    if (pin.rfind("sha256//", 0) == 0) {
        for (std::size_t start = 0; start <= pin.size();) {
            std::size_t end = pin.find(';', start);
            if (end == std::string::npos) end = pin.size();
            const std::string_view one = std::string_view(pin).substr(start, end - start);
            if (one.rfind("sha256//", 0) != 0 || !isBase64Sha256(one.substr(8))) {
                problems.push_back({"tls.pinned_pubkey", tr("must be sha256// and the 44-character base64 SHA-256 of "
                                                            "the server's public key (several joined by ;), or a key "
                                                            "file")});
                break;
            }
            start = end + 1;
        }
    } else if (!pin.empty()) {
        checkReadableFile("tls.pinned_pubkey", pin, tr("a public key file"), problems);
    }
    return problems;
}

ConfigFileCheck checkConfigFile(const fs::path& path, const std::string& label) {
    ConfigFileCheck check;
    std::optional<std::string> text = readSmallFile(path, kMaxConfigBytes, tr("a config"), check.unreadable);

    if (!text) return check;
    check.readable = true;
    check.text = std::move(*text);
    check.result = parseSettings(check.text, label);
    // Only on values the JSON rules accepted: a wrong type has already been reported.
    for (Problem& problem : checkTlsSettings(check.result.settings.tls)) {
        if (problem.path == "tls.ca_file") check.result.settings.tls.ca_file.clear();
        if (problem.path == "tls.pinned_pubkey") check.result.settings.tls.pinned_pubkey.clear();
        check.result.problems.push_back(std::move(problem));
    }
    return check;
}

fs::path chooseLastGoodPath(const fs::path& config, const fs::path& data_dir, bool config_dir_writable,
                            bool data_dir_exists) {
    if (config_dir_writable) return config.string() + kLastGoodSuffix;
    if (data_dir.empty() || !data_dir_exists) return {};
    return data_dir / (config.filename().string() + kLastGoodSuffix);
}

fs::path lastGoodPathFor(const fs::path& config, const fs::path& data_dir) {
    const fs::path dir = config.parent_path().empty() ? fs::path(".") : config.parent_path();
    std::error_code ec;
    // access(2) also says no on a read-only mount (EROFS), e.g. /etc under ProtectSystem=strict.
    return chooseLastGoodPath(config, data_dir, ::access(dir.c_str(), W_OK) == 0, fs::is_directory(data_dir, ec));
}

std::vector<fs::path> lastGoodCandidates(const fs::path& config, const fs::path& data_dir) {
    std::vector<fs::path> candidates{config.string() + kLastGoodSuffix};
    if (!data_dir.empty()) candidates.push_back(data_dir / (config.filename().string() + kLastGoodSuffix));
    return candidates;
}

std::string DeviceConfig::staffNote() const {
    if (!bad()) return "";
    const std::string first = problems.empty() ? "" : "：" + problems.front();
    return (source == ConfigSource::LastGood ? "配置文件有误，正在使用上次的有效配置"
                                             : "配置文件有误，正在使用默认配置") +
           first;
}

bool carriesOnWithBadConfig(std::string_view command) {
    return command == "run" || command == "screenshot";
}

void logConfigOutcome(const DeviceConfig& config) {
    if (config.source == ConfigSource::LastGood)
        logLine(LogLevel::Error, "config " + config.path.string() + " has problems; running on the last good copy " +
                                     config.last_good.string());
    if (config.source == ConfigSource::DefaultsForErrors)
        logLine(LogLevel::Error, "config " + config.path.string() +
                                     " has problems and there is no last good copy; running on its valid keys and "
                                     "the defaults for the rest" +
                                     (config.settings.portal.empty() ? "" : ", portal " + config.settings.portal));
    for (const std::string& line : config.problems) logLine(LogLevel::Warn, line);
}

std::string joinedProblems(const DeviceConfig& config) {
    std::string text;
    for (const std::string& line : config.problems) text += (text.empty() ? "" : "\n") + line;
    return text;
}

DeviceConfig loadDeviceConfig(const std::string& config_path, const fs::path& data_dir) {
    DeviceConfig device;
    std::error_code ec;
    if (config_path.empty() && !fs::exists(kDefaultConfig, ec)) return device; // no config: the defaults
    device.path = config_path.empty() ? fs::path(kDefaultConfig) : fs::path(config_path);
    const ConfigFileCheck check = checkConfigFile(device.path, device.path.string());
    if (check.readable) device.problems = problemLines(check.result);
    if (check.readable && check.result.ok()) {
        device.settings = check.result.settings;
        device.source = ConfigSource::File;
        keepLastGood(device.path, data_dir, check.text);
        return device;
    }
    if (!check.readable) device.problems = {device.path.string() + ": " + check.unreadable};
    if (const std::optional<GoodCopy> good = newestGoodCopy(device.path, data_dir)) {
        device.settings = good->settings;
        device.source = ConfigSource::LastGood;
        device.last_good = good->path;
        return device;
    }
    device.source = ConfigSource::DefaultsForErrors;
    if (check.readable) device.settings = check.result.settings;
    if (device.settings.portal.empty()) device.settings.portal = readStoreState(data_dir).manifest_url;
    return device;
}

} // namespace gk
