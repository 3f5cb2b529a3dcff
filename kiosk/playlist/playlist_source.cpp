// Polling the local playlist file (see playlist_source.h).
#include "kiosk/playlist/playlist_source.h"

#include "config/i18n.h"
#include "kiosk/playlist/playlist_validation.h"

#include <utility>

namespace gk {
namespace {

// FNV-1a, 64 bits: enough to tell one edit of a small file from the next.
std::uint64_t fingerprint(PlaylistFileStatus status, const std::string& bytes) {
    std::uint64_t hash = 14695981039346656037ULL;
    const auto mix = [&hash](unsigned char c) {
        hash ^= c;
        hash *= 1099511628211ULL;
    };
    mix(static_cast<unsigned char>(status));
    for (const char c : bytes) mix(static_cast<unsigned char>(c));
    return hash;
}

} // namespace

std::filesystem::path localPlaylistPath(const std::filesystem::path& data_dir, const std::string& playlist_dir,
                                        const std::string& group) {
    const std::filesystem::path dir =
        playlist_dir.empty() ? data_dir / "playlists" : std::filesystem::path(playlist_dir);
    return dir / (group + ".json");
}

PlaylistSource::PlaylistSource(std::filesystem::path file, int utc_offset_s)
    : m_path(std::move(file)), m_utc_offset_s(utc_offset_s) {}

LocalPlaylistChange PlaylistSource::poll(const Content& content, std::int64_t now_s) {
    const PlaylistFile file = readPlaylistFile(m_path);
    if (file.status == PlaylistFileStatus::Missing) {
        const bool was_present = std::exchange(m_present, false);
        if (!was_present) return LocalPlaylistChange::None;
        m_good.reset();
        m_note.clear();
        m_problem.clear();
        m_skipped.clear();
        m_warnings = 0;
        return LocalPlaylistChange::Removed;
    }
    const std::uint64_t hash = fingerprint(file.status, file.status == PlaylistFileStatus::Ok ? file.text : file.error);
    const bool edited = !m_present || hash != m_hash;
    const bool republished = content.generation != m_generation;
    if (!edited && !republished) return LocalPlaylistChange::None;
    m_present = true;
    m_hash = hash;
    m_generation = content.generation;
    if (file.status != PlaylistFileStatus::Ok) return reject(file.error);
    PlaylistResult checked = checkPlaylistText(file.text, m_path.filename().string(), content, now_s, m_utc_offset_s);
    if (!checked.usable()) return reject(firstProblemSummary(checked.problems));
    std::string summary = firstProblemSummary(checked.problems);
    std::string skipped = skippedSummary(checked);
    // A new publish, the same good bytes and the same findings: nothing new to report.
    const bool unchanged =
        !edited && m_good && m_good_hash == hash && m_note.empty() && summary == m_problem && skipped == m_skipped;
    m_good = std::move(checked.playlist);
    m_good_hash = hash;
    m_note.clear();
    m_problem = std::move(summary);
    m_skipped = std::move(skipped);
    m_warnings = countWarnings(checked.problems);
    return unchanged ? LocalPlaylistChange::None : LocalPlaylistChange::Loaded;
}

LocalPlaylistChange PlaylistSource::reject(std::string problem) {
    m_problem = std::move(problem);
    m_note = fillIn(m_good ? tr("The local playlist has errors; still playing the previous one: {0}: {1}")
                           : tr("The local playlist has errors; playing the portal's playlist: {0}: {1}"),
                    {m_path.filename().string(), m_problem});

    return LocalPlaylistChange::Rejected;
}

std::string PlaylistSource::logLine(LocalPlaylistChange change) const {
    const std::string head = "playlist " + m_path.string() + ": ";
    switch (change) {
    case LocalPlaylistChange::None: return "";
    case LocalPlaylistChange::Removed: return head + "removed; showing the publish's playlist";
    case LocalPlaylistChange::Rejected:
        return head + m_problem + (m_good ? "; keeping the last good playlist" : "; showing the publish's playlist");
    case LocalPlaylistChange::Loaded: {
        // A log line: English for whoever reads the journal, whatever the staff's language.
        const std::size_t items = m_good ? m_good->items.size() : 0;
        std::string line = head + "in use, " + std::to_string(items) + (items == 1 ? " item" : " items");
        if (!m_skipped.empty()) line += "; " + m_skipped;
        if (m_warnings > 0)
            line += "; " + std::to_string(m_warnings) + (m_warnings == 1 ? " warning" : " warnings") +
                    ", first: " + m_problem;

        return line;
    }
    }
    return "";
}

} // namespace gk
