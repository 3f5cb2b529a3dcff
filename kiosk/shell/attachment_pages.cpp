// PDF pages rendered off the frame loop. See attachment_pages.h.
#include "kiosk/shell/attachment_pages.h"

#include "kiosk/core/log.h"

#include <algorithm>
#include <utility>

namespace gk {
namespace {

constexpr std::size_t kQueueLimit = 3; // a resident turning pages fast: only the newest wishes count
constexpr std::size_t kDoneLimit = 4;  // finished pages the main thread has not taken yet
constexpr std::size_t kStatesLimit = 64;
constexpr std::size_t kTexturedLimit = 3; // the page read and its neighbours
// …while they take at most this much (three pages at 1080p; one page of elder mode's zoom, 23 MiB):
// the page on screen is always kept.
constexpr std::uint64_t kTexturedBytesLimit = 26ull << 20;
constexpr std::uint64_t kAheadBytesLimit = 12ull << 20; // a page at 1080p is 8.4 MiB

std::uint64_t textureBytes(const AttachmentPageState& state) {
    return static_cast<std::uint64_t>(state.width) * static_cast<std::uint64_t>(state.height) * 4;
}

} // namespace

AttachmentPages::AttachmentPages(TextureCache& textures, std::function<void()> wake, std::filesystem::path helper,
                                 PageRenderLimits limits)
    : m_textures(textures), m_wake(std::move(wake)), m_helper(std::move(helper)), m_limits(limits) {
    m_limits.cancel = &m_cancel;
    m_worker = std::thread([this] { work(); });
}

AttachmentPages::~AttachmentPages() {
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cancel = true; // a render in progress ends now (its child is killed and reaped)
    m_changed.notify_all();
    m_worker.join();
}

std::string AttachmentPages::textureKey(const Key& key) {
    return "pdf:" + key.file + ":" + std::to_string(key.page) + ":" + std::to_string(key.width);
}

void AttachmentPages::request(const Key& key, bool ahead) {
    {
        const std::lock_guard lock(m_mutex);
        if (m_rendering == key || m_done.count(key) != 0) return;
        const auto queued = std::find_if(m_queue.begin(), m_queue.end(), [&](const Wanted& w) { return w.key == key; });
        if (queued != m_queue.end()) {
            if (ahead) return;
            m_queue.erase(queued); // now someone waits for it: first in line
        }
        m_queue.push_front({key, ahead});
        if (m_queue.size() > kQueueLimit) m_queue.pop_back();
    }
    m_changed.notify_all();
}

AttachmentPageState AttachmentPages::pageState(const std::string& file, int page, int width_px, bool wait) {
    const Key key{file, page, width_px};
    if (const auto known = m_states.find(key); known != m_states.end()) {
        // A shown page whose texture the cache let go (its cap, a new publish) is rendered again.
        if (known->second.status != AttachmentPageState::Status::Shown || m_textures.get(known->second.image_key, {}))
            return known->second;
        m_states.erase(known);
    }
    std::optional<RenderedPage> done;
    {
        std::unique_lock lock(m_mutex);
        if (m_done.count(key) == 0) {
            lock.unlock();
            request(key, false);
            lock.lock();
            if (!wait) return {};
            m_changed.wait(lock, [&] { return m_done.count(key) != 0 || m_stop; });
            if (m_done.count(key) == 0) return {};
        }
        done = std::move(m_done.at(key));
        m_done.erase(key);
    }
    AttachmentPageState state;
    state.page_count = done->page_count;
    if (done->ok()) {
        // Room first: the oldest pages' textures go (they are rendered again if wanted) before the
        // new one is made, so that the kiosk never holds more than the limit and the new page.
        // (A page whose texture the cache let go has no state left: it counts nothing.)
        const auto bytes_of = [&](const Key& k) {
            const auto known = m_states.find(k);
            return known == m_states.end() ? 0 : textureBytes(known->second);
        };
        m_textured.erase(std::remove(m_textured.begin(), m_textured.end(), key), m_textured.end());
        std::uint64_t bytes = static_cast<std::uint64_t>(done->width) * static_cast<std::uint64_t>(done->height) * 4;
        for (const Key& textured : m_textured) bytes += bytes_of(textured);
        while (!m_textured.empty() && (m_textured.size() + 1 > kTexturedLimit || bytes > kTexturedBytesLimit)) {
            bytes -= bytes_of(m_textured.front());
            m_textures.remove(textureKey(m_textured.front()));
            m_states.erase(m_textured.front());
            m_textured.pop_front();
        }
    }
    if (done->ok() && m_textures.put(textureKey(key), std::move(done->rgba), done->width, done->height)) {
        state.status = AttachmentPageState::Status::Shown;
        state.image_key = textureKey(key);
        state.width = done->width;
        state.height = done->height;
        m_textured.push_back(key);
        done.reset(); // its pixels are the texture's now
        // The likely next turn, rendered ahead; not a zoomed page's (its pixels would double what the
        // kiosk holds, and one renders on demand in about 0.1 s).
        if (page < state.page_count && textureBytes(state) <= kAheadBytesLimit)
            request({file, page + 1, width_px}, true);
    } else if (done->status == PageStatus::NoSuchPage && done->page_count > 0) {
        state.status = AttachmentPageState::Status::PastEnd;
    } else {
        state.status = AttachmentPageState::Status::Unreadable;
        logLine(LogLevel::Warn, "attachment " + file + ", page " + std::to_string(page) + ", cannot be shown: " +
                                    (done->failure.empty() ? "no texture could be made" : done->failure));
    }
    if (m_states.size() >= kStatesLimit) { // old visits; any still wanted are rendered again
        for (const Key& textured : m_textured) m_textures.remove(textureKey(textured));
        m_textured.clear();
        m_states.clear();
    }
    m_states[key] = state;
    return state;
}

void AttachmentPages::work() {
    for (;;) {
        Wanted next;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_stop || !m_queue.empty(); });
            if (m_stop) return;
            next = m_queue.front();
            m_queue.pop_front();
            m_rendering = next.key;
        }
        RenderedPage page =
            renderPdfPage(m_helper, PageRequest{next.key.file, next.key.page, next.key.width}, m_limits);
        {
            const std::lock_guard lock(m_mutex);
            m_rendering.reset();
            if (m_stop) return;
            if (m_done.size() >= kDoneLimit) m_done.erase(m_done.begin());
            m_done[next.key] = std::move(page);
        }
        m_changed.notify_all();
        if (!next.ahead && m_wake) m_wake(); // the screen waits for this page: draw it now
    }
}

} // namespace gk
