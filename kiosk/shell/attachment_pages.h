// Pages of PDF attachments for the kiosk's reading screen: rendered one at a time by the confined
// renderer (kiosk/pdf/page_renderer.h) on a worker thread, so the frame loop never waits for a
// PDF; the loop is woken when a page is ready, and the page becomes a texture on the main thread.
// The next page is rendered ahead while the resident reads, so turning to it is immediate. What
// is kept is bounded: a few finished pages waiting for the main thread, and the textures of the
// last three pages shown (the one read, the one before, the one after: about 25 MiB at 1080p).
// A page that cannot be shown is logged once with the reason.
#pragma once

#include "display/kiosk/kiosk_pages.h"
#include "kiosk/pdf/page_renderer.h"
#include "kiosk/platform/textures.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

namespace gk {

class AttachmentPages final : public AttachmentPageSource {
public:
    // `wake` is called from the worker when a page the screen waits for is ready (may be empty).
    AttachmentPages(TextureCache& textures, std::function<void()> wake,
                    std::filesystem::path helper = pdfPageHelperPath(), PageRenderLimits limits = {});
    ~AttachmentPages() override; // stops a render in progress and joins the worker
    AttachmentPages(const AttachmentPages&) = delete;
    AttachmentPages& operator=(const AttachmentPages&) = delete;

    AttachmentPageState pageState(const std::string& file, int page, int width_px, bool wait) override;

private:
    struct Key {
        std::string file;
        int page = 1;
        int width = 0;
        auto operator<=>(const Key&) const = default;
    };
    struct Wanted {
        Key key;
        bool ahead = false; // rendered ahead of the resident: nobody waits for it
    };
    void request(const Key& key, bool ahead);
    void work();
    static std::string textureKey(const Key& key);

    TextureCache& m_textures;
    std::function<void()> m_wake;
    std::filesystem::path m_helper;
    PageRenderLimits m_limits;
    std::map<Key, AttachmentPageState> m_states; // main thread: what each page came to
    std::deque<Key> m_textured;                  // main thread: pages with a texture, the newest last

    std::mutex m_mutex; // guards what follows
    std::condition_variable m_changed;
    std::deque<Wanted> m_queue;         // the newest first
    std::map<Key, RenderedPage> m_done; // rendered, not yet taken by the main thread
    std::optional<Key> m_rendering;
    bool m_stop = false;
    std::atomic<bool> m_cancel{false};
    std::thread m_worker; // started in the constructor, once everything above is set
};

} // namespace gk
