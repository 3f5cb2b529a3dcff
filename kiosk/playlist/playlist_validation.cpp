// Reading and checking playlist files against the publish (see playlist_validation.h).
#include "kiosk/playlist/playlist_validation.h"

#include "config/i18n.h"
#include "config/playlist_check.h"
#include "kiosk/playlist/playlist_timeline.h"
#include "kiosk/playlist/video_support.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

namespace gk {
namespace {

namespace fs = std::filesystem;

std::string sizeText(std::uintmax_t bytes) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

std::string localMinute(std::int64_t epoch_s, int utc_offset_s) {
    const CivilTime c = civilFromEpoch(epoch_s, utc_offset_s);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
    return buf;
}

std::string skippedReason(const Content& content, RefKind kind, const std::string& id) {
    const std::string collection = std::string(refKindName(kind)) + "s";
    for (const SkippedItem& skipped : content.skipped)
        if (skipped.collection == collection && skipped.id == id) return skipped.reason;
    return "";
}

// A ref the publish does not have: the entry can never show.
void skipUnresolved(const ContentRef& ref, const std::string& entry, const Content& content, PlaylistResult& result) {
    if (resolves(content, ref)) return;
    const std::string reason = skippedReason(content, ref.kind, ref.id);
    result.skip(entry, Problem{entry + ".ref",
                               reason.empty() ? fillIn(tr("{0} is not in the current publish"), {ref.str()})
                                              : fillIn(tr("{0} was skipped by the sync: {1}"), {ref.str(), reason}),
                               true});
}

void skipExpired(const ContentRef& ref, const std::string& entry, const Content& content, std::int64_t now_s,
                 int utc_offset_s, PlaylistResult& result) {
    if (ref.kind != RefKind::Notice || result.isSkipped(entry)) return;
    const Notice* notice = content.findNotice(ref.id);
    if (notice == nullptr || !notice->valid_until || *notice->valid_until > now_s) return;
    result.skip(entry, Problem{entry + ".ref",
                               fillIn(tr("{0} expired at {1} (valid_until), so it never shows again"),
                                      {ref.str(), localMinute(*notice->valid_until, utc_offset_s)}),
                               true});
}

// The stored file of a video item (empty when the store does not hold it).
std::filesystem::path videoFile(const PlaylistVideo& video, const Content& content) {
    return content.attachmentPath(Attachment{video.name, video.href, video.sha256, video.bytes, video.type, "", true});
}

// Why a screen of this store cannot play the video, or "": its file is not in the store (the sync
// did not download it, or no publish named it), this program plays no video, or the player cannot
// play the file.
std::string videoProblem(const PlaylistVideo& video, const Content& content) {
    const std::filesystem::path file = videoFile(video, content);
    if (file.empty()) {
        const auto why = content.videos_not_downloaded.find(video.sha256);
        return why != content.videos_not_downloaded.end()
                   ? fillIn(tr("{0} was not downloaded by the sync: {1}"), {video.href, why->second})
                   : fillIn(tr("{0} is not in the store: the sync downloads the videos the publish's playlists "
                               "name"),
                            {video.href});
    }
    if (!canPlayVideo()) return tr("video playback not available");
    if (const std::optional<std::string> problem = videoFileFacts(file).problem)
        return fillIn(tr("{0} cannot be played: {1}"), {video.href, *problem});
    return "";
}

// A video item without its own duration_s plays for the video's length: its slot is that long.
void takeVideoLength(PlaylistItem& item, const Content& content) {
    const PlaylistVideo* video = item.video();
    if (video == nullptr || video->duration_s) return;
    const double seconds = videoFileFacts(videoFile(*video, content)).seconds;
    if (seconds > 0) item.duration_s = std::clamp(static_cast<int>(std::ceil(seconds)), 1, kMaxDurationS);
}

// Skips the video items and fallback a screen cannot play (videoProblem), and takes them out of the
// playlist as disabled items are (Playlist::file_positions keeps the file's paths), so that no
// rotation schedules them. Only for content read from a store: a feed being built or checked has
// no objects directory, and its videos are checked as its files there (size and SHA-256).
void skipUnplayableVideos(const Content& content, PlaylistResult& result) {
    if (content.objects_dir.empty()) return;
    Playlist& playlist = result.playlist;
    std::vector<bool> unplayable(playlist.items.size(), false);
    for (std::size_t i = 0; i < playlist.items.size(); ++i) {
        const PlaylistVideo* video = playlist.items[i].video();
        const std::string problem = video != nullptr ? videoProblem(*video, content) : "";
        if (problem.empty()) {
            takeVideoLength(playlist.items[i], content);
            continue;
        }
        const std::string entry = playlist.itemPath(i);
        result.skip(entry, Problem{entry + ".video", problem, true});
        unplayable[i] = true;
    }
    if (std::find(unplayable.begin(), unplayable.end(), true) != unplayable.end()) {
        std::vector<PlaylistItem> kept;
        std::vector<std::size_t> positions;
        for (std::size_t i = 0; i < playlist.items.size(); ++i) {
            if (unplayable[i]) continue;
            positions.push_back(i < playlist.file_positions.size() ? playlist.file_positions[i] : i);
            kept.push_back(std::move(playlist.items[i]));
        }
        playlist.items = std::move(kept);
        playlist.file_positions = std::move(positions);
    }
    if (const PlaylistVideo* video = playlist.fallback ? playlist.fallback->video() : nullptr) {
        if (const std::string problem = videoProblem(*video, content); !problem.empty()) {
            result.skip("fallback", Problem{"fallback.video", problem, true});
            playlist.fallback.reset();
        } else {
            takeVideoLength(*playlist.fallback, content);
        }
    }
}

std::string durationText(std::int64_t seconds) {
    const std::int64_t minutes = (seconds + 59) / 60;
    if (minutes < 60) return fillIn(tr("{0} min"), {std::to_string(minutes)});
    const std::int64_t hours = minutes / 60;
    if (minutes % 60 == 0) return fillIn(tr("{0} h"), {std::to_string(hours)});
    return fillIn(tr("{0} h {1} min"), {std::to_string(hours), std::to_string(minutes % 60)});
}

} // namespace

PlaylistFile readPlaylistFile(const fs::path& path) {
    PlaylistFile file;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        file.status = ec && ec != std::errc::no_such_file_or_directory ? PlaylistFileStatus::Unreadable
                                                                       : PlaylistFileStatus::Missing;
        file.error = ec && file.status == PlaylistFileStatus::Unreadable
                         ? fillIn(tr("cannot read: {0}"), {ec.message()})
                         : std::string(tr("no such file"));
        return file;
    }
    if (!fs::is_regular_file(status)) {
        file.status = PlaylistFileStatus::NotRegular;
        file.error = fs::is_directory(status) ? tr("is a directory, not a playlist file") : tr("is not a regular file");
        return file;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        file.status = PlaylistFileStatus::Unreadable;
        file.error = fillIn(tr("cannot read: {0}"), {std::strerror(errno)});
        return file;
    }
    // In chunks, up to one byte past the limit: a screen polls this every second, so it must
    // cost what the file costs, not what the limit allows.
    const std::uintmax_t expected = fs::file_size(path, ec);
    file.text.reserve(ec ? 0 : static_cast<std::size_t>(std::min<std::uintmax_t>(expected, kMaxPlaylistBytes) + 1));
    char chunk[16 * 1024];
    while (file.text.size() <= kMaxPlaylistBytes && (in.read(chunk, sizeof chunk) || in.gcount() > 0)) {
        file.text.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        file.status = PlaylistFileStatus::Unreadable;
        file.error = fillIn(tr("cannot read: {0}"), {std::strerror(EIO)});
        file.text.clear();
        return file;
    }
    if (file.text.size() > kMaxPlaylistBytes) {
        const std::uintmax_t bytes = fs::file_size(path, ec);
        file.status = PlaylistFileStatus::TooLarge;
        file.error = fillIn(tr("file is {0}; a playlist may be at most 1 MiB"),
                            {ec ? std::string(tr("over 1 MiB")) : sizeText(bytes)});
        file.text.clear();
        return file;
    }
    file.status = PlaylistFileStatus::Ok;
    return file;
}

PlaylistResult readScreenPlaylist(std::string_view text, std::string_view file_label, const Content& content) {
    PlaylistResult result = parsePlaylist(text, file_label);
    if (!result.usable()) return result;
    const Playlist& playlist = result.playlist;
    for (std::size_t i = 0; i < playlist.items.size(); ++i) {
        if (const ContentRef* ref = playlist.items[i].ref())
            skipUnresolved(*ref, playlist.itemPath(i), content, result);
    }
    if (playlist.fallback) {
        if (const ContentRef* ref = playlist.fallback->ref()) skipUnresolved(*ref, "fallback", content, result);
    }
    skipUnplayableVideos(content, result);
    return result;
}

void examinePlaylistVideos(const Content& content) {
    if (content.objects_dir.empty() || !canPlayVideo()) return;
    for (const auto& [group, text] : content.playlists) {
        const PlaylistResult result = parsePlaylist(text, group);
        if (!result.usable()) continue;
        std::vector<const PlaylistItem*> entries;
        for (const PlaylistItem& item : result.playlist.items) entries.push_back(&item);
        if (result.playlist.fallback) entries.push_back(&*result.playlist.fallback);
        for (const PlaylistItem* entry : entries)
            if (const PlaylistVideo* video = entry->video())
                if (const std::filesystem::path file = videoFile(*video, content); !file.empty()) videoFileFacts(file);
    }
}

PlaylistResult checkPlaylistText(std::string_view text, std::string_view file_label, const Content& content,
                                 std::int64_t now_s, int utc_offset_s) {
    PlaylistResult result = readScreenPlaylist(text, file_label, content);
    if (!result.usable()) return result;
    checkPlaylistSchedules(result, now_s, utc_offset_s);
    const Playlist& playlist = result.playlist;
    for (std::size_t i = 0; i < playlist.items.size(); ++i) {
        if (const ContentRef* ref = playlist.items[i].ref())
            skipExpired(*ref, playlist.itemPath(i), content, now_s, utc_offset_s, result);
    }
    if (playlist.fallback) {
        if (const ContentRef* ref = playlist.fallback->ref())
            skipExpired(*ref, "fallback", content, now_s, utc_offset_s, result);
    }
    return result;
}

std::vector<Problem> idleWindowWarnings(const Playlist& playlist, const Content& content, std::int64_t from_s,
                                        std::int64_t to_s, int utc_offset_s, std::size_t max_windows) {
    const std::vector<TimeSpan> idle = idleWindows(playlist, content, from_s, to_s, utc_offset_s);
    std::vector<Problem> problems;
    for (std::size_t i = 0; i < idle.size() && i < max_windows; ++i) {
        problems.push_back(
            Problem{"",
                    fillIn(tr("nothing plays {0} – {1} ({2}): no item is scheduled and there is no "
                              "fallback, so the screen shows only the site name and clock"),
                           {localMinute(idle[i].start_s, utc_offset_s), localMinute(idle[i].end_s, utc_offset_s),
                            durationText(idle[i].end_s - idle[i].start_s)}),
                    true});
    }
    if (idle.size() > max_windows) {
        const std::size_t more = idle.size() - max_windows;
        problems.push_back(Problem{"",
                                   fillIn(trn("and {0} more span in which nothing plays (see `gongkai-kiosk playlist "
                                              "plan`)",
                                              "and {0} more spans in which nothing plays (see `gongkai-kiosk playlist "
                                              "plan`)",
                                              more),
                                          {std::to_string(more)}),
                                   true});
    }
    return problems;
}

std::string skippedSummary(const PlaylistResult& result) {
    if (result.skipped.empty()) return "";
    std::vector<std::string> items, others;
    for (const std::string& entry : result.skipped) (entry.rfind("items[", 0) == 0 ? items : others).push_back(entry);
    const auto position = [](const std::string& entry) { return std::stoul(entry.substr(6)); }; // "items[12]" → 12
    std::sort(items.begin(), items.end(),
              [&](const std::string& a, const std::string& b) { return position(a) < position(b); });
    std::stable_partition(others.begin(), others.end(), [](const std::string& e) { return e == "fallback"; });
    const auto list = [](const std::vector<std::string>& entries) {
        std::string text;
        for (const std::string& entry : entries) text += (text.empty() ? "" : ", ") + entry;
        return text;
    };
    std::string text;
    if (!items.empty()) {
        const std::size_t kept = result.playingItems();
        text = fillIn(trn("{0} item is skipped ({1})", "{0} items are skipped ({1})", items.size()),
                      {std::to_string(items.size()), list(items)}) +
               tr("; ") +
               (kept == 0 ? std::string(tr("no other item plays"))
                          : fillIn(trn("the other {0} plays", "the other {0} play", kept), {std::to_string(kept)}));
    }
    if (!others.empty()) {
        std::string named = list(others);
        if (named.rfind("fallback", 0) == 0) named = fillIn(tr("the {0}"), {named});
        text += text.empty() ? fillIn(trn("{0} is skipped", "{0} are skipped", others.size()), {named})
                             : fillIn(tr("; also skipped: {0}"), {named});
    }
    return text;
}

std::string firstProblemSummary(const std::vector<Problem>& problems) {
    if (problems.empty()) return "";
    const Problem* first = &problems.front();
    for (const Problem& p : problems) {
        if (!p.warning) {
            first = &p;
            break;
        }
    }
    std::string text = first->path.empty() ? first->message : first->path + ": " + first->message;
    if (problems.size() > 1) {
        const std::size_t more = problems.size() - 1;
        text += fillIn(trn(" (and {0} more problem)", " (and {0} more problems)", more), {std::to_string(more)});
    }
    return text;
}

std::vector<std::string> playlistProblems(const Content& content, const std::string& group,
                                          const std::filesystem::path& local_path, std::int64_t now_s,
                                          int utc_offset_s) {
    std::vector<std::string> lines;
    const auto add = [&lines](const PlaylistResult& checked) {
        std::string text = checked.formattedProblems();
        for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n')) {
            lines.push_back(text.substr(0, end));
            text.erase(0, end + 1);
        }
    };
    const auto published = content.playlists.find(group);
    if (published != content.playlists.end())
        add(checkPlaylistText(published->second, "playlists/" + group + ".json (published)", content, now_s,
                              utc_offset_s));
    const PlaylistFile local = readPlaylistFile(local_path);
    if (local.status == PlaylistFileStatus::Ok)
        add(checkPlaylistText(local.text, local_path.string(), content, now_s, utc_offset_s));
    else if (local.status != PlaylistFileStatus::Missing)
        lines.push_back(local_path.string() + ": " + local.error);
    if (published == content.playlists.end() && local.status == PlaylistFileStatus::Missing)
        lines.push_back(fillIn(tr("no playlist for screen group \"{0}\" in the publish or at {1}: the screen shows "
                                  "only the site name and the clock"),
                               {group, local_path.string()}));

    return lines;
}

} // namespace gk
