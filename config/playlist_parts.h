// Readers for the parts of a playlist file: one item (ref / image / video / text + duration + schedule),
// a schedule, a ticker entry. Internal to config/ (used by playlist.cpp). Uses nlohmann_json;
// must not include SDL, ImGui, GL, curl or sync/.
#pragma once

#include "config/json_reader.h"
#include "config/playlist.h"

#include <optional>
#include <string>

namespace gk::playlist_parts {

// Reads the item at `path` (e.g. "items[2]" or "fallback"). Problems go to sink; returns nullopt
// when the item has an error that leaves nothing to show.
std::optional<PlaylistItem> readItem(const json_reader::Json& value, const std::string& path,
                                     json_reader::ProblemSink& sink);

// Reads object[key] as a schedule (absent or null → nullopt, no problem). Weekdays and windows
// come back sorted and de-duplicated so equal schedules compare equal.
std::optional<Schedule> readSchedule(const json_reader::Json& object, const std::string& parent,
                                     json_reader::ProblemSink& sink);

// An item's "enabled" (absent or null = true); anything but a boolean is an error and nullopt.
std::optional<bool> readEnabled(const json_reader::Json& item, const std::string& path, json_reader::ProblemSink& sink);

std::optional<TickerEntry> readTickerEntry(const json_reader::Json& value, const std::string& path,
                                           json_reader::ProblemSink& sink);

} // namespace gk::playlist_parts
