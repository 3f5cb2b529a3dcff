// The on-screen keyboard's editing state with the real IME: taps of letters, candidates,
// punctuation, backspace and 搜索 build the query a resident means; without Rime data letters go
// in as typed; a physical keyboard's keys map to the same actions.
#include "kiosk/input/keyboard_input.h"

#include <SDL_keycode.h>
#include <catch2/catch.hpp>

#include <unistd.h>

using namespace gk;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<PinyinEngine> engine() {
    static const fs::path dir = fs::temp_directory_path() / "gongkai-ime-tests" / ("input-" + std::to_string(getpid()));
    static const struct Cleanup {
        ~Cleanup() { fs::remove_all(dir); }
    } cleanup;
    std::string error;
    auto started = PinyinEngine::start({"/usr/share/rime-data", dir}, error);
    INFO(error);
    REQUIRE(started);
    return started;
}

KeyboardAction key(KeyboardActionKind kind, std::string text = "", int candidate = -1) {
    return {kind, std::move(text), candidate};
}

void tapLetters(KeyboardInput& input, std::string_view letters) {
    for (char c : letters) input.apply(key(KeyboardActionKind::Letter, std::string(1, c)));
}

} // namespace

TEST_CASE("tapping pinyin and a candidate puts the word in the query", "[keyboard]") {
    KeyboardInput input(engine());
    tapLetters(input, "zhengwu");
    KeyboardView view = input.view();
    CHECK(view.query.empty());
    CHECK(view.preedit == "zheng wu");
    REQUIRE_FALSE(view.candidates.empty());
    CHECK(view.candidates.front() == "政务");
    CHECK(input.apply(key(KeyboardActionKind::Candidate, "", 0)).changed);
    tapLetters(input, "gongkai");
    input.apply(key(KeyboardActionKind::Space));
    CHECK(input.query() == "政务公开");
    CHECK(input.view().preedit.empty());
}

TEST_CASE("搜索 and punctuation take the first candidate of a composition", "[keyboard]") {
    KeyboardInput input(engine());
    tapLetters(input, "gaoling");
    input.apply(key(KeyboardActionKind::Punctuation, "，"));
    CHECK(input.query() == "高龄，");
    tapLetters(input, "butie");
    const KeyboardOutcome outcome = input.apply(key(KeyboardActionKind::Search));
    CHECK(outcome.search);
    CHECK(input.query() == "高龄，补贴");
}

TEST_CASE("backspace erases pinyin first, then whole characters of the query", "[keyboard]") {
    KeyboardInput input(engine());
    input.setQuery("政务");
    tapLetters(input, "ab");
    input.apply(key(KeyboardActionKind::Backspace));
    CHECK(input.view().preedit == "a");
    input.apply(key(KeyboardActionKind::Backspace));
    CHECK_FALSE(input.composing());
    input.apply(key(KeyboardActionKind::Backspace));
    CHECK(input.query() == "政");
}

TEST_CASE("digits select while composing and are typed otherwise", "[keyboard]") {
    KeyboardInput input(engine());
    for (const char* d : {"2", "0", "2", "6"}) input.apply(key(KeyboardActionKind::Digit, d));
    CHECK(input.query() == "2026");
    tapLetters(input, "zhengwu");
    const std::string second = input.view().candidates.at(1);
    input.apply(key(KeyboardActionKind::Digit, "2"));
    CHECK(input.query() == "2026" + second);
}

TEST_CASE("paging through the candidate bar", "[keyboard]") {
    KeyboardInput input(engine());
    input.setCandidateSlots(4);
    tapLetters(input, "shi");
    const KeyboardView first = input.view();
    CHECK(first.candidates.size() == 4);
    CHECK(first.has_next_page);
    CHECK_FALSE(input.apply(key(KeyboardActionKind::PagePrevious)).changed);
    CHECK(input.apply(key(KeyboardActionKind::PageNext)).changed);
    CHECK(input.view().has_previous_page);
    CHECK(input.view().candidates != first.candidates);
}

TEST_CASE("mode switch, clear and hide", "[keyboard]") {
    KeyboardInput input(engine());
    CHECK(input.view().mode == KeyboardMode::Letters);
    input.apply(key(KeyboardActionKind::SwitchMode));
    CHECK(input.view().mode == KeyboardMode::Symbols);
    input.apply(key(KeyboardActionKind::Punctuation, "〔"));
    input.apply(key(KeyboardActionKind::Clear));
    CHECK(input.query().empty());
    CHECK(input.view().mode == KeyboardMode::Symbols); // 清空 empties, it does not move the keys
    tapLetters(input, "zhinan");
    CHECK(input.apply(key(KeyboardActionKind::Hide)).hide);
    CHECK(input.query() == "指南");
    input.reset();
    CHECK(input.query().empty());
    CHECK(input.view().mode == KeyboardMode::Letters);
}

TEST_CASE("without Rime data the keyboard still types letters and digits", "[keyboard]") {
    KeyboardInput input(nullptr);
    CHECK_FALSE(input.pinyinAvailable());
    tapLetters(input, "abc");
    input.apply(key(KeyboardActionKind::Space));
    input.apply(key(KeyboardActionKind::Digit, "1"));
    input.apply(key(KeyboardActionKind::Backspace));
    CHECK(input.query() == "abc ");
    const KeyboardView view = input.view();
    CHECK_FALSE(view.pinyin_available);
    CHECK(view.preedit.empty());
    CHECK(view.candidates.empty());
}

TEST_CASE("a physical keyboard's keys map to the on-screen actions", "[keyboard]") {
    using K = KeyboardActionKind;
    CHECK(keyboardActionForKey(SDLK_z, 0) == key(K::Letter, "z"));
    CHECK(keyboardActionForKey(SDLK_7, 0) == key(K::Digit, "7"));
    CHECK(keyboardActionForKey(SDLK_KP_5, 0) == key(K::Digit, "5"));
    CHECK(keyboardActionForKey(SDLK_COMMA, 0) == key(K::Punctuation, "，"));
    CHECK(keyboardActionForKey(SDLK_SLASH, KMOD_LSHIFT) == key(K::Punctuation, "？"));
    CHECK(keyboardActionForKey(SDLK_9, KMOD_RSHIFT) == key(K::Punctuation, "（"));
    CHECK(keyboardActionForKey(SDLK_BACKSPACE, 0) == key(K::Backspace));
    CHECK(keyboardActionForKey(SDLK_RETURN, 0) == key(K::Search));
    CHECK(keyboardActionForKey(SDLK_ESCAPE, 0) == key(K::Hide));
    CHECK(keyboardActionForKey(SDLK_PAGEDOWN, 0) == key(K::PageNext));
    CHECK(keyboardActionForKey(SDLK_a, KMOD_LCTRL).kind == K::None);
    CHECK(keyboardActionForKey(SDLK_F1, 0).kind == K::None);
}
