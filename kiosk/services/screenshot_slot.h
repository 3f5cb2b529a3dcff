// A small picture of the screen for the heartbeat, so that the county's IT person sees what each
// screen shows without walking to it (docs/portal-feed.md, "Status"). The frame loop takes one
// every heartbeat interval while the rotation is on screen — never a resident's pages or the staff
// panel — and the heartbeat sender attaches the newest undelivered one to its next POST. Kept in
// memory only: after a restart the first picture of the new run replaces it. The picture itself is
// taken by kiosk/platform/screenshot.h.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace gk {

inline constexpr int kScreenshotLongSide = 480; // 480×270 for a 1920×1080 screen: 30–60 KB of PNG

struct Screenshot {
    std::int64_t taken_at_s = 0;
    int width = 0;
    int height = 0;
    std::string png;
};

// Shared by the frame loop (due, put) and the heartbeat sender (undelivered, delivered).
class ScreenshotSlot {
public:
    explicit ScreenshotSlot(int interval_s) : m_interval_s(interval_s) {}
    // The sender says whether it has somewhere to send pictures (the publish names a status_url).
    void setWanted(bool wanted);
    // Wanted, and no picture yet, the newest is an interval old, or the clock went back past it.
    bool due(std::int64_t now_s) const;
    void put(Screenshot shot);
    // The newest picture not delivered yet, with the serial to hand to delivered(); none when the
    // newest failed to encode (the next is due an interval later).
    std::optional<std::pair<std::uint64_t, Screenshot>> undelivered() const;
    void delivered(std::uint64_t serial);

private:
    mutable std::mutex m_mutex;
    int m_interval_s;
    bool m_wanted = false;
    std::optional<Screenshot> m_newest;
    std::uint64_t m_serial = 0;           // of m_newest; 0: none yet
    std::uint64_t m_delivered_serial = 0; // the newest serial the portal has taken
};

} // namespace gk
