// The hall's live state. See hall_session.h.
#include "kiosk/core/hall_session.h"

#include "display/info/info_card.h"
#include "display/text/chinese_format.h"
#include "kiosk/core/log.h"
#include "kiosk/playlist/playlist_timeline.h"
#include "kiosk/playlist/playlist_validation.h"
#include "kiosk/playlist/video_support.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace gk {
namespace {

constexpr double kFadeMs = 400.0;
constexpr std::int64_t kMinPageS = 8; // a page of a long card shows at least this long

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
                                                std::int64_t now_s, SlotSeconds slot_seconds) {
    const std::int64_t midnight = epochOfLocalDay(localDayNumber(now_s, utc_offset_s), utc_offset_s);
    auto rotation = std::make_unique<Rotation>(playlist, content, utc_offset_s, midnight, std::move(slot_seconds));
    // Step in less than the scheduler's catch-up limit so that it replays the day exactly.
    for (std::int64_t t = midnight; t < now_s; t += Rotation::kCatchUpLimitS / 2) rotation->at(t);
    return rotation;
}

int SlotStretcher::secondsOf(const Playlist& playlist, const Content& content, int utc_offset_s,
                             const PlaylistItem& item, const Slot& slot) {
    if (m_pager == nullptr || !playlist.stretches(item)) return playlist.durationOf(item);
    auto [it, fresh] = m_pages.try_emplace(slot.ref, 1);
    if (fresh)
        it->second = m_pager->referencePagesOf(buildInfoCard(content, playlist, slot, utc_offset_s),
                                               playlist.orientation == Orientation::Portrait);
    return playlist.stretchedDurationOf(item, it->second);
}

std::optional<Playlist> playlistForGroup(const Content& content, const std::string& group, std::string& warning) {
    const auto it = content.playlists.find(group);
    if (it == content.playlists.end()) {
        warning = "门户没有屏幕组 “" + group + "” 的播放列表，显示站点名称和时钟";
        return std::nullopt;
    }
    // The same rule as for staff's local file (PlaylistSource) and `playlist check`.
    const std::string label = "playlists/" + group + ".json (published)";
    PlaylistResult checked = readScreenPlaylist(it->second, label, content);
    if (!checked.usable()) {
        warning = "门户的播放列表无法读取：" + label + ": " + firstProblemSummary(checked.problems);
        return std::nullopt;
    }
    if (!checked.skipped.empty()) {
        logLine(LogLevel::Warn, "playlist " + label + ": " + skippedSummary(checked) +
                                    "; first: " + firstProblemSummary(checked.problems));
    }
    warning.clear();
    return std::move(checked.playlist);
}

HallSession::HallSession(HallContext context)
    : m_context(std::move(context)), m_nav(m_context.elder_default, m_context.idle_timeout_s) {
    m_content = m_context.content;
    m_published = m_content;
    m_portal_playlist = playlistForGroup(*m_content, m_context.screen_group, m_portal_warning).value_or(Playlist{});
    if (!m_context.local_playlist.empty()) m_local.emplace(m_context.local_playlist, m_context.utc_offset_s);
    choosePlaylist(); // the local file is read at the first frame: its checks need the time
    m_view.site_name = m_content->site.name;
    m_view.status_text = generatedAtText(*m_content, m_context.utc_offset_s);
}

HallSession::~HallSession() {
    recordShownSlot(wallClockNow());
}

void HallSession::setShape(bool portrait, float reserved_bottom) {
    if (portrait == m_view.portrait && reserved_bottom == m_view.reserved_bottom) return;
    m_view.portrait = portrait;
    m_view.reserved_bottom = reserved_bottom;
    rebuild();
}

bool HallSession::updateSlot(HallTime now) {
    checkLocalPlaylist(now.wall_s);
    const Slot& slot = rotation(now.wall_s).at(now.wall_s);
    const std::string key = slot.ref + "@" + std::to_string(slot.start_s);
    if (key == m_slot_key) return false;
    m_slot_key = key;
    if (key != m_play_key && !m_covered) { // not just a redraw for a new publish
        recordShownSlot(now.wall_s);
        m_play_key = key;
        m_play = PlayRecord{slot.ref, m_context.screen_group, now.wall_s, 0, std::string(slotReasonName(slot.reason))};
        m_play_slot_end_s = slot.end_s;
    }
    m_fade_start_ms = now.steady_ms;
    m_view.card = buildInfoCard(*m_content, m_playlist, slot, m_context.utc_offset_s);
    if (m_view.card.qr_url.empty()) { // image and text cards: the site's mobile portal
        m_view.card.qr_url = m_content->site.mobile_url;
        m_view.card.qr_caption = "访问政务公开网站";
    }
    m_view.qr = m_view.card.qr_url.empty() ? std::nullopt : encodeQr(m_view.card.qr_url);
    m_view.urgent_banner = slot.reason == SlotReason::Urgent ? "紧急通知　" + m_view.card.title : "";
    m_view.urgent_notice_id.clear();
    if (std::string error; slot.reason == SlotReason::Urgent)
        if (const std::optional<ContentRef> ref = parseContentRef(slot.ref, error)) m_view.urgent_notice_id = ref->id;
    m_view.image.reset();
    m_view.video_frame.reset();
    m_view.video_width = m_view.video_height = 0;
    if (m_view.card.video) { // its shape on screen, known before the first frame
        const VideoFileFacts facts = videoFileFacts(m_view.card.video->file);
        m_view.video_width = facts.width;
        m_view.video_height = facts.height;
    }
    m_view.position_text = positionText(slot, now.wall_s);
    m_view.card_page = 0;
    m_slot_start_s = slot.start_s;
    const PlaylistItem* item = slot.item_index >= 0 ? &m_playlist.items[static_cast<std::size_t>(slot.item_index)]
                               : slot.reason == SlotReason::Fallback && m_playlist.fallback ? &*m_playlist.fallback
                                                                                            : nullptr;
    m_slot_duration_s = item != nullptr
                            ? m_stretcher.secondsOf(m_playlist, *m_content, m_context.utc_offset_s, *item, slot)
                            : m_playlist.default_duration_s;
    if (const PlaylistImage* image =
            slot.item_index >= 0 ? m_playlist.items[static_cast<size_t>(slot.item_index)].image() : nullptr;
        image != nullptr && m_images != nullptr) {
        const Attachment attachment{image->name, image->href, image->sha256, image->bytes, image->type, ""};
        m_view.image = m_images->image(image->sha256, m_content->attachmentPath(attachment));
    }
    return true;
}

void HallSession::endSlot(std::int64_t now_s) {
    rotation(now_s).endCurrentSlot();
}

std::vector<const Notice*> HallSession::urgentNotices(std::int64_t now_s) {
    return rotation(now_s).liveUrgent(now_s); // the ones that interrupt the information screen
}

SlotSeconds HallSession::slotSeconds() {
    return [this](const PlaylistItem& item, const Slot& slot) {
        return m_stretcher.secondsOf(m_playlist, *m_content, m_context.utc_offset_s, item, slot);
    };
}

Rotation& HallSession::rotation(std::int64_t now_s) {
    if (!m_rotation) {
        m_rotation = rotationSinceMidnight(m_playlist, *m_content, m_context.utc_offset_s, now_s, slotSeconds());
        for (const std::string& id : m_overrides.dismissed_urgent) m_rotation->dismissUrgent(id);
    }
    return *m_rotation;
}

std::string HallSession::positionText(const Slot& slot, std::int64_t now_s) const {
    if (slot.item_index < 0) return {};
    // Counted among the items that can play now, so that a visitor sees 1, 2, 3 … of what really
    // rotates, not gaps for items that are out of schedule, expired or not in the publish.
    std::size_t before = 0, playable = 0;
    for (std::size_t i = 0; i < m_playlist.items.size(); ++i) {
        const bool current = i == static_cast<std::size_t>(slot.item_index);
        if (!current && !itemEligibleAt(m_playlist.items[i], *m_content, now_s, m_context.utc_offset_s)) continue;
        ++playable;
        if (i < static_cast<std::size_t>(slot.item_index)) ++before;
    }
    return std::to_string(before + 1) + " / " + std::to_string(playable);
}

void HallSession::recordShownSlot(std::int64_t now_s) {
    if (m_play && m_records != nullptr) {
        m_play->duration_s = playedSeconds(m_play->start_s, now_s, m_play_slot_end_s);
        m_records->recordPlay(*m_play); // failures are logged by the records; the screen carries on
    }
    m_play.reset();
}

void HallSession::measurePages() {
    const std::size_t pages = m_pager != nullptr ? std::max<std::size_t>(1, m_pager->pagesOf(m_view)) : 1;
    // As many pages as the slot gives kMinPageS each; the rest is on the phone. (A slot is
    // stretched only by the card's pages on the reference screen, SlotStretcher: every screen of a
    // group, whatever its size, shows the same item at once.)
    std::size_t shown = std::clamp<std::size_t>(static_cast<std::size_t>(m_slot_duration_s / kMinPageS), 1, pages);
    m_page_s = shown > 1 ? m_slot_duration_s / static_cast<std::int64_t>(shown) : 0;
    if (!m_view.urgent_notice_id.empty() && pages > 1) {
        // An urgent notice stays on screen until it expires: every page of it goes round, each for
        // the playlist's default duration, so a passer-by sees all of it, not only its first page.
        shown = pages;
        m_page_s = std::max<std::int64_t>(kMinPageS, m_playlist.default_duration_s);
    }
    m_view.card_page = std::min(m_view.card_page, shown - 1);
    m_view.card_page_count = shown;
}

bool HallSession::turnPage(HallTime now) {
    if (m_page_s <= 0) return false;
    const std::int64_t elapsed = std::max<std::int64_t>(0, now.wall_s - m_slot_start_s);
    const auto page =
        static_cast<std::size_t>(elapsed / m_page_s) % m_view.card_page_count; // a long fallback goes round
    if (page == m_view.card_page) return false;
    m_view.card_page = page;
    m_fade_start_ms = now.steady_ms;
    return true;
}

double HallSession::fadeProgress(std::uint64_t steady_ms) const {
    if (!m_fade_start_ms || steady_ms < *m_fade_start_ms) return 1.0;
    return std::clamp(static_cast<double>(steady_ms - *m_fade_start_ms) / kFadeMs, 0.0, 1.0);
}

std::string HallSession::tickerTextAt(std::int64_t now_s) const {
    // The rule (which lines, which notices, under whose schedule) is tickerLinesAt's, shared with
    // `playlist plan`.
    std::string text;
    for (const std::string& line : tickerLinesAt(m_playlist, *m_content, now_s, m_context.utc_offset_s))
        text += (text.empty() ? "" : "　　◆　　") + line;
    return text;
}

unsigned HallSession::advance(HallTime now, bool settled) {
    if (!m_ticker_start_ms) m_ticker_start_ms = now.steady_ms;
    const bool slot_changed = updateSlot(now);

    const CivilTime local = civilFromEpoch(now.wall_s, m_context.utc_offset_s);
    m_view.date_text = formatChineseDate(local) + "  " + formatChineseWeekday(local);
    const std::string clock = formatClock(local);
    const bool clock_changed = clock != m_view.clock_text;
    m_view.clock_text = clock;
    // The ticker's lines change at most once a second (schedules, notice validity) or with the
    // slot (a new publish or playlist restarts it); the frames in between only move it.
    bool ticker_changed = false;
    if (slot_changed || now.wall_s != m_ticker_second) {
        std::string ticker = normalizeCjkPunctuation(tickerTextAt(now.wall_s)); // as every text on screen
        ticker_changed = ticker != m_view.ticker_text;
        m_view.ticker_text = std::move(ticker);
        m_ticker_second = now.wall_s;
    }
    // The ticker's strip takes room from the card: its pages are measured with it.
    if (slot_changed || ticker_changed) measurePages();
    const bool page_turned = turnPage(now) && !slot_changed;
    m_view.ticker_elapsed_ms = settled ? 0 : now.steady_ms - std::min(now.steady_ms, *m_ticker_start_ms);
    const float reveal = settled ? 1.0f : static_cast<float>(fadeProgress(now.steady_ms));
    std::string offline = offlineText(now.wall_s);
    const bool footer_changed = offline != m_view.offline_text;
    const bool same_picture = !slot_changed && !footer_changed && !ticker_changed;
    const bool still = same_picture && !page_turned && reveal == m_view.reveal && reveal >= 1.0f;
    const bool fade_step = same_picture && (page_turned || reveal > m_view.reveal); // only the card changes
    // What differs from the last frame: a few boxes while the picture stays, else everything.
    unsigned changed = kInfoAll;
    if (still || fade_step) {
        changed = (clock_changed ? kInfoClock : 0u) | (m_view.ticker_text.empty() ? 0u : kInfoTicker) |
                  (fade_step ? kInfoCard : 0u);
        if (changed == kInfoAll) changed = kInfoClock; // nothing changed: redraw the clock, not the screen
    }
    m_view.reveal = reveal;
    m_view.offline_text = std::move(offline);
    return changed;
}

void HallSession::post(const SyncReport& report) {
    {
        std::lock_guard<std::mutex> lock(m_mailbox_mutex);
        if (report.outcome.content) m_pending_content = report.outcome.content;
        m_pending_report = report;
    }
    if (m_wake) m_wake();
}

bool HallSession::takePosted(std::int64_t now_s) {
    std::optional<SyncReport> report;
    {
        std::lock_guard<std::mutex> lock(m_mailbox_mutex);
        report.swap(m_pending_report);
        if (report) report->outcome.content = std::move(m_pending_content);
    }
    if (report) applySyncReport(*report, now_s);
    return report.has_value();
}

void HallSession::applySyncReport(const SyncReport& report, std::int64_t now_s) {
    m_sync_state = report.state;
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

void HallSession::setContent(const std::shared_ptr<const Content>& published, std::int64_t now_s) {
    // Notices staff raised on this screen are urgent in what it schedules.
    const std::shared_ptr<const Content> content = withRaisedUrgent(published, m_overrides);
    pollLocalPlaylist(*content, now_s); // its refs are checked again against the new publish
    choosePlaylist();
    // The rotation measures the slots it starts in m_content (slotSeconds); the old publish is kept
    // until the rotation no longer points into it.
    const std::shared_ptr<const Content> previous = std::exchange(m_content, content);
    if (m_rotation) m_rotation->update(m_playlist, *content, now_s);
    m_published = published;
    m_view.site_name = content->site.name;
    m_view.status_text = generatedAtText(*content, m_context.utc_offset_s);
    m_slot_key.clear(); // rebuild the card from the new publish
    if (m_images != nullptr) m_images->collect();
}

void HallSession::applyStaffOverrides(const StaffOverrides& overrides, std::int64_t now_s) {
    if (m_rotation) {
        for (const std::string& id : m_overrides.dismissed_urgent) m_rotation->restoreUrgent(id);
        for (const std::string& id : overrides.dismissed_urgent) m_rotation->dismissUrgent(id);
    }
    m_overrides = overrides;
    setContent(m_published, now_s);
}

StaffOutcome HallSession::applyStaffRequest(const StaffRequest& request, std::int64_t now_s) {
    if (request.playlist_changed) m_local_polled_s = -1; // the staff's edit shows at the next frame
    if (request.overrides) applyStaffOverrides(*request.overrides, now_s);
    return StaffOutcome{request.switch_to.has_value() || request.exit, request.switch_to};
}

void HallSession::setCovered(bool covered, std::int64_t now_s) {
    if (covered == m_covered) return;
    m_covered = covered;
    if (covered) {
        recordShownSlot(now_s);
        m_play_key.clear(); // uncovered, the slot on screen then is a new play
    }
    rebuild();
}

void HallSession::checkLocalPlaylist(std::int64_t now_s) {
    if (!m_local || now_s == m_local_polled_s) return;
    m_local_polled_s = now_s;
    if (!pollLocalPlaylist(*m_content, now_s)) return;
    choosePlaylist();
    if (m_rotation) m_rotation->update(m_playlist, *m_content, now_s); // continues as after a publish
    m_slot_key.clear(); // redraw: the position, the card or the staff note changed
}

bool HallSession::pollLocalPlaylist(const Content& content, std::int64_t now_s) {
    if (!m_local) return false;
    const LocalPlaylistChange change = m_local->poll(content, now_s);
    if (change == LocalPlaylistChange::None) return false;
    logLine(change == LocalPlaylistChange::Rejected ? LogLevel::Warn : LogLevel::Info, m_local->logLine(change));
    return true;
}

void HallSession::choosePlaylist() {
    const bool local = m_local && m_local->playlist();
    m_playlist = local ? *m_local->playlist() : m_portal_playlist;
    m_stretcher.forget(); // cards are measured again, in the playlist and publish of the moment
    const bool local_note = m_local && !m_local->note().empty();
    const std::string playlist_note = local_note ? m_local->note() : (local ? "" : m_portal_warning);
    const std::string& config_note = m_context.config_warning;
    m_view.staff_warning =
        config_note.empty() || playlist_note.empty() ? config_note + playlist_note : config_note + "　" + playlist_note;
}

std::string HallSession::offlineText(std::int64_t now_s) const {
    // Once no new publish could be taken for more than two intervals; content stays. Why is not
    // said: the portal may be unreachable, or its publish refused (a hash, a signature), and the
    // screen states only what it knows.
    if (m_sync_state.last_error.empty() || m_sync_state.last_success == 0 ||
        now_s - m_sync_state.last_success <= 2 * static_cast<std::int64_t>(m_context.sync_interval_s))
        return "";
    const CivilTime t = civilFromEpoch(m_sync_state.last_success, m_context.utc_offset_s);
    return "暂未取得最新内容，正在显示 " + std::to_string(t.month) + "月" + std::to_string(t.day) + "日 " +
           formatHourMinute(t) + " 同步的内容";
}

std::int64_t HallSession::nextWake(std::int64_t now_s) const {
    return std::min<std::int64_t>(now_s + 1, m_rotation ? m_rotation->nextChangeAfter(now_s) : now_s + 1);
}

} // namespace gk
