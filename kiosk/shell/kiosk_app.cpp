// Kiosk mode loop. See kiosk_app.h.
#include "kiosk/shell/kiosk_app.h"

#include "display/kiosk/touch_controls.h"
#include "display/text/chinese_format.h"
#include "kiosk/core/log.h"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <utility>

namespace gk {
namespace {

double monotonicSeconds() {
    return static_cast<double>(SDL_GetTicks64()) / 1000.0;
}

constexpr float kDragThresholdPx = 18.0f; // at 1080p: a finger wobbles; more than this is a drag
constexpr float kSwipePx = 120.0f;        // at 1080p: a sideways drag this long turns a document's page

// The reader opens what the sync downloaded (attachments.max_file_mib); the child holds the whole
// file and poppler's structures, so its address space grows with the file.
PageRenderLimits pdfLimitsFor(std::uint64_t max_file_bytes) {
    PageRenderLimits limits;
    limits.max_file_bytes = max_file_bytes;
    limits.memory_bytes = std::max<std::uint64_t>(limits.memory_bytes, (512ull << 20) + 2 * max_file_bytes);
    return limits;
}

} // namespace

ImTextureID KioskApp::Images::texture(const PageImage& image) {
    const std::optional<CardImage> loaded = cache.get(image.attachment_key, image.path);
    return loaded ? static_cast<ImTextureID>(loaded->texture) : ImTextureID{};
}

KioskApp::KioskApp(ScreenWindow& window, KioskContext context)
    : m_window(window), m_context(std::move(context)), m_card_textures(window), m_session(m_context.hall),
      m_painter(window, m_session), m_nav(m_session.navigator()), m_images(window),
      m_attachment_pages(
          m_images.cache, [this] { m_session.wakeFrameLoop(); }, m_context.pdf_helper,
          pdfLimitsFor(m_context.pdf_max_file_bytes)) {
    m_session.setImages(&m_card_textures);
    // Touch arrives as finger events; SDL's synthesized mouse events would double every tap.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
}

KioskStyle KioskApp::style() const {
    return makeKioskStyle(m_window.width(), m_window.height(), m_nav.elder(), m_window.fonts());
}

ImVec2 KioskApp::screenSize() const {
    return ImVec2(static_cast<float>(m_window.width()), static_cast<float>(m_window.height()));
}

KioskLayout KioskApp::layout() const {
    return m_session.kioskFace().layout(m_session, style(), screenSize(), keyboardShown());
}

float KioskApp::maxScrollOffset() const {
    const Page* shown = page();
    return shown ? maxScroll(*shown, pageViewport(style(), layout()).height()) : 0.0f;
}

void KioskApp::setElder(bool elder) {
    if (elder != m_nav.elder()) m_nav.apply({KioskActionKind::ToggleElder, {}}, monotonicSeconds());
}

void KioskApp::setScroll(float offset) {
    m_nav.setScroll(offset);
    m_scroll.setBounds(maxScrollOffset());
    m_scroll.setOffset(offset);
}

KioskScreenResult KioskApp::renderFrame(std::int64_t now_s, bool settled) {
    return renderFrame(HallTime{now_s, SDL_GetTicks64()}, settled);
}

KioskScreenResult KioskApp::renderFrame(HallTime now, bool settled) {
    // The attract loop's video plays only while nobody touches the screen.
    m_painter.setVideoStopped(!m_nav.attract() || m_pressed || m_tap.has_value());
    if (m_nav.attract()) {
        const KioskStyle s = style();
        const ImVec2 screen(static_cast<float>(m_window.width()), static_cast<float>(m_window.height()));
        const bool partial = !settled && !m_dirty && !m_tap && m_painter.partialRedrawSafe();
        m_damage =
            m_painter.paint(now, settled, partial, attractPromptHeight(s), [&] { drawAttractPrompt(s, screen); });
        KioskScreenResult result;
        if (m_tap) result.action = {KioskActionKind::Start, {}};
        // A tap on the urgent banner opens that notice (with Home below it).
        const InfoScreenView& info = m_session.infoView();
        const Rect banner = m_painter.layout().banner;
        if (m_tap && !info.urgent_notice_id.empty() && contains(banner, &*m_tap))
            result.action = openAction({ScreenKind::Notice, info.urgent_notice_id});
        m_tap.reset();
        return result;
    }
    m_damage.clear();
    KioskFaceInput input{.screen = screenSize(),
                         .fonts = &m_window.fonts(),
                         .keyboard_shown = keyboardShown(),
                         .typed = typedSearch(),
                         .settled = settled,
                         .idle_seconds_left = std::nullopt,
                         .attachment_pages = &m_attachment_pages};
    if (m_idle.phase == IdlePhase::Warning) input.idle_seconds_left = m_idle.seconds_left;
    m_window.beginFrame(); // glyphs measured while laying out need the frame's font state
    KioskFrame face = m_session.kioskView(now, input);
    if (face.new_page) {
        m_scroll.setBounds(face.max_scroll);
        m_scroll.setOffset(m_nav.scroll());
    }
    KioskScreenView& view = face.view;
    view.scroll = m_scroll.offset();
    if (m_nav.current() != m_pan_screen) { // another screen, page or zoom starts at the left
        m_pan_screen = m_nav.current();
        m_pan = 0;
    }
    m_pan = std::clamp(m_pan, 0.0f, view.page ? maxPan(*view.page) : 0.0f);
    view.pan = m_pan;
    const KioskStyle& s = face.style;
    const ImVec2* tap = m_tap ? &*m_tap : nullptr;
    // The keyboard is drawn first: the idle question, drawn by the screen, covers it too.
    if (keyboardShown() && keyboardFrame(s, face.layout.keyboard, view.idle_seconds_left ? nullptr : tap))
        tap = nullptr;
    KioskScreenResult result = drawKioskScreen(view, s, face.layout, tap, &m_images);
    m_tap.reset();
    m_window.endFrame(s.background_rgb);
    return result;
}

IdleStatus KioskApp::tick(double now) {
    m_scroll.step(now);
    const IdleStatus idle = m_nav.tick(now);
    if (idle.phase != m_idle.phase) m_dirty = true;
    if (m_nav.attract() && page()) { // the countdown ran out: the next resident starts fresh
        m_session.kioskFace().forget();
        if (m_search.keyboard) m_search.keyboard->reset();
        m_search.keyboard_shown = true;
        m_dirty = true;
    }
    m_idle = idle;
    return idle;
}

KioskAction KioskApp::frame(const LoopTime& loop_now) {
    const double now = loop_now.seconds();
    const bool attract = m_nav.attract();
    const KioskScreenResult result = renderFrame(loop_now.hall, false);
    m_dirty = false;
    if (!attract) m_nav.setScroll(m_scroll.offset());
    if (const std::optional<KeyboardAction> key = std::exchange(m_keyboard_action, std::nullopt)) {
        applyKeyboard(*key, now);
        return {KioskActionKind::EditSearch, {}}; // something was done: draw its result at once
    }
    applyAction(result.action, now);
    return result.action;
}

void KioskApp::applyAction(const KioskAction& action, double now) {
    if (action.kind == KioskActionKind::None) return;
    m_nav.setScroll(m_scroll.offset());
    if (action.kind == KioskActionKind::ContinueReading) m_idle = {};
    if (action.kind == KioskActionKind::EditSearch ||
        (action.kind == KioskActionKind::Open && action.target.kind == ScreenKind::Search))
        m_search.keyboard_shown = true;
    if (action.kind == KioskActionKind::PageUp || action.kind == KioskActionKind::PageDown) {
        // One screen less a few lines, so the reader keeps their place.
        const float step = pageViewport(style(), layout()).height() * 0.85f;
        m_scroll.setOffset(m_scroll.offset() + (action.kind == KioskActionKind::PageDown ? step : -step));
    }
    if (action.kind == KioskActionKind::Start) prepareSearch(); // ready by the time they type
    if (m_nav.apply(action, now)) {
        m_session.kioskFace().forget();
        m_idle = {};
    }
    m_dirty = true;
}

void KioskApp::pointerDown(ImVec2 at, double now) {
    m_pressed = true;
    m_dragging = false;
    m_press_at = at;
    m_last_move = at;
    if (m_nav.attract()) m_painter.setVideoStopped(true); // at once, not at the next frame
    m_scroll.press(at.y, now);
    m_nav.noteInput(now);
}

void KioskApp::pointerMove(ImVec2 at, double now) {
    if (!m_pressed) return;
    const float threshold = kDragThresholdPx * style().scale;
    if (!m_dragging && std::hypot(at.x - m_press_at.x, at.y - m_press_at.y) > threshold) m_dragging = true;
    if (m_dragging && !m_nav.attract()) {
        m_scroll.drag(at.y, now);
        if (const Page* shown = page(); shown && maxPan(*shown) > 0) // a zoomed PDF page follows the finger sideways
            m_pan = std::clamp(m_pan - (at.x - m_last_move.x), 0.0f, maxPan(*shown));
        m_dirty = true;
    }
    m_last_move = at;
    m_nav.noteInput(now);
}

void KioskApp::pointerUp(ImVec2 at, double now) {
    if (!m_pressed) return;
    m_pressed = false;
    m_scroll.release(now);
    if (!m_dragging) m_tap = at; // handled by the next frame's draw
    m_nav.noteInput(now);
    m_dirty = true;
    // A sideways swipe turns a document's page, unless the page is zoomed (then a drag pans it).
    const Page* shown = page();
    const float dx = at.x - m_press_at.x, dy = at.y - m_press_at.y;
    if (m_dragging && shown && maxPan(*shown) <= 0 && std::abs(dx) >= kSwipePx * style().scale &&
        std::abs(dx) > 2 * std::abs(dy))
        if (const std::optional<KioskAction> turn = swipeTurn(*shown, m_nav.current(), dx < 0)) applyAction(*turn, now);
}

void KioskApp::handleEvent(const SDL_Event& event, double now) {
    if (const std::optional<PointerEvent> p = m_pointer.read(event, m_window)) {
        switch (p->kind) {
        case PointerEvent::Kind::Down: return pointerDown(ImVec2(p->x, p->y), now);
        case PointerEvent::Kind::Move: return pointerMove(ImVec2(p->x, p->y), now);
        case PointerEvent::Kind::Up: return pointerUp(ImVec2(p->x, p->y), now);
        }
    }
    switch (event.type) {
    case SDL_MOUSEWHEEL:
        if (!m_nav.attract()) m_scroll.setOffset(m_scroll.offset() - static_cast<float>(event.wheel.y) * 120.0f);
        m_nav.noteInput(now);
        m_dirty = true;
        return;
    case SDL_KEYDOWN: return keyDown(event.key.keysym.sym, event.key.keysym.mod, now);
    case SDL_WINDOWEVENT: m_dirty = true; return;
    default: return;
    }
}

void KioskApp::keyDown(int keycode, unsigned modifiers, double now) {
    m_nav.noteInput(now);
    m_dirty = true;
    const KeyboardAction key = keyboardActionForKey(keycode, modifiers);
    const bool typing = key.kind == KeyboardActionKind::Letter || key.kind == KeyboardActionKind::Digit;
    if (searching() && key.kind != KeyboardActionKind::None && (keyboardShown() || typing)) {
        m_search.keyboard_shown = true;
        return applyKeyboard(key, now);
    }
    if (typing && !m_nav.attract()) { // typing anywhere starts a search with what was typed
        applyAction(openAction({ScreenKind::Search, {}}), now);
        searchText();
        return applyKeyboard(key, now);
    }
    if (keycode == SDLK_ESCAPE || keycode == SDLK_AC_BACK) applyAction({KioskActionKind::Back, {}}, now);
}

std::string KioskApp::searchText() {
    const std::string& wanted = m_nav.current().id;
    if (!m_search.keyboard) {
        PinyinEngineOptions options;
        options.user_data_dir =
            (m_context.data_dir.empty() ? std::filesystem::temp_directory_path() / "gongkai" : m_context.data_dir) /
            "rime";
        std::string error;
        std::shared_ptr<PinyinEngine> engine = PinyinEngine::start(options, error);
        if (!engine) logLine(LogLevel::Warn, "search keeps letters as typed: " + error);
        m_search.keyboard.emplace(std::move(engine));
    }
    KeyboardInput& keyboard = *m_search.keyboard;
    if (keyboard.query() != wanted && !keyboard.composing()) keyboard.setQuery(wanted); // Back, or show()
    std::string text = keyboard.query();
    for (const char c : keyboard.view().preedit)
        if (c != ' ') text.push_back(c);
    return text;
}

void KioskApp::prepareSearch() {
    m_session.search().prepare(m_session.published());
}

TypedSearch KioskApp::typedSearch() {
    if (!searching()) return {};
    const std::string text = searchText();
    const KeyboardInput& keyboard = *m_search.keyboard;
    const std::string& committed = keyboard.query();
    std::string first_candidate;
    if (keyboard.composing())
        if (const KeyboardView view = keyboard.view(); !view.candidates.empty())
            first_candidate = view.candidates.front();
    return {committed, text.substr(committed.size()), first_candidate};
}

bool KioskApp::keyboardFrame(const KioskStyle& style, const Rect& area, const ImVec2* tap) {
    KeyboardView view = m_search.keyboard->view();
    const KeyboardLayout layout = layoutOnscreenKeyboard(area, m_nav.elder(), view.mode, style.scale);
    m_search.keyboard->setCandidateSlots(layout.candidate_slots);
    view = m_search.keyboard->view(); // with the page size that fits
    const bool mine = contains(area, tap);
    const KeyboardAction action =
        drawOnscreenKeyboard(ImGui::GetBackgroundDrawList(), view, layout, style, mine ? tap : nullptr);
    if (action.kind != KeyboardActionKind::None) m_keyboard_action = action;
    return mine;
}

void KioskApp::applyKeyboard(const KeyboardAction& action, double now) {
    searchText(); // the keyboard exists and holds this screen's query
    const KeyboardOutcome outcome = m_search.keyboard->apply(action);
    m_nav.noteInput(now);
    if (m_search.keyboard->query() != m_nav.current().id) m_nav.setCurrentId(m_search.keyboard->query());
    if (outcome.search || outcome.hide) m_search.keyboard_shown = false; // the results get the whole screen
    m_dirty = true;
}

bool KioskApp::awaitingRedraw() const {
    return m_dirty || m_scroll.moving() || m_tap.has_value() || (searching() && searchIndexPending());
}

void KioskApp::tick(const LoopTime& now, bool staff_up) {
    m_turn_countdown = tick(now.seconds()).seconds_left;
    m_staff_up = staff_up;
    m_session.setCovered(!m_nav.attract() || staff_up, now.hall.wall_s);
}

bool KioskApp::frameDue(const LoopTime& now) const {
    const std::int64_t now_s = now.hall.wall_s;
    if (awaitingRedraw()) return true;
    if (m_nav.attract())
        return m_session.fading(now.hall.steady_ms) || m_session.ticking() || now_s != m_drawn_second ||
               m_painter.videoWoken();
    return now_s / 60 != m_drawn_minute || m_turn_countdown != m_drawn_countdown;
}

FaceFrame KioskApp::drawFrame(const LoopTime& now) {
    const KioskAction action = frame(now);
    FaceFrame result;
    result.rotation_shown = m_nav.attract(); // not a resident's first page after a tap
    result.damage = m_damage;
    result.again = action.kind != KioskActionKind::None; // show its result at once
    m_drawn_second = now.hall.wall_s;
    m_drawn_minute = now.hall.wall_s / 60;
    m_drawn_countdown = m_turn_countdown;
    return result;
}

void KioskApp::pointerTaken() {
    m_pressed = false; // the held finger opened the panel: it is not the resident's
    m_tap.reset();
    m_pointer.reset();
}

void KioskApp::staffApplied(const StaffRequest& request) {
    if (!request.overrides) return;
    m_context.hall.elder_default = request.overrides->elder_default.value_or(m_context.hall.elder_default);
    m_nav.setElderDefault(m_context.hall.elder_default);
}

void KioskApp::staffClosed() {
    m_session.rebuild(); // the whole screen comes back
    m_painter.forgetHistory();
    m_dirty = true;
}

std::int64_t KioskApp::waitMs(const LoopTime& now) const {
    std::int64_t wait_ms = kStillFrameMs;
    if (m_nav.attract() && !m_staff_up) {
        wait_ms = msUntilSecond(m_session.nextWake(now.hall.wall_s));
        if (m_session.fading(now.hall.steady_ms)) wait_ms = kFadeFrameMs;
        if (m_session.ticking()) wait_ms = std::min(wait_ms, kTickerFrameMs);
    }
    if (!m_staff_up && (m_scroll.moving() || m_pressed)) wait_ms = std::min(wait_ms, kAnimationFrameMs);
    if (searching() && searchIndexPending()) wait_ms = std::min<std::int64_t>(wait_ms, 50); // show results once ready
    return wait_ms;
}

} // namespace gk
