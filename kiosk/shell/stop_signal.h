// SIGTERM (systemd stopping the unit) and SIGINT end `run` the orderly way: the frame loop notices
// within a second and returns, so the item on screen is recorded as played, the sync worker and
// the heartbeat cancel what they are doing and join, and SQLite closes cleanly. Only `run`
// installs the handlers; one-shot commands keep the default action.
#pragma once

namespace gk {

void installStopSignalHandlers();
// Set once SIGTERM or SIGINT arrived; async-signal-safe to set, cheap to read every loop turn.
bool stopRequested();
// The signal that asked, for the log ("SIGTERM"), or "" when none did.
const char* stopSignalName();

} // namespace gk
