// Which kiosk screen is meant, as data: parsed from and printed as the refs staff and tests use
// (`home`, `catalog:0201`, `disclosure:ID`, …), checked against a publish, and the actions a
// kiosk screen can report. Pure logic: must not include ImGui, SDL, GL or curl.
#pragma once

#include "sync/content.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

enum class ScreenKind {
    Attract,    // the information-screen rotation with 「点击屏幕开始」
    Home,       // the large tiles
    Catalog,    // id empty: the category tree; id = code: that category's items, newest first
    Disclosure, // id = item id
    Guides,     // service guides grouped by department
    Guide,      // id = guide id
    Notices,    // notices, newest first
    Notice,     // id = notice id
    Apply,      // 依申请公开: how to apply
    Search,     // id = the query so far (may be empty): the keyboard and the results
    Attachment, // id = "ITEM_ID:N:P[@Z]": page P of the disclosure item's N-th attachment, a PDF or a picture (from 1),
                // at zoom Z (percent of the width that fits the screen; absent: the mode's own)
};

struct ScreenRef {
    ScreenKind kind = ScreenKind::Home;
    std::string id;
    bool operator==(const ScreenRef&) const = default;
};

// "home", "catalog", "catalog:CODE", "disclosure:ID", "guides", "guide:ID", "notices",
// "notice:ID", "apply", "search", "search:QUERY", "attachment:ID:N[:P[@Z]]", "attract"; nullopt for
// anything else (an id is required where shown).
std::optional<ScreenRef> parseScreenRef(std::string_view text);
std::string toString(const ScreenRef& ref);

// True when `ref` names something the publish has; otherwise false with one line in error saying
// what is wrong, e.g. `disclosure:x-1 was skipped by the sync: missing title`.
bool checkScreenRef(const Content& content, const ScreenRef& ref, std::string& error);

// The attachment screen's id, read from the right (an item id may hold a colon): the item, which of
// its attachments, which page, at which zoom. "ITEM:N" means page 1. nullopt unless N and P are
// whole numbers ≥ 1 and Z is one of kAttachmentZooms.
struct AttachmentRef {
    std::string item_id;
    int index = 1; // the item's attachments, from 1
    int page = 1;
    int zoom = 0; // percent of the fitting width, one of kAttachmentZooms; 0: the mode's own
};
// The zoom steps of the reading view (放大 / 缩小 go one step). The widest, 250 %, keeps an A4 page
// at 1080p within the renderer's pixel limit.
inline constexpr int kAttachmentZooms[] = {100, 125, 150, 175, 200, 250};
std::optional<AttachmentRef> parseAttachmentRef(std::string_view id);
ScreenRef attachmentScreen(const AttachmentRef& ref); // always with the page; with the zoom when set
// The attachment `ref` names, when the item has it; else null.
const Attachment* findAttachment(const Content& content, const AttachmentRef& ref);
// Whether the kiosk can show it on its own screen: a PDF (page by page) or a picture (PNG, JPEG) the
// feed lets it keep ("offline") whose verified file the store holds.
bool readableOnKiosk(const Content& content, const Attachment& attachment);

// The catalog code whose name is 政策解读 (policy interpretations), or empty.
std::string interpretationCategory(const Content& content);

// The code of the catalog group 其他: items whose category is not in the catalog (or is empty) are
// browsed there, so that every item on the kiosk can be reached by browsing. No portal code has
// the leading underscore.
inline constexpr std::string_view kUncataloguedCode = "_other";

// A category and everything under it, found by code; nullptr when unknown.
const Category* findCategory(const std::vector<Category>& tree, std::string_view code);

// EditSearch: the search screen's query line was tapped (bring the keyboard back).
// TurnPage: the next or previous page of a document (target), in place of the one shown.
enum class KioskActionKind {
    None,
    Open,
    Back,
    Home,
    ToggleElder,
    ContinueReading,
    Start,
    PageUp,
    PageDown,
    EditSearch,
    TurnPage // target: the same screen at another page (an attachment's): replaces the screen, Back leaves it
};

// What the resident did on a kiosk screen, reported by the draw functions.
struct KioskAction {
    KioskActionKind kind = KioskActionKind::None;
    ScreenRef target; // for Open
    bool operator==(const KioskAction&) const = default;
};

inline KioskAction openAction(ScreenRef target) {
    return {KioskActionKind::Open, std::move(target)};
}

} // namespace gk
