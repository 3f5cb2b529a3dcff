// librime behind PinyinEngine / PinyinSession. See pinyin_ime.h.
#include "kiosk/services/pinyin_ime.h"

#include <dlfcn.h>
#include <rime_api.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <system_error>
#include <utility>

namespace gk {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSchema = "luna_pinyin_simp";  // 朙月拼音·简化字: luna_pinyin through OpenCC t2s
constexpr int kBackSpace = 0xff08;                   // X11 keysyms, what librime expects
constexpr const char* kRimeLibrary = "librime.so.1"; // Debian's librime1

// Only our schema is deployed (all of Debian's take ~9.5 s, this one ~0.5 s). The user dictionary
// is off: on a public kiosk one resident's words must not reorder the next one's candidates, and
// the candidates stay the same from day to day.
constexpr const char* kDefaultCustom = "patch:\n  schema_list:\n    - schema: luna_pinyin_simp\n";
constexpr const char* kSchemaCustom = "patch:\n  translator/enable_user_dict: false\n";

// librime is loaded the first time pinyin input is wanted, not at program start: with boost, ICU,
// glog, yaml-cpp and leveldb it would add several MiB of relocated pages to every screen,
// information screens included, that never take input. Its one entry point is rime_get_api().
RimeApi* loadRime() {
    static RimeApi* const api = [] {
        void* library = dlopen(kRimeLibrary, RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) return static_cast<RimeApi*>(nullptr);
        using GetApi = RimeApi* (*)();
        const auto get_api = reinterpret_cast<GetApi>(dlsym(library, "rime_get_api"));
        return get_api != nullptr ? get_api() : nullptr;
    }();
    return api;
}

RimeApi* rime() {
    return loadRime(); // non-null once PinyinEngine::start succeeded: every other use comes after it
}

std::mutex g_mutex;                 // guards g_live (engines are started from the main thread)
std::weak_ptr<PinyinEngine> g_live; // librime serves one engine at a time
std::once_flag g_setup_once;        // RimeSetup initialises glog, which may happen once only

// Writes only when the content differs: a new mtime would make librime deploy again.
bool writeIfChanged(const fs::path& file, const std::string& content, std::string& error) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream current;
    current << in.rdbuf();
    if (in && current.str() == content) return true;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
    if (out.flush()) return true;
    error = "pinyin input unavailable: cannot write " + file.string();
    return false;
}

// Checked before librime is touched, so that the error names the missing file and the package.
bool checkSharedData(const PinyinEngineOptions& o, std::string& error) {
    // Without default.yaml our schema_list patch has nothing to patch: librime then compiles
    // nothing and silently runs Debian's prebuilt schema, user dictionary (learning) included.
    const std::pair<std::string, const char*> required[] = {
        {std::string(kSchema) + ".schema.yaml", "rime-data-luna-pinyin"}, {"default.yaml", "rime-prelude"}};
    for (const auto& [name, package] : required) {
        const fs::path file = o.shared_data_dir / name;
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            error = "pinyin input unavailable: " + file.string() + " not found (install " + package + ")";
            return false;
        }
    }
    if (o.user_data_dir.empty()) {
        error = "pinyin input unavailable: no directory given for the compiled Rime schema";
        return false;
    }
    return true;
}

bool prepareUserDirectory(const PinyinEngineOptions& o, std::string& error) {
    std::error_code ec;
    fs::create_directories(o.user_data_dir / "log", ec);
    if (ec) {
        error = "pinyin input unavailable: cannot create " + (o.user_data_dir / "log").string() + ": " + ec.message();
        return false;
    }
    return writeIfChanged(o.user_data_dir / "default.custom.yaml", kDefaultCustom, error) &&
           writeIfChanged(o.user_data_dir / (std::string(kSchema) + ".custom.yaml"), kSchemaCustom, error);
}

// A deploy that "succeeds" on unusable data still yields sessions, with no candidates: type "ni"
// and expect some.
bool probeCandidates() {
    const RimeSessionId session = rime()->create_session();
    if (session == 0) return false;
    rime()->select_schema(session, kSchema);
    rime()->simulate_key_sequence(session, "ni");
    RIME_STRUCT(RimeContext, context);
    bool any = false;
    if (rime()->get_context(session, &context)) {
        any = context.menu.num_candidates > 0;
        rime()->free_context(&context);
    }
    rime()->destroy_session(session);
    return any;
}

bool sameDirectories(const PinyinEngineOptions& a, const PinyinEngineOptions& b) {
    return a.shared_data_dir == b.shared_data_dir && a.user_data_dir == b.user_data_dir;
}

} // namespace

std::shared_ptr<PinyinEngine> PinyinEngine::start(const PinyinEngineOptions& options, std::string& error) {
    if (!checkSharedData(options, error)) return nullptr;
    if (loadRime() == nullptr) {
        error = std::string("pinyin input unavailable: cannot load ") + kRimeLibrary + " (install librime1)";
        return nullptr;
    }
    std::lock_guard lock(g_mutex);
    if (std::shared_ptr<PinyinEngine> live = g_live.lock()) {
        if (sameDirectories(live->m_options, options)) return live;
        error = "pinyin input unavailable: librime already runs on " + live->m_options.user_data_dir.string();
        return nullptr;
    }
    const auto began = std::chrono::steady_clock::now();
    if (!prepareUserDirectory(options, error)) return nullptr;
    const std::string shared = options.shared_data_dir.string(), user = options.user_data_dir.string();
    const std::string log_dir = (options.user_data_dir / "log").string();
    RIME_STRUCT(RimeTraits, traits);
    traits.shared_data_dir = shared.c_str();
    traits.user_data_dir = user.c_str();
    traits.distribution_name = "Gongkai Kiosk";
    traits.distribution_code_name = "gongkai";
    traits.distribution_version = "1";
    traits.app_name = "rime.gongkai"; // glog keeps this pointer: a literal
    traits.min_log_level = 2;         // errors only
    traits.log_dir = log_dir.c_str(); // the first engine's log dir serves the whole process
    std::call_once(g_setup_once, [&] { rime()->setup(&traits); });
    rime()->initialize(&traits);
    std::shared_ptr<PinyinEngine> engine(new PinyinEngine(options)); // from here on, finalized if dropped
    // False means "nothing changed since the last deploy": the compiled schema is reused.
    engine->m_startup.deployed = rime()->start_maintenance(False) != 0;
    rime()->join_maintenance_thread();
    if (!probeCandidates()) {
        error = "pinyin input unavailable: Rime data in " + shared + " gives no candidates after deploying into " +
                user + " (see " + log_dir + ")";
        return nullptr;
    }
    engine->m_startup.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    g_live = engine;
    return engine;
}

PinyinEngine::~PinyinEngine() {
    rime()->finalize();
}

PinyinSession::PinyinSession(std::shared_ptr<PinyinEngine> engine, int page_size) : m_engine(std::move(engine)) {
    setPageSize(page_size);
    if (!m_engine) return; // an inert session: every key goes back to the caller
    m_session = rime()->create_session();
    rime()->select_schema(m_session, kSchema);
    rime()->set_option(m_session, "zh_simp", True); // the schema's default, stated: simplified output
    rime()->set_option(m_session, "ascii_mode", False);
}

PinyinSession::~PinyinSession() {
    if (m_session != 0) rime()->destroy_session(m_session);
}

bool PinyinSession::pressKey(int keysym) {
    if (m_session == 0) return false;
    const bool handled = rime()->process_key(m_session, keysym, 0) != 0;
    m_page_start = 0;
    refresh();
    return handled;
}

bool PinyinSession::typeLetter(char letter) {
    if (letter >= 'A' && letter <= 'Z') letter = static_cast<char>(letter - 'A' + 'a');
    if (letter < 'a' || letter > 'z') return false;
    return pressKey(letter);
}

bool PinyinSession::backspace() {
    if (!composing()) return false;
    pressKey(kBackSpace);
    return true;
}

bool PinyinSession::space() {
    if (!composing()) return false;
    if (m_page.empty()) {
        rime()->commit_composition(m_session);
        refresh();
    } else {
        selectAbsolute(static_cast<std::size_t>(m_page_start));
    }
    return true;
}

bool PinyinSession::digit(int digit) {
    if (!composing()) return false;
    // Used even when out of range: a stray digit must not land between pinyin letters.
    if (digit >= 1 && digit <= static_cast<int>(m_page.size())) selectCandidate(digit - 1);
    return true;
}

bool PinyinSession::selectCandidate(int index_on_page) {
    if (index_on_page < 0 || index_on_page >= static_cast<int>(m_page.size())) return false;
    return selectAbsolute(static_cast<std::size_t>(m_page_start + index_on_page));
}

bool PinyinSession::selectAbsolute(std::size_t index) {
    const bool selected = rime()->select_candidate(m_session, index) != 0;
    m_page_start = 0;
    refresh();
    return selected;
}

bool PinyinSession::nextPage() {
    if (!m_has_next_page) return false;
    m_page_start += m_page_size;
    refresh();
    return true;
}

bool PinyinSession::previousPage() {
    if (m_page_start == 0) return false;
    m_page_start = std::max(0, m_page_start - m_page_size);
    refresh();
    return true;
}

void PinyinSession::clear() {
    if (m_session != 0) rime()->clear_composition(m_session);
    m_page_start = 0;
    refresh();
    m_committed.clear();
}

void PinyinSession::commitFirst() {
    // A pick may cover only part of the pinyin ("zhengwu" → 正 + "wu"): pick until done. The bound
    // is the input length; each pick consumes at least one syllable.
    for (int guard = 0; composing() && guard < 64; ++guard) {
        m_page_start = 0;
        refresh();
        space();
    }
}

std::string PinyinSession::takeCommitted() {
    return std::exchange(m_committed, {});
}

void PinyinSession::setPageSize(int page_size) {
    m_page_size = std::clamp(page_size, 1, 9);
    m_page_start = 0;
    if (m_session != 0) refresh();
}

void PinyinSession::refresh() {
    RIME_STRUCT(RimeCommit, commit);
    if (rime()->get_commit(m_session, &commit)) {
        if (commit.text != nullptr) m_committed += commit.text;
        rime()->free_commit(&commit);
    }
    m_preedit.clear();
    RIME_STRUCT(RimeContext, context);
    if (rime()->get_context(m_session, &context)) {
        if (context.composition.length > 0 && context.composition.preedit != nullptr)
            m_preedit = context.composition.preedit;
        rime()->free_context(&context);
    }
    m_page.clear();
    m_has_next_page = false;
    RimeCandidateListIterator it{};
    if (!composing() || !rime()->candidate_list_from_index(m_session, &it, m_page_start)) return;
    // One candidate past the page tells whether there is a next page.
    while (rime()->candidate_list_next(&it)) {
        if (static_cast<int>(m_page.size()) == m_page_size) {
            m_has_next_page = true;
            break;
        }
        m_page.push_back(
            {it.candidate.text ? it.candidate.text : "", it.candidate.comment ? it.candidate.comment : ""});
    }
    rime()->candidate_list_end(&it);
}

} // namespace gk
