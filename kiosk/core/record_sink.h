// Where the screen's records go: proof of play and the staff audit log. The hall core writes
// through this interface and never sees the store behind it (kiosk/services/records.h keeps them in
// SQLite), so the core links no database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gk {

// One item's time on screen.
struct PlayRecord {
    std::string ref;          // Slot::ref: "notice:ID", "text:3", … ("" for idle)
    std::string screen_group; // "hall-main"
    std::int64_t start_s = 0; // unix seconds, when it appeared
    std::int64_t duration_s = 0;
    std::string reason; // slotReasonName: scheduled | fallback | urgent | idle
};

// How long a play lasted: from start_s to now_s, never less than 0 and never past the end of its
// slot (slot_end_s; the largest int64 for a slot without an end). A wall clock moved by years (a
// kiosk that boots with its RTC reset, then NTP steps it) must not record a play of years.
std::int64_t playedSeconds(std::int64_t start_s, std::int64_t now_s, std::int64_t slot_end_s);

class RecordSink {
public:
    virtual ~RecordSink() = default;
    // False when the play could not be stored yet (the store keeps trying); plays shorter than one
    // second are not plays.
    virtual bool recordPlay(const PlayRecord& play) = 0;
    virtual bool recordAudit(std::int64_t at_s, std::string_view actor, std::string_view action,
                             std::string_view detail) = 0;
};

} // namespace gk
