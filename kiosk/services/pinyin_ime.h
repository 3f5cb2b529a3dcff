// Pinyin input through librime (Debian's librime + rime-data-luna-pinyin, schema luna_pinyin_simp:
// simplified output). PinyinEngine is librime itself, which is process-global: one engine lives at
// a time, created by start() and finalized when the last session and handle let go of it.
// PinyinSession is one composition: feed ASCII keys, read the preedit and a page of candidates,
// take committed text. Pure logic for the kiosk's on-screen and physical keyboards: must not
// include SDL, ImGui, GL or curl (and nothing outside pinyin_ime.cpp includes rime_api.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace gk {

struct PinyinEngineOptions {
    std::filesystem::path shared_data_dir = "/usr/share/rime-data"; // Debian's Rime data
    // Where the schema is compiled (deployed) once and reused, e.g. <data_dir>/rime. Created if
    // missing; librime's own log files (errors only) go to its log/ folder.
    std::filesystem::path user_data_dir;
};

struct PinyinStartup {
    bool deployed = false; // this start compiled the schema (the first start, or the data changed)
    double seconds = 0;    // wall time of start(): ~0.6 s when deploying, ~60 ms after (measured)
};

class PinyinEngine {
public:
    // Starts librime on the data, deploying into user_data_dir when needed; blocks meanwhile.
    // Returns the running engine when it already serves the same directories. nullptr with one
    // line a person can act on in `error` when the data is missing, the deploy fails or another
    // engine with other directories is alive.
    static std::shared_ptr<PinyinEngine> start(const PinyinEngineOptions& options, std::string& error);
    ~PinyinEngine(); // finalizes librime
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    const PinyinStartup& startup() const { return m_startup; }
    const PinyinEngineOptions& options() const { return m_options; }

private:
    explicit PinyinEngine(PinyinEngineOptions options) : m_options(std::move(options)) {}
    PinyinEngineOptions m_options;
    PinyinStartup m_startup;
};

struct PinyinCandidate {
    std::string text;    // 政务
    std::string comment; // librime's note (often empty)
    bool operator==(const PinyinCandidate&) const = default;
};

// One composition at a time. Paging is ours (not the schema's page size) so the candidate bar can
// ask for as many candidates as fit its width. Every key method returns whether the IME used the
// key; a key it did not use (backspace, space or a digit with nothing composed) belongs to the
// caller's text.
class PinyinSession {
public:
    explicit PinyinSession(std::shared_ptr<PinyinEngine> engine, int page_size = 6);
    ~PinyinSession();
    PinyinSession(const PinyinSession&) = delete;
    PinyinSession& operator=(const PinyinSession&) = delete;

    bool typeLetter(char letter); // a–z (A–Z are folded); false for anything else
    bool backspace();             // removes the last pinyin letter
    bool space();                 // selects the first candidate of the page
    bool digit(int digit);        // 1–9: selects that candidate of the page while composing
    bool selectCandidate(int index_on_page);
    bool nextPage();
    bool previousPage();
    void clear(); // drops the composition and anything not yet taken
    // Ends the composition as the resident would expect before punctuation or a search: the
    // first candidate is chosen (the raw letters when there is none).
    void commitFirst();
    // The text committed since the last call (selections that finished the composition).
    std::string takeCommitted();

    bool composing() const { return !m_preedit.empty(); }
    const std::string& preedit() const { return m_preedit; } // "zheng wu", after a pick "正wu"
    const std::vector<PinyinCandidate>& candidates() const { return m_page; }
    bool hasPreviousPage() const { return m_page_start > 0; }
    bool hasNextPage() const { return m_has_next_page; }
    int pageSize() const { return m_page_size; }
    void setPageSize(int page_size); // 1–9 (digits select); back to the first page

private:
    bool pressKey(int keysym);
    bool selectAbsolute(std::size_t index);
    void refresh(); // re-reads preedit, page and commit from librime

    std::shared_ptr<PinyinEngine> m_engine;
    std::uintptr_t m_session = 0;
    int m_page_size = 6;
    int m_page_start = 0;
    bool m_has_next_page = false;
    std::string m_preedit;
    std::vector<PinyinCandidate> m_page;
    std::string m_committed;
};

} // namespace gk
