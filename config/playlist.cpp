// Parsing a playlist file: size limit, top-level keys, the item list, ticker, fallback and
// duplicate detection (see playlist.h). Items themselves are read in playlist_parts.cpp.
// nlohmann_json only.
#include "config/playlist.h"

#include "config/json_reader.h"
#include "config/playlist_parts.h"

#include <cstdio>
#include <unordered_map>

namespace gk {
namespace {

using json_reader::describe;
using json_reader::indexPath;
using json_reader::Json;
using json_reader::ProblemSink;

std::string sizeText(std::size_t bytes) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    if (std::string(buf) == "1.0 MiB") std::snprintf(buf, sizeof buf, "%zu bytes", bytes);
    return buf;
}

// What makes two items "the same": the same thing shown under the same schedule. Returned as
// one string so duplicates are found with a hash map (a 1 MiB file may hold ~40,000 items).
std::string duplicateKey(const PlaylistItem& item) {
    std::string key;
    if (const ContentRef* ref = item.ref()) {
        key.append("ref\x1f").append(ref->str());
    } else if (const PlaylistImage* image = item.image()) {
        key.append("image\x1f").append(image->href);
    } else {
        key.append("text\x1f").append(item.text()->title).append(1, '\x1f').append(item.text()->body);
    }
    if (const std::optional<Schedule>& s = item.schedule) {
        key.append(1, '\x1e');
        for (int day : s->weekdays) key.append(std::to_string(day)).append(1, ',');
        key.append(1, '|');
        for (const TimeWindow& w : s->times) key.append(formatTimeWindow(w)).append(1, ',');
        key.append(1, '|').append(s->from ? formatDate(*s->from) : "");
        key.append(1, '|').append(s->until ? formatDate(*s->until) : "");
    }
    return key;
}

void warnDuplicates(const std::vector<PlaylistItem>& items, const std::vector<std::size_t>& where, ProblemSink& sink) {
    std::unordered_map<std::string, std::size_t> first; // key -> index in the file
    for (std::size_t j = 0; j < items.size(); ++j) {
        const auto [it, inserted] = first.emplace(duplicateKey(items[j]), where[j]);
        if (inserted) continue;
        sink.warn(indexPath("items", where[j]),
                  "same content and schedule as items[" + std::to_string(it->second) + "]; it shows twice per round");
    }
}

void readItems(const Json& doc, Playlist& playlist, ProblemSink& sink) {
    const Json* items = json_reader::member(doc, "items");
    if (!items) {
        sink.error("items", "is required: a playlist needs at least one item");
        return;
    }
    if (!items->is_array()) {
        sink.error("items", "must be an array, got " + describe(*items));
        return;
    }
    if (items->empty()) {
        sink.error("items", "is empty: a playlist needs at least one item");
        return;
    }
    std::vector<std::size_t> where; // index in the file of each kept item
    const std::size_t errors_before = sink.errorCount();
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string path = indexPath("items", i);
        std::optional<PlaylistItem> item = playlist_parts::readItem((*items)[i], path, sink);
        if (!playlist_parts::readEnabled((*items)[i], path, sink)) {
            ++playlist.disabled_items; // checked above, never shown
        } else if (item) {
            playlist.items.push_back(std::move(*item));
            where.push_back(i);
        }
    }
    warnDuplicates(playlist.items, where, sink);
    if (playlist.disabled_items > 0) playlist.file_positions = std::move(where);
    if (playlist.items.empty() && playlist.disabled_items > 0 && sink.errorCount() == errors_before)
        sink.error("items", "every item is disabled (\"enabled\": false): a playlist needs at least one enabled item");
}

void readTicker(const Json& doc, Playlist& playlist, ProblemSink& sink) {
    const Json* ticker = json_reader::member(doc, "ticker");
    if (!ticker) return;
    if (!ticker->is_array()) {
        sink.error("ticker", "must be an array, got " + describe(*ticker));
        return;
    }
    for (std::size_t i = 0; i < ticker->size(); ++i) {
        if (auto entry = playlist_parts::readTickerEntry((*ticker)[i], indexPath("ticker", i), sink)) {
            playlist.ticker.push_back(std::move(*entry));
        }
    }
}

void readFallback(const Json& doc, Playlist& playlist, ProblemSink& sink) {
    const Json* fallback = json_reader::member(doc, "fallback");
    if (!fallback) return;
    playlist.fallback = playlist_parts::readItem(*fallback, "fallback", sink);
    if (!playlist_parts::readEnabled(*fallback, "fallback", sink))
        sink.warn("fallback.enabled", "ignored: the fallback cannot be disabled (remove it instead)");
    if (playlist.fallback && playlist.fallback->schedule) {
        sink.warn("fallback.schedule", "ignored: the fallback shows whenever nothing else is eligible");
        playlist.fallback->schedule.reset();
    }
}

void readHeader(const Json& doc, Playlist& playlist, ProblemSink& sink) {
    if (auto name = json_reader::readString(doc, "name", "", sink)) playlist.name = *name;
    if (auto text = json_reader::readString(doc, "orientation", "", sink)) {
        if (*text == "landscape") {
            playlist.orientation = Orientation::Landscape;
        } else if (*text == "portrait") {
            playlist.orientation = Orientation::Portrait;
        } else {
            sink.error("orientation", "must be \"landscape\" or \"portrait\", got " + describe(Json(*text)));
        }
    }
    if (auto d = json_reader::readWholeNumber(doc, "default_duration_s", "", 1, kMaxDurationS,
                                              "must be a whole number of seconds > 0", sink)) {
        playlist.default_duration_s = static_cast<int>(*d);
    }
}

} // namespace

int Playlist::durationOf(const PlaylistItem& item) const {
    const int seconds = item.duration_s.value_or(default_duration_s);
    return seconds < 1 ? 1 : seconds;
}

std::string Playlist::itemPath(std::size_t i) const {
    return indexPath("items", i < file_positions.size() ? file_positions[i] : i);
}

std::string ContentRef::str() const {
    return std::string(refKindName(kind)) + ":" + id;
}

std::string_view refKindName(RefKind kind) {
    switch (kind) {
    case RefKind::Notice: return "notice";
    case RefKind::Guide: return "guide";
    case RefKind::Disclosure: return "disclosure";
    }
    return "notice";
}

std::optional<ContentRef> parseContentRef(std::string_view text, std::string& error) {
    const std::size_t colon = text.find(':');
    const std::string quoted = std::string(1, '"').append(text).append(1, '"');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
        error = quoted + " is not KIND:ID (e.g. \"notice:n-2026-031\")";
        return std::nullopt;
    }
    const std::string_view kind = text.substr(0, colon);
    for (RefKind k : {RefKind::Notice, RefKind::Guide, RefKind::Disclosure}) {
        if (kind == refKindName(k)) return ContentRef{k, std::string(text.substr(colon + 1))};
    }
    error = "unknown ref kind \"" + std::string(kind) + "\" in " + quoted + " (expected notice, guide or disclosure)";
    return std::nullopt;
}

PlaylistResult parsePlaylist(std::string_view json_text, std::string_view file_label) {
    PlaylistResult result;
    result.file_label = std::string(file_label);
    ProblemSink sink(result.problems);
    if (json_text.size() > kMaxPlaylistBytes) {
        sink.error("", "file is " + sizeText(json_text.size()) + "; a playlist may be at most 1 MiB");
        return result;
    }
    try {
        const std::optional<Json> doc = json_reader::parseDocument(json_text, sink);
        if (!doc) return result;
        if (!doc->is_object()) {
            sink.error("", "must be a JSON object ({ … }), got " + describe(*doc));
            return result;
        }
        json_reader::warnUnknownKeys(*doc, {"name", "orientation", "default_duration_s", "items", "ticker", "fallback"},
                                     "", sink);
        readHeader(*doc, result.playlist, sink);
        readItems(*doc, result.playlist, sink);
        readTicker(*doc, result.playlist, sink);
        readFallback(*doc, result.playlist, sink);
    } catch (const std::exception& e) { // defensive: nothing below is expected to throw
        sink.error("", std::string("internal error while reading the playlist: ") + e.what());
    }
    return result;
}

std::vector<std::string> tickerTextsAt(const Playlist& playlist, std::int64_t epoch_s, int utc_offset_s) {
    std::vector<std::string> texts;
    for (const TickerEntry& entry : playlist.ticker) {
        if (!entry.schedule || scheduleActiveAt(*entry.schedule, epoch_s, utc_offset_s)) {
            texts.push_back(entry.text);
        }
    }
    return texts;
}

} // namespace gk
