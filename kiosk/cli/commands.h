// The gongkai-kiosk subcommands: run, sync, screenshot, demo. Each returns the process exit code
// and prints one clear line on stderr for every failure (never a crash, never a signal).
#pragma once

namespace gk {

int runCli(int argc, char** argv);

} // namespace gk
