// Kiosk mode loop. See kiosk_app.h.
#include "kiosk/kiosk_app.h"

#include "display/chinese_format.h"

#include <SDL.h>
#include <imgui_impl_sdl2.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>

namespace gk {
namespace {

double monotonicSeconds() {
    return static_cast<double>(SDL_GetTicks64()) / 1000.0;
}

std::int64_t wallSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr float kDragThresholdPx = 18.0f; // at 1080p: a finger wobbles; more than this is a drag
constexpr Uint32 kAnimationFrameMs = 16;

} // namespace

ImTextureID KioskApp::Images::texture(const PageImage& image) {
    const std::optional<CardImage> loaded = cache.get(image.attachment_key, image.path);
    return loaded ? static_cast<ImTextureID>(loaded->texture) : ImTextureID{};
}

KioskApp::KioskApp(GlWindow& window, KioskContext context)
    : m_window(window), m_context(std::move(context)), m_display(window, m_context.display),
      m_nav(m_context.elder_default, m_context.idle_timeout_s), m_images(window) {}

KioskStyle KioskApp::style() const {
    return makeKioskStyle(m_window.width(), m_window.height(), m_nav.elder(), m_window.fonts());
}

KioskLayout KioskApp::layout() const {
    const ImVec2 screen(static_cast<float>(m_window.width()), static_cast<float>(m_window.height()));
    const ScreenKind kind = m_nav.current().kind;
    return layoutKioskScreen(style(), screen, pageHasPanel(m_nav.current()), kind != ScreenKind::Home);
}

float KioskApp::maxScrollOffset() const {
    if (!m_page) return 0;
    return maxScroll(m_page->page.page, pageViewport(style(), layout()).height());
}

void KioskApp::setElder(bool elder) {
    if (elder != m_nav.elder()) m_nav.apply({KioskActionKind::ToggleElder, {}}, monotonicSeconds());
}

void KioskApp::setScroll(float offset) {
    m_nav.setScroll(offset);
    m_scroll.setBounds(maxScrollOffset());
    m_scroll.setOffset(offset);
}

void KioskApp::ensurePage(std::int64_t now_s) {
    const Content& content = *m_display.content();
    const ScreenRef& ref = m_nav.current();
    if (m_page && m_page->ref == ref && m_page->elder == m_nav.elder() && m_page->generation == content.generation)
        return;
    if (!checkScreenRef(content, ref).empty()) { // gone from a new publish: back to the home page
        m_nav.apply({KioskActionKind::Home, {}}, monotonicSeconds());
        return ensurePage(now_s);
    }
    const KioskStyle s = style();
    const KioskLayout l = layout();
    const PageContext context{&content, now_s, m_context.display.utc_offset_s};
    const Rect viewport = pageViewport(s, l);
    KioskPage page = buildKioskPage(ref, context, s, viewport.width(), viewport.height());
    std::vector<PanelCode> panel = encodePanel(page.panel);
    m_page = BuiltPage{ref, m_nav.elder(), content.generation, std::move(page), std::move(panel)};
    m_scroll.setBounds(maxScroll(m_page->page.page, viewport.height()));
    m_scroll.setOffset(m_nav.scroll());
}

KioskScreenResult KioskApp::renderFrame(std::int64_t now_s, bool settled) {
    if (m_nav.attract()) {
        const KioskStyle s = style();
        const ImVec2 screen(static_cast<float>(m_window.width()), static_cast<float>(m_window.height()));
        m_display.reserveBottom(attractPromptHeight(s));
        const bool partial = !settled && !m_dirty && !m_tap && m_display.partialRedrawSafe();
        m_damage = m_display.renderFrame(now_s, settled, partial, [&] { drawAttractPrompt(s, screen); });
        KioskScreenResult result;
        if (m_tap) result.action = {KioskActionKind::Start, {}};
        m_tap.reset();
        return result;
    }
    m_damage.clear();
    m_window.beginFrame(); // glyphs measured while laying out need the frame's font state
    ensurePage(now_s);
    const KioskStyle s = style();
    const KioskLayout l = layout();
    KioskScreenView view;
    view.title = m_page->page.title;
    view.can_go_back = m_nav.canGoBack();
    view.show_home = m_nav.current().kind != ScreenKind::Home;
    view.clock_text = formatHourMinute(civilFromEpoch(now_s, m_context.display.utc_offset_s));
    view.offline_text = m_display.offlineText(now_s);
    view.page = &m_page->page.page;
    view.scroll = m_scroll.offset();
    view.panel = m_page->panel;
    if (m_idle.phase == IdlePhase::Warning) view.idle_seconds_left = m_idle.seconds_left;
    const ImVec2* tap = m_tap ? &*m_tap : nullptr;
    KioskScreenResult result = drawKioskScreen(view, s, l, tap, &m_images);
    m_tap.reset();
    m_window.endFrame(s.background_rgb);
    return result;
}

IdleStatus KioskApp::tick(double now) {
    m_scroll.step(now);
    const IdleStatus idle = m_nav.tick(now);
    if (idle.phase != m_idle.phase) m_dirty = true;
    if (m_nav.attract() && m_page) { // the countdown ran out: the next resident starts fresh
        m_page.reset();
        m_dirty = true;
    }
    m_idle = idle;
    return idle;
}

KioskAction KioskApp::frame(std::int64_t now_s, double now) {
    const bool attract = m_nav.attract();
    const KioskScreenResult result = renderFrame(now_s, false);
    m_dirty = false;
    if (!attract) m_nav.setScroll(m_scroll.offset());
    applyAction(result.action, now);
    return result.action;
}

void KioskApp::applyAction(const KioskAction& action, double now) {
    if (action.kind == KioskActionKind::None) return;
    m_nav.setScroll(m_scroll.offset());
    if (action.kind == KioskActionKind::ContinueReading) m_idle = {};
    if (action.kind == KioskActionKind::PageUp || action.kind == KioskActionKind::PageDown) {
        // One screen less a few lines, so the reader keeps their place.
        const float step = pageViewport(style(), layout()).height() * 0.85f;
        m_scroll.setOffset(m_scroll.offset() + (action.kind == KioskActionKind::PageDown ? step : -step));
    }
    if (m_nav.apply(action, now)) {
        m_page.reset();
        m_idle = {};
    }
    m_dirty = true;
}

void KioskApp::pointerDown(ImVec2 at, double now) {
    m_pressed = true;
    m_dragging = false;
    m_press_at = at;
    m_scroll.press(at.y, now);
    m_nav.noteInput(now);
}

void KioskApp::pointerMove(ImVec2 at, double now) {
    if (!m_pressed) return;
    const float threshold = kDragThresholdPx * style().scale;
    if (!m_dragging && std::hypot(at.x - m_press_at.x, at.y - m_press_at.y) > threshold) m_dragging = true;
    if (m_dragging && !m_nav.attract()) {
        m_scroll.drag(at.y, now);
        m_dirty = true;
    }
    m_nav.noteInput(now);
}

void KioskApp::pointerUp(ImVec2 at, double now) {
    if (!m_pressed) return;
    m_pressed = false;
    m_scroll.release(now);
    if (!m_dragging) m_tap = at; // handled by the next frame's draw
    m_nav.noteInput(now);
    m_dirty = true;
}

void KioskApp::handleEvent(const SDL_Event& event, double now) {
    if (const std::optional<PointerEvent> p = readPointer(event, m_window.width(), m_window.height())) {
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
    case SDL_KEYDOWN:
        m_nav.noteInput(now);
        if (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_AC_BACK)
            applyAction({KioskActionKind::Back, {}}, now);
        m_dirty = true;
        return;
    case SDL_WINDOWEVENT: m_dirty = true; return;
    default: return;
    }
}

bool KioskApp::awaitingRedraw() const {
    return m_dirty || m_scroll.moving() || m_tap.has_value();
}

void KioskApp::setStaffOverlay(StaffOverlay* staff) {
    m_staff = staff;
    m_display.setStaffOverlay(staff);
}

std::optional<int> KioskApp::staffFrame(std::int64_t now_s) {
    const StaffRequest request = m_staff->frame(*m_display.published(), m_display.syncState(), now_s);
    m_window.present();
    if (request.overrides) {
        m_context.elder_default = request.overrides->elder_default.value_or(m_context.elder_default);
        m_nav.setElderDefault(m_context.elder_default);
    }
    if (const std::optional<int> code = m_display.handleStaffRequest(request, now_s)) return code;
    if (!m_staff->active()) { // closed: the whole screen comes back
        m_display.invalidate();
        m_dirty = true;
    }
    return std::nullopt;
}

int KioskApp::run() {
    // Touch arrives as finger events; SDL's synthesized mouse events would double every tap.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    std::int64_t drawn_minute = -1, drawn_second = -1;
    int drawn_countdown = -1;
    for (;;) {
        const double now = monotonicSeconds();
        const std::int64_t now_s = wallSeconds();
        const IdleStatus idle = tick(now);
        const bool attract = m_nav.attract();
        if (m_staff != nullptr && m_staff->active()) {
            if (m_staff->needsRedraw() || now_s != drawn_second) {
                if (const std::optional<int> code = staffFrame(now_s)) return *code;
                drawn_second = now_s;
                if (m_staff->needsRedraw()) continue;
            }
        } else if (awaitingRedraw() ||
                   (attract ? (m_display.fading() || m_display.ticking() || now_s != drawn_second)
                            : (now_s / 60 != drawn_minute || idle.seconds_left != drawn_countdown))) {
            const KioskAction action = frame(now_s, now);
            m_window.present(m_damage);
            if (drawn_second < 0)
                std::cerr << "gongkai-kiosk run: kiosk mode, first frame shown, generation "
                          << m_display.content()->generation << "\n";
            drawn_second = now_s;
            drawn_minute = now_s / 60;
            drawn_countdown = idle.seconds_left;
            if (action.kind != KioskActionKind::None) continue; // show its result at once
        }
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, static_cast<int>(waitMs(now_s))) == 0) {
            if (m_staff != nullptr && m_staff->poll(static_cast<std::int64_t>(SDL_GetTicks64()))) m_pressed = false;
            continue;
        }
        do {
            if (event.type == SDL_QUIT && m_context.display.allow_quit) return 0;
            if (event.type == m_display.syncEventType()) {
                m_display.takePendingReport(wallSeconds());
                m_dirty = true;
            }
            if (m_staff != nullptr && m_staff->handleEvent(event, static_cast<std::int64_t>(SDL_GetTicks64()))) {
                m_pressed = false; // the press that opened the panel is not the resident's
                m_tap.reset();
                continue;
            }
            handleEvent(event, monotonicSeconds());
        } while (SDL_PollEvent(&event) != 0);
    }
}

std::uint32_t KioskApp::waitMs(std::int64_t now_s) const {
    std::int64_t wait_ms = 1000;
    const bool staff_up = m_staff != nullptr && m_staff->active();
    if (m_nav.attract() && !staff_up) {
        const auto next = std::chrono::system_clock::time_point(std::chrono::seconds(m_display.nextWake(now_s)));
        wait_ms = std::clamp<std::int64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(next - std::chrono::system_clock::now()).count() + 1,
            1, 1000);
        if (m_display.fading()) wait_ms = 40;
        if (m_display.ticking()) wait_ms = std::min<std::int64_t>(wait_ms, 50);
    }
    if (!staff_up && (m_scroll.moving() || m_pressed)) wait_ms = std::min<std::int64_t>(wait_ms, kAnimationFrameMs);
    if (m_staff != nullptr)
        if (const std::optional<std::int64_t> staff = m_staff->wakeIn(static_cast<std::int64_t>(SDL_GetTicks64())))
            wait_ms = std::min(wait_ms, *staff);
    return static_cast<std::uint32_t>(wait_ms);
}

} // namespace gk
