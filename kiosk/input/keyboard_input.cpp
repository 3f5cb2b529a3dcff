// The on-screen keyboard's editing state. See keyboard_input.h.
#include "kiosk/input/keyboard_input.h"

#include <SDL_keycode.h>

namespace gk {
namespace {

// A search query, not a letter: longer input is a stuck key or a game, and would only be cut in
// the field anyway.
constexpr std::size_t kMaxQueryBytes = 120;

KeyboardAction typed(KeyboardActionKind kind, std::string text) {
    return {kind, std::move(text), -1};
}

KeyboardAction punctuationForKey(int key, bool shift) {
    using K = KeyboardActionKind;
    switch (key) {
    case SDLK_COMMA: return typed(K::Punctuation, "，");
    case SDLK_PERIOD: return typed(K::Punctuation, "。");
    case SDLK_MINUS: return typed(K::Punctuation, "-");
    case SDLK_SLASH: return typed(K::Punctuation, shift ? "？" : "、");
    case SDLK_SEMICOLON: return typed(K::Punctuation, shift ? "：" : "；");
    case SDLK_9: return shift ? typed(K::Punctuation, "（") : KeyboardAction{};
    case SDLK_0: return shift ? typed(K::Punctuation, "）") : KeyboardAction{};
    case SDLK_1: return shift ? typed(K::Punctuation, "！") : KeyboardAction{};
    default: return {};
    }
}

} // namespace

KeyboardInput::KeyboardInput(std::shared_ptr<PinyinEngine> engine) {
    if (engine) m_ime.emplace(std::move(engine));
}

KeyboardOutcome KeyboardInput::apply(const KeyboardAction& a) {
    using K = KeyboardActionKind;
    KeyboardOutcome out;
    out.changed = a.kind != K::None;
    switch (a.kind) {
    case K::None: break;
    case K::Letter:
        if (a.text.size() != 1 || !m_ime || !m_ime->typeLetter(a.text[0])) typeCharacter(a.text);
        break;
    case K::Digit:
        if (!m_ime || a.text.size() != 1 || !m_ime->digit(a.text[0] - '0')) typeCharacter(a.text);
        break;
    case K::Punctuation:
        finishComposition();
        typeCharacter(a.text);
        break;
    case K::Backspace:
        if (!m_ime || !m_ime->backspace()) eraseLastCharacter();
        break;
    case K::Space:
        // A space between words only: leading and doubled spaces mean nothing to a search.
        if ((!m_ime || !m_ime->space()) && !m_query.empty() && m_query.back() != ' ') typeCharacter(" ");
        break;
    case K::Clear:
        if (m_ime) m_ime->clear();
        m_query.clear();
        break;
    case K::SwitchMode: m_mode = m_mode == KeyboardMode::Letters ? KeyboardMode::Symbols : KeyboardMode::Letters; break;
    case K::Candidate:
        if (m_ime) m_ime->selectCandidate(a.candidate);
        break;
    case K::PagePrevious: out.changed = m_ime && m_ime->previousPage(); break;
    case K::PageNext: out.changed = m_ime && m_ime->nextPage(); break;
    case K::Search:
    case K::Hide:
        // What is on the candidate bar is what the resident meant: the first candidate, as 空格.
        finishComposition();
        out.search = a.kind == K::Search;
        out.hide = a.kind == K::Hide;
        break;
    }
    collectCommitted();
    return out;
}

void KeyboardInput::typeCharacter(std::string_view text) {
    if (m_query.size() + text.size() <= kMaxQueryBytes) m_query += text;
}

void KeyboardInput::finishComposition() {
    if (m_ime) m_ime->commitFirst();
    collectCommitted();
}

void KeyboardInput::collectCommitted() {
    if (m_ime) typeCharacter(m_ime->takeCommitted());
}

void KeyboardInput::eraseLastCharacter() {
    // One character, not one byte: step back over UTF-8 continuation bytes.
    while (!m_query.empty() && (static_cast<unsigned char>(m_query.back()) & 0xC0) == 0x80) m_query.pop_back();
    if (!m_query.empty()) m_query.pop_back();
}

KeyboardView KeyboardInput::view() const {
    KeyboardView v;
    v.mode = m_mode;
    v.query = m_query;
    v.pinyin_available = m_ime.has_value();
    if (!m_ime) return v;
    v.preedit = m_ime->preedit();
    for (const PinyinCandidate& c : m_ime->candidates()) v.candidates.push_back(c.text);
    v.has_previous_page = m_ime->hasPreviousPage();
    v.has_next_page = m_ime->hasNextPage();
    return v;
}

void KeyboardInput::setQuery(std::string query) {
    if (m_ime) m_ime->clear();
    m_query = std::move(query);
}

void KeyboardInput::reset() {
    if (m_ime) m_ime->clear();
    m_query.clear();
    m_mode = KeyboardMode::Letters;
}

void KeyboardInput::setCandidateSlots(int slots) {
    if (m_ime && m_ime->pageSize() != slots) m_ime->setPageSize(slots);
}

KeyboardAction keyboardActionForKey(int key, unsigned modifiers) {
    using K = KeyboardActionKind;
    if ((modifiers & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) != 0) return {};
    const bool shift = (modifiers & KMOD_SHIFT) != 0;
    if (key >= SDLK_a && key <= SDLK_z) return typed(K::Letter, std::string(1, static_cast<char>(key)));
    if (const KeyboardAction p = punctuationForKey(key, shift); p.kind != K::None) return p;
    if (key >= SDLK_0 && key <= SDLK_9) return typed(K::Digit, std::string(1, static_cast<char>(key)));
    if (key >= SDLK_KP_1 && key <= SDLK_KP_9)
        return typed(K::Digit, std::string(1, static_cast<char>('1' + key - SDLK_KP_1)));
    switch (key) {
    case SDLK_KP_0: return typed(K::Digit, "0");
    case SDLK_BACKSPACE: return {K::Backspace, "", -1};
    case SDLK_SPACE: return {K::Space, "", -1};
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return {K::Search, "", -1};
    case SDLK_ESCAPE: return {K::Hide, "", -1};
    case SDLK_PAGEUP: return {K::PagePrevious, "", -1};
    case SDLK_PAGEDOWN: return {K::PageNext, "", -1};
    default: return {};
    }
}

} // namespace gk
