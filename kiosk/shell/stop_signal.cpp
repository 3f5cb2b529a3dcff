// See stop_signal.h.
#include "kiosk/shell/stop_signal.h"

#include <csignal>

namespace gk {
namespace {

volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void onStopSignal(int signal_number) {
    g_stop_signal = signal_number;
}

} // namespace

void installStopSignalHandlers() {
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a wait in progress returns early
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

bool stopRequested() {
    return g_stop_signal != 0;
}

const char* stopSignalName() {
    switch (g_stop_signal) {
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    default: return "";
    }
}

} // namespace gk
