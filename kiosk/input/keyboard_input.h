// What the on-screen keyboard edits in kiosk mode: the query, the keyboard's mode and the pinyin
// composition. Applies the keyboard's actions (taps, or keys of a physical keyboard mapped to the
// same actions) and prepares the KeyboardView to draw. Without an IME (no Rime data) letters go
// into the query as typed, so search still works. No SDL, ImGui, GL or rime in this header.
#pragma once

#include "display/kiosk/onscreen_keyboard.h"
#include "kiosk/services/pinyin_ime.h"

#include <memory>
#include <optional>
#include <string>

namespace gk {

struct KeyboardOutcome {
    bool changed = false; // the query, the composition, the page or the mode changed: redraw
    bool search = false;  // 搜索 (or Enter): search for query()
    bool hide = false;    // 收起 (or Escape)
};

class KeyboardInput {
public:
    // `engine` may be null: pinyin unavailable (PinyinEngine::start failed and said why).
    explicit KeyboardInput(std::shared_ptr<PinyinEngine> engine);

    KeyboardOutcome apply(const KeyboardAction& action);
    KeyboardView view() const;

    const std::string& query() const { return m_query; }
    void setQuery(std::string query); // e.g. back from the results to refine; ends any composition
    void reset();                     // idle: forget the query, the composition and the mode
    bool pinyinAvailable() const { return m_ime.has_value(); }
    bool composing() const { return m_ime && m_ime->composing(); }
    // The candidate strip's capacity (KeyboardLayout::candidate_slots): the IME's page size.
    void setCandidateSlots(int slots);

private:
    void typeCharacter(std::string_view text);
    void finishComposition(); // the first candidate joins the query
    void collectCommitted();
    void eraseLastCharacter();

    std::optional<PinyinSession> m_ime;
    std::string m_query;
    KeyboardMode m_mode = KeyboardMode::Letters;
};

// A key of a physical keyboard as the on-screen action it stands for (SDL keycode and modifier
// bits, as ints so this header stays free of SDL); None for keys the keyboard does not use.
// Letters, digits (keypad too), Backspace, Space, Enter → 搜索, Escape → 收起, Page Up/Down → the
// candidate pages, and , . ? ( ) - as their Chinese punctuation.
KeyboardAction keyboardActionForKey(int sdl_keycode, unsigned sdl_modifiers);

} // namespace gk
