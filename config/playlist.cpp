// Parsing a playlist file: size limit, top-level shape, the item list, ticker, fallback and
// duplicate detection (see playlist.h for which problems refuse the file and which skip one
// entry). Items themselves are read in playlist_parts.cpp.
// nlohmann_json only.
#include "config/playlist.h"

#include "config/i18n.h"
#include "config/json_reader.h"
#include "config/playlist_parts.h"

#include <algorithm>
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
    if (std::string(buf) == "1.0 MiB") return fillIn(trn("{0} byte", "{0} bytes", bytes), {std::to_string(bytes)});
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
    } else if (const PlaylistVideo* video = item.video()) {
        key.append("video\x1f").append(video->href);
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
                  fillIn(tr("same content and schedule as items[{0}]; it shows twice per round"),
                         {std::to_string(it->second)}));
    }
}

// The entry a problem's path lies in: "items[3]" for "items[3].schedule.times[0]", "ticker[1]",
// "fallback"; "" for the file's top level.
std::string entryOf(const std::string& path) {
    const std::size_t dot = path.find('.');
    const std::string head = path.substr(0, dot);
    const std::size_t bracket = head.find(']');
    if (head.rfind("items[", 0) == 0 || head.rfind("ticker[", 0) == 0)
        return bracket == std::string::npos ? "" : head.substr(0, bracket + 1);
    return head == "fallback" && dot != std::string::npos ? head : "";
}

// Problems found inside one entry (an item, the fallback, a ticker line, a header value) become
// warnings: a bad entry is skipped, never a reason to refuse the whole file.
class EntryProblems {
public:
    EntryProblems() : m_sink(m_found) {}
    ProblemSink& sink() { return m_sink; }
    bool any() const { return m_sink.errorCount() > 0; }
    // Hands the problems to `result`; when there were errors, `entry` is skipped for them.
    void report(PlaylistResult& result, const std::string& entry, const std::string& suffix = "") {
        for (Problem& problem : m_found) {
            if (problem.warning) {
                result.problems.push_back(std::move(problem));
            } else {
                problem.message += suffix;
                if (entry.empty()) {
                    problem.warning = true;
                    result.problems.push_back(std::move(problem));
                } else {
                    result.skip(entry, std::move(problem));
                }
            }
        }
        m_found.clear();
    }

private:
    std::vector<Problem> m_found;
    ProblemSink m_sink;
};

void readItems(const Json& items, PlaylistResult& result) {
    Playlist& playlist = result.playlist;
    std::vector<std::size_t> where; // index in the file of each kept item
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string path = indexPath("items", i);
        EntryProblems found;
        std::optional<PlaylistItem> item = playlist_parts::readItem(items[i], path, found.sink());
        const std::optional<bool> enabled = playlist_parts::readEnabled(items[i], path, found.sink());
        if (enabled == false) {
            ++playlist.disabled_items; // checked, never shown
            found.report(result, "");
        } else {
            if (item && !found.any() && !result.isSkipped(path)) {
                playlist.items.push_back(std::move(*item));
                where.push_back(i);
            }
            found.report(result, path);
        }
    }
    std::vector<Problem> duplicates;
    ProblemSink sink(duplicates);
    warnDuplicates(playlist.items, where, sink);
    result.problems.insert(result.problems.end(), duplicates.begin(), duplicates.end());
    if (playlist.disabled_items > 0 || playlist.items.size() != items.size())
        playlist.file_positions = std::move(where);
    if (playlist.disabled_items == items.size()) {
        result.problems.push_back(Problem{"items",
                                          tr("every item is disabled (\"enabled\": false): the screen shows only the "
                                             "fallback, or the site name and clock"),
                                          true});
    }
}

void readTicker(const Json& doc, PlaylistResult& result) {
    const Json* ticker = json_reader::member(doc, "ticker");
    if (!ticker) return;
    if (!ticker->is_array()) {
        result.skip("ticker", Problem{"ticker", fillIn(tr("must be an array, got {0}"), {describe(*ticker)}), true});
        return;
    }
    for (std::size_t i = 0; i < ticker->size(); ++i) {
        const std::string path = indexPath("ticker", i);
        EntryProblems found;
        std::optional<TickerEntry> entry = playlist_parts::readTickerEntry((*ticker)[i], path, found.sink());
        if (entry && !found.any() && !result.isSkipped(path)) result.playlist.ticker.push_back(std::move(*entry));
        found.report(result, path);
    }
}

void readFallback(const Json& doc, PlaylistResult& result) {
    const Json* fallback = json_reader::member(doc, "fallback");
    if (!fallback) return;
    EntryProblems found;
    std::optional<PlaylistItem> item = playlist_parts::readItem(*fallback, "fallback", found.sink());
    if (playlist_parts::readEnabled(*fallback, "fallback", found.sink()) == false)
        result.problems.push_back(
            Problem{"fallback.enabled", tr("ignored: the fallback cannot be disabled (remove it instead)"), true});
    if (item && !found.any() && !result.isSkipped("fallback")) result.playlist.fallback = std::move(item);
    found.report(result, "fallback");
    if (result.playlist.fallback && result.playlist.fallback->schedule) {
        result.problems.push_back(
            Problem{"fallback.schedule", tr("ignored: the fallback shows whenever nothing else is eligible"), true});
        result.playlist.fallback->schedule.reset();
    }
}

void readHeader(const Json& doc, PlaylistResult& result) {
    Playlist& playlist = result.playlist;
    EntryProblems found;
    if (auto name = json_reader::readString(doc, "name", "", found.sink())) playlist.name = *name;
    found.report(result, "", tr("; ignored"));
    if (auto text = json_reader::readString(doc, "orientation", "", found.sink())) {
        if (*text == "landscape") {
            playlist.orientation = Orientation::Landscape;
        } else if (*text == "portrait") {
            playlist.orientation = Orientation::Portrait;
        } else {
            found.sink().error("orientation",
                               fillIn(tr("must be \"landscape\" or \"portrait\", got {0}"), {describe(Json(*text))}));
        }
    }
    found.report(result, "", tr("; landscape is used"));
    if (auto d = json_reader::readWholeNumber(doc, "default_duration_s", "", 1, kMaxDurationS,
                                              tr("must be a whole number of seconds > 0"), found.sink())) {
        playlist.default_duration_s = static_cast<int>(*d);
    }
    found.report(result, "", fillIn(tr("; {0} s is used"), {std::to_string(playlist.default_duration_s)}));
    if (auto d = json_reader::readWholeNumber(doc, "max_duration_s", "", 1, kMaxDurationS,
                                              tr("must be a whole number of seconds > 0"), found.sink())) {
        playlist.max_duration_s = static_cast<int>(*d);
    }
    found.report(result, "", tr("; ignored"));
}

} // namespace

int Playlist::durationOf(const PlaylistItem& item) const {
    const int seconds = item.duration_s.value_or(default_duration_s);
    return seconds < 1 ? 1 : seconds;
}

bool Playlist::stretches(const PlaylistItem& item) const {
    if (item.video() != nullptr) return false;
    const std::optional<int> limit = item.max_duration_s ? item.max_duration_s : max_duration_s;
    return limit && *limit > durationOf(item);
}

int Playlist::stretchedDurationOf(const PlaylistItem& item, std::size_t screenfuls) const {
    const int each = durationOf(item);
    if (!stretches(item) || screenfuls <= 1) return each;
    const std::int64_t limit = item.max_duration_s.value_or(max_duration_s.value_or(each));
    return static_cast<int>(std::min(limit, static_cast<std::int64_t>(each) * static_cast<std::int64_t>(screenfuls)));
}

std::string Playlist::itemPath(std::size_t i) const {
    return indexPath("items", i < file_positions.size() ? file_positions[i] : i);
}

void PlaylistResult::skip(const std::string& entry, Problem problem) {
    problem.warning = true;
    problems.push_back(std::move(problem));
    if (!isSkipped(entry)) skipped.push_back(entry);
}

bool PlaylistResult::isSkipped(std::string_view entry) const {
    return std::find(skipped.begin(), skipped.end(), entry) != skipped.end();
}

std::size_t PlaylistResult::skippedItems() const {
    return static_cast<std::size_t>(
        std::count_if(skipped.begin(), skipped.end(), [](const std::string& e) { return e.rfind("items[", 0) == 0; }));
}

std::size_t PlaylistResult::playingItems() const {
    std::size_t playing = 0;
    for (std::size_t i = 0; i < playlist.items.size(); ++i) playing += isSkipped(playlist.itemPath(i)) ? 0 : 1;
    return playing;
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
        error = fillIn(tr("{0} is not KIND:ID (e.g. \"notice:n-2026-031\")"), {quoted});
        return std::nullopt;
    }
    const std::string_view kind = text.substr(0, colon);
    for (RefKind k : {RefKind::Notice, RefKind::Guide, RefKind::Disclosure}) {
        if (kind == refKindName(k)) return ContentRef{k, std::string(text.substr(colon + 1))};
    }
    error = fillIn(tr("unknown ref kind \"{0}\" in {1} (expected notice, guide or disclosure)"), {kind, quoted});
    return std::nullopt;
}

PlaylistResult parsePlaylist(std::string_view json_text, std::string_view file_label) {
    PlaylistResult result;
    result.file_label = std::string(file_label);
    ProblemSink sink(result.problems);
    if (json_text.size() > kMaxPlaylistBytes) {
        sink.error("", fillIn(tr("file is {0}; a playlist may be at most 1 MiB"), {sizeText(json_text.size())}));
        return result;
    }
    try {
        std::vector<Problem> document_problems;
        ProblemSink document_sink(document_problems);
        const std::optional<Json> doc = json_reader::parseDocument(json_text, document_sink);
        for (Problem& problem : document_problems) { // a key said twice inside one entry skips that entry
            const std::string entry = entryOf(problem.path);
            if (!doc || problem.warning || entry.empty()) {
                (problem.warning ? sink.warn(problem.path, problem.message)
                                 : sink.error(problem.path, problem.message));
            } else {
                result.skip(entry, std::move(problem));
            }
        }
        if (!doc || !result.usable()) return result;
        if (!doc->is_object()) {
            sink.error("", fillIn(tr("must be a JSON object ({ … }), got {0}"), {describe(*doc)}));
            return result;
        }
        json_reader::warnUnknownKeys(
            *doc, {"name", "orientation", "default_duration_s", "max_duration_s", "items", "ticker", "fallback"}, "",
            sink);
        // The one shape a screen cannot do without: a non-empty list of items.
        const Json* items = json_reader::member(*doc, "items");
        if (!items) {
            sink.error("items", tr("is required: a playlist needs at least one item"));
        } else if (!items->is_array()) {
            sink.error("items", fillIn(tr("must be an array, got {0}"), {describe(*items)}));
        } else if (items->empty()) {
            sink.error("items", tr("is empty: a playlist needs at least one item"));
        }
        if (!result.usable()) return result;
        readHeader(*doc, result);
        readItems(*items, result);
        readTicker(*doc, result);
        readFallback(*doc, result);
    } catch (const std::exception& e) { // defensive: nothing below is expected to throw
        sink.error("", fillIn(tr("internal error while reading the playlist: {0}"), {e.what()}));
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
