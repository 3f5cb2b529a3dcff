// Display mode: the information screen as a face of the frame loop (kiosk/shell/frame_loop.h).
// The hall session (kiosk/core/hall_session.h) decides what is shown; this face draws it with
// the window's textures, only when something visible changes (clock second, rotation, fade
// frames, input), and only the boxes that changed when the framebuffer allows.
#pragma once

#include "kiosk/core/hall_session.h"
#include "kiosk/platform/screen_window.h"
#include "kiosk/platform/textures.h"
#include "kiosk/shell/frame_loop.h"
#include "kiosk/shell/info_painter.h"

#include <cstdint>
#include <vector>

namespace gk {

class DisplayApp final : public ScreenFace {
public:
    DisplayApp(ScreenWindow& window, HallContext context);

    // One frame at wall time now_s into the framebuffer (screenshots, benchmarks); see
    // InfoPainter::paint.
    std::vector<ScreenWindow::Damage> renderFrame(std::int64_t now_s, bool settled, bool partial = false);
    const InfoScreenView& view() const { return m_session.infoView(); }
    InfoLayout layout() const { return m_painter.layout(); }
    VideoStatus videoStatus() const { return m_painter.videoStatus(); } // of the video card on screen
    bool partialRedrawSafe() const { return m_painter.partialRedrawSafe(); }
    const TextureCache& textures() const { return m_textures; } // for the soak's figures

    // The frame loop's face.
    std::string name() const override { return "display mode"; }
    std::string generation() const override { return m_session.content()->generation; }
    HallSession* session() override { return &m_session; }
    void tick(const LoopTime& now, bool staff_up) override;
    bool frameDue(const LoopTime& now) const override;
    FaceFrame drawFrame(const LoopTime& now) override;
    void invalidate() override { m_dirty = true; }
    void handleEvent(const SDL_Event& event, const LoopTime& now) override;
    std::int64_t waitMs(const LoopTime& now) const override;
    void pointerTaken() override { m_dirty = true; }

    HallSession& hall() { return m_session; }

private:
    TextureCache m_textures; // before the session, which holds a pointer to it
    HallSession m_session;
    InfoPainter m_painter;
    bool m_dirty = true;     // the next frame is drawn whole
    bool m_staff_up = false; // under the staff panel nothing of this face moves
    std::int64_t m_drawn_second = -1;
};

} // namespace gk
