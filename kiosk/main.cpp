// gongkai-kiosk: the program's entry point. Everything lives in the gongkai_app library so that
// tests link the same code.
#include "config/i18n.h"
#include "kiosk/cli/commands.h"
#include "kiosk/platform/process_memory.h"

int main(int argc, char** argv) {
    gk::returnLargeBuffersToSystem();
    gk::initMessages(); // the staff's language (LC_MESSAGES only)
    return gk::runCli(argc, argv);
}
