// Idle windows and the ticker over time (see playlist_timeline.h).
#include "kiosk/playlist/playlist_timeline.h"

#include "display/info/scheduler.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace gk {
namespace {

constexpr std::int64_t kSpanStart = std::numeric_limits<std::int64_t>::min();

// Adds the validity edges of a notice that fall inside (from_s, to_s).
void addValidityEdges(const Notice& notice, std::int64_t from_s, std::int64_t to_s, std::set<std::int64_t>& edges) {
    for (const std::optional<std::int64_t>& edge : {notice.valid_from, notice.valid_until}) {
        if (edge && *edge > from_s && *edge < to_s) edges.insert(*edge);
    }
}

const Notice* referencedNotice(const PlaylistItem& item, const Content& content) {
    const ContentRef* ref = item.ref();
    return ref && ref->kind == RefKind::Notice ? content.findNotice(ref->id) : nullptr;
}

// The spans in [from_s, to_s) in which `available` holds, judged at from_s and at every edge.
template <typename Available>
void addSpans(const std::set<std::int64_t>& edges, std::int64_t from_s, std::int64_t to_s, Available available,
              std::vector<TimeSpan>& out) {
    std::int64_t open = kSpanStart;
    std::vector<std::int64_t> points{from_s};
    points.insert(points.end(), edges.begin(), edges.end());
    for (const std::int64_t t : points) {
        const bool on = available(t);
        if (on && open == kSpanStart) open = t;
        if (!on && open != kSpanStart) {
            out.push_back(TimeSpan{open, t});
            open = kSpanStart;
        }
    }
    if (open != kSpanStart) out.push_back(TimeSpan{open, to_s});
}

// When the item can show within [from_s, to_s), schedule included unless use_schedule is false
// (the fallback's schedule is ignored).
void addItemSpans(const PlaylistItem& item, const Content& content, std::int64_t from_s, std::int64_t to_s,
                  int utc_offset_s, bool use_schedule, std::vector<TimeSpan>& out) {
    if (item.ref() && !resolves(content, *item.ref())) return;
    std::set<std::int64_t> edges;
    if (const Notice* notice = referencedNotice(item, content)) addValidityEdges(*notice, from_s, to_s, edges);
    if (use_schedule && item.schedule) {
        for (const std::int64_t t : scheduleChangesBetween(*item.schedule, from_s, to_s, utc_offset_s)) edges.insert(t);
    }
    addSpans(
        edges, from_s, to_s,
        [&](std::int64_t t) {
            return use_schedule ? itemEligibleAt(item, content, t, utc_offset_s) : itemAvailableAt(item, content, t);
        },
        out);
}

// The complement of the union of `covered` within [from_s, to_s).
std::vector<TimeSpan> uncovered(std::vector<TimeSpan> covered, std::int64_t from_s, std::int64_t to_s) {
    std::sort(covered.begin(), covered.end(),
              [](const TimeSpan& a, const TimeSpan& b) { return a.start_s < b.start_s; });
    std::vector<TimeSpan> gaps;
    std::int64_t reached = from_s;
    for (const TimeSpan& span : covered) {
        if (span.start_s > reached) gaps.push_back(TimeSpan{reached, span.start_s});
        reached = std::max(reached, span.end_s);
    }
    if (reached < to_s) gaps.push_back(TimeSpan{reached, to_s});
    return gaps;
}

bool tickerLevel(const Notice& notice) {
    return notice.level == NoticeLevel::Urgent || notice.level == NoticeLevel::Important;
}

// The schedules under which the playlist shows the notice: empty when it runs in the ticker whenever
// it is valid (not referenced, or referenced by an item without a schedule).
std::vector<const Schedule*> tickerSchedules(const Playlist& playlist, const std::string& notice_id) {
    std::vector<const Schedule*> schedules;
    for (const PlaylistItem& item : playlist.items) {
        const ContentRef* ref = item.ref();
        if (!ref || ref->kind != RefKind::Notice || ref->id != notice_id) continue;
        if (!item.schedule) return {};
        schedules.push_back(&*item.schedule);
    }
    return schedules;
}

bool inTickerAt(const Playlist& playlist, const Notice& notice, std::int64_t epoch_s, int utc_offset_s) {
    if (!notice.validAt(epoch_s)) return false;
    const std::vector<const Schedule*> schedules = tickerSchedules(playlist, notice.id);
    return schedules.empty() || std::any_of(schedules.begin(), schedules.end(), [&](const Schedule* s) {
               return scheduleActiveAt(*s, epoch_s, utc_offset_s);
           });
}

} // namespace

std::vector<TimeSpan> idleWindows(const Playlist& playlist, const Content& content, std::int64_t from_s,
                                  std::int64_t to_s, int utc_offset_s) {
    if (from_s >= to_s) return {};
    std::vector<TimeSpan> showing;
    for (const PlaylistItem& item : playlist.items) {
        addItemSpans(item, content, from_s, to_s, utc_offset_s, true, showing);
        if (!showing.empty() && showing.back().start_s == from_s && showing.back().end_s == to_s) return {};
    }
    if (playlist.fallback) addItemSpans(*playlist.fallback, content, from_s, to_s, utc_offset_s, false, showing);
    for (const Notice& notice : content.notices) {
        if (notice.level != NoticeLevel::Urgent) continue;
        std::set<std::int64_t> edges;
        addValidityEdges(notice, from_s, to_s, edges);
        addSpans(
            edges, from_s, to_s, [&](std::int64_t t) { return notice.validAt(t); }, showing);
    }
    return uncovered(std::move(showing), from_s, to_s);
}

std::vector<TimeSpan> idleSpansOf(const std::vector<Slot>& slots, std::int64_t from_s, std::int64_t to_s) {
    std::vector<TimeSpan> spans;
    for (const Slot& slot : slots) {
        const TimeSpan span{std::max(slot.start_s, from_s), std::min(slot.end_s, to_s)};
        if (slot.reason != SlotReason::Idle || span.start_s >= span.end_s) continue;
        if (!spans.empty() && spans.back().end_s == span.start_s) {
            spans.back().end_s = span.end_s;
        } else {
            spans.push_back(span);
        }
    }
    return spans;
}

std::vector<std::string> tickerLinesAt(const Playlist& playlist, const Content& content, std::int64_t epoch_s,
                                       int utc_offset_s) {
    std::vector<std::string> lines = tickerTextsAt(playlist, epoch_s, utc_offset_s);
    for (const NoticeLevel level : {NoticeLevel::Urgent, NoticeLevel::Important}) {
        for (const Notice& notice : content.notices) {
            if (notice.level == level && inTickerAt(playlist, notice, epoch_s, utc_offset_s))
                lines.push_back((level == NoticeLevel::Urgent ? "【紧急】" : "【重要】") + notice.title);
        }
    }
    return lines;
}

std::vector<TickerWindow> tickerWindows(const Playlist& playlist, const Content& content, std::int64_t from_s,
                                        std::int64_t to_s, int utc_offset_s, std::size_t max_windows) {
    if (from_s >= to_s) return {};
    std::set<std::int64_t> edges;
    const auto add_schedule = [&](const Schedule& schedule) {
        for (const std::int64_t t : scheduleChangesBetween(schedule, from_s, to_s, utc_offset_s)) edges.insert(t);
    };
    for (const TickerEntry& entry : playlist.ticker) {
        if (entry.schedule) add_schedule(*entry.schedule);
    }
    for (const Notice& notice : content.notices) {
        if (!tickerLevel(notice)) continue;
        addValidityEdges(notice, from_s, to_s, edges);
        for (const Schedule* schedule : tickerSchedules(playlist, notice.id)) add_schedule(*schedule);
    }
    std::vector<TickerWindow> windows;
    std::vector<std::int64_t> points{from_s};
    points.insert(points.end(), edges.begin(), edges.end());
    for (const std::int64_t t : points) {
        std::vector<std::string> lines = tickerLinesAt(playlist, content, t, utc_offset_s);
        if (!windows.empty() && windows.back().lines == lines) continue;
        if (!windows.empty()) windows.back().span.end_s = t;
        if (windows.size() == max_windows) return windows;
        windows.push_back(TickerWindow{TimeSpan{t, to_s}, std::move(lines)});
    }
    return windows;
}

std::vector<ShowingSummary> summarizeShowings(const std::vector<Slot>& slots, std::int64_t from_s, std::int64_t to_s) {
    std::vector<ShowingSummary> summaries;
    std::map<std::string, std::size_t> index; // what showed → its place in summaries
    for (const Slot& slot : slots) {
        const std::int64_t start = std::max(slot.start_s, from_s);
        const std::int64_t end = std::min(slot.end_s, to_s);
        if (slot.reason == SlotReason::Idle || start >= end) continue;
        const std::string key = slot.item_index >= 0 ? "items\x1f" + std::to_string(slot.item_index)
                                                     : std::string(slotReasonName(slot.reason)) + "\x1f" + slot.ref;
        const auto [it, added] = index.emplace(key, summaries.size());
        if (added) summaries.push_back(ShowingSummary{slot.ref, slot.item_index, slot.reason, start, start, 0, 0});
        ShowingSummary& summary = summaries[it->second];
        summary.last_s = start;
        ++summary.count;
        summary.seconds += end - start;
    }
    return summaries;
}

} // namespace gk
