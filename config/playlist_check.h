// Checks of a parsed playlist that go beyond its syntax but need no content: a schedule whose
// weekdays never fall between its from and until can never show, and one that will not be active
// again after now (e.g. its until has passed) will not show again. Either way the item or ticker
// line is skipped (a warning; the rest plays, see PlaylistResult in playlist.h). Owned by
// config/; used by `playlist check` and by the screen before it takes a staff edit. Refs are
// checked against the publish elsewhere (kiosk/playlist/playlist_validation.h): config/ does not know the
// content model. Standard library only; must not include sync/, display/, SDL, ImGui, GL or curl.
#pragma once

#include "config/playlist.h"
#include "config/problem.h"

#include <cstdint>
#include <vector>

namespace gk {

// Adds the problems at the file's JSON paths ("items[3].schedule", "ticker[1].schedule.until") and
// skips those entries. Call it on a usable PlaylistResult only: then playlist.items are the file's
// kept items, in file order (Playlist::itemPath names their place in the file).
void checkPlaylistSchedules(PlaylistResult& result, std::int64_t now_s, int utc_offset_s);

// True when no day in [from, until] has one of the schedule's weekdays (it can never show).
bool scheduleNeverShows(const Schedule& schedule);

} // namespace gk
