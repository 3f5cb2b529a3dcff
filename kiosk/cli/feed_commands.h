// `gongkai-kiosk feed keygen` and `feed check`: the publisher's commands (docs/portal-feed.md).
// keygen: exit 0 with the public key on standard output, 2 when no key was written. check: exit 0
// valid (warnings allowed), 1 problems found, 2 unreadable (the manifest cannot be fetched or is not
// JSON) or a usage error — the same as `config check` and `playlist check`.
#pragma once

#include "kiosk/cli/options.h"

namespace gk {

int runFeedCommand(const ParsedCommand& cmd);

} // namespace gk
