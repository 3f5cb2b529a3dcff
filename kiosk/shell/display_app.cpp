// Display mode loop. See display_app.h.
#include "kiosk/display_app.h"

#include "display/chinese_format.h"
#include "display/info_card.h"
#include "kiosk/log.h"
#include "kiosk/stop_signal.h"
#include "kiosk/watchdog.h"

#include <SDL.h>
#include <imgui_impl_sdl2.h>

#include <algorithm>
#include <chrono>

namespace gk {
namespace {

constexpr double kFadeMs = 400.0;
constexpr Uint32 kFadeFrameMs = 40;   // 25 frames per second during the fade
constexpr Uint32 kTickerFrameMs = 50; // the ticker moves at 20 frames per second

std::int64_t wallClockNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string generatedAtText(const Content& content, int utc_offset_s) {
    const std::optional<std::int64_t> t = parseIsoDateTime(content.generated_at, utc_offset_s);
    if (!t) return "";
    const CivilTime c = civilFromEpoch(*t, utc_offset_s);
    return "内容更新于 " + formatChineseDateTime(c);
}

} // namespace

std::unique_ptr<Rotation> rotationSinceMidnight(const Playlist& playlist, const Content& content, int utc_offset_s,
                                                std::int64_t now_s) {
    const std::int64_t midnight = epochOfLocalDay(localDayNumber(now_s, utc_offset_s), utc_offset_s);
    auto rotation = std::make_unique<Rotation>(playlist, content, utc_offset_s, midnight);
    // Step in less than the scheduler's catch-up limit so that it replays the day exactly.
    for (std::int64_t t = midnight; t < now_s; t += Rotation::kCatchUpLimitS / 2) rotation->at(t);
    return rotation;
}

std::optional<Playlist> playlistForGroup(const Content& content, const std::string& group, std::string& warning) {
    const auto it = content.playlists.find(group);
    if (it == content.playlists.end()) {
        warning = "门户没有屏幕组 “" + group + "” 的播放列表，显示站点名称和时钟";
        return std::nullopt;
    }
    PlaylistResult parsed = parsePlaylist(it->second, group + ".json");
    if (!parsed.usable()) {
        warning = "播放列表有误：" + parsed.formattedProblems();
        return std::nullopt;
    }
    warning.clear();
    return std::move(parsed.playlist);
}

DisplayApp::DisplayApp(GlWindow& window, DisplayContext context)
    : m_window(window), m_context(std::move(context)), m_textures(window) {
    relayout();
    m_published = m_context.content;
    m_ticker_start_ms = SDL_GetTicks64();
    m_portal_playlist =
        playlistForGroup(*m_context.content, m_context.screen_group, m_portal_warning).value_or(Playlist{});
    if (!m_context.local_playlist.empty()) m_local.emplace(m_context.local_playlist, m_context.utc_offset_s);
    choosePlaylist(); // the local file is read at the first frame: its checks need the time
    m_sync_event = SDL_RegisterEvents(1);
    m_view.site_name = m_context.content->site.name;
    m_view.status_text = generatedAtText(*m_context.content, m_context.utc_offset_s);
}

InfoLayout DisplayApp::layout() const {
    return layoutInfoScreen(
        m_theme,
        ImVec2(static_cast<float>(m_window.width()), static_cast<float>(m_window.height()) - m_view.reserved_bottom),
        m_view);
}

bool DisplayApp::updateSlot(std::int64_t now_s) {
    checkLocalPlaylist(now_s);
    if (!m_rotation) {
        m_rotation = rotationSinceMidnight(m_playlist, *m_context.content, m_context.utc_offset_s, now_s);
        for (const std::string& id : m_overrides.dismissed_urgent) m_rotation->dismissUrgent(id);
    }
    const Slot& slot = m_rotation->at(now_s);
    const std::string key = slot.ref + "@" + std::to_string(slot.start_s);
    if (key == m_slot_key) return false;
    m_slot_key = key;
    if (key != m_play_key && !m_covered) { // not just a redraw for a new publish
        recordShownSlot(now_s);
        m_play_key = key;
        m_play = PlayRecord{slot.ref, m_context.screen_group, now_s, 0, std::string(slotReasonName(slot.reason))};
        m_play_slot_end_s = slot.end_s;
    }
    m_fade_start_ms = SDL_GetTicks64();
    m_view.card = buildInfoCard(*m_context.content, m_playlist, slot, m_context.utc_offset_s);
    if (m_view.card.qr_url.empty()) { // image and text cards: the site's mobile portal
        m_view.card.qr_url = m_context.content->site.mobile_url;
        m_view.card.qr_caption = "访问政务公开网站";
    }
    m_view.qr = m_view.card.qr_url.empty() ? std::nullopt : encodeQr(m_view.card.qr_url);
    m_view.urgent_banner = slot.reason == SlotReason::Urgent ? "紧急通知　" + m_view.card.title : "";
    m_view.image.reset();
    if (m_playlist.items.empty() || slot.item_index < 0) {
        m_view.position_text.clear();
    } else {
        m_view.position_text = std::to_string(slot.item_index + 1) + " / " + std::to_string(m_playlist.items.size());
    }
    if (const PlaylistImage* image =
            slot.item_index >= 0 ? m_playlist.items[static_cast<size_t>(slot.item_index)].image() : nullptr) {
        const Attachment attachment{image->name, image->href, image->sha256, image->bytes, image->type, ""};
        m_view.image = m_textures.get(image->sha256, m_context.content->attachmentPath(attachment));
    }
    return true;
}

DisplayApp::~DisplayApp() {
    recordShownSlot(wallClockNow());
}

void DisplayApp::recordShownSlot(std::int64_t now_s) {
    if (m_play && m_records != nullptr) {
        m_play->duration_s = playedSeconds(m_play->start_s, now_s, m_play_slot_end_s);
        m_records->recordPlay(*m_play); // failures are logged by Records; the screen carries on
    }
    m_play.reset();
}

double DisplayApp::fadeProgress() const {
    return std::clamp(static_cast<double>(SDL_GetTicks64() - m_fade_start_ms) / kFadeMs, 0.0, 1.0);
}

std::string DisplayApp::tickerTextAt(std::int64_t now_s) const {
    // The playlist's lines for this moment, then the titles of important and urgent notices that
    // are valid now (urgent ones first), each once.
    std::vector<std::string> parts = tickerTextsAt(m_playlist, now_s, m_context.utc_offset_s);
    for (const NoticeLevel level : {NoticeLevel::Urgent, NoticeLevel::Important})
        for (const Notice& notice : m_context.content->notices)
            if (notice.level == level && notice.validAt(now_s))
                parts.push_back((level == NoticeLevel::Urgent ? "【紧急】" : "【重要】") + notice.title);
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : "　　◆　　") + part;
    return text;
}

std::vector<GlWindow::Damage> DisplayApp::renderFrame(std::int64_t now_s, bool settled, bool partial,
                                                      const std::function<void()>& overlay) {
    if (relayout()) partial = false; // laid out for a new size: everything is drawn again
    const bool slot_changed = updateSlot(now_s);
    const CivilTime local = civilFromEpoch(now_s, m_context.utc_offset_s);
    m_view.date_text = formatChineseDate(local) + "  " + formatChineseWeekday(local);
    const std::string clock = formatClock(local);
    const bool clock_changed = clock != m_view.clock_text;
    m_view.clock_text = clock;
    // The ticker's lines change at most once a second (schedules, notice validity) or with the
    // slot (a new publish or playlist restarts it); the frames in between only move it.
    bool ticker_changed = false;
    if (slot_changed || now_s != m_ticker_second) {
        std::string ticker = tickerTextAt(now_s);
        ticker_changed = ticker != m_view.ticker_text;
        m_view.ticker_text = std::move(ticker);
        m_ticker_second = now_s;
    }
    m_view.ticker_elapsed_ms = settled ? 0 : SDL_GetTicks64() - m_ticker_start_ms;
    const float reveal = settled ? 1.0f : static_cast<float>(fadeProgress());
    std::string offline = offlineText(now_s);
    const bool footer_changed = offline != m_view.offline_text;
    const bool same_picture = !slot_changed && !footer_changed && !ticker_changed;
    const bool still = same_picture && reveal == m_view.reveal && reveal >= 1.0f;
    const bool fade_step = same_picture && reveal > m_view.reveal; // only the card changes
    // What differs from the last frame: a few boxes while the picture stays, else everything.
    unsigned changed = kInfoAll;
    if (still || fade_step) {
        changed = (clock_changed ? kInfoClock : 0u) | (m_view.ticker_text.empty() ? 0u : kInfoTicker) |
                  (fade_step ? kInfoCard : 0u);
        if (changed == kInfoAll) changed = kInfoClock; // nothing changed: redraw the clock, not the screen
    }
    const unsigned regions = partial ? withChangesSinceBackBuffer(changed) : kInfoAll;
    m_changes.insert(m_changes.begin(), changed);
    if (m_changes.size() > kChangeHistory) m_changes.pop_back();
    m_view.reveal = reveal;
    m_view.offline_text = std::move(offline);
    m_window.beginFrame();
    std::vector<GlWindow::Damage> damage;
    drawInfoScreen(m_view, m_theme, m_window.fonts(), regions);
    if (regions == kInfoAll) {
        if (overlay) overlay(); // the overlay lies outside the clock and the ticker: partial frames keep it
        m_window.endFrame(m_theme.background_rgb);
        return {};
    }
    const InfoLayout l = layout();
    const auto box = [](const Rect& r) {
        return GlWindow::Damage{static_cast<int>(r.min.x), static_cast<int>(r.min.y),
                                static_cast<int>(std::ceil(r.width())), static_cast<int>(std::ceil(r.height()))};
    };
    if ((regions & kInfoClock) != 0) damage.push_back(box(l.clock));
    if ((regions & kInfoTicker) != 0) damage.push_back(box(l.ticker));
    if ((regions & kInfoCard) != 0) damage.push_back(box(l.card));
    m_window.endFrame(m_theme.background_rgb, damage);
    return damage;
}

bool DisplayApp::relayout() {
    const int width = m_window.width(), height = m_window.height();
    if (width == m_laid_out_width && height == m_laid_out_height) return false;
    m_laid_out_width = width;
    m_laid_out_height = height;
    m_theme = makeTheme(width, height);
    m_view.portrait = m_theme.portrait;
    invalidate();
    return true;
}

unsigned DisplayApp::withChangesSinceBackBuffer(unsigned regions) const {
    // A back buffer drawn `age` presents ago lacks what the age - 1 frames since then changed.
    const int age = m_window.backBufferAge();
    for (int i = 0; i + 1 < age; ++i) {
        const unsigned changed = m_changes[static_cast<size_t>(i)];
        if (changed == kInfoAll) return kInfoAll;
        regions |= changed;
    }
    return regions;
}

void DisplayApp::postSyncReport(const SyncReport& report) {
    {
        std::lock_guard<std::mutex> lock(m_mailbox_mutex);
        if (report.outcome.content) m_pending_content = report.outcome.content;
        m_pending_report = report;
    }
    SDL_Event event{};
    event.type = m_sync_event;
    SDL_PushEvent(&event); // thread-safe; wakes SDL_WaitEventTimeout
}

void DisplayApp::takePendingReport(std::int64_t now_s) {
    std::optional<SyncReport> report;
    {
        std::lock_guard<std::mutex> lock(m_mailbox_mutex);
        report.swap(m_pending_report);
        if (report) report->outcome.content = std::move(m_pending_content);
    }
    if (report) applySyncReport(*report, now_s);
}

void DisplayApp::applySyncReport(const SyncReport& report, std::int64_t now_s) {
    m_sync_state = report.state;
    if (m_staff != nullptr) m_staff->syncReported();
    const std::shared_ptr<const Content>& content = report.outcome.content;
    if (!content) return;
    std::string warning;
    std::optional<Playlist> playlist = playlistForGroup(*content, m_context.screen_group, warning);
    // A broken playlist in a new publish never replaces the last good one.
    const bool keep_playlist = !playlist && content->playlists.count(m_context.screen_group) != 0;
    if (!keep_playlist) m_portal_playlist = playlist.value_or(Playlist{});
    m_portal_warning = warning;
    setContent(content, now_s);
}

void DisplayApp::setContent(const std::shared_ptr<const Content>& published, std::int64_t now_s) {
    // Notices staff raised on this screen are urgent in what it schedules.
    const std::shared_ptr<const Content> content = withRaisedUrgent(published, m_overrides);
    pollLocalPlaylist(*content, now_s); // its refs are checked again against the new publish
    choosePlaylist();
    if (m_rotation) m_rotation->update(m_playlist, *content, now_s);
    m_published = published;
    m_context.content = content; // after the rotation no longer points into the old one
    m_view.site_name = content->site.name;
    m_view.status_text = generatedAtText(*content, m_context.utc_offset_s);
    m_slot_key.clear(); // rebuild the card from the new publish
    m_textures.collect();
}

void DisplayApp::applyStaffOverrides(const StaffOverrides& overrides, std::int64_t now_s) {
    if (m_rotation) {
        for (const std::string& id : m_overrides.dismissed_urgent) m_rotation->restoreUrgent(id);
        for (const std::string& id : overrides.dismissed_urgent) m_rotation->dismissUrgent(id);
    }
    m_overrides = overrides;
    setContent(m_published, now_s);
}

std::optional<int> DisplayApp::handleStaffRequest(const StaffRequest& request, std::int64_t now_s) {
    if (request.playlist_changed) m_local_polled_s = -1; // the staff's edit shows at the next frame
    if (request.overrides) applyStaffOverrides(*request.overrides, now_s);
    if (request.switch_to) m_switch_to = request.switch_to;
    if (request.switch_to || request.exit) return 0;
    return std::nullopt;
}

void DisplayApp::invalidate() {
    m_slot_key.clear();
    m_changes.clear();
}

void DisplayApp::offerScreenshot(std::int64_t now_s) {
    if (m_screenshots != nullptr && !m_covered && m_screenshots->due(now_s))
        m_screenshots->put(takeScreenshot(m_window, now_s));
}

void DisplayApp::setCovered(bool covered, std::int64_t now_s) {
    if (covered == m_covered) return;
    m_covered = covered;
    if (covered) {
        recordShownSlot(now_s);
        m_play_key.clear(); // uncovered, the slot on screen then is a new play
    }
    invalidate();
}

void DisplayApp::checkLocalPlaylist(std::int64_t now_s) {
    if (!m_local || now_s == m_local_polled_s) return;
    m_local_polled_s = now_s;
    if (!pollLocalPlaylist(*m_context.content, now_s)) return;
    choosePlaylist();
    if (m_rotation) m_rotation->update(m_playlist, *m_context.content, now_s); // continues as after a publish
    m_slot_key.clear(); // redraw: the position, the card or the staff note changed
}

bool DisplayApp::pollLocalPlaylist(const Content& content, std::int64_t now_s) {
    if (!m_local) return false;
    const LocalPlaylistChange change = m_local->poll(content, now_s);
    if (change == LocalPlaylistChange::None) return false;
    logLine(change == LocalPlaylistChange::Rejected ? LogLevel::Warn : LogLevel::Info, m_local->logLine(change));
    return true;
}

void DisplayApp::choosePlaylist() {
    const bool local = m_local && m_local->playlist();
    m_playlist = local ? *m_local->playlist() : m_portal_playlist;
    const bool local_note = m_local && !m_local->note().empty();
    const std::string playlist_note = local_note ? m_local->note() : (local ? "" : m_portal_warning);
    const std::string& config_note = m_context.config_warning;
    m_view.staff_warning =
        config_note.empty() || playlist_note.empty() ? config_note + playlist_note : config_note + "　" + playlist_note;
}

std::string DisplayApp::offlineText(std::int64_t now_s) const {
    // Offline once the portal has been unreachable for more than two intervals; content stays.
    if (m_sync_state.last_error.empty() || m_sync_state.last_success == 0 ||
        now_s - m_sync_state.last_success <= 2 * static_cast<std::int64_t>(m_context.sync_interval_s))
        return "";
    const CivilTime t = civilFromEpoch(m_sync_state.last_success, m_context.utc_offset_s);
    return "网络中断，正在显示 " + std::to_string(t.month) + "月" + std::to_string(t.day) + "日 " +
           formatHourMinute(t) + " 同步的内容";
}

bool DisplayApp::partialRedrawSafe() const {
    // Only a back buffer whose picture is known: presented by copying (it holds the last one), or
    // one of a swap chain whose age EGL/GLX reports, with the frames drawn since then remembered.
    const int age = m_window.backBufferAge();
    // (A new window size needs no check here: renderFrame lays out again and draws whole first.)
    return age >= 1 && static_cast<size_t>(age - 1) <= m_changes.size();
}

std::int64_t DisplayApp::nextWake(std::int64_t now_s) const {
    return std::min<std::int64_t>(now_s + 1, m_rotation ? m_rotation->nextChangeAfter(now_s) : now_s + 1);
}

int DisplayApp::run() {
    std::int64_t drawn_second = -1;
    bool dirty = true;
    for (;;) {
        if (stopRequested()) return 0; // systemd stops the unit: ~DisplayApp records the item on screen
        Watchdog::instance().frameAlive(drawn_second >= 0); // READY=1 after the first frame, then pings
        programLog().flushSuppressed(); // a flood that has stopped gets its summary line now, not hours later
        const std::int64_t now_s = wallClockNow();
        const bool staff_up = m_staff != nullptr && m_staff->active();
        setCovered(staff_up, now_s);
        m_window.refreshSize();
        if (!m_window.drawable()) {
            // Nothing to draw into until the compositor gives the window a size again.
        } else if (staff_up) {
            if (m_staff->needsRedraw() || now_s != drawn_second) {
                const StaffRequest request = m_staff->frame(*m_published, m_sync_state, now_s);
                m_window.present();
                drawn_second = now_s;
                if (const std::optional<int> code = handleStaffRequest(request, now_s)) return *code;
                dirty = true;
                if (m_staff->needsRedraw()) continue;
            }
        } else if (dirty || fading() || ticking() || now_s != drawn_second) {
            const std::vector<GlWindow::Damage> damage = renderFrame(now_s, false, !dirty && partialRedrawSafe());
            offerScreenshot(now_s);
            m_window.present(damage);
            if (drawn_second < 0) logFirstFrame(m_window, "display mode", m_context.content->generation);
            drawn_second = now_s;
            dirty = false;
        }
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, static_cast<int>(waitMs(now_s))) == 0) {
            if (m_staff != nullptr && m_staff->poll(static_cast<std::int64_t>(SDL_GetTicks64()))) dirty = true;
            continue;
        }
        do {
            ImGui_ImplSDL2_ProcessEvent(&event);
            if (m_staff != nullptr && m_staff->handleEvent(event, static_cast<std::int64_t>(SDL_GetTicks64())))
                continue;
            if (event.type == SDL_QUIT) return quitExitCode(m_context.allow_quit);
            if (event.type == m_sync_event) takePendingReport(wallClockNow());
            if (event.type == m_sync_event || event.type == SDL_WINDOWEVENT || event.type == SDL_MOUSEBUTTONUP ||
                event.type == SDL_FINGERUP)
                dirty = true;
        } while (SDL_PollEvent(&event) != 0);
    }
}

Uint32 DisplayApp::waitMs(std::int64_t now_s) const {
    // Sleep until the next thing that changes the picture: the next clock second, a rotation
    // step, the next fade or ticker frame, or the staff gesture. A still screen wakes once a second:
    // never later, so that a wall clock stepped back between now_s and here (an NTP step, an RTC
    // years off) cannot turn the wait into days of a frozen screen that also misses SIGTERM.
    const auto now = std::chrono::system_clock::now();
    const auto next_second = std::chrono::system_clock::time_point(std::chrono::seconds(nextWake(now_s)));
    std::int64_t wait_ms = std::clamp<std::int64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(next_second - now).count() + 1, 1, 1000);
    const bool staff_up = m_staff != nullptr && m_staff->active();
    if (!staff_up && fadeProgress() < 1.0) wait_ms = std::min<std::int64_t>(wait_ms, kFadeFrameMs);
    if (!staff_up && !m_view.ticker_text.empty()) wait_ms = std::min<std::int64_t>(wait_ms, kTickerFrameMs);
    if (m_staff != nullptr)
        if (const std::optional<std::int64_t> staff = m_staff->wakeIn(static_cast<std::int64_t>(SDL_GetTicks64())))
            wait_ms = std::min(wait_ms, *staff);
    return static_cast<Uint32>(wait_ms);
}

} // namespace gk
