// The information-screen rotation (see scheduler.h for the rules). Pure logic: time is always
// passed in. Uses config/ and sync/content.h only; must not include curl, SDL, ImGui or GL.
#include "display/info/scheduler.h"

#include <algorithm>
#include <optional>

namespace gk {
namespace {

std::int64_t addSaturated(std::int64_t t, std::int64_t seconds) {
    return t > kNever - seconds ? kNever : t + seconds;
}

// The item names something the publish does not have, so it can never show.
bool refMissing(const PlaylistItem& item, const Content& content) {
    const ContentRef* ref = item.ref();
    return ref && !resolves(content, *ref);
}

const Notice* refNotice(const PlaylistItem& item, const Content& content) {
    const ContentRef* ref = item.ref();
    return ref && ref->kind == RefKind::Notice ? content.findNotice(ref->id) : nullptr;
}

// Most recent first: later valid_from, then later published_date, then id for a stable order.
bool urgentBefore(const Notice* a, const Notice* b) {
    const std::int64_t from_a = a->valid_from.value_or(std::numeric_limits<std::int64_t>::min());
    const std::int64_t from_b = b->valid_from.value_or(std::numeric_limits<std::int64_t>::min());
    if (from_a != from_b) return from_a > from_b;
    if (a->published_date != b->published_date) return a->published_date > b->published_date;
    return a->id < b->id;
}

} // namespace

std::string_view slotReasonName(SlotReason reason) {
    switch (reason) {
    case SlotReason::Scheduled: return "scheduled";
    case SlotReason::Fallback: return "fallback";
    case SlotReason::Urgent: return "urgent";
    case SlotReason::Idle: return "idle";
    }
    return "idle";
}

std::string slotRef(const PlaylistItem& item, int item_index) {
    if (const ContentRef* ref = item.ref()) return ref->str();
    if (const PlaylistImage* image = item.image()) return "image:" + image->href;
    if (const PlaylistVideo* video = item.video()) return "video:" + video->href;
    return "text:" + (item_index < 0 ? std::string("fallback") : std::to_string(item_index));
}

bool itemAvailableAt(const PlaylistItem& item, const Content& content, std::int64_t epoch_s) {
    if (const Notice* notice = refNotice(item, content)) return notice->validAt(epoch_s);
    return !refMissing(item, content);
}

bool itemEligibleAt(const PlaylistItem& item, const Content& content, std::int64_t epoch_s, int utc_offset_s) {
    if (item.schedule && !scheduleActiveAt(*item.schedule, epoch_s, utc_offset_s)) return false;
    return itemAvailableAt(item, content, epoch_s);
}

Rotation::Rotation(Playlist playlist, const Content& content, int utc_offset_s, std::int64_t start_s,
                   SlotSeconds slot_seconds)
    : m_playlist(std::move(playlist)), m_content(&content), m_utc_offset_s(utc_offset_s),
      m_slot_seconds(std::move(slot_seconds)) {
    rebuildUrgentList();
    m_last_time = start_s;
    startSlotAt(start_s);
}

const Slot& Rotation::at(std::int64_t epoch_s) {
    m_last_time = epoch_s;
    if (m_end_current) {
        m_end_current = false;
        m_slot.end_s = std::clamp(epoch_s, m_slot.start_s, m_slot.end_s);
        // An item that ended early on screen has had its turn: the rotation goes on after it.
        if (m_slot.reason == SlotReason::Scheduled) m_natural_end = m_slot.end_s;
    }
    if (epoch_s < m_slot.start_s) {
        startSlotAt(epoch_s);
    } else if (m_slot.end_s != kNever && epoch_s - m_slot.end_s > kCatchUpLimitS) {
        finishSlot();
        startSlotAt(epoch_s);
    }
    while (epoch_s >= m_slot.end_s) {
        finishSlot();
        startSlotAt(m_slot.end_s);
    }
    return m_slot;
}

std::int64_t Rotation::nextChangeAfter(std::int64_t epoch_s) {
    return at(epoch_s).end_s;
}

std::vector<Slot> Rotation::plan(std::int64_t from_s, std::int64_t to_s) const {
    Rotation copy = *this;
    std::vector<Slot> slots;
    std::int64_t t = from_s;
    while (t < to_s && slots.size() < kMaxPlanSlots) {
        slots.push_back(copy.at(t));
        t = slots.back().end_s;
    }
    return slots;
}

void Rotation::endCurrentSlot() {
    m_end_current = true;
}

void Rotation::dismissUrgent(std::string_view notice_id) {
    m_dismissed.insert(std::string(notice_id));
    m_urgent_shown.erase(std::string(notice_id));
    if (m_slot.reason == SlotReason::Urgent && m_slot.ref == "notice:" + std::string(notice_id)) {
        m_end_current = true;
    } else {
        // A cut for this notice's valid_from no longer applies. Cuts before m_last_time cannot exist
        // (at(m_last_time) returned this slot), so recomputing from there is exact.
        m_slot.end_s = cutEnd(std::max(m_slot.start_s, m_last_time));
    }
}

void Rotation::update(Playlist playlist, const Content& content, std::int64_t now_s) {
    std::optional<PlaylistItem> shown;
    if (m_slot.reason == SlotReason::Scheduled) shown = m_playlist.items[m_slot.item_index];
    const std::size_t old_index = static_cast<std::size_t>(std::max(m_slot.item_index, 0));
    m_playlist = std::move(playlist);
    m_content = &content;
    m_next_eligible = {};
    rebuildUrgentList();
    m_end_current = false;
    const std::size_t n = m_playlist.items.size();
    std::size_t found = n; // the shown item's index in the new playlist (same index preferred)
    for (std::size_t i = 0; shown && i < n && found == n; ++i) {
        const std::size_t j = (old_index + i) % n;
        if (m_playlist.items[j].content == shown->content) found = j;
    }
    const bool running = now_s >= m_slot.start_s && now_s < m_slot.end_s;
    if (found < n && running && !urgentLiveAt(now_s) &&
        itemEligibleAt(m_playlist.items[found], *m_content, now_s, m_utc_offset_s)) {
        m_slot.item_index = static_cast<int>(found);
        m_slot.ref = slotRef(m_playlist.items[found], m_slot.item_index);
        m_slot.end_s = std::min(m_natural_end, nextUrgentStart(now_s));
        m_resume_index = found;
        m_last_time = now_s;
        return;
    }
    // Continue after the item that was on screen (with it again if an urgent notice cuts it).
    const std::size_t next =
        found < n ? found + (urgentLiveAt(now_s) ? 0 : 1) : (shown ? old_index + 1 : m_resume_index);
    m_resume_index = n == 0 ? 0 : next % n;
    m_last_time = now_s;
    startSlotAt(now_s);
}

void Rotation::rebuildUrgentList() {
    m_urgent.clear();
    for (const Notice& notice : m_content->notices) {
        if (notice.level == NoticeLevel::Urgent) m_urgent.push_back(&notice);
    }
    std::sort(m_urgent.begin(), m_urgent.end(), urgentBefore);
}

void Rotation::startSlotAt(std::int64_t t) {
    if (startUrgentSlot(t)) return;
    m_urgent_shown.clear();
    m_last_urgent.clear();
    if (!startScheduledSlot(t)) startFillSlot(t);
}

// Where the search for the next item starts once the current slot is over.
void Rotation::finishSlot() {
    if (m_slot.reason != SlotReason::Scheduled || m_playlist.items.empty()) return;
    const bool cut_short = m_slot.end_s < m_natural_end;
    m_resume_index = (static_cast<std::size_t>(m_slot.item_index) + (cut_short ? 0 : 1)) % m_playlist.items.size();
}

std::vector<const Notice*> Rotation::liveUrgent(std::int64_t t) const {
    std::vector<const Notice*> live;
    for (const Notice* n : m_urgent)
        if (n->validAt(t) && !m_dismissed.count(n->id)) live.push_back(n);
    return live;
}

bool Rotation::urgentLiveAt(std::int64_t t) const {
    return std::any_of(m_urgent.begin(), m_urgent.end(),
                       [&](const Notice* n) { return n->validAt(t) && !m_dismissed.count(n->id); });
}

bool Rotation::startUrgentSlot(std::int64_t t) {
    const std::vector<const Notice*> live = liveUrgent(t);
    if (live.empty()) return false;
    // A notice not shown yet goes first (most recent first); otherwise the cycle moves on from
    // its cursor, which first showings do not move, so a cut-in does not reset the order.
    auto pick = std::find_if(live.begin(), live.end(), [&](const Notice* n) { return !m_urgent_shown.count(n->id); });
    if (pick == live.end()) {
        auto last = std::find_if(live.begin(), live.end(), [&](const Notice* n) { return n->id == m_last_urgent; });
        pick = (last == live.end() || last + 1 == live.end()) ? live.begin() : last + 1;
        m_last_urgent = (*pick)->id;
    }
    const Notice& notice = **pick;
    m_urgent_shown.insert(notice.id);
    m_natural_end = notice.valid_until.value_or(kNever);
    if (live.size() > 1)
        m_natural_end = std::min(m_natural_end, addSaturated(t, std::max(1, m_playlist.default_duration_s)));
    m_slot = Slot{"notice:" + notice.id, -1, SlotReason::Urgent, t, kNever};
    m_slot.end_s = cutEnd(t);
    return true;
}

bool Rotation::startScheduledSlot(std::int64_t t) {
    const std::size_t n = m_playlist.items.size();
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = (m_resume_index + k) % n;
        const PlaylistItem& item = m_playlist.items[i];
        if (!itemEligibleAt(item, *m_content, t, m_utc_offset_s)) continue;
        m_slot = Slot{slotRef(item, static_cast<int>(i)), static_cast<int>(i), SlotReason::Scheduled, t, kNever};
        m_natural_end = addSaturated(t, secondsOf(item));
        m_slot.end_s = cutEnd(t);
        return true;
    }
    return false;
}

int Rotation::secondsOf(const PlaylistItem& item) const {
    if (!m_slot_seconds || !m_playlist.stretches(item)) return m_playlist.durationOf(item);
    return std::clamp(m_slot_seconds(item, m_slot), 1, kMaxDurationS);
}

void Rotation::startFillSlot(std::int64_t t) {
    const std::optional<PlaylistItem>& fallback = m_playlist.fallback;
    if (fallback && itemAvailableAt(*fallback, *m_content, t)) {
        m_slot = Slot{slotRef(*fallback, -1), -1, SlotReason::Fallback, t, kNever};
        m_natural_end = addSaturated(t, secondsOf(*fallback));
    } else {
        m_natural_end = kNever;
        m_slot = Slot{"", -1, SlotReason::Idle, t, kNever};
    }
    m_slot.end_s = cutEnd(t);
}

// m_slot's end: its natural end, cut by every change known at from_s that must preempt it.
std::int64_t Rotation::cutEnd(std::int64_t from_s) const {
    std::int64_t end = std::min(m_natural_end, nextUrgentStart(from_s));
    if (m_slot.reason == SlotReason::Fallback || m_slot.reason == SlotReason::Idle) {
        end = std::min(end, nextFillEnd(from_s));
    }
    return end;
}

std::int64_t Rotation::nextUrgentStart(std::int64_t after_s) const {
    std::int64_t next = kNever;
    for (const Notice* n : m_urgent) {
        if (n->valid_from && *n->valid_from > after_s && n->validAt(*n->valid_from) && !m_dismissed.count(n->id)) {
            next = std::min(next, *n->valid_from);
        }
    }
    return next;
}

// The first instant after after_s at which any item (or, when idle, the fallback) becomes
// eligible: fallback and idle slots give way to it at once.
std::int64_t Rotation::nextFillEnd(std::int64_t after_s) const {
    std::int64_t next = nextItemEligible(after_s);
    if (m_slot.reason == SlotReason::Idle && m_playlist.fallback) {
        bool gave_up = false; // waking early is harmless
        next = std::min(next, nextEligibleStart(*m_playlist.fallback, after_s, false, gave_up));
    }
    return next;
}

// The first instant after after_s at which any playlist item becomes eligible.
std::int64_t Rotation::nextItemEligible(std::int64_t after_s) const {
    if (after_s >= m_next_eligible.from && after_s < m_next_eligible.end) return m_next_eligible.end;
    std::int64_t next = kNever;
    std::int64_t gave_up_at = kNever; // the earliest walk that stopped short of an answer
    for (const PlaylistItem& item : m_playlist.items) {
        bool gave_up = false;
        const std::int64_t t = nextEligibleStart(item, after_s, true, gave_up);
        next = std::min(next, t);
        if (gave_up) gave_up_at = std::min(gave_up_at, t);
    }
    // Only an exact answer holds for later times: after a walk that gave up, a later start may reach further.
    m_next_eligible = next < gave_up_at ? EligibleCache{after_s, next} : EligibleCache{};
    return next;
}

// Walks the item's schedule and validity boundaries after after_s to the first one where it is
// eligible. Gives up after a bounded walk and returns that boundary with gave_up set (waking early
// is harmless).
std::int64_t Rotation::nextEligibleStart(const PlaylistItem& item, std::int64_t after_s, bool use_schedule,
                                         bool& gave_up) const {
    if (refMissing(item, *m_content)) return kNever;
    const Notice* notice = refNotice(item, *m_content);
    std::int64_t t = after_s;
    if (notice && notice->valid_from && *notice->valid_from > t) t = *notice->valid_from - 1;
    for (int step = 0; step < 256; ++step) {
        if (notice && notice->valid_until && *notice->valid_until <= t) return kNever; // expired for good
        std::int64_t candidate = kNever;
        if (use_schedule && item.schedule) {
            candidate = nextScheduleChange(*item.schedule, t, m_utc_offset_s).value_or(kNever);
        }
        if (notice && notice->valid_from && *notice->valid_from > t)
            candidate = std::min(candidate, *notice->valid_from);
        if (notice && notice->valid_until && *notice->valid_until > t)
            candidate = std::min(candidate, *notice->valid_until);
        if (candidate == kNever) return kNever;
        const bool eligible = use_schedule ? itemEligibleAt(item, *m_content, candidate, m_utc_offset_s)
                                           : itemAvailableAt(item, *m_content, candidate);
        if (eligible) return candidate;
        t = candidate;
    }
    gave_up = true;
    return t;
}

} // namespace gk
