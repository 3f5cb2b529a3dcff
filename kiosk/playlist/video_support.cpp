// What this program can do with video (see video_support.h).
#include "kiosk/playlist/video_support.h"

#include <map>
#include <mutex>

namespace gk {
namespace {

struct Examined {
    std::mutex mutex; // the screen, the staff panel and the heartbeat may ask at once
    VideoExaminer examiner;
    std::map<std::filesystem::path, VideoFileFacts> facts;
};

Examined& examined() {
    static Examined state;
    return state;
}

} // namespace

void setVideoExaminer(VideoExaminer examiner) {
    Examined& state = examined();
    const std::lock_guard lock(state.mutex);
    state.examiner = std::move(examiner);
    state.facts.clear();
}

bool canPlayVideo() {
    Examined& state = examined();
    const std::lock_guard lock(state.mutex);
    return static_cast<bool>(state.examiner);
}

VideoFileFacts videoFileFacts(const std::filesystem::path& file) {
    Examined& state = examined();
    VideoExaminer examiner;
    {
        const std::lock_guard lock(state.mutex);
        if (!state.examiner) return {std::string("video playback not available"), 0};
        const auto known = state.facts.find(file);
        if (known != state.facts.end()) return known->second;
        examiner = state.examiner;
    }
    // Examined without the lock: the screen asking about a file already known never waits for
    // the sync worker's probe of another (up to 3 s). Two threads asking about one new file both
    // probe it, and get the same answer.
    VideoFileFacts facts = examiner(file);
    const std::lock_guard lock(state.mutex);
    return state.facts.emplace(file, std::move(facts)).first->second;
}

} // namespace gk
