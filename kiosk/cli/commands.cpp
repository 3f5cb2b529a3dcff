// Subcommand implementations. See commands.h.
#include "kiosk/cli/commands.h"

#include "config/i18n.h"
#include "config/settings.h"
#include "kiosk/cli/config_commands.h"
#include "kiosk/cli/feed_commands.h"
#include "kiosk/cli/options.h"
#include "kiosk/cli/playlist_commands.h"
#include "kiosk/cli/report_commands.h"
#include "kiosk/cli/search_commands.h"
#include "kiosk/cli/session_command.h"
#include "kiosk/cli/staff_commands.h"
#include "kiosk/core/log.h"
#include "kiosk/input/staff_overlay.h"
#include "kiosk/platform/screenshot.h"
#include "kiosk/playlist/playlist_source.h"
#include "kiosk/playlist/playlist_validation.h"
#include "kiosk/services/config_file.h"
#include "kiosk/services/heartbeat.h"
#include "kiosk/services/paths.h"
#include "kiosk/services/records.h"
#include "kiosk/services/watchdog.h"
#include "kiosk/shell/display_app.h"
#include "kiosk/shell/kiosk_app.h"
#include "kiosk/shell/setup_app.h"
#include "kiosk/shell/stop_signal.h"
#include "kiosk/shell/video_slot.h"
#include "kiosk/staff/staff_settings.h"
#include "sync/loader.h"
#include "sync/store.h"
#include "sync/sync_once.h"
#include "sync/worker.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>

namespace gk {
namespace {

namespace fs = std::filesystem;

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

std::string versionText() {
    return std::string("gongkai-kiosk ") + GONGKAI_VERSION + " (Dear ImGui " + GONGKAI_IMGUI_PACKAGE_VERSION + ")\n";
}

int fail(const std::string& command, const std::string& message, int code = kExitFailure) {
    std::cerr << "gongkai-kiosk " << command << ": " << message << "\n";
    return code;
}

// Everything a command needs to know about this device, from the config file and the flags.
struct Device {
    Settings settings;
    fs::path data_dir;
    std::string portal_url;  // empty: none configured and the store never synced
    std::string config_path; // the config file named, or where it is looked for
    std::string config_note; // for the screen's corner when the config file is bad (kiosk/services/config_file.h)
};

bool loadDevice(const ParsedCommand& cmd, Device& device, std::string& error) {
    device.data_dir = cmd.has("--data-dir") ? fs::path(cmd.get("--data-dir")) : defaultDataDir();
    device.config_path = cmd.get("--config", kDefaultConfig);
    const DeviceConfig config = loadDeviceConfig(cmd.get("--config"), device.data_dir);
    if (config.bad() && !carriesOnWithBadConfig(cmd.name)) {
        error = joinedProblems(config);
        return false;
    }
    programLog().setTag("gongkai-kiosk " + cmd.name);
    if (carriesOnWithBadConfig(cmd.name)) logConfigOutcome(config);
    device.settings = config.settings;
    device.config_note = config.staffNote();
    programLog().setThreshold(device.settings.log_level);
    if (cmd.has("--group")) device.settings.screen_group = cmd.get("--group");
    // What staff set on this screen's panel overrides the config (a broken file is ignored, with a note).
    StaffOverrides overrides;
    std::string overrides_error;
    if (readStaffOverrides(staffSettingsPathIn(device.data_dir), overrides, overrides_error))
        applyStaffOverrides(overrides, device.settings);
    else
        std::cerr << "gongkai-kiosk " << cmd.name << ": ignoring " << overrides_error << "\n";
    std::string portal = cmd.get("--portal", device.settings.portal);
    // No portal configured: the one the store last synced from. Never the bundled demo: a hall
    // screen must not show a fictional government, so only `demo` reads it.
    if (portal.empty()) portal = readStoreState(device.data_dir).manifest_url;
    device.portal_url = portal.empty() ? std::string() : portalUrlFromArgument(portal);
    return true;
}

// What to do about a device that has no portal and has never synced.
std::string noPortalMessage(const Device& device) {
    return fillIn(tr("no portal configured and the store in {0} is empty: put \"portal\": \"https://…/\" in {1} (or "
                     "pass --portal URL-or-directory); the bundled demo content is shown only by `gongkai-kiosk demo`"),
                  {device.data_dir.string(), device.config_path});
}

SyncRequest syncRequestFor(const Device& device) {
    SyncRequest request;
    request.portal_url = device.portal_url;
    request.data_dir = device.data_dir;
    request.allow_insecure_http = device.settings.tls.allow_insecure_http;
    request.tls.ca_file = device.settings.tls.ca_file;
    request.tls.pinned_pubkey = device.settings.tls.pinned_pubkey;
    request.trust = device.settings.feed_trust;
    request.limits.pdf_file_bytes = static_cast<std::uint64_t>(device.settings.attachments.max_file_mib) * kMiB;
    request.limits.attachments_total_bytes =
        static_cast<std::uint64_t>(device.settings.attachments.max_total_mib) * kMiB;
    request.limits.video_file_bytes = static_cast<std::uint64_t>(device.settings.video.max_file_mib) * kMiB;
    request.limits.video_total_bytes = static_cast<std::uint64_t>(device.settings.video.max_total_mib) * kMiB;
    return request;
}

// The current content; an empty store is filled from the portal first.
std::shared_ptr<const Content> contentOrSync(const Device& device, std::string& error) {
    std::string load_error;
    if (auto content = loadCurrentContent(device.data_dir, load_error)) return content;
    if (device.portal_url.empty()) {
        error = noPortalMessage(device);
        return nullptr;
    }
    const SyncOutcome outcome = syncOnce(syncRequestFor(device));
    if (outcome.result == SyncResult::Failed) {
        error = outcome.error;
        return nullptr;
    }
    return loadCurrentContent(device.data_dir, error);
}

int commandSync(const ParsedCommand& cmd) {
    if (!cmd.has("--once"))
        return fail("sync", tr("only --once is available here; `run` keeps the store current by itself"), kExitUsage);
    Device device;
    std::string error;
    if (!loadDevice(cmd, device, error)) return fail("sync", error, kExitUsage);
    if (device.portal_url.empty()) return fail("sync", noPortalMessage(device), kExitUsage);
    const SyncOutcome outcome = syncOnce(syncRequestFor(device));
    if (outcome.result == SyncResult::Failed) return fail("sync", outcome.error);
    for (const std::string& line : outcome.qr_only) std::cerr << "gongkai-kiosk sync: " << line << "\n";
    for (const std::string& line : outcome.videos_not_downloaded) std::cerr << "gongkai-kiosk sync: " << line << "\n";
    std::cout << fillIn(outcome.result == SyncResult::Changed ? tr("updated to generation {0}")
                                                              : tr("already current: generation {0}"),
                        {outcome.generation})
              << "\n";
    return 0;
}

// "2026-11-27T10:00:00+08:00", or "" for never.
std::string isoOrEmpty(std::int64_t epoch_s, int utc_offset_s) {
    return epoch_s == 0 ? "" : formatIsoLocal(epoch_s, utc_offset_s);
}

nlohmann::json statusJson(const Content* content, const StoreState& state, int utc_offset_s) {
    nlohmann::json skipped = nlohmann::json::array();
    if (content != nullptr)
        for (const SkippedItem& item : content->skipped)
            skipped.push_back({{"collection", item.collection}, {"id", item.id}, {"reason", item.reason}});
    return {{"generation", content != nullptr ? content->generation : ""},
            {"generated_at", content != nullptr ? content->generated_at : ""},
            {"counts",
             {{"disclosures", content != nullptr ? content->disclosures.size() : 0},
              {"guides", content != nullptr ? content->guides.size() : 0},
              {"notices", content != nullptr ? content->notices.size() : 0}}},
            {"skipped", skipped},
            {"last_attempt", isoOrEmpty(state.last_attempt, utc_offset_s)},
            {"last_success", isoOrEmpty(state.last_success, utc_offset_s)},
            {"last_error", state.last_error},
            {"next_attempt", isoOrEmpty(state.next_attempt, utc_offset_s)}};
}

void printStatus(const nlohmann::json& s, const std::string& load_problem) {
    const auto or_text = [](const nlohmann::json& v, const char* none) {
        return v.get<std::string>().empty() ? std::string(none) : v.get<std::string>();
    };
    const auto count = [&s](const char* collection) { return s["counts"][collection].get<std::size_t>(); };
    std::cout << fillIn(tr("Generation:   {0}"), {or_text(s["generation"], tr("none (the store is empty)"))});
    if (!s["generated_at"].get<std::string>().empty())
        std::cout << fillIn(tr(" (published {0})"), {s["generated_at"].get<std::string>()});
    std::cout << "\n"
              << fillIn(tr("Content:      {0} disclosures, {1} guides, {2} notices"),
                        {std::to_string(count("disclosures")), std::to_string(count("guides")),
                         std::to_string(count("notices"))})
              << "\n";
    const std::size_t skipped = s["skipped"].size();
    std::cout << fillIn(tr("Skipped:      {0}"),
                        {skipped == 0 ? std::string(tr("none"))
                                      : fillIn(trn("{0} item", "{0} items", skipped), {std::to_string(skipped)})})
              << "\n";
    for (const auto& item : s["skipped"])
        std::cout << "  - " << item["collection"].get<std::string>() << " " << item["id"].get<std::string>() << ": "
                  << item["reason"].get<std::string>() << "\n";
    if (!load_problem.empty()) std::cout << fillIn(tr("Store damage: {0}"), {load_problem}) << "\n";
    const std::size_t problems = s["playlist_problems"].size();
    std::cout << fillIn(tr("Playlist:     {0}: {1}"),
                        {s["screen_group"].get<std::string>(),
                         problems == 0
                             ? std::string(tr("no problems"))
                             : fillIn(trn("{0} problem", "{0} problems", problems), {std::to_string(problems)})})
              << "\n";
    for (const auto& line : s["playlist_problems"]) std::cout << "  - " << line.get<std::string>() << "\n";
    std::cout << fillIn(tr("Last attempt: {0}"), {or_text(s["last_attempt"], tr("never"))}) << "\n"
              << fillIn(tr("Last success: {0}"), {or_text(s["last_success"], tr("never"))}) << "\n"
              << fillIn(tr("Last error:   {0}"), {or_text(s["last_error"], tr("none"))}) << "\n"
              << fillIn(tr("Next attempt: {0}"),
                        {or_text(s["next_attempt"], tr("not scheduled (no kiosk running here)"))})
              << "\n";
}

int commandStatus(const ParsedCommand& cmd) {
    Device device;
    std::string error;
    if (!loadDevice(cmd, device, error)) return fail("status", error, kExitUsage);
    std::string load_problem;
    const std::shared_ptr<const Content> content = loadCurrentContent(device.data_dir, load_problem);
    if (!content && load_problem == "store is empty") load_problem.clear();
    nlohmann::json status = statusJson(content.get(), readStoreState(device.data_dir), device.settings.utc_offset_s);
    status["store_damage"] = load_problem; // "" when the store is sound (or empty)
    const Settings& settings = device.settings;
    status["screen_group"] = settings.screen_group;
    status["playlist_problems"] =
        content ? playlistProblems(*content, settings.screen_group,
                                   localPlaylistPath(device.data_dir, settings.playlist_dir, settings.screen_group),
                                   std::time(nullptr), settings.utc_offset_s)
                : std::vector<std::string>{};
    status["outbox"] = outboxStatusJson(device.data_dir, device.settings.utc_offset_s);
    if (cmd.has("--json"))
        std::cout << status.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    else {
        printStatus(status, load_problem);
        std::cout << outboxStatusText(status["outbox"]);
    }
    return 0;
}

bool parseAt(const ParsedCommand& cmd, int utc_offset_s, std::int64_t& at, std::string& error) {
    at = static_cast<std::int64_t>(std::time(nullptr));
    if (!cmd.has("--at")) return true;
    const std::optional<std::int64_t> parsed = parseIsoDateTime(cmd.get("--at"), utc_offset_s);
    if (!parsed) {
        error = fillIn(tr("--at \"{0}\" is not an ISO-8601 time such as 2026-11-27T10:00:00+08:00"), {cmd.get("--at")});
        return false;
    }
    at = *parsed;
    return true;
}

SetupScreenView setupViewFor(const Device& device) {
    std::string error;
    const std::string id = resolveDeviceId(device.settings, device.data_dir, error).value_or("");
    return SetupScreenView{id, device.config_path, device.data_dir.string(), {}};
}

// Where a screenshot goes: the PNG, and (when asked for) the layout record of the same frame.
struct ShotOutput {
    std::string png;
    std::string layout; // "" = none
};

// Draws the screenshot's last frame, recording its layout when asked, then writes the files. The
// earlier frames load glyphs and lay pages out; only the frame in the PNG is recorded.
bool drawLastFrame(const ScreenWindow& window, const std::function<void()>& draw, const ShotOutput& out,
                   std::string& error) {
    LayoutRecord record;
    {
        std::optional<LayoutRecording> recording;
        if (!out.layout.empty()) recording.emplace(record);
        draw();
    }
    if (!window.writePng(out.png, error)) return false;
    return out.layout.empty() || writeLayoutRecord(window, record, out.layout, error);
}

bool renderSetupPng(const Device& device, Size size, const ShotOutput& out, std::string& error) {
    FontFiles fonts;
    if (!locateFonts(fonts, error)) return false;
    ScreenWindow window;
    if (!window.open(WindowOptions{true, false, size.width, size.height, true}, fonts, error)) return false;
    // Two frames: the first loads the glyphs it meets, the second is drawn with all of them.
    renderSetupFrame(window, setupViewFor(device));
    return drawLastFrame(
        window, [&] { renderSetupFrame(window, setupViewFor(device)); }, out, error);
}

bool renderDisplayPng(const std::shared_ptr<const Content>& content, const std::string& group, int utc_offset_s,
                      std::int64_t at, Size size, const ShotOutput& out, std::string& error,
                      const fs::path& local_playlist = {}, const std::string& config_note = {}) {
    FontFiles fonts;
    if (!locateFonts(fonts, error)) return false;
    ScreenWindow window;
    if (!window.open(WindowOptions{true, false, size.width, size.height, true}, fonts, error)) return false;
    DisplayApp app(window, HallContext{.content = content,
                                       .screen_group = group,
                                       .utc_offset_s = utc_offset_s,
                                       .local_playlist = local_playlist,
                                       .config_warning = config_note});
    // Two frames: the first loads the glyphs it meets, the second is drawn with all of them.
    app.renderFrame(at, true);
    return drawLastFrame(
        window, [&] { app.renderFrame(at, true); }, out, error);
}

struct KioskShot {
    ScreenRef ref;
    bool elder = false;
    std::string scroll; // "", a number of pixels, or "end"
};

// What a screen of this device shows: its group, clock, playlist file and any config trouble.
HallContext hallContextFor(const Device& device, const std::shared_ptr<const Content>& content) {
    const Settings& settings = device.settings;
    return HallContext{content,
                       settings.screen_group,
                       settings.utc_offset_s,
                       settings.sync_interval_s,
                       localPlaylistPath(device.data_dir, settings.playlist_dir, settings.screen_group),
                       device.config_note};
}

KioskContext kioskContextFor(const Device& device, const std::shared_ptr<const Content>& content) {
    HallContext hall = hallContextFor(device, content);
    hall.elder_default = device.settings.elder_default;
    hall.idle_timeout_s = device.settings.idle_timeout_s;
    return KioskContext{hall, device.data_dir,
                        static_cast<std::uint64_t>(device.settings.attachments.max_file_mib) * kMiB};
}

bool renderKioskPng(const Device& device, const std::shared_ptr<const Content>& content, const KioskShot& shot,
                    std::int64_t at, Size size, const ShotOutput& out, std::string& error) {
    FontFiles fonts;
    if (!locateFonts(fonts, error)) return false;
    ScreenWindow window;
    if (!window.open(WindowOptions{true, false, size.width, size.height, true}, fonts, error)) return false;
    KioskApp app(window, kioskContextFor(device, content));
    app.show(shot.ref);
    app.setElder(shot.elder);
    // Two frames: the first lays the page out and loads the glyphs it meets, the second is drawn
    // with all of them (and at the requested scroll position, now that the page height is known).
    app.renderFrame(at, true);
    if (!shot.scroll.empty()) app.setScroll(shot.scroll == "end" ? app.maxScrollOffset() : std::stof(shot.scroll));
    return drawLastFrame(
        window, [&] { app.renderFrame(at, true); }, out, error);
}

StaffPanelContext staffContextFor(const Device& device, Records* records, bool kiosk) {
    const Settings& s = device.settings;
    return StaffPanelContext{device.data_dir,
                             localPlaylistPath(device.data_dir, s.playlist_dir, s.screen_group),
                             s.screen_group,
                             s.staff_pin_hash,
                             kiosk ? DeviceMode::Kiosk : DeviceMode::Display,
                             s.elder_default,
                             s.utc_offset_s,
                             records};
}

int commandStaffScreenshot(const ParsedCommand& cmd, const std::string& name, Size size);

// The staff panel's screens by name: "pin" is the PIN pad, the others the panel's sections.
std::optional<std::optional<StaffSection>> parseStaffScreen(std::string_view name) {
    if (name == "pin") return std::optional<StaffSection>{};
    if (name == "sync") return StaffSection::Sync;
    if (name == "playlist") return StaffSection::Playlist;
    if (name == "urgent") return StaffSection::Urgent;
    if (name == "device") return StaffSection::Device;
    return std::nullopt;
}

bool renderStaffPng(const Device& device, const std::shared_ptr<const Content>& content,
                    std::optional<StaffSection> section, std::int64_t at, Size size, const ShotOutput& out,
                    std::string& error) {
    FontFiles fonts;
    if (!locateFonts(fonts, error)) return false;
    ScreenWindow window;
    if (!window.open(WindowOptions{true, false, size.width, size.height, true}, fonts, error)) return false;
    StaffOverlay staff(window, staffContextFor(device, nullptr, device.settings.mode == DeviceMode::Kiosk));
    if (section)
        staff.panel().openForPreview(*section, at);
    else
        staff.panel().openPinPad(at);
    const StoreState sync = readStoreState(device.data_dir);
    // Two frames: the first loads the glyphs it meets, the second is drawn with all of them.
    staff.frame(*content, sync, at);
    return drawLastFrame(
        window, [&] { staff.frame(*content, sync, at); }, out, error);
}

// The files `screenshot` writes: --out, and --layout when given.
ShotOutput shotOutput(const ParsedCommand& cmd) {
    return ShotOutput{cmd.get("--out"), cmd.get("--layout")};
}

int commandScreenshot(const ParsedCommand& cmd) {
    if (!cmd.has("--out")) return fail("screenshot", tr("--out FILE.png is required"), kExitUsage);
    const std::optional<Size> size = parseSize(cmd.get("--size", "1920x1080"));
    if (!size)
        return fail("screenshot",
                    fillIn(tr("--size \"{0}\" is not WxH (64–8192 each), e.g. 1080x1920"), {cmd.get("--size")}),
                    kExitUsage);
    const std::string show = cmd.get("--show", "display");
    if (show.rfind("staff:", 0) == 0) return commandStaffScreenshot(cmd, show.substr(6), *size);
    std::optional<ScreenRef> ref = show == "display" ? std::nullopt : parseScreenRef(show);
    if (show != "display" && !ref)
        return fail("screenshot",
                    fillIn(tr("--show \"{0}\": unknown screen (known: display, attract, home, catalog[:CODE], "
                              "disclosure:ID, guides, guide:ID, notices, notice:ID, apply, attachment:ID:N)"),
                           {show}),
                    kExitUsage);
    if (cmd.has("--page")) {
        std::optional<AttachmentRef> attachment =
            ref && ref->kind == ScreenKind::Attachment ? parseAttachmentRef(ref->id) : std::nullopt;
        const std::string page = cmd.get("--page");
        const bool number =
            !page.empty() && page.size() <= 6 && page.find_first_not_of("0123456789") == std::string::npos;
        if (!attachment || !number || std::stoi(page) < 1)
            return fail("screenshot",
                        fillIn(tr("--page \"{0}\": a page number from 1, with --show attachment:ID:N"), {page}),
                        kExitUsage);
        attachment->page = std::stoi(page);
        ref = attachmentScreen(*attachment);
    }
    const std::string mode = cmd.get("--mode", ref ? "kiosk" : "display");
    if (mode != "display" && mode != "kiosk")
        return fail("screenshot", fillIn(tr("--mode \"{0}\" is not display or kiosk"), {mode}), kExitUsage);
    if (mode == "display" && ref)
        return fail("screenshot", fillIn(tr("--show {0} is a kiosk screen; display mode shows only `display`"), {show}),
                    kExitUsage);
    KioskShot shot{ref.value_or(ScreenRef{ScreenKind::Attract, {}}), cmd.has("--elder"), cmd.get("--scroll")};
    if (!shot.scroll.empty() && shot.scroll != "end" &&
        shot.scroll.find_first_not_of("0123456789") != std::string::npos)
        return fail("screenshot", fillIn(tr("--scroll \"{0}\" is not a number of pixels or `end`"), {shot.scroll}),
                    kExitUsage);
    Device device;
    std::string error;
    if (!loadDevice(cmd, device, error)) return fail("screenshot", error, kExitUsage);
    std::int64_t at = 0;
    if (!parseAt(cmd, device.settings.utc_offset_s, at, error)) return fail("screenshot", error, kExitUsage);
    const std::shared_ptr<const Content> content = contentOrSync(device, error);
    if (!content && device.portal_url.empty() && !ref) // what `run` shows then
        return renderSetupPng(device, *size, shotOutput(cmd), error) ? 0 : fail("screenshot", error);
    if (!content) return fail("screenshot", error);
    if (!checkScreenRef(*content, shot.ref, error)) return fail("screenshot", error);
    const Settings& s = device.settings;
    const fs::path local_playlist = localPlaylistPath(device.data_dir, s.playlist_dir, s.screen_group);
    const bool ok = mode == "kiosk" ? renderKioskPng(device, content, shot, at, *size, shotOutput(cmd), error)
                                    : renderDisplayPng(content, s.screen_group, s.utc_offset_s, at, *size,
                                                       shotOutput(cmd), error, local_playlist, device.config_note);
    return ok ? 0 : fail("screenshot", error);
}

int commandStaffScreenshot(const ParsedCommand& cmd, const std::string& name, Size size) {
    const std::optional<std::optional<StaffSection>> section = parseStaffScreen(name);
    if (!section)
        return fail("screenshot",
                    fillIn(tr("--show staff:{0}: unknown (known: staff:pin, staff:sync, staff:playlist, "
                              "staff:urgent, staff:device)"),
                           {name}),
                    kExitUsage);
    Device device;
    std::string error;
    if (!loadDevice(cmd, device, error)) return fail("screenshot", error, kExitUsage);
    std::int64_t at = 0;
    if (!parseAt(cmd, device.settings.utc_offset_s, at, error)) return fail("screenshot", error, kExitUsage);
    const std::shared_ptr<const Content> content = contentOrSync(device, error);
    if (!content) return fail("screenshot", error);
    return renderStaffPng(device, content, *section, at, size, shotOutput(cmd), error) ? 0 : fail("screenshot", error);
}

bool hasDisplay() {
    const char* x = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x != nullptr && *x != '\0') || (wayland != nullptr && *wayland != '\0');
}

// Runs a screen with its sync worker and staff panel in the frame loop. Returns the exit code;
// `next` is set when staff switched the mode.
int runFace(ScreenFace& face, ScreenWindow& window, const Device& device, bool windowed, StaffOverlay& staff,
            Records* records, bool kiosk, std::optional<DeviceMode>& next) {
    HallSession& session = *face.session();
    session.setRecords(records);
    FrameLoop loop(window, windowed);
    loop.setStaffOverlay(&staff);
    session.setWake(loop.wakeFunction());
    StaffOverrides overrides;
    std::string error;
    if (readStaffOverrides(staffSettingsPathIn(device.data_dir), overrides, error))
        session.applyStaffOverrides(overrides, std::time(nullptr));
    // Declared after the session so that it stops (and joins) before the session goes away.
    Watchdog::instance().workerStarted();
    SyncWorker worker(syncRequestFor(device), SyncSchedule{device.settings.sync_interval_s},
                      [&session](const SyncReport& report) {
                          Watchdog::instance().workerAlive(report.state.next_attempt); // the worker is not hung
                          for (const std::string& line : report.outcome.qr_only) logLine(LogLevel::Warn, line);
                          for (const std::string& line : report.outcome.videos_not_downloaded)
                              logLine(LogLevel::Warn, line);
                          // On the worker's thread: the screen then reads the playlist without waiting.
                          if (report.outcome.content) examinePlaylistVideos(*report.outcome.content);
                          session.post(report);
                      });
    staff.setSyncNow([&worker] { worker.syncNow(); });
    const auto screenshots = device.settings.heartbeat_screenshot
                                 ? std::make_shared<ScreenshotSlot>(device.settings.heartbeat_interval_s)
                                 : nullptr;
    loop.setScreenshots(screenshots.get());
    const auto heartbeat =
        startHeartbeat(device.settings, device.data_dir, kiosk ? DeviceMode::Kiosk : DeviceMode::Display, screenshots);
    const int code = loop.run(face);
    staff.setSyncNow(nullptr);
    next = loop.switchRequested();
    return code;
}

// The screen's window for `run`: full-screen on the hall's output, or at --windowed's size on a
// desktop; SIGTERM from then on ends the loop that draws into it.
bool openScreenWindow(ScreenWindow& window, std::optional<Size> windowed, std::string& error) {
    installStopSignalHandlers();
    FontFiles fonts;
    if (!locateFonts(fonts, error)) return false;
    WindowOptions options{false, !windowed, windowed ? windowed->width : 1920, windowed ? windowed->height : 1080,
                          !windowed};
    if (!window.open(options, fonts, error)) return false;
    window.setTouchRotation(cageRotationFromEnvironment());
    return true;
}

int runWindow(Device device, std::shared_ptr<const Content> content, std::optional<Size> windowed, bool kiosk) {
    std::string error;
    ScreenWindow window;
    if (!openScreenWindow(window, windowed, error)) return fail("run", error);
    // Proof of play and the audit log; without them the screen still runs (the reason is logged).
    const std::unique_ptr<Records> records = Records::open(recordsPathIn(device.data_dir), error);
    if (!records) logLine(LogLevel::Warn, "plays are not recorded: " + error);
    for (;;) {
        StaffOverlay staff(window, staffContextFor(device, records.get(), kiosk));
        std::optional<DeviceMode> next;
        int code = 0;
        if (kiosk) {
            KioskApp app(window, kioskContextFor(device, content));
            code = runFace(app, window, device, windowed.has_value(), staff, records.get(), kiosk, next);
        } else {
            DisplayApp app(window, hallContextFor(device, content));
            code = runFace(app, window, device, windowed.has_value(), staff, records.get(), kiosk, next);
        }
        if (stopRequested()) {
            logLine(LogLevel::Info, std::string("stopped by ") + stopSignalName() + "; the item on screen is recorded");
            return 0;
        }
        if (!next) return code;
        // Staff switched the mode: the other screen starts on the newest publish and settings.
        kiosk = *next == DeviceMode::Kiosk;
        logLine(LogLevel::Info, "staff switched to " + std::string(deviceModeName(*next)) + " mode");
        StaffOverrides overrides;
        if (readStaffOverrides(staffSettingsPathIn(device.data_dir), overrides, error))
            applyStaffOverrides(overrides, device.settings);
        if (std::shared_ptr<const Content> newer = loadCurrentContent(device.data_dir, error)) content = newer;
    }
}

// The 尚未配置门户地址 screen until the config names a portal: nullopt then (device has it), else
// the exit code.
std::optional<int> waitForPortal(const ParsedCommand& cmd, Device& device, std::optional<Size> windowed) {
    std::string error;
    ScreenWindow window;
    if (!openScreenWindow(window, windowed, error)) return fail("run", error);
    const auto configured = [&](std::string& problem) {
        const DeviceConfig config = loadDeviceConfig(cmd.get("--config"), device.data_dir);
        if (!config.problems.empty()) problem = config.problems.front();
        if (config.settings.portal.empty()) return false;
        Device updated;
        if (!loadDevice(cmd, updated, error) || updated.portal_url.empty()) return false;
        logLine(LogLevel::Info, "the config now names the portal " + updated.portal_url + "; syncing");
        device = updated;
        return true;
    };
    return runSetupScreen(window, setupViewFor(device), windowed.has_value(), configured);
}

int commandRun(const ParsedCommand& cmd) {
    Device device;
    std::string error;
    if (!loadDevice(cmd, device, error)) return fail("run", error, kExitUsage);
    const std::string mode = cmd.get("--mode", std::string(deviceModeName(device.settings.mode)));
    if (mode != "display" && mode != "kiosk")
        return fail("run", fillIn(tr("--mode \"{0}\" is not display or kiosk"), {mode}), kExitUsage);
    std::optional<Size> windowed;
    if (cmd.has("--windowed") && !(windowed = parseSize(cmd.get("--windowed"))))
        return fail("run", fillIn(tr("--windowed \"{0}\" is not WxH, e.g. 1280x720"), {cmd.get("--windowed")}),
                    kExitUsage);
    std::shared_ptr<const Content> content = contentOrSync(device, error);
    if (!content && device.portal_url.empty()) {
        logLine(LogLevel::Warn, error + "; the screen says 尚未配置门户地址 until a portal is configured");
        if (const std::optional<int> code = waitForPortal(cmd, device, windowed)) return *code;
        content = contentOrSync(device, error);
    }
    if (!content) return fail("run", error);
    return runWindow(device, content, windowed, mode == "kiosk");
}

int commandDemo(const ParsedCommand& cmd) {
    Device device;
    std::string error;
    if (!loadDevice(cmd, device, error)) return fail("demo", error, kExitUsage);
    if (!cmd.has("--data-dir")) device.data_dir = defaultDataDir() / "demo";
    device.portal_url = portalUrlFromArgument(demoPortalDir().string());
    // The bundled demo is installed with the program, not published: the feed's keys do not apply.
    device.settings.feed_trust = {};
    const SyncOutcome outcome = syncOnce(syncRequestFor(device));
    if (outcome.result == SyncResult::Failed) return fail("demo", outcome.error);
    const std::shared_ptr<const Content> content = loadCurrentContent(device.data_dir, error);
    if (!content) return fail("demo", error);
    if (hasDisplay()) return runWindow(device, content, Size{1280, 720}, cmd.get("--mode", "kiosk") == "kiosk");
    std::int64_t at = 0;
    if (!parseAt(cmd, device.settings.utc_offset_s, at, error)) return fail("demo", error, kExitUsage);
    const fs::path out_dir = cmd.get("--out", "demo-screens");
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) return fail("demo", fillIn(tr("cannot create {0}: {1}"), {out_dir.string(), ec.message()}));
    struct Shot {
        const char* file;
        const char* group;
        Size size;
    };
    for (const Shot& shot : {Shot{"display-landscape.png", "hall-main", {1920, 1080}},
                             Shot{"display-portrait.png", "hall-portrait", {1080, 1920}}}) {
        const fs::path path = fs::absolute(out_dir / shot.file);
        if (!renderDisplayPng(content, shot.group, device.settings.utc_offset_s, at, shot.size,
                              ShotOutput{path.string(), {}}, error))
            return fail("demo", error);
        std::cout << path.string() << "\n";
    }
    // Kiosk mode: the home tiles, and the seed work plan as a resident reads it in elder mode.
    const std::string item = content->disclosures.empty() ? "" : content->disclosures.front().id;
    const std::string seed = content->findDisclosure("hbx-2018-0003") != nullptr ? "hbx-2018-0003" : item;
    const auto kiosk_shot = [&](const char* file, const KioskShot& shot, Size size) {
        const fs::path path = fs::absolute(out_dir / file);
        if (!renderKioskPng(device, content, shot, at, size, ShotOutput{path.string(), {}}, error)) return false;
        std::cout << path.string() << "\n";
        return true;
    };
    KioskShot home;
    home.ref.kind = ScreenKind::Home;
    if (!kiosk_shot("kiosk-home-landscape.png", home, Size{1920, 1080})) return fail("demo", error);
    KioskShot reading;
    reading.ref = ScreenRef{ScreenKind::Disclosure, seed};
    reading.elder = true;
    if (!seed.empty() && !kiosk_shot("kiosk-item-portrait-elder.png", reading, Size{1080, 1920}))
        return fail("demo", error);
    return 0;
}

int commandPlaylist(const ParsedCommand& cmd) {
    Device device;
    std::string error;
    if (!loadDevice(cmd, device, error)) return fail("playlist", error, kExitUsage);
    return runPlaylistCommand(cmd, device.settings, device.data_dir);
}

} // namespace

int runCli(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << programHelp();
        return kExitUsage;
    }
    if (args[0] == "--help" || args[0] == "-h") return std::cout << programHelp(), 0;
    if (args[0] == "--version") return std::cout << versionText(), 0;
    installVideoPlayback(); // playlists' video items are checked and played with the player's probe
    const CommandSpec* spec = findCommand(args[0]);
    if (spec == nullptr) return fail(args[0], tr("unknown command (see gongkai-kiosk --help)"), kExitUsage);
    std::string error;
    const std::optional<ParsedCommand> cmd = parseCommand(*spec, {args.begin() + 1, args.end()}, error);
    if (!cmd)
        return fail(spec->name, fillIn(tr("{0} (see gongkai-kiosk {1} --help)"), {error, spec->name}), kExitUsage);

    if (cmd->has("--help")) return std::cout << commandHelp(*spec), 0;
    if (cmd->has("--version")) return std::cout << versionText(), 0;
    if (spec->name == "sync") return commandSync(*cmd);
    if (spec->name == "screenshot") return commandScreenshot(*cmd);
    if (spec->name == "run") return commandRun(*cmd);
    if (spec->name == "session") return runSessionCommand(*cmd);
    if (spec->name == "status") return commandStatus(*cmd);
    if (spec->name == "playlist") return commandPlaylist(*cmd);
    if (spec->name == "report") return commandReport(*cmd);
    if (spec->name == "search") return commandSearch(*cmd);
    if (spec->name == "staff") return runStaffCommand(*cmd);
    if (spec->name == "config") return runConfigCommand(*cmd);
    if (spec->name == "feed") return runFeedCommand(*cmd);
    return commandDemo(*cmd);
}

} // namespace gk
