// The information screen's video: the Video card on screen is played by the player (kiosk/video,
// libmpv), each frame rendered when it is due straight into a texture the size of the card's
// picture box, so that a frame costs one conversion and the loop redraws only that box. The loop
// never waits for the decoder (the player decodes on its own threads and wakes the loop). When the
// video ends or fails before its slot does, the session is told to move on. Main thread only.
#pragma once

#include "display/info/info_view.h"
#include "kiosk/platform/gpu.h"
#include "kiosk/platform/screen_window.h"
#include "kiosk/playlist/video_support.h"
#include "kiosk/video/video_player.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace gk {

// Lets the playlist checks ask the player's probe about video files (kiosk/playlist/video_support.h):
// called once when the program starts.
void installVideoPlayback();

class VideoSlot {
public:
    explicit VideoSlot(ScreenWindow& window);
    ~VideoSlot();
    VideoSlot(const VideoSlot&) = delete;
    VideoSlot& operator=(const VideoSlot&) = delete;

    struct Step {
        bool new_frame = false;           // a frame was rendered into the texture: redraw the picture's box
        bool first_frame_pending = false; // opened, nothing to show yet
        bool over = false;                // it ended or failed before its slot: the slot should end
    };
    // Keeps the player on the card on screen: a new slot (`slot_key`) opens its video, and a frame
    // that is due is rendered at the size of `box`. `wait_first_frame` (screenshots) waits for the
    // first frame, at most 3 s.
    Step follow(const CardVideo& video, const std::string& slot_key, const ImVec2& box, bool wait_first_frame);
    // Nothing plays (another card is on screen, or a resident touched the kiosk).
    void stop();
    bool playing() const { return !m_key.empty(); }
    // Whether the player asked for the loop since the last follow(): a frame may be due.
    bool woken() const { return m_woken.load(); }
    std::optional<CardImage> frame() const;
    VideoStatus status() const { return m_player ? m_player->status() : VideoStatus{}; }

private:
    bool ensureTexture(int width, int height);
    void logDroppedFrames() const;

    ScreenWindow& m_window;
    std::atomic<bool> m_woken{false};
    // Made when a video starts, and let go when none plays: libmpv's decoders hold about 110 MiB,
    // which a screen showing cards between videos should not keep. After m_woken.
    std::unique_ptr<VideoPlayer> m_player;
    // Hardware decoding where the machine has a GPU; else mpv would load and probe VA-API, VDPAU
    // and Vulkan for nothing. Looked at once.
    const bool m_hardware_decoding = hasGpuRenderNode();
    std::string m_key;  // the slot playing ("" when stopped)
    std::string m_href; // its video's name in the feed
    VideoFileFacts m_facts;
    bool m_has_frame = false;
    bool m_over = false;
    std::uint64_t m_texture = 0;
    int m_texture_width = 0, m_texture_height = 0;
};

} // namespace gk
