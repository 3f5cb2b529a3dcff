// See record_sink.h.
#include "kiosk/core/record_sink.h"

#include <algorithm>

namespace gk {

std::int64_t playedSeconds(std::int64_t start_s, std::int64_t now_s, std::int64_t slot_end_s) {
    const std::int64_t until = std::min(now_s, std::max(slot_end_s, start_s));
    return std::max<std::int64_t>(0, until - start_s);
}

} // namespace gk
