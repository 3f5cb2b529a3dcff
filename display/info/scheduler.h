// The information-screen scheduler: which playlist item (or fallback, urgent notice, idle
// screen) is on screen at any instant, and when that changes next. Pure logic with time passed
// in; the screen loop and `playlist plan` share it. Owned by display/; uses config/ (playlist,
// schedule) and sync/'s content model. Must not include curl, SDL, ImGui or GL.
//
// Rules (portal-feed-v1 "playlists"; overnight windows see config/schedule.h — a window's
// weekday and date filters apply to the day it STARTS):
// - An item shows when its schedule is active (absent = always), its ref resolves in the content
//   (resolves(), sync/content.h: the same answer `playlist check` gives) and, for a notice, the
//   notice is valid (Notice::validAt). Image, video and text items need no content (a video the
//   screen cannot play is taken out of its playlist before, readScreenPlaylist in kiosk/).
// - Each slot runs its item's full duration (duration_s, else default_duration_s). At its end the
//   next eligible item after it in playlist order (wrapping) starts; ineligible items are skipped.
// - Nothing eligible: the fallback (if its ref resolves and, for a notice, it is valid), else an
//   Idle slot (site name and clock). Both end as soon as any item becomes eligible.
// - A valid urgent notice (level Urgent) that staff have not dismissed preempts everything at
//   once, even mid-slot. One urgent notice holds the screen until its valid_until; several
//   rotate (default_duration_s each), most recent valid_from (then published_date) first, a newly
//   started one always next. Afterwards the rotation resumes with the item that was cut short,
//   shown again in full (an item that ran its full duration is not repeated).
// - A slot's end already includes every preemption known in advance (an urgent valid_from, an
//   item becoming eligible during fallback/idle), so the screen may sleep until end_s.
#pragma once

#include "config/playlist.h"
#include "sync/content.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

enum class SlotReason { Scheduled, Fallback, Urgent, Idle };

inline constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();

struct Slot {
    // "notice:ID", "guide:ID", "disclosure:ID", "image:<href>", "video:<href>", "text:<index>" ("text:fallback"
    // for a text fallback), or empty for Idle.
    std::string ref;
    int item_index = -1; // index in playlist.items; -1 for fallback, urgent and idle
    SlotReason reason = SlotReason::Idle;
    std::int64_t start_s = 0;
    std::int64_t end_s = kNever; // exclusive; kNever = until something else happens (idle, urgent)
    bool operator==(const Slot&) const = default;
};

std::string_view slotReasonName(SlotReason reason); // "scheduled" | "fallback" | "urgent" | "idle"
// The Slot::ref an item shows as; item_index -1 means the fallback.
std::string slotRef(const PlaylistItem& item, int item_index);
// Its ref, if any, resolves (sync/content.h resolves(): image and text items need no content),
// and a notice is valid at epoch_s (schedule not considered).
bool itemAvailableAt(const PlaylistItem& item, const Content& content, std::int64_t epoch_s);
// Available and its schedule (if any) is active at epoch_s.
bool itemEligibleAt(const PlaylistItem& item, const Content& content, std::int64_t epoch_s, int utc_offset_s);

// A screen's rotation. Keeps a pointer to `content`: the caller keeps it alive (e.g. holds the
// shared_ptr<const Content>) until update() hands over a new one or the Rotation is destroyed.
// How long the slot of a stretching item (Playlist::stretches) lasts, asked when the slot starts
// (its ref and item index set). The screen and `playlist plan` measure the item's card on the
// group's reference screen (kiosk/core/hall_session.h, SlotStretcher), so every screen of a group,
// whatever its size, plays the same timeline. Empty: durationOf.
using SlotSeconds = std::function<int(const PlaylistItem& item, const Slot& slot)>;

class Rotation {
public:
    Rotation(Playlist playlist, const Content& content, int utc_offset_s, std::int64_t start_s,
             SlotSeconds slot_seconds = {});

    // The slot on screen at epoch_s. Times should not go backwards; if they do, the rotation
    // restarts at epoch_s from where it was. After a gap longer than kCatchUpLimitS (a suspended
    // device, a clock step) it restarts at epoch_s instead of replaying the missed slots.
    // The reference stays valid until the next call on this Rotation.
    const Slot& at(std::int64_t epoch_s);
    // When the screen must change next (> epoch_s; kNever if nothing is known to change).
    std::int64_t nextChangeAfter(std::int64_t epoch_s);
    // The exact timeline from from_s until to_s (slots starting before to_s, at most
    // kMaxPlanSlots), computed by at() on a copy; the first slot is the one on screen at from_s.
    std::vector<Slot> plan(std::int64_t from_s, std::int64_t to_s) const;
    // The screen could not show the slot on screen to its end (its video failed, or ended early): it
    // ends at the next at() call, and the rotation goes on with the next item.
    void endCurrentSlot();
    // Staff dismissed this urgent notice on this screen: it does not interrupt again. If it is on
    // screen, it ends at the next at() call.
    void dismissUrgent(std::string_view notice_id);
    // Staff took a dismissal back: the notice interrupts again (from the next update()).
    void restoreUrgent(std::string_view notice_id) { m_dismissed.erase(std::string(notice_id)); }
    const std::set<std::string, std::less<>>& dismissedUrgent() const { return m_dismissed; }
    // The urgent notices that interrupt at t: in force and not dismissed, most recent first.
    std::vector<const Notice*> liveUrgent(std::int64_t t) const;
    // A new publish: continues the rotation (the item on screen keeps running if it is still in
    // the playlist and eligible), keeps the dismissed set, and preempts for new urgent notices.
    void update(Playlist playlist, const Content& content, std::int64_t now_s);
    const Playlist& playlist() const { return m_playlist; }

    static constexpr std::int64_t kCatchUpLimitS = 3600;
    static constexpr std::size_t kMaxPlanSlots = 100000;

private:
    void rebuildUrgentList();
    void startSlotAt(std::int64_t t);
    void finishSlot();
    bool startUrgentSlot(std::int64_t t);
    bool startScheduledSlot(std::int64_t t);
    void startFillSlot(std::int64_t t);
    std::int64_t cutEnd(std::int64_t from_s) const;
    std::int64_t nextUrgentStart(std::int64_t after_s) const;
    std::int64_t nextEligibleStart(const PlaylistItem& item, std::int64_t after_s, bool use_schedule,
                                   bool& gave_up) const;
    std::int64_t nextFillEnd(std::int64_t after_s) const;
    std::int64_t nextItemEligible(std::int64_t after_s) const;
    bool urgentLiveAt(std::int64_t t) const;

    int secondsOf(const PlaylistItem& item) const; // of m_slot, just started with this item

    Playlist m_playlist;
    const Content* m_content;
    int m_utc_offset_s;
    SlotSeconds m_slot_seconds;
    std::vector<const Notice*> m_urgent; // level Urgent, most recent first
    std::set<std::string, std::less<>> m_dismissed;
    std::set<std::string> m_urgent_shown; // shown in the current run of urgent notices
    std::string m_last_urgent;            // cursor of the urgent cycle
    std::size_t m_resume_index = 0;       // where the search for the next scheduled item starts
    Slot m_slot;
    std::int64_t m_natural_end = kNever; // m_slot's end before preemption cuts
    bool m_end_current = false;          // m_slot ends at the next at(): staff dismissed it, or it could not play
    std::int64_t m_last_time = 0;        // the latest time passed in (at, update, constructor)
    // nextItemEligible(t) is `end` for every t in [from, end): no boundary of any item lies between.
    // Fill slots at night restart every few seconds and would walk every item's schedule each time.
    struct EligibleCache {
        std::int64_t from = 0;
        std::int64_t end = 0; // empty while end <= from
    };
    mutable EligibleCache m_next_eligible; // cleared by update()
};

} // namespace gk
