// The hall's live state, without a window: the publish on screen and the newest one posted by the
// sync worker (the content mailbox), the sync state behind the offline banner, staff's overrides,
// the playlist choice (the publish's, or staff's local file), the scheduler's rotation, proof of
// play, and in kiosk mode the resident's navigation and search. It turns time into the information screen's view; the
// frame loop (kiosk/shell/) draws that view and feeds the session what happened: sync results, staff requests, the
// screen being covered, and the time of each frame. Every decision here is a function of those and is tested without a
// window (tests/kiosk/hall_session_test.cpp). Main thread, except post().
#pragma once

#include "config/playlist.h"
#include "config/settings.h"
#include "display/info/info_view.h"
#include "display/info/scheduler.h"
#include "kiosk/core/kiosk_face.h"
#include "kiosk/core/navigation.h"
#include "kiosk/core/record_sink.h"
#include "kiosk/core/search_session.h"
#include "kiosk/playlist/playlist_source.h"
#include "kiosk/staff/staff_panel.h"
#include "kiosk/staff/staff_settings.h"
#include "sync/content.h"
#include "sync/worker.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace gk {

struct HallContext {
    std::shared_ptr<const Content> content;
    std::string screen_group = "hall-main";
    int utc_offset_s = 8 * 3600;
    int sync_interval_s = 300;
    // Staff's playlist file for the group (kiosk/playlist/playlist_source.h): overrides the
    // publish's while it is present and good; looked at once a second. Empty: none.
    std::filesystem::path local_playlist{}; // (an initializer: contexts built without it stay -Wextra clean)
    // Why the screen runs on the last good config (or the defaults), for the staff note; empty
    // when the config file is fine.
    std::string config_warning{};
    // Kiosk mode: whether a resident's visit starts in 长辈模式, and how long an idle page waits.
    bool elder_default = false;
    int idle_timeout_s = 120;
};

// A frame's time: the wall clock (what the screen shows and schedules by) and a steady clock in
// milliseconds (fades and the ticker move by it, whatever the wall clock does).
struct HallTime {
    std::int64_t wall_s = 0;
    std::uint64_t steady_ms = 0;
};

// The playlist for the screen group from the content, by the one rule for a flawed playlist
// (readScreenPlaylist, kiosk/playlist/playlist_validation.h): bad items are skipped (and logged),
// the rest plays. nullopt when the publish has none for the group or it cannot be read as a
// playlist at all, with the reason in `warning`.
std::optional<Playlist> playlistForGroup(const Content& content, const std::string& group, std::string& warning);

// The rotation as it stands at now_s when it started at local midnight: every screen of a group,
// and a screenshot for that time, show the same item at the same moment.
std::unique_ptr<Rotation> rotationSinceMidnight(const Playlist& playlist, const Content& content, int utc_offset_s,
                                                std::int64_t now_s, SlotSeconds slot_seconds = {});

// Where a card's image comes from: the platform's texture cache in the program (null: no images,
// e.g. tests of the core). Must outlive the session.
struct CardImageSource {
    virtual ~CardImageSource() = default;
    // The decoded image of the attachment file with that sha256; nullopt when it cannot be shown.
    virtual std::optional<CardImage> image(const std::string& sha256, const std::filesystem::path& file) = 0;
    // The publish changed: images not asked for since the last call may go.
    virtual void collect() = 0;
};

// How many pages a card's text takes on the screen, for the view as it stands (its card and shape):
// the painter measures it with the fonts. Without one (tests of the core) every card is one page.
struct CardPager {
    virtual ~CardPager() = default;
    virtual std::size_t pagesOf(const InfoScreenView& view) = 0;
    // How many pages the card takes on the reference screen of the group's orientation
    // (referenceCardPages, display/info/info_screen.h), whatever this screen's size.
    virtual std::size_t referencePagesOf(const InfoCard& card, bool portrait) = 0;
};

// How long a slot lasts on the screen and in `playlist plan`: the item's duration for each
// screenful its card takes on the reference screen, up to the staff's max_duration_s
// (Playlist::stretchedDurationOf). Each card is measured once, until forget() (a new publish or
// playlist). Without a pager (tests of the core), durationOf. The pager measures with the fonts,
// which need no frame once they are loaded.
class SlotStretcher {
public:
    explicit SlotStretcher(CardPager* pager = nullptr) : m_pager(pager) {}
    void setPager(CardPager* pager) {
        m_pager = pager;
        forget();
    }
    int secondsOf(const Playlist& playlist, const Content& content, int utc_offset_s, const PlaylistItem& item,
                  const Slot& slot);
    void forget() { m_pages.clear(); }

private:
    CardPager* m_pager;
    std::map<std::string, std::size_t> m_pages; // by slot ref
};

// What staff asked that the screen itself cannot do: end the run, maybe to restart in the other
// mode.
struct StaffOutcome {
    bool end_run = false;
    std::optional<DeviceMode> switch_to;
};

class HallSession {
public:
    explicit HallSession(HallContext context);
    ~HallSession(); // the item on screen counts as played until now
    HallSession(const HallSession&) = delete;
    HallSession& operator=(const HallSession&) = delete;

    // Proof of play: every slot that ends is recorded here with its shown duration (null, the
    // default: nothing is recorded, e.g. screenshots). Must outlive the session.
    void setRecords(RecordSink* records) { m_records = records; }
    void setImages(CardImageSource* images) { m_images = images; }
    void setPager(CardPager* pager) {
        m_pager = pager;
        m_stretcher.setPager(pager);
    }

    // The content mailbox. From the sync worker's thread: keeps the report (the newest publish in
    // it is never lost to a later report without one) and calls the wake function, which the frame
    // loop sets to wake itself.
    void post(const SyncReport& report);
    void setWake(std::function<void()> wake) { m_wake = std::move(wake); }
    // Wakes the frame loop from another thread (a PDF page is ready), as post() does.
    void wakeFrameLoop() const {
        if (m_wake) m_wake();
    }
    // On the main thread: applies a report posted since the last call; true when there was one.
    bool takePosted(std::int64_t now_s);
    // A new publish replaces the content (the rotation continues, a broken playlist keeps the last
    // good one); the sync state drives the offline banner.
    void applySyncReport(const SyncReport& report, std::int64_t now_s);
    // What staff set on this screen: raised notices interrupt as urgent, dismissed ones do not.
    void applyStaffOverrides(const StaffOverrides& overrides, std::int64_t now_s);
    StaffOutcome applyStaffRequest(const StaffRequest& request, std::int64_t now_s);
    // Whether something hides the rotation (the staff panel; in kiosk mode, a resident's pages):
    // the item under it stops counting as played at now_s, and counts again, as a new play, from
    // the first frame after it is uncovered. Idempotent: call it every loop turn.
    void setCovered(bool covered, std::int64_t now_s);

    // The screen's shape, from the frame loop's window: the card is built for it.
    void setShape(bool portrait, float reserved_bottom);
    // The next frame is built whole (the picture was covered or the window changed): its card
    // fades in again and advance() reports everything changed.
    void rebuild() { m_slot_key.clear(); }
    // The view at `now`; `settled` skips the fade and stops the ticker at its start (screenshots).
    // Returns what differs from the last call's view (kInfo* regions; kInfoAll: everything).
    unsigned advance(HallTime now, bool settled);
    const InfoScreenView& infoView() const { return m_view; }
    // Which slot is on screen ("REF@START"): a new one starts its video again.
    const std::string& slotKey() const { return m_slot_key; }
    // The Video card's current frame, from the screen's player (none before its first frame).
    void setVideoFrame(std::optional<CardImage> frame) { m_view.video_frame = frame; }
    // The slot on screen ends now (its video ended or failed): the rotation moves on at the next
    // advance().
    void endSlot(std::int64_t now_s);

    bool fading(std::uint64_t steady_ms) const { return fadeProgress(steady_ms) < 1.0; }
    bool ticking() const { return !m_view.ticker_text.empty(); }
    std::int64_t nextWake(std::int64_t now_s) const; // the next second the picture changes
    // 暂未取得最新内容 … when no new publish could be taken for more than two intervals, else "".
    std::string offlineText(std::int64_t now_s) const;

    const std::shared_ptr<const Content>& content() const { return m_content; }
    // The publish as the portal made it (content() has staff's raised notices made urgent).
    const std::shared_ptr<const Content>& published() const { return m_published; }
    const StoreState& syncState() const { return m_sync_state; }
    int utcOffset() const { return m_context.utc_offset_s; }

    // The urgent notices in force at now_s that this screen shows (published as urgent or raised
    // by staff, not dismissed here), newest first: the kiosk's banner on every page.
    std::vector<const Notice*> urgentNotices(std::int64_t now_s);

    // Kiosk mode: where the resident is (history, elder mode, idle countdown) and their search.
    Navigator& navigator() { return m_nav; }
    const Navigator& navigator() const { return m_nav; }
    SearchSession& search() { return m_search; }
    const SearchSession& search() const { return m_search; }
    // The resident's screen at `now`, inside an ImGui frame (kiosk/core/kiosk_face.h).
    KioskFrame kioskView(HallTime now, const KioskFaceInput& input) {
        return m_kiosk_face.frame(*this, now.wall_s, static_cast<double>(now.steady_ms) / 1000.0, input);
    }
    KioskFace& kioskFace() { return m_kiosk_face; }
    const KioskFace& kioskFace() const { return m_kiosk_face; }

private:
    Rotation& rotation(std::int64_t now_s);      // made at the first need: its day is replayed from midnight
    bool updateSlot(HallTime now);               // true when the slot changed
    void checkLocalPlaylist(std::int64_t now_s); // once a second: a changed file takes effect at once
    bool pollLocalPlaylist(const Content& content, std::int64_t now_s); // true (and logged) on a change
    // m_playlist and the staff note (a bad config first, then the playlist's trouble): the good
    // local playlist, else the portal's.
    void choosePlaylist();
    void recordShownSlot(std::int64_t now_s); // the slot that was on screen, played until now_s
    std::string positionText(const Slot& slot, std::int64_t now_s) const; // "2 / 5"; empty off the playlist
    double fadeProgress(std::uint64_t steady_ms) const;
    // A card of several pages shows each for an equal share of its item's duration (at least
    // kMinPageS, so a short slot shows fewer pages), in turn;
    // true when the page changed (its fade starts again).
    void measurePages(); // for the view as it stands
    bool turnPage(HallTime now);
    std::string tickerTextAt(std::int64_t now_s) const;
    SlotSeconds slotSeconds(); // the rotation's: m_stretcher over the playlist and publish of the moment
    void setContent(const std::shared_ptr<const Content>& published, std::int64_t now_s);

    HallContext m_context;
    std::shared_ptr<const Content> m_content; // what is scheduled: the publish with staff's raised notices
    std::shared_ptr<const Content> m_published;
    StaffOverrides m_overrides;
    Playlist m_playlist;          // the one the rotation runs: local, else m_portal_playlist
    Playlist m_portal_playlist;   // the publish's last good playlist for the group
    std::string m_portal_warning; // why the publish's playlist is not used, for the staff note
    std::optional<PlaylistSource> m_local;
    std::int64_t m_local_polled_s = -1;
    std::unique_ptr<Rotation> m_rotation;
    InfoScreenView m_view;
    std::string m_slot_key;
    RecordSink* m_records = nullptr;
    CardImageSource* m_images = nullptr;
    CardPager* m_pager = nullptr;
    SlotStretcher m_stretcher;
    std::int64_t m_slot_start_s = 0;
    int m_slot_duration_s = 0;          // of the item on screen (its duration, stretched for a long card)
    std::int64_t m_page_s = 0;          // how long each page of the card shows (0: one page)
    std::string m_play_key;             // the slot being played (m_slot_key is also cleared to redraw)
    std::optional<PlayRecord> m_play;   // since when it is on screen
    std::int64_t m_play_slot_end_s = 0; // when its slot ends: no play lasts longer
    bool m_covered = false;             // see setCovered
    std::optional<std::uint64_t> m_fade_start_ms;
    std::optional<std::uint64_t> m_ticker_start_ms;
    std::int64_t m_ticker_second = -1; // the second m_view.ticker_text was worked out for
    StoreState m_sync_state;
    Navigator m_nav;
    SearchSession m_search;
    KioskFace m_kiosk_face;
    std::function<void()> m_wake;
    std::mutex m_mailbox_mutex;
    std::optional<SyncReport> m_pending_report;
    std::shared_ptr<const Content> m_pending_content; // the newest publish not yet shown
};

} // namespace gk
