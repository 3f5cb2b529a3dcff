// What a playlist does over a span of time, without running the rotation: when nothing of it can
// play (idle windows), and which lines the ticker runs when. The ticker rule lives here too, so the
// screen (HallSession) and `playlist plan` show the same ticker. Pure functions of (playlist,
// content, time, UTC offset); owned by kiosk/ (they see config/'s playlist, sync/'s content model
// and the scheduler's eligibility rules in display/info/scheduler.h). No SDL, ImGui, GL or curl.
//
// The ticker: first the playlist's ticker lines whose schedule is active, then the titles of
// valid urgent notices (【紧急】), then of valid important ones (【重要】). A notice that the
// playlist's items reference only from items with a schedule runs in the ticker only while one of
// those schedules is active: staff who limit a notice to 22:00–06:00 limit its ticker line too. A
// notice the playlist does not reference, or references from an item without a schedule, runs
// whenever it is valid.
#pragma once

#include "config/playlist.h"
#include "display/info/scheduler.h"
#include "sync/content.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gk {

struct TimeSpan {
    std::int64_t start_s = 0;
    std::int64_t end_s = 0; // exclusive
    bool operator==(const TimeSpan&) const = default;
};

// The spans within [from_s, to_s) in which the screen shows only the site name and clock: no item
// is eligible (display/info/scheduler.h itemEligibleAt), the fallback (if any) is not available and
// no urgent notice is valid. In order, merged, non-empty.
std::vector<TimeSpan> idleWindows(const Playlist& playlist, const Content& content, std::int64_t from_s,
                                  std::int64_t to_s, int utc_offset_s);

// The idle slots of a plan (Rotation::plan), merged and clipped to [from_s, to_s): what the screen
// really shows. They begin where idleWindows begins, or later by the rest of the slot that was on
// screen (a slot runs its full duration), and end where it ends.
std::vector<TimeSpan> idleSpansOf(const std::vector<Slot>& slots, std::int64_t from_s, std::int64_t to_s);

// The ticker's lines at epoch_s, in the order they run (see the rule above).
std::vector<std::string> tickerLinesAt(const Playlist& playlist, const Content& content, std::int64_t epoch_s,
                                       int utc_offset_s);

struct TickerWindow {
    TimeSpan span;
    std::vector<std::string> lines; // empty: no ticker
};

// The ticker over [from_s, to_s): one window per change of tickerLinesAt, in order (at most
// max_windows; the last one then ends early).
std::vector<TickerWindow> tickerWindows(const Playlist& playlist, const Content& content, std::int64_t from_s,
                                        std::int64_t to_s, int utc_offset_s, std::size_t max_windows = 5000);

// How often and how long one thing showed in a plan (Rotation::plan): a playlist item, the fallback
// or an urgent notice.
struct ShowingSummary {
    std::string ref;     // Slot::ref
    int item_index = -1; // Slot::item_index (-1: fallback, urgent)
    SlotReason reason = SlotReason::Scheduled;
    std::int64_t first_s = 0; // when it first showed within [from_s, to_s)
    std::int64_t last_s = 0;  // when it last began to show within [from_s, to_s)
    std::size_t count = 0;    // showings
    std::int64_t seconds = 0; // on screen within [from_s, to_s)
};

// One summary per playlist item, fallback and urgent notice that showed in `slots` (idle slots are
// left out: see idleWindows), in the order they first showed; slots are clipped to [from_s, to_s).
std::vector<ShowingSummary> summarizeShowings(const std::vector<Slot>& slots, std::int64_t from_s, std::int64_t to_s);

} // namespace gk
