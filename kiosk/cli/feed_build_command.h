// `gongkai-kiosk feed build --from DIR --out DIR [--generated-at ISO] [--keep-going]`: the county
// office's publish, made from its spreadsheets and text files (kiosk/publish/feed_build.h). Prints
// every problem as FILE:ROW:列名: message (errors first, then warnings) and a summary line. Exit 0
// when the feed was written, 1 when problems kept it from being written (nothing is changed), 2 on
// a usage error. --sign is the other half of issue 19 (kiosk/publish/feed_signing.h) and is refused
// here until that signer is part of the program.
#pragma once

#include "kiosk/cli/options.h"

namespace gk {

int runFeedBuildCommand(const ParsedCommand& cmd);

} // namespace gk
