// Display mode: the information screen's state and its event-driven frame loop. Holds the content
// snapshot, the playlist and the scheduler's rotation; turns the current slot into a view; draws
// only when something visible changes (clock second, rotation, fade frames, input).
#pragma once

#include "config/playlist.h"
#include "display/info_screen.h"
#include "display/scheduler.h"
#include "kiosk/gl_window.h"
#include "kiosk/textures.h"
#include "sync/content.h"
#include "sync/worker.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace gk {

struct DisplayContext {
    std::shared_ptr<const Content> content;
    std::string screen_group = "hall-main";
    int utc_offset_s = 8 * 3600;
    bool allow_quit = true; // windowed runs close with the window; the hall screen never does
    int sync_interval_s = 300;
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

    // One frame at wall time now_s. `settled` skips the fade (screenshots); `partial` allows
    // redrawing only the clock when nothing else changed. `overlay`, when set, draws on top (the
    // kiosk's attract prompt) and rules out partial frames. Leaves the frame in the back buffer;
    // the caller presents or reads it.
    void renderFrame(std::int64_t now_s, bool settled, bool partial = false,
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
    const StoreState& syncState() const { return m_sync_state; }

    // For a loop that embeds this screen (kiosk mode's attract loop):
    void reserveBottom(float px) { m_view.reserved_bottom = px; }
    std::uint32_t syncEventType() const { return m_sync_event; }
    void takePendingReport(std::int64_t now_s); // applies a report the worker posted, if any
    bool fading() const { return fadeProgress() < 1.0; }
    std::int64_t nextWake(std::int64_t now_s) const; // the next second the picture changes
    // 网络中断 … when the portal has been unreachable for more than two intervals, else "".
    std::string offlineText(std::int64_t now_s) const;

private:
    bool updateSlot(std::int64_t now_s); // true when the slot changed
    double fadeProgress() const;
    bool partialRedrawSafe() const;

    GlWindow& m_window;
    DisplayContext m_context;
    Theme m_theme;
    Playlist m_playlist;
    std::unique_ptr<Rotation> m_rotation;
    TextureCache m_textures;
    InfoScreenView m_view;
    std::string m_slot_key;
    std::uint64_t m_fade_start_ms = 0;
    int m_settled_full_frames = 0; // full frames drawn since the picture last changed
    StoreState m_sync_state;
    std::uint32_t m_sync_event = 0; // SDL user event type that wakes the loop
    std::mutex m_mailbox_mutex;
    std::optional<SyncReport> m_pending_report;
    std::shared_ptr<const Content> m_pending_content; // the newest publish not yet shown
};

} // namespace gk
