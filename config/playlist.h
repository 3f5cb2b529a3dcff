// The playlist file (portal "playlists/<screen group>.json", or a local override kept by staff):
// what an information screen rotates, its ticker and fallback. Owned by config/: the model,
// parsing, validation with exact JSON paths. Resolving refs against content is NOT done here
// (config does not know the content model; see resolves() in sync/content.h). Uses nlohmann_json
// in the .cpp files only; must not include SDL, ImGui, GL, curl or sync/.
#pragma once

#include "config/problem.h"
#include "config/schedule.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gk {

enum class RefKind { Notice, Guide, Disclosure };

// "notice:n-2026-031" → {Notice, "n-2026-031"}.
struct ContentRef {
    RefKind kind = RefKind::Notice;
    std::string id;
    std::string str() const; // back to "notice:n-2026-031"
    bool operator==(const ContentRef&) const = default;
};

// An image shown full-screen; same fields as a feed attachment (href relative to the manifest).
struct PlaylistImage {
    std::string name;
    std::string href;
    std::string sha256; // lowercase hex
    std::uint64_t bytes = 0;
    std::string type; // "image/png" or "image/jpeg"
    bool operator==(const PlaylistImage&) const = default;
};

// Where a video plays: the whole screen, or the main zone with the header, ticker and QR code kept
// around it ("zone": "full" | "main").
enum class VideoZone { Full, Main };

// A video file; the attachment fields as for an image (href relative to the manifest). The sync
// downloads and verifies it like an image, within the device's video caps (config "video").
struct PlaylistVideo {
    std::string name;
    std::string href;
    std::string sha256; // lowercase hex
    std::uint64_t bytes = 0;
    std::string type; // one of kVideoTypes
    // How long the slot lasts, fractions allowed; absent = the video's own length.
    std::optional<double> duration_s;
    bool loop = false; // starts again at its end while the slot lasts (needs duration_s)
    bool muted = true; // a hall screen is silent unless staff say otherwise
    VideoZone zone = VideoZone::Main;
    bool operator==(const PlaylistVideo&) const = default;
};

// The containers a video item may name: MP4, WebM and Matroska, what libmpv (FFmpeg) plays and
// what halls get from their video makers. Whether the codec inside plays is a question for the
// player (kiosk/playlist/video_support.h), not for the playlist.
inline constexpr std::string_view kVideoTypes[] = {"video/mp4", "video/webm", "video/x-matroska"};

struct PlaylistText {
    std::string title;
    std::string body;
    bool operator==(const PlaylistText&) const = default;
};

struct PlaylistItem {
    // (PlaylistVideo is last so that the indexes of the others stay what they were.)
    std::variant<ContentRef, PlaylistImage, PlaylistText, PlaylistVideo> content;
    // absent = the playlist's default_duration_s. A video item's "duration_s" is its video's
    // (PlaylistVideo::duration_s); here it is rounded up to whole seconds for the rotation.
    std::optional<int> duration_s;
    std::optional<Schedule> schedule; // absent = always
    // How long a long card's slot may stretch (duration_s per screenful); absent = the playlist's.
    // (An initializer: items built without it stay -Wextra clean.)
    std::optional<int> max_duration_s{};

    const ContentRef* ref() const { return std::get_if<ContentRef>(&content); }
    const PlaylistImage* image() const { return std::get_if<PlaylistImage>(&content); }
    const PlaylistText* text() const { return std::get_if<PlaylistText>(&content); }
    const PlaylistVideo* video() const { return std::get_if<PlaylistVideo>(&content); }
};

struct TickerEntry {
    std::string text;
    std::optional<Schedule> schedule; // absent = always
};

enum class Orientation { Landscape, Portrait };

struct Playlist {
    std::string name;
    Orientation orientation = Orientation::Landscape;
    int default_duration_s = 15;
    // Staff's limit for stretching: a card whose text takes several screenfuls on the group's
    // reference screen gets its duration for each, up to this. Absent: slots are not stretched.
    std::optional<int> max_duration_s;
    std::vector<PlaylistItem> items;
    std::vector<TickerEntry> ticker;
    std::optional<PlaylistItem> fallback; // its schedule, if any, is ignored (with a warning)
    // Items with "enabled": false (staff switched them off) are checked like the others but are
    // not in `items`, so nothing ever schedules them. file_positions[i] is where items[i] is in
    // the file's "items" array (empty when every item is enabled: then they are the same).
    std::vector<std::size_t> file_positions;
    std::size_t disabled_items = 0;

    // The item's duration_s, else default_duration_s; never less than 1.
    int durationOf(const PlaylistItem& item) const;
    // Whether the item's slot can stretch: it has a limit (its own, else the playlist's) above its
    // duration, and it is a card (a video's slot is its duration_s or its own length).
    bool stretches(const PlaylistItem& item) const;
    // The item's slot when its card takes `screenfuls` screenfuls on the reference screen:
    // durationOf(item) for each, up to the limit; durationOf(item) when it does not stretch.
    int stretchedDurationOf(const PlaylistItem& item, std::size_t screenfuls) const;
    // "items[<position in the file>]" for items[i]: the path problems about it must name.
    std::string itemPath(std::size_t i) const;
};

inline constexpr std::size_t kMaxPlaylistBytes = 1024 * 1024;
inline constexpr int kMaxDurationS = 86400;

// A playlist file is refused (usable() is false, the screen keeps what it had) only when it cannot
// be read as a playlist at all: over 1 MiB, not JSON, not an object, no "items" array, or an empty
// one. Anything wrong inside one entry — an item, the fallback, a ticker line — is a warning, and
// that entry is skipped (listed in `skipped`, with its reasons in `problems` at their paths): the
// rest plays. A wrong header value (default_duration_s, orientation) is a warning too, and the
// default is used.
struct PlaylistResult {
    Playlist playlist; // complete only when usable()
    std::vector<Problem> problems;
    // The entries the screen skips, each once, in the order found: "items[3]" (its place in the
    // file), "fallback", "ticker[1]", or "ticker" when the whole list is unreadable.
    std::vector<std::string> skipped;
    std::string file_label;

    bool usable() const { return !hasErrors(problems); }
    std::string formattedProblems() const { return formatProblems(file_label, problems); }
    // Reports why `entry` is skipped: a warning at problem.path; `entry` is listed once.
    void skip(const std::string& entry, Problem problem);
    bool isSkipped(std::string_view entry) const;
    std::size_t skippedItems() const; // how many of `skipped` are items[…]
    std::size_t playingItems() const; // the enabled items that are not skipped
};

// Never throws. file_label is only used when formatting problems ("hall-main.json").
PlaylistResult parsePlaylist(std::string_view json_text, std::string_view file_label);

// "kind:id" with kind notice|guide|disclosure and a non-empty id. On failure error says why.
std::optional<ContentRef> parseContentRef(std::string_view text, std::string& error);
std::string_view refKindName(RefKind kind); // "notice" | "guide" | "disclosure"

// Ticker lines whose schedule is active at epoch_s, in file order (the notices' titles that follow
// them on the screen are added by tickerLinesAt, display/info/scheduler.h, which sees the content).
std::vector<std::string> tickerTextsAt(const Playlist& playlist, std::int64_t epoch_s, int utc_offset_s);

} // namespace gk
