// Video playback for the information screen: libmpv decodes on its own threads and renders each
// frame, when it is due, into a CPU buffer the caller provides (mpv's software render API; the
// program has no OpenGL). The caller uploads that buffer as its own texture. Nothing here blocks
// the caller's frame loop: open() and stop() only queue commands, mpv's events are read on a
// thread of the player's own, and renderInto() converts one frame that is already decoded.
// A file that cannot be played, is cut short or whose decoder fails becomes Failed with a reason
// for the log. Owns only libmpv: no SDL, ImGui or curl (the caller wakes its own loop).
//
// How the frame loop drives it (one thread, the loop's):
//   open(file, options) when the slot starts; the picture appears once frameDue() says so.
//   Each time the loop wakes (the `wake` callback, or any other reason):
//     if (player.frameDue()) { player.renderInto(w, h, stride, pixels); upload; redraw the
//                              video's rectangle only }
//     player.status() for Ended / Failed (move on) and played_seconds (proof of play).
//   stop() when the slot ends or a resident touches the screen.
// Frames are timed by mpv: `wake` is called when the next frame's display time has come (the
// option video-timing-offset=0 makes mpv hand a frame over at its display time, not ahead of it),
// so rendering it at once shows it in step with the video. The player never calls
// mpv_render_context_report_swap(): the screen's present is not tied to a vsync the loop could
// report, and mpv then times frames by its own clock (there is no audio clock when muted). A frame
// the loop does not render within 0.2 s is dropped by mpv and counted in dropped_frames.
#pragma once

#include "kiosk/video/mpv_core.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

struct mpv_render_context;

namespace gk {

struct VideoOptions {
    bool muted = true;                 // a muted video opens no audio device at all
    bool loop = false;                 // start again at the end (until max_seconds, or stop())
    std::optional<double> max_seconds; // play at most this long (a 10-hour file in a 30 s slot)
    bool hardware_decoding = true;     // mpv's auto-copy-safe: a GPU decoder when the machine has one
    int decoding_threads = 1;          // of the software decoder (decodingThreadsFor)
};

// How many threads the software decoder gets for a video of this size and frame rate (0: not
// known, taken as 30). One decodes H.264 at 1080p about 4.5 times faster than real time at 30 fps
// on this machine class, and costs less CPU and 10 MiB less memory than two. Past 1080p at
// 60 fps (4K) one thread cannot keep up: two.
int decodingThreadsFor(int width, int height, double fps);

enum class VideoState {
    Idle,    // nothing opened, or stopped
    Loading, // opened, no frame yet
    Playing,
    Ended,  // reached its end or max_seconds; the last frame stays drawable
    Failed, // see VideoStatus::failure
};

struct VideoStatus {
    VideoState state = VideoState::Idle;
    std::string failure;              // why it failed, one English line for the log
    double played_seconds = 0;        // of the video's time shown, loops counted (proof of play)
    std::optional<double> duration_s; // the file's own length, once known
    int width = 0;                    // the video's size in pixels, once known
    int height = 0;
    std::int64_t dropped_frames = 0; // frames mpv dropped because they were late
    bool audio_output = false;       // an audio device (or mpv's null output) is open
};

class VideoPlayer {
public:
    // `wake` is called from mpv's threads whenever the loop has something to do (a frame is due,
    // the status changed); it must be thread-safe and quick (e.g. push an SDL user event).
    explicit VideoPlayer(std::function<void()> wake);
    ~VideoPlayer(); // ends playback and waits for mpv's threads (about 10 ms)
    VideoPlayer(const VideoPlayer&) = delete;
    VideoPlayer& operator=(const VideoPlayer&) = delete;

    // Starts playing `file` (replacing what played); the status is Loading until the first frame.
    void open(const std::filesystem::path& file, const VideoOptions& options);
    // Ends playback; returns at once (mpv unloads the file on its own thread).
    void stop();

    // True when a new frame should be rendered now.
    bool frameDue();
    // Renders the current frame, scaled to fit width×height with black bars, as 32-bit words
    // 0x00RRGGBB (the screen's framebuffer format, which the screen then copies without converting)
    // rows `stride` bytes apart; stride and pixels aligned to 64 bytes keep mpv on its fast path.
    // False when there is no video to render (Idle, Failed before any frame).
    bool renderInto(int width, int height, std::size_t stride, std::uint8_t* pixels);

    VideoStatus status() const;

private:
    bool startCore();
    bool hasPicture() const;
    void readEvents();
    void onEvent(const mpv_event& event);
    void onProperty(const mpv_event_property& property);
    void fail(const std::string& reason);
    void finishAtEnd();
    static void onRenderUpdate(void* self);

    std::function<void()> m_wake;
    MpvCore m_core;                         // created at the first open()
    mpv_render_context* m_render = nullptr; // freed before m_core
    std::thread m_events;
    std::atomic<bool> m_quit{false};
    std::atomic<bool> m_update_pending{false};
    bool m_frame_due = false; // the loop's thread only

    mutable std::mutex m_mutex; // guards what follows
    VideoStatus m_status;
    std::uint64_t m_generation = 0; // one per open() and stop(): replies to older ones are ignored
    std::int64_t m_entry_id = -1;   // mpv's playlist entry of the current file, once known
    bool m_loaded = false;          // mpv reported the current file loaded: its properties count
    VideoOptions m_options;
    std::optional<double> m_last_position;
    double m_position = 0;
    int m_decoder_errors = 0;
    std::string m_first_error_line; // of the current file: the cause a failure names
    std::string m_ending_error;     // the current file ended in this error; it fails once mpv's log is read
};

} // namespace gk
