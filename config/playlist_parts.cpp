// Reading playlist items, schedules and ticker entries with exact JSON paths (see
// playlist_parts.h). nlohmann_json only.
#include "config/playlist_parts.h"

#include "config/i18n.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <type_traits>
#include <utility>

namespace gk::playlist_parts {
namespace {

using json_reader::describe;
using json_reader::indexPath;
using json_reader::Json;
using json_reader::keyPath;
using json_reader::ProblemSink;

// An href must stay inside the feed: relative, no "..", no backslash, NUL or encoded traversal.
bool isSafeRelativeHref(std::string_view href) {
    if (href.empty() || href.front() == '/' || href.find("://") != std::string_view::npos) {
        return false;
    }
    if (href.find('\\') != std::string_view::npos || href.find('\0') != std::string_view::npos) {
        return false;
    }
    std::string lower(href);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    if (lower.find("%2e") != std::string::npos || lower.find("%2f") != std::string::npos ||
        lower.find("%5c") != std::string::npos || lower.find("%00") != std::string::npos) {
        return false;
    }
    const std::string padded = "/" + lower + "/";
    return padded.find("/../") == std::string::npos && lower.find(':') == std::string::npos;
}

bool isSha256Hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
           });
}

std::optional<std::string> requireString(const Json& object, std::string_view key, const std::string& parent,
                                         ProblemSink& sink) {
    if (!json_reader::member(object, key)) {
        sink.error(keyPath(parent, key), tr("is required"));
        return std::nullopt;
    }
    return json_reader::readString(object, key, parent, sink);
}

// The fields an image and a video share: an attachment of the feed (name, href, sha256, bytes, type).
struct FileFields {
    std::string name, href, sha256, type;
    std::uint64_t bytes = 0;
};

// check_type(type, path of type) reports a type the caller does not take. nullopt when a field is
// missing or wrong (each reported).
template <typename TypeCheck>
std::optional<FileFields> readFileFields(const Json& value, const std::string& path, ProblemSink& sink,
                                         TypeCheck check_type) {
    if (!value.is_object()) {
        sink.error(path, fillIn(tr("must be an object with href, sha256, bytes and type, got {0}"), {describe(value)}));
        return std::nullopt;
    }
    json_reader::warnUnknownKeys(value, {"name", "href", "sha256", "bytes", "type", "url"}, path, sink);
    const std::size_t before = sink.errorCount();
    const auto name = json_reader::readString(value, "name", path, sink);
    const auto href = requireString(value, "href", path, sink);
    if (href && !isSafeRelativeHref(*href)) {
        sink.error(keyPath(path, "href"),
                   fillIn(tr("must be a relative path inside the feed (no \"..\", no leading /, no scheme), got {0}"),
                          {describe(Json(*href))}));
    }
    const auto sha = requireString(value, "sha256", path, sink);
    if (sha && !isSha256Hex(*sha)) {
        sink.error(keyPath(path, "sha256"), fillIn(tr("must be 64 hex digits, got {0}"), {describe(Json(*sha))}));
    }
    if (!json_reader::member(value, "bytes")) sink.error(keyPath(path, "bytes"), tr("is required"));
    const auto bytes = json_reader::readWholeNumber(value, "bytes", path, 1, INT64_MAX,
                                                    tr("must be a whole number of bytes > 0"), sink);
    const auto type = requireString(value, "type", path, sink);
    if (type) check_type(*type, keyPath(path, "type"));
    if (sink.errorCount() != before || !href || !sha || !bytes || !type) return std::nullopt;
    FileFields fields{name.value_or(""), *href, *sha, *type, static_cast<std::uint64_t>(*bytes)};
    std::transform(fields.sha256.begin(), fields.sha256.end(), fields.sha256.begin(),
                   [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c + 32) : c; });
    return fields;
}

std::optional<PlaylistImage> readImage(const Json& value, const std::string& path, ProblemSink& sink) {
    const std::optional<FileFields> fields =
        readFileFields(value, path, sink, [&sink](const std::string& type, const std::string& type_path) {
            if (type != "image/png" && type != "image/jpeg")
                sink.error(type_path,
                           fillIn(tr("must be \"image/png\" or \"image/jpeg\", got {0}"), {describe(Json(type))}));
        });
    if (!fields) return std::nullopt;
    return PlaylistImage{fields->name, fields->href, fields->sha256, fields->bytes, fields->type};
}

// The file of a video item; its options (duration_s, loop, muted, zone) are the item's and are read
// by readVideoOptions.
std::optional<PlaylistVideo> readVideoFile(const Json& value, const std::string& path, ProblemSink& sink) {
    const std::optional<FileFields> fields =
        readFileFields(value, path, sink, [&sink](const std::string& type, const std::string& type_path) {
            if (std::find(std::begin(kVideoTypes), std::end(kVideoTypes), type) == std::end(kVideoTypes))
                sink.error(type_path,
                           fillIn(tr("must be \"video/mp4\", \"video/webm\" or \"video/x-matroska\", got {0}"),
                                  {describe(Json(type))}));
        });
    if (!fields) return std::nullopt;
    PlaylistVideo video;
    video.name = fields->name;
    video.href = fields->href;
    video.sha256 = fields->sha256;
    video.bytes = fields->bytes;
    video.type = fields->type;
    return video;
}

// A video item's own options, at the item's level: "duration_s" (seconds, fractions allowed; absent
// = the video's length), "loop", "muted" and "zone". Sets item.duration_s to the whole seconds the
// rotation gives the slot.
void readVideoOptions(const Json& item_json, const std::string& path, PlaylistVideo& video, PlaylistItem& item,
                      ProblemSink& sink) {
    if (const Json* duration = json_reader::member(item_json, "duration_s")) {
        if (!duration->is_number() || !(duration->get<double>() > 0)) {
            sink.error(keyPath(path, "duration_s"),
                       fillIn(tr("must be a number of seconds > 0, got {0}"), {describe(*duration)}));
        } else if (duration->get<double>() > kMaxDurationS) {
            sink.error(keyPath(path, "duration_s"), fillIn(tr("must be at most {0}, got {1}"),
                                                           {std::to_string(kMaxDurationS), describe(*duration)}));
        } else {
            video.duration_s = duration->get<double>();
            item.duration_s = static_cast<int>(std::ceil(*video.duration_s));
        }
    }
    video.loop = json_reader::readBool(item_json, "loop", path, sink).value_or(false);
    video.muted = json_reader::readBool(item_json, "muted", path, sink).value_or(true);
    if (auto zone = json_reader::readString(item_json, "zone", path, sink)) {
        if (*zone == "full") {
            video.zone = VideoZone::Full;
        } else if (*zone == "main") {
            video.zone = VideoZone::Main;
        } else {
            sink.error(keyPath(path, "zone"),
                       fillIn(tr("must be \"full\" or \"main\", got {0}"), {describe(Json(*zone))}));
        }
    }
    if (video.loop && !json_reader::member(item_json, "duration_s")) {
        sink.error(keyPath(path, "loop"),
                   tr("needs duration_s: a video that starts again at its end has no length of its own"));
    }
    if (json_reader::member(item_json, "max_duration_s")) {
        sink.warn(keyPath(path, "max_duration_s"), tr("ignored: a video's slot is its duration_s or its own length"));
    }
}

std::optional<PlaylistText> readText(const Json& value, const std::string& path, ProblemSink& sink) {
    if (!value.is_object()) {
        sink.error(path, fillIn(tr("must be an object {\"title\": …, \"body\": …}, got {0}"), {describe(value)}));
        return std::nullopt;
    }
    json_reader::warnUnknownKeys(value, {"title", "body"}, path, sink);
    const std::size_t before = sink.errorCount();
    PlaylistText text;
    text.title = json_reader::readString(value, "title", path, sink).value_or("");
    text.body = json_reader::readString(value, "body", path, sink).value_or("");
    if (sink.errorCount() != before) return std::nullopt;
    if (text.title.empty() && text.body.empty()) {
        sink.error(path, tr("needs a title or a body"));
        return std::nullopt;
    }
    return text;
}

std::optional<ContentRef> readRef(const Json& value, const std::string& path, ProblemSink& sink) {
    if (!value.is_string()) {
        sink.error(path, fillIn(tr("must be a string such as \"notice:n-2026-031\", got {0}"), {describe(value)}));
        return std::nullopt;
    }
    std::string error;
    std::optional<ContentRef> ref = parseContentRef(value.get<std::string>(), error);
    if (!ref) sink.error(path, error);
    return ref;
}

// Which of ref / image / video / text the item has; reports (and returns "") unless exactly one.
std::string_view pickItemKind(const Json& value, const std::string& path, ProblemSink& sink) {
    std::vector<const char*> present;
    for (const char* key : {"ref", "image", "video", "text"}) {
        if (json_reader::member(value, key)) present.push_back(key);
    }
    if (present.size() == 1) return present.front();
    std::string has = present.empty() ? tr("none") : "";
    for (std::size_t i = 0; i < present.size(); ++i) {
        has += (i == 0 ? "\"" : (i + 1 == present.size() ? tr(" and \"") : ", \"")) + std::string(present[i]) + "\"";
    }
    sink.error(path, fillIn(tr("must have exactly one of \"ref\", \"image\", \"video\" or \"text\" (has {0})"), {has}));
    return {};
}

std::vector<int> readWeekdays(const Json& value, const std::string& path, ProblemSink& sink) {
    std::vector<int> days;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::optional<std::int64_t> n = json_reader::wholeNumber(value[i]);
        if (!n || *n < 1 || *n > 7) {
            sink.error(indexPath(path, i),
                       fillIn(tr("must be 1–7 (ISO: 1 = Monday … 7 = Sunday), got {0}"), {describe(value[i])}));
            continue;
        }
        days.push_back(static_cast<int>(*n));
    }
    return days;
}

std::vector<TimeWindow> readTimes(const Json& value, const std::string& path, ProblemSink& sink) {
    std::vector<TimeWindow> windows;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string()) {
            sink.error(indexPath(path, i),
                       fillIn(tr("must be a string \"HH:MM-HH:MM\", got {0}"), {describe(value[i])}));
            continue;
        }
        std::string error;
        if (auto w = parseTimeWindow(value[i].get<std::string>(), error)) {
            windows.push_back(*w);
        } else {
            sink.error(indexPath(path, i), error);
        }
    }
    return windows;
}

// Reads "weekdays" or "times": a non-empty array, each element via `read`.
template <typename T, typename Reader>
std::vector<T> readList(const Json& object, std::string_view key, const std::string& parent, ProblemSink& sink,
                        Reader read) {
    const Json* value = json_reader::member(object, key);
    const std::string path = keyPath(parent, key);
    if (!value) return {};
    if (!value->is_array()) {
        sink.error(path, fillIn(tr("must be an array, got {0}"), {describe(*value)}));
        return {};
    }
    if (value->empty()) {
        sink.error(path, tr("is empty, so it would never show (leave it out to mean always)"));
        return {};
    }
    std::vector<T> list = read(*value, path, sink);
    std::sort(list.begin(), list.end(), [](const T& a, const T& b) {
        if constexpr (std::is_same_v<T, TimeWindow>) {
            return std::pair(a.start_min, a.end_min) < std::pair(b.start_min, b.end_min);
        } else {
            return a < b;
        }
    });
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return list;
}

std::optional<Date> readDateField(const Json& object, std::string_view key, const std::string& parent,
                                  ProblemSink& sink) {
    const Json* value = json_reader::member(object, key);
    if (!value) return std::nullopt;
    std::optional<Date> date;
    if (value->is_string()) date = parseDate(value->get<std::string>());
    if (!date) {
        const std::string hint = value->is_string() ? halfWidthHint(value->get<std::string>()) : "";
        sink.error(keyPath(parent, key),
                   hint.empty() ? fillIn(tr("must be a date \"YYYY-MM-DD\", got {0}"), {describe(*value)})
                                : fillIn(tr("must be a date \"YYYY-MM-DD\", got {0}: {1}"), {describe(*value), hint}));
    }
    return date;
}

} // namespace

std::optional<Schedule> readSchedule(const Json& object, const std::string& parent, ProblemSink& sink) {
    const Json* value = json_reader::member(object, "schedule");
    if (!value) return std::nullopt;
    const std::string path = keyPath(parent, "schedule");
    if (!value->is_object()) {
        sink.error(path, fillIn(tr("must be an object (weekdays, times, from, until), got {0}"), {describe(*value)}));
        return std::nullopt;
    }
    json_reader::warnUnknownKeys(*value, {"weekdays", "times", "from", "until"}, path, sink);
    Schedule schedule;
    schedule.weekdays = readList<int>(*value, "weekdays", path, sink, readWeekdays);
    schedule.times = readList<TimeWindow>(*value, "times", path, sink, readTimes);
    schedule.from = readDateField(*value, "from", path, sink);
    schedule.until = readDateField(*value, "until", path, sink);
    if (schedule.from && schedule.until && *schedule.from > *schedule.until) {
        sink.error(keyPath(path, "until"),
                   fillIn(tr("{0} is before from ({1})"), {formatDate(*schedule.until), formatDate(*schedule.from)}));
    }
    return schedule;
}

std::optional<PlaylistItem> readItem(const Json& value, const std::string& path, ProblemSink& sink) {
    if (!value.is_object()) {
        sink.error(path, fillIn(tr("must be an object such as {\"ref\": \"notice:…\"}, got {0}"), {describe(value)}));
        return std::nullopt;
    }
    if (json_reader::member(value, "video")) { // its options are keys of the item; on other items they are unknown
        json_reader::warnUnknownKeys(value,
                                     {"ref", "image", "video", "text", "duration_s", "max_duration_s", "loop", "muted",
                                      "zone", "schedule", "enabled"},
                                     path, sink);
    } else {
        json_reader::warnUnknownKeys(
            value, {"ref", "image", "video", "text", "duration_s", "max_duration_s", "schedule", "enabled"}, path,
            sink);
    }
    const std::size_t before = sink.errorCount();
    PlaylistItem item;
    const std::string_view kind = pickItemKind(value, path, sink);
    const Json* part = kind.empty() ? nullptr : json_reader::member(value, kind);
    const std::string part_path = keyPath(path, kind);
    if (kind == "ref") {
        if (auto ref = readRef(*part, part_path, sink)) item.content = *ref;
    } else if (kind == "image") {
        if (auto image = readImage(*part, part_path, sink)) item.content = *image;
    } else if (kind == "text") {
        if (auto text = readText(*part, part_path, sink)) item.content = *text;
    } else if (kind == "video") {
        std::optional<PlaylistVideo> video = readVideoFile(*part, part_path, sink);
        PlaylistVideo options; // read even when the file is bad, so that every problem is reported
        readVideoOptions(value, path, video ? *video : options, item, sink);
        if (video) item.content = std::move(*video);
    }
    if (kind != "video") {
        if (auto d = json_reader::readWholeNumber(value, "duration_s", path, 1, kMaxDurationS,
                                                  tr("must be a whole number of seconds > 0"), sink)) {
            item.duration_s = static_cast<int>(*d);
        }
        if (auto d = json_reader::readWholeNumber(value, "max_duration_s", path, 1, kMaxDurationS,
                                                  tr("must be a whole number of seconds > 0"), sink)) {
            item.max_duration_s = static_cast<int>(*d);
        }
    }
    item.schedule = readSchedule(value, path, sink);
    if (sink.errorCount() != before) return std::nullopt;
    return item;
}

std::optional<bool> readEnabled(const Json& item, const std::string& path, ProblemSink& sink) {
    if (!item.is_object() || !json_reader::member(item, "enabled")) return true;
    return json_reader::readBool(item, "enabled", path, sink);
}

std::optional<TickerEntry> readTickerEntry(const Json& value, const std::string& path, ProblemSink& sink) {
    if (!value.is_object()) {
        sink.error(path, fillIn(tr("must be an object {\"text\": …}, got {0}"), {describe(value)}));
        return std::nullopt;
    }
    json_reader::warnUnknownKeys(value, {"text", "schedule"}, path, sink);
    const std::size_t before = sink.errorCount();
    TickerEntry entry;
    const auto text = requireString(value, "text", path, sink);
    if (text && text->empty()) sink.error(keyPath(path, "text"), tr("is empty"));

    entry.schedule = readSchedule(value, path, sink);
    if (sink.errorCount() != before || !text) return std::nullopt;
    entry.text = *text;
    return entry;
}

} // namespace gk::playlist_parts
