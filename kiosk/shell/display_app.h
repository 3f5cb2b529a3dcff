// Display mode: the information screen's state and its event-driven frame loop. Holds the content
// snapshot, the playlist (the publish's, or staff's local file, polled once a second: see
// kiosk/playlist_source.h) and the scheduler's rotation; turns the current slot into a view; draws
// only when something visible changes (clock second, rotation, fade frames, input).
#pragma once

#include "config/playlist.h"
#include "display/info_screen.h"
#include "display/scheduler.h"
#include "kiosk/gl_window.h"
#include "kiosk/playlist_source.h"
#include "kiosk/records.h"
#include "kiosk/screenshot.h"
#include "kiosk/staff_overlay.h"
#include "kiosk/staff_settings.h"
#include "kiosk/textures.h"
#include "sync/content.h"
#include "sync/worker.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace gk {

struct DisplayContext {
    std::shared_ptr<const Content> content;
    std::string screen_group = "hall-main";
    int utc_offset_s = 8 * 3600;
    bool allow_quit = true; // windowed runs close with the window; the hall screen never does
    int sync_interval_s = 300;
    // Staff's playlist file for the group (kiosk/playlist_source.h): overrides the publish's while
    // it is present and good; looked at once a second. Empty: none.
    std::filesystem::path local_playlist{}; // (an initializer: contexts built without it stay -Wextra clean)
    // Why the screen runs on the last good config (or the defaults), for the staff note; empty
    // when the config file is fine.
    std::string config_warning{};
};

// The playlist for the screen group from the content; nullopt when the publish has none for the
// group or it is invalid, with the reason in `warning`.
std::optional<Playlist> playlistForGroup(const Content& content, const std::string& group, std::string& warning);

// The rotation as it stands at now_s when it started at local midnight: every screen of a group,
// and a screenshot for that time, show the same item at the same moment.
std::unique_ptr<Rotation> rotationSinceMidnight(const Playlist& playlist, const Content& content, int utc_offset_s,
                                                std::int64_t now_s);

class DisplayApp {
public:
    DisplayApp(GlWindow& window, DisplayContext context);
    ~DisplayApp(); // the item on screen counts as played until now

    // Proof of play: every slot that ends is recorded here with its shown duration (null, the
    // default: nothing is recorded, e.g. screenshots). The Records must outlive this app.
    void setRecords(Records* records) { m_records = records; }
    // The staff panel of a running screen (null: none, e.g. screenshots). Must outlive this app.
    void setStaffOverlay(StaffOverlay* staff) { m_staff = staff; }
    // Where a picture of the rotation goes when one is due for the heartbeat (null: none). Must
    // outlive this app.
    void setScreenshots(ScreenshotSlot* screenshots) { m_screenshots = screenshots; }
    // After a frame is drawn and before it is presented (the back buffer holds the whole picture):
    // leaves a picture in the screenshot slot when one is due and the rotation is not covered.
    void offerScreenshot(std::int64_t now_s);
    // What staff set on this screen: raised notices interrupt as urgent, dismissed ones do not.
    void applyStaffOverrides(const StaffOverrides& overrides, std::int64_t now_s);
    // Acts on what the staff panel asks of the screen; returns the exit code when run() must end
    // (the program exits, or restarts in the other mode: see switchRequested()).
    std::optional<int> handleStaffRequest(const StaffRequest& request, std::int64_t now_s);
    // Set when staff switched the mode: run() returned so that the other mode can start.
    std::optional<DeviceMode> switchRequested() const { return m_switch_to; }
    // The next frame redraws the whole screen (after something covered it).
    void invalidate();
    // Whether something hides the rotation (the staff panel; in kiosk mode, a resident's pages):
    // the item under it stops counting as played at now_s, and counts again, as a new play, from
    // the first frame after it is uncovered. Idempotent: call it every loop turn.
    void setCovered(bool covered, std::int64_t now_s);

    // One frame at wall time now_s. `settled` skips the fade (screenshots); `partial` allows
    // redrawing only the clock when nothing else changed. `overlay`, when set, draws on top (the
    // kiosk's attract prompt, drawn outside the clock and the ticker). Leaves the frame in the back buffer;
    // the caller presents or reads it.
    // Returns the boxes drawn when the frame was partial (empty: the whole screen) — present()
    // them.
    std::vector<GlWindow::Damage> renderFrame(std::int64_t now_s, bool settled, bool partial = false,
                                              const std::function<void()>& overlay = nullptr);
    // The loop: runs until the window is closed (when allowed). Returns the exit code.
    int run();

    // From the sync worker's thread: queues the report and wakes the loop.
    void postSyncReport(const SyncReport& report);
    // On the main thread: a new publish replaces the content (the rotation continues, a broken
    // playlist keeps the last good one); the sync state drives the offline banner.
    void applySyncReport(const SyncReport& report, std::int64_t now_s);

    const InfoScreenView& view() const { return m_view; }
    InfoLayout layout() const;
    const std::shared_ptr<const Content>& content() const { return m_context.content; }
    // The publish as the portal made it (content() has staff's raised notices made urgent).
    const std::shared_ptr<const Content>& published() const { return m_published; }
    const TextureCache& textures() const { return m_textures; } // for the soak's figures
    const StoreState& syncState() const { return m_sync_state; }

    // For a loop that embeds this screen (kiosk mode's attract loop):
    void reserveBottom(float px) { m_view.reserved_bottom = px; }
    std::uint32_t syncEventType() const { return m_sync_event; }
    void takePendingReport(std::int64_t now_s); // applies a report the worker posted, if any
    bool fading() const { return fadeProgress() < 1.0; }
    std::int64_t nextWake(std::int64_t now_s) const; // the next second the picture changes
    bool ticking() const { return !m_view.ticker_text.empty(); }
    // Whether the back buffer still holds the last picture, so that a frame may redraw only the
    // boxes that changed.
    bool partialRedrawSafe() const;
    // 网络中断 … when the portal has been unreachable for more than two intervals, else "".
    std::string offlineText(std::int64_t now_s) const;

private:
    // Lays the screen out for the window's size when it changed (theme, portrait); true then.
    bool relayout();
    unsigned withChangesSinceBackBuffer(unsigned regions) const;
    bool updateSlot(std::int64_t now_s);         // true when the slot changed
    void checkLocalPlaylist(std::int64_t now_s); // once a second: a changed file takes effect at once
    bool pollLocalPlaylist(const Content& content, std::int64_t now_s); // true (and logged) on a change
    // m_playlist and the staff note (a bad config first, then the playlist's trouble): the good
    // local playlist, else the portal's.
    void choosePlaylist();
    void recordShownSlot(std::int64_t now_s); // the slot that was on screen, played until now_s
    double fadeProgress() const;
    std::string tickerTextAt(std::int64_t now_s) const;

    void setContent(const std::shared_ptr<const Content>& published, std::int64_t now_s);
    std::uint32_t waitMs(std::int64_t now_s) const; // how long the loop may sleep

    GlWindow& m_window;
    DisplayContext m_context;
    std::shared_ptr<const Content> m_published;
    StaffOverrides m_overrides;
    StaffOverlay* m_staff = nullptr;
    ScreenshotSlot* m_screenshots = nullptr;
    std::optional<DeviceMode> m_switch_to;
    Theme m_theme;
    Playlist m_playlist;          // the one the rotation runs: local, else m_portal_playlist
    Playlist m_portal_playlist;   // the publish's last good playlist for the group
    std::string m_portal_warning; // why the publish's playlist is not used, for the staff note
    std::optional<PlaylistSource> m_local;
    std::int64_t m_local_polled_s = -1;
    std::unique_ptr<Rotation> m_rotation;
    TextureCache m_textures;
    InfoScreenView m_view;
    std::string m_slot_key;
    Records* m_records = nullptr;
    std::string m_play_key;             // the slot being played (m_slot_key is also cleared to redraw)
    std::optional<PlayRecord> m_play;   // since when it is on screen
    std::int64_t m_play_slot_end_s = 0; // when its slot ends: no play lasts longer
    bool m_covered = false;             // see setCovered
    std::uint64_t m_fade_start_ms = 0;
    std::uint64_t m_ticker_start_ms = 0;
    std::int64_t m_ticker_second = -1; // the second m_view.ticker_text was worked out for
    // How each of the last frames differed from the one before, newest first (kInfoAll: all of
    // it), for back buffers older than the last frame; emptied when the screen must be drawn whole.
    static constexpr size_t kChangeHistory = 3;
    std::vector<unsigned> m_changes;
    int m_laid_out_width = -1, m_laid_out_height = -1; // the size m_theme is for
    StoreState m_sync_state;
    std::uint32_t m_sync_event = 0; // SDL user event type that wakes the loop
    std::mutex m_mailbox_mutex;
    std::optional<SyncReport> m_pending_report;
    std::shared_ptr<const Content> m_pending_content; // the newest publish not yet shown
};

} // namespace gk
