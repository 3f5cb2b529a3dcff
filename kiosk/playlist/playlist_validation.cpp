// Reading and checking playlist files against the publish (see playlist_validation.h).
#include "kiosk/playlist/playlist_validation.h"

#include "config/playlist_check.h"

#include <algorithm>
#include <cerrno>
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

void checkRef(const ContentRef& ref, const std::string& path, const Content& content, std::int64_t now_s,
              int utc_offset_s, UnknownRefs unknown, std::vector<Problem>& out) {
    if (!resolves(content, ref)) {
        const std::string reason = skippedReason(content, ref.kind, ref.id);
        std::string message =
            ref.str() + (reason.empty() ? " is not in the current publish" : " was skipped by the sync: " + reason);
        if (unknown == UnknownRefs::Warning) message += "; the screen skips it";
        out.push_back(Problem{path, std::move(message), unknown == UnknownRefs::Warning});
        return;
    }
    if (ref.kind != RefKind::Notice) return;
    const Notice& notice = *content.findNotice(ref.id);
    if (notice.valid_until && *notice.valid_until <= now_s) {
        out.push_back(Problem{path,
                              ref.str() + " expired at " + localMinute(*notice.valid_until, utc_offset_s) +
                                  " (valid_until), so the screen skips it",
                              true});
    }
}

} // namespace

PlaylistFile readPlaylistFile(const fs::path& path) {
    PlaylistFile file;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        file.status = ec && ec != std::errc::no_such_file_or_directory ? PlaylistFileStatus::Unreadable
                                                                       : PlaylistFileStatus::Missing;
        file.error =
            ec && file.status == PlaylistFileStatus::Unreadable ? "cannot read: " + ec.message() : "no such file";
        return file;
    }
    if (!fs::is_regular_file(status)) {
        file.status = PlaylistFileStatus::NotRegular;
        file.error = fs::is_directory(status) ? "is a directory, not a playlist file" : "is not a regular file";
        return file;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        file.status = PlaylistFileStatus::Unreadable;
        file.error = std::string("cannot read: ") + std::strerror(errno);
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
        file.error = "cannot read: input/output error";
        file.text.clear();
        return file;
    }
    if (file.text.size() > kMaxPlaylistBytes) {
        const std::uintmax_t bytes = fs::file_size(path, ec);
        file.status = PlaylistFileStatus::TooLarge;
        file.error =
            "file is " + (ec ? std::string("over 1 MiB") : sizeText(bytes)) + "; a playlist may be at most 1 MiB";
        file.text.clear();
        return file;
    }
    file.status = PlaylistFileStatus::Ok;
    return file;
}

std::vector<Problem> checkPlaylistRefs(const Playlist& playlist, const Content& content, std::int64_t now_s,
                                       int utc_offset_s, UnknownRefs unknown) {
    std::vector<Problem> problems;
    for (std::size_t i = 0; i < playlist.items.size(); ++i) {
        if (const ContentRef* ref = playlist.items[i].ref()) {
            checkRef(*ref, playlist.itemPath(i) + ".ref", content, now_s, utc_offset_s, unknown, problems);
        }
    }
    if (playlist.fallback) {
        if (const ContentRef* ref = playlist.fallback->ref()) {
            checkRef(*ref, "fallback.ref", content, now_s, utc_offset_s, unknown, problems);
        }
    }
    return problems;
}

PlaylistResult checkPlaylistText(std::string_view text, std::string_view file_label, const Content& content,
                                 std::int64_t now_s, int utc_offset_s, UnknownRefs unknown) {
    PlaylistResult result = parsePlaylist(text, file_label);
    if (!result.usable()) return result;
    const std::vector<Problem> schedules = checkPlaylistSchedules(result.playlist, now_s, utc_offset_s);
    const std::vector<Problem> refs = checkPlaylistRefs(result.playlist, content, now_s, utc_offset_s, unknown);
    result.problems.insert(result.problems.end(), schedules.begin(), schedules.end());
    result.problems.insert(result.problems.end(), refs.begin(), refs.end());
    return result;
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
        text += " (and " + std::to_string(more) + (more == 1 ? " more problem)" : " more problems)");
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
                              utc_offset_s, UnknownRefs::Warning));
    const PlaylistFile local = readPlaylistFile(local_path);
    if (local.status == PlaylistFileStatus::Ok)
        add(checkPlaylistText(local.text, local_path.string(), content, now_s, utc_offset_s, UnknownRefs::Warning));
    else if (local.status != PlaylistFileStatus::Missing)
        lines.push_back(local_path.string() + ": " + local.error);
    if (published == content.playlists.end() && local.status == PlaylistFileStatus::Missing)
        lines.push_back("no playlist for screen group \"" + group + "\" in the publish or at " + local_path.string() +
                        ": the screen shows only the site name and the clock");
    return lines;
}

} // namespace gk
