// The pages of kiosk mode, laid out from the publish: home tiles, the catalog tree and its item
// lists, disclosure items, service guides, notices and how to apply (依申请公开). Each page also
// says what the fixed QR panel beside (landscape) or below (portrait) it shows. Built once per
// screen, size and mode; drawn by kiosk_screen. Must not include SDL, GL or curl.
#pragma once

#include "display/kiosk/page.h"
#include "display/kiosk/page_builder.h"
#include "display/kiosk/screen_ref.h"
#include "sync/content.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gk {

struct PanelQr {
    std::string url;
    std::string caption; // 手机扫码查看 / 网上办理 / …
};

struct KioskPage {
    std::string title; // in the top bar
    Page page;
    std::vector<PanelQr> panel; // empty: the page uses the whole width
};

struct SearchResults;

// A page of a PDF attachment as the kiosk has it: being rendered (in a confined child process, off
// the frame loop), shown (its pixels are a texture under `image_key`), past the document's last page
// (page_count says how many it has), or not showable (the file is broken, hostile or too large: the
// resident gets the QR code instead).
struct AttachmentPageState {
    enum class Status { Opening, Shown, PastEnd, Unreadable };
    Status status = Status::Opening;
    int page_count = 0; // known once the document was opened (0: not yet, or never)
    std::string image_key;
    int width = 0, height = 0; // of the rendered page, pixels
    bool operator==(const AttachmentPageState&) const = default;
};

// Where pages of PDF attachments come from (the shell renders them; tests give them).
class AttachmentPageSource {
public:
    virtual ~AttachmentPageSource() = default;
    // Page `page` (from 1) of `file` rendered `width_px` wide: its state now, asked for when new.
    // `wait`: block until it is rendered or refused (screenshots).
    virtual AttachmentPageState pageState(const std::string& file, int page, int width_px, bool wait) = 0;
};

// The attachment screen's zoom: the ref's, else the mode's own. Normal mode fits the page to the
// width; elder mode starts where the body text of a typical A4 page (12 pt, 小四, the smallest
// body size of notices made in word processors; 公文 use 16 pt) is drawn at the elder body size, or
// at the largest step that stays within kMaxAttachmentWidthPx.
int attachmentZoom(const AttachmentRef& ref, const KioskStyle& style, float fit_width);
// The width in pixels the page is rendered at for `ref` in a page area `fit_width` wide (texel for
// texel on the screen: wider than the area when zoomed, and then it pans sideways).
int attachmentRenderWidth(const AttachmentRef& ref, const KioskStyle& style, float fit_width);
// The widest page the zoom goes to: an A4 page this wide stays within the renderer's pixel limit
// (4096 × 4096, kiosk/pdf/page_wire.h).
inline constexpr float kMaxAttachmentWidthPx = 3400;

// The page turn a horizontal swipe on the attachment screen means: the action of the page's own
// 下一页 (`forward`) or 上一页 button, when it has one.
std::optional<KioskAction> swipeTurn(const Page& page, const ScreenRef& current, bool forward);

struct PageContext {
    const Content* content = nullptr;
    std::int64_t now_s = 0; // for notice validity
    int utc_offset_s = 8 * 3600;
    const SearchResults* search = nullptr;           // the search screen's results for its query (null: none yet)
    bool typing = false;                             // the on-screen keyboard is up (search results are short)
    const AttachmentPageState* attachment = nullptr; // the attachment screen's page (null: not known)
};

// Whether a page of this kind has the QR panel (so the caller knows the width to lay out in).
bool pageHasPanel(const ScreenRef& ref);

// Lays out the page for `ref` (which checkScreenRef accepted) in a content area of width ×
// height pixels. The attract screen is not a page.
KioskPage buildKioskPage(const ScreenRef& ref, const PageContext& context, const KioskStyle& style, float width,
                         float height);

// Items of a catalog category and all its sub-categories, newest first (published date, then id).
// kUncataloguedCode gives the items whose category the catalog does not have.
std::vector<const DisclosureItem*> itemsInCategory(const Content& content, const std::string& code);

} // namespace gk
