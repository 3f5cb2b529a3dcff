// Checks of a parsed playlist that go beyond its syntax but need no content: a schedule whose
// weekdays never fall between its from and until can never show (an error), and a schedule that
// will not be active again after today's date (e.g. its until has passed) is a warning. Owned by
// config/; used by `playlist check` and by the screen before it takes a staff edit. Refs are
// checked against the publish elsewhere (kiosk/playlist/playlist_validation.h): config/ does not know the
// content model. Standard library only; must not include sync/, display/, SDL, ImGui, GL or curl.
#pragma once

#include "config/playlist.h"
#include "config/problem.h"

#include <cstdint>
#include <vector>

namespace gk {

// Problems at the file's JSON paths ("items[3].schedule", "ticker[1].schedule.until"). Call it
// on a usable PlaylistResult only: then playlist.items are the file's enabled items, in file order
// (Playlist::itemPath names their place in the file).
std::vector<Problem> checkPlaylistSchedules(const Playlist& playlist, std::int64_t now_s, int utc_offset_s);

// True when no day in [from, until] has one of the schedule's weekdays (it can never show).
bool scheduleNeverShows(const Schedule& schedule);

} // namespace gk
