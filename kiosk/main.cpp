// gongkai-kiosk: the program's entry point. Everything lives in the gongkai_app library so that
// tests link the same code.
#include "kiosk/cli/commands.h"

int main(int argc, char** argv) {
    return gk::runCli(argc, argv);
}
