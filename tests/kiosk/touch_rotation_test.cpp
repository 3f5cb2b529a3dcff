// Touch on a turned output: cage 0.1.4 turns the picture (-r) but hands touch over in the panel's
// own coordinates. Seen under cage's X11 backend with -r: the screen's top runs along the panel's
// left edge and the screen's left along its bottom. That one observation, applied once per
// quarter turn, says where every screen point lies on the panel; the correction must undo it.
#include "kiosk/input/staff_overlay.h"

#include <catch2/catch.hpp>

using namespace gk;

namespace {

// Where the screen point (x, y) (fractions) lies on the panel, the picture turned clockwise by
// quarter turns: one quarter turn puts (x, y) at (y, 1 - x).
ImVec2 onPanel(int quarter_turns, ImVec2 screen) {
    for (int i = 0; i < quarter_turns; ++i) screen = ImVec2(screen.y, 1.0f - screen.x);
    return screen;
}

} // namespace

TEST_CASE("a touch on a turned panel lands where the finger is on the turned screen", "[touch]") {
    for (const int rotation : {0, 90, 180, 270}) {
        for (const ImVec2 screen : {ImVec2(0.1f, 0.2f), ImVec2(0.9f, 0.05f), ImVec2(0.5f, 0.5f), ImVec2(0.3f, 0.8f)}) {
            INFO("rotation " << rotation << ", screen point " << screen.x << ", " << screen.y);
            const ImVec2 panel = onPanel(rotation / 90, screen);
            const ImVec2 back = touchOnTurnedScreen(rotation, panel.x, panel.y);
            CHECK(back.x == Approx(screen.x));
            CHECK(back.y == Approx(screen.y));
        }
    }
}

TEST_CASE("an unknown rotation leaves touch as it is", "[touch]") {
    const ImVec2 p = touchOnTurnedScreen(45, 0.25f, 0.75f);
    CHECK(p.x == 0.25f);
    CHECK(p.y == 0.75f);
}
