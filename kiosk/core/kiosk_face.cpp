// The kiosk's resident face. See kiosk_face.h.
#include "kiosk/core/kiosk_face.h"

#include "display/kiosk/screen_ref.h"
#include "display/text/chinese_format.h"
#include "kiosk/core/hall_session.h"
#include "sync/json_fields.h"

#include <utility>

namespace gk {
namespace {

constexpr std::size_t kKioskSearchLimit = 30; // results on the search page

bool searching(const Navigator& nav) {
    return nav.current().kind == ScreenKind::Search;
}

// The results for what is typed; null while the index is still being built.
const SearchResults* searchResults(HallSession& session, const TypedSearch& typed) {
    SearchSession& search = session.search();
    if (typed.letters.empty()) return search.resultsFor(session.published(), typed.committed, kKioskSearchLimit);
    return search.resultsWhileComposing(session.published(), typed.committed, typed.letters, typed.first_candidate,
                                        kKioskSearchLimit);
}

// The PDF of the attachment screen `ref` (which checkScreenRef accepted); empty for a picture, which
// the page draws from its file.
std::string attachmentFile(const Content& content, const ScreenRef& ref) {
    const Attachment& file = *findAttachment(content, *parseAttachmentRef(ref.id));
    return isPdf(file) ? content.attachmentPath(file).string() : std::string();
}

} // namespace

KioskLayout KioskFace::layout(const HallSession& session, const KioskStyle& style, ImVec2 screen,
                              bool keyboard_shown) const {
    const ScreenRef& current = session.navigator().current();
    // Home fits one screen without ▲ ▼, unless its text is too large for it (elder mode on a
    // short screen): then it scrolls like any page.
    return layoutKioskScreen(style, screen,
                             {.panel = pageHasPanel(current),
                              .rail = current.kind != ScreenKind::Home || m_home_scrolls,
                              .urgent = m_urgent.has_value(),
                              .keyboard = keyboard_shown});
}

void KioskFace::updateUrgentBanner(HallSession& session, std::int64_t now_s) {
    const std::vector<const Notice*> urgent = session.urgentNotices(now_s);
    m_urgent.reset();
    if (!urgent.empty() && session.navigator().current() != ScreenRef{ScreenKind::Notice, urgent.front()->id})
        m_urgent = UrgentBanner{urgent.front()->id, normalizeCjkPunctuation(urgent.front()->title), urgent.size() - 1};
}

std::optional<AttachmentPageState> KioskFace::attachmentState(const HallSession& session, const KioskFaceInput& input,
                                                              const KioskStyle& style) const {
    const ScreenRef& ref = session.navigator().current();
    if (ref.kind != ScreenKind::Attachment) return std::nullopt;
    // The file as the page on screen found it (asked every frame: no look at the disk each time).
    std::string file;
    if (m_page && m_page->ref == ref && m_page->generation == session.content()->generation)
        file = m_page->attachment_file;
    else if (std::string gone; checkScreenRef(*session.content(), ref, gone))
        file = attachmentFile(*session.content(), ref);
    if (file.empty()) return std::nullopt;
    const AttachmentRef at = *parseAttachmentRef(ref.id);
    if (input.attachment_pages == nullptr) {
        AttachmentPageState none;
        none.status = AttachmentPageState::Status::Unreadable;
        return none;
    }
    const Rect viewport = pageViewport(style, layout(session, style, input.screen, input.keyboard_shown));
    return input.attachment_pages->pageState(file, at.page, attachmentRenderWidth(at, style, viewport.width()),
                                             input.settled);
}

bool KioskFace::ensurePage(HallSession& session, std::int64_t now_s, double steady_s, const KioskFaceInput& input,
                           const KioskStyle& style) {
    Navigator& nav = session.navigator();
    const Content& content = *session.content();
    const ScreenRef ref = nav.current();
    const bool search = searching(nav);
    // The search page depends on what is typed and on whether the index is ready yet: a page shown
    // without Start (typing on a page, a screenshot) starts the index here.
    if (search) session.search().prepare(session.published());
    if (search && input.settled) session.search().waitReady(); // a screenshot shows the results
    const TypedSearch& typed = input.typed;
    const std::string search_key = search ? typed.committed + typed.letters + "\n" + typed.first_candidate +
                                                (session.search().pending() ? "\n…" : "")
                                          : std::string();
    const std::optional<AttachmentPageState> attachment = attachmentState(session, input, style);
    if (m_page && m_page->ref == ref && m_page->elder == nav.elder() && m_page->generation == content.generation &&
        m_page->search_key == search_key && m_page->screen.x == input.screen.x && m_page->screen.y == input.screen.y &&
        m_page->with_urgent == m_urgent.has_value() && m_page->keyboard == input.keyboard_shown &&
        m_page->attachment == attachment)
        return false;
    if (std::string gone; !checkScreenRef(content, ref, gone)) { // gone from a new publish: back to the home page
        nav.apply({KioskActionKind::Home, {}}, steady_s);
        return ensurePage(session, now_s, steady_s, input, style);
    }
    const SearchResults* results = search ? searchResults(session, typed) : nullptr;
    const PageContext context{
        &content, now_s, session.utcOffset(), results, input.keyboard_shown, attachment ? &*attachment : nullptr};
    // What is searched for: while pinyin is composed, possibly its first candidate.
    const ScreenRef shown =
        search ? ScreenRef{ScreenKind::Search, results ? results->query : typed.committed + typed.letters} : ref;
    m_home_scrolls = false;
    Rect viewport = pageViewport(style, layout(session, style, input.screen, input.keyboard_shown));
    KioskPage page = buildKioskPage(shown, context, style, viewport.width(), viewport.height());
    if (shown.kind == ScreenKind::Home && page.page.height > viewport.height() + 0.5f) {
        m_home_scrolls = true; // laid out again beside the rail
        viewport = pageViewport(style, layout(session, style, input.screen, input.keyboard_shown));
        page = buildKioskPage(shown, context, style, viewport.width(), viewport.height());
    }
    std::vector<PanelCode> panel = encodePanel(page.panel);
    m_page = BuiltPage{ref,
                       nav.elder(),
                       content.generation,
                       search_key,
                       input.screen,
                       m_urgent.has_value(),
                       input.keyboard_shown,
                       attachment,
                       std::move(page),
                       std::move(panel),
                       ref.kind == ScreenKind::Attachment ? attachmentFile(content, ref) : std::string()};
    return true;
}

KioskFrame KioskFace::frame(HallSession& session, std::int64_t now_s, double steady_s, const KioskFaceInput& input) {
    const Navigator& nav = session.navigator();
    KioskFrame frame;
    frame.style =
        makeKioskStyle(static_cast<int>(input.screen.x), static_cast<int>(input.screen.y), nav.elder(), *input.fonts);
    updateUrgentBanner(session, now_s);
    frame.new_page = ensurePage(session, now_s, steady_s, input, frame.style);
    frame.layout = layout(session, frame.style, input.screen, input.keyboard_shown);
    frame.max_scroll = maxScroll(m_page->page.page, pageViewport(frame.style, frame.layout).height());
    KioskScreenView& view = frame.view;
    view.title = m_page->page.title;
    view.can_go_back = nav.canGoBack();
    view.show_home = nav.current().kind != ScreenKind::Home;
    view.clock_text = formatHourMinute(civilFromEpoch(now_s, session.utcOffset()));
    view.offline_text = session.offlineText(now_s);
    view.page = &m_page->page.page;
    view.panel = m_page->panel;
    view.idle_seconds_left = input.idle_seconds_left;
    view.urgent = m_urgent;
    return frame;
}

} // namespace gk
