// Schedule checks of a parsed playlist (see playlist_check.h). Standard library only.
#include "config/playlist_check.h"

#include "config/i18n.h"

#include <algorithm>
#include <string>

namespace gk {
namespace {

std::string weekdayList(const std::vector<int>& weekdays) {
    std::string text = "[";
    for (std::size_t i = 0; i < weekdays.size(); ++i) text += (i == 0 ? "" : ", ") + std::to_string(weekdays[i]);
    return text + "]";
}

void checkSchedule(const Schedule& schedule, const std::string& entry, std::int64_t now_s, int utc_offset_s,
                   PlaylistResult& result) {
    const std::string path = entry + ".schedule";
    if (scheduleNeverShows(schedule)) {
        result.skip(entry, Problem{path,
                                   fillIn(tr("never shows: no day from {0} until {1} falls on weekdays {2} "
                                             "(ISO: 1 = Monday … 7 = Sunday)"),
                                          {formatDate(*schedule.from), formatDate(*schedule.until),
                                           weekdayList(schedule.weekdays)}),
                                   true});
        return;
    }
    if (scheduleActiveAt(schedule, now_s, utc_offset_s) || nextScheduleChange(schedule, now_s, utc_offset_s)) return;
    const std::string today = formatDate(dateFromDays(localDayNumber(now_s, utc_offset_s)));
    if (schedule.until) {
        result.skip(entry, Problem{path + ".until",
                                   fillIn(tr("{0} has passed (today is {1}), so it never shows again"),
                                          {formatDate(*schedule.until), today}),
                                   true});
    } else {
        result.skip(entry, Problem{path, fillIn(tr("never shows again (today is {0})"), {today}), true});
    }
}

} // namespace

bool scheduleNeverShows(const Schedule& schedule) {
    if (!schedule.from || !schedule.until || schedule.weekdays.empty()) return false;
    const std::int64_t first = daysFromDate(*schedule.from);
    const std::int64_t last = std::min(daysFromDate(*schedule.until), first + 6); // a week has every weekday
    for (std::int64_t day = first; day <= last; ++day) {
        const int weekday = isoWeekdayFromDays(day);
        if (std::find(schedule.weekdays.begin(), schedule.weekdays.end(), weekday) != schedule.weekdays.end()) {
            return false;
        }
    }
    return true;
}

void checkPlaylistSchedules(PlaylistResult& result, std::int64_t now_s, int utc_offset_s) {
    const Playlist& playlist = result.playlist;
    for (std::size_t i = 0; i < playlist.items.size(); ++i) {
        if (const std::optional<Schedule>& s = playlist.items[i].schedule) {
            checkSchedule(*s, playlist.itemPath(i), now_s, utc_offset_s, result);
        }
    }
    for (std::size_t i = 0; i < playlist.ticker.size(); ++i) {
        if (const std::optional<Schedule>& s = playlist.ticker[i].schedule) {
            checkSchedule(*s, "ticker[" + std::to_string(i) + "]", now_s, utc_offset_s, result);
        }
    }
}

} // namespace gk
