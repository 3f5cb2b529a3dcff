// See demo_content.h.
#include "demo_content.h"

#include "sync/loader.h"
#include "sync/sync_once.h"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace gk::test {

namespace fs = std::filesystem;

std::shared_ptr<const Content> demoContent() {
    static std::shared_ptr<const Content> content = [] {
        // Kept for the process: its attachments are the images the render tests draw.
        const fs::path store = fs::temp_directory_path() / "gongkai-tests" / ("store-" + std::to_string(::getpid()));
        fs::remove_all(store);
        SyncRequest request;
        request.portal_url = "file://" + (fs::path(GONGKAI_SOURCE_DIR) / "assets/demo-portal/").string();
        request.data_dir = store;
        const SyncOutcome outcome = syncOnce(request);
        if (outcome.result == SyncResult::Failed) throw std::runtime_error("demo portal sync failed: " + outcome.error);
        std::string error;
        auto loaded = loadCurrentContent(store, error);
        if (!loaded) throw std::runtime_error("demo content did not load: " + error);
        return loaded;
    }();
    return content;
}

} // namespace gk::test
