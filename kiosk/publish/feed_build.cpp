// `feed build` (kiosk/publish/feed_build.h).
#include "kiosk/publish/feed_build.h"

#include "config/i18n.h"
#include "config/playlist.h"
#include "kiosk/playlist/playlist_validation.h"
#include "kiosk/publish/converter.h"
#include "kiosk/publish/guide_text.h"
#include "kiosk/publish/sheet_text.h"
#include "sync/content.h"
#include "sync/feed_parser.h"
#include "sync/fs_util.h"
#include "sync/html_blocks.h"
#include "sync/iso_time.h"
#include "sync/manifest.h"
#include "sync/sha256.h"
#include "sync/url.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <malloc.h> // mallopt
#include <stdio.h>  // renameat2

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace gk {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kDisclosureSheet = "公开目录";
constexpr const char* kNoticeSheet = "通知公告";
constexpr const char* kCatalogSheet = "目录.csv";
constexpr const char* kGuideDir = "办事指南";
constexpr const char* kSiteFile = "站点.txt";
constexpr std::uint64_t kSheetBytes = 512 * kMiB; // far beyond 100,000 rows of metadata

// A column of a sheet: its Chinese name, the JSON field it fills, and whether the sheet needs it.
struct Column {
    const char* name;
    const char* key;
    bool required;
};

const Column kDisclosureColumns[] = {
    {"索引号", "index_no", true},
    {"标题", "title", true},
    {"文号", "doc_no", false},
    {"发布机构", "publisher", true},
    {"成文日期", "written_date", false},
    {"发布日期", "published_date", true},
    {"分类", "category", true},
    {"有效性", "validity", false},
    {"主题词", "keywords", false},
    {"摘要", "summary", false},
    {"正文", "body_html", false},
    {"附件", "attachments", false},
    {"手机链接", "mobile_url", false},
    {"网址", "url", false},
    {"实施日期", "effective_date", false},
    {"废止日期", "expiry_date", false},
};

const Column kNoticeColumns[] = {
    {"编号", "id", true},
    {"标题", "title", true},
    {"发布机构", "publisher", false},
    {"发布日期", "published_date", false},
    {"生效日期", "valid_from", false},
    {"有效期至", "valid_until", false},
    {"级别", "level", false},
    {"正文", "body_html", false},
    {"手机链接", "mobile_url", false},
};

const Column kCatalogColumns[] = {{"编码", "code", true}, {"名称", "name", true}, {"上级编码", "parent", false}};

// 站点.txt: "名称：值" lines → the manifest's site block (and two builder settings).
const std::pair<const char*, const char*> kSiteKeys[] = {
    {"站点名称", "name"},
    {"门户网址", "portal_url"},
    {"手机网址", "mobile_url"},
    {"服务热线", "hotline"},
    {"公开指南网址", "disclosure_guide_url"},
    {"依申请公开网址", "apply_url"},
    {"附件网址", "attachment_base"},
    {"状态上报网址", "status_url"},
};

const std::pair<const char*, const char*> kMediaTypes[] = {
    {".pdf", "application/pdf"},
    {".doc", "application/msword"},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {".xls", "application/vnd.ms-excel"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {".ppt", "application/vnd.ms-powerpoint"},
    {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {".wps", "application/vnd.ms-works"},
    {".ofd", "application/ofd"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".txt", "text/plain"},
    {".zip", "application/zip"},
    {".rar", "application/vnd.rar"},
    {".mp4", "video/mp4"},
};

std::string lowerAscii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string extensionOf(const fs::path& path) {
    return lowerAscii(path.extension().string());
}

std::string mediaType(const fs::path& path) {
    const std::string ext = extensionOf(path);
    for (const auto& [e, type] : kMediaTypes)
        if (ext == e) return type;
    return "application/octet-stream";
}

std::string mib(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / static_cast<double>(kMiB));
    return text;
}

// Splits at any of the separators (each a UTF-8 string), trimming and dropping empty parts.
std::vector<std::string> splitList(const std::string& text, std::initializer_list<std::string_view> separators) {
    std::vector<std::string> parts;
    std::string part;
    for (std::size_t i = 0; i < text.size();) {
        bool matched = false;
        for (const std::string_view sep : separators) {
            if (text.compare(i, sep.size(), sep) == 0) {
                if (std::string t = trimText(part); !t.empty()) parts.push_back(std::move(t));
                part.clear();
                i += sep.size();
                matched = true;
                break;
            }
        }
        if (!matched) part.push_back(text[i++]);
    }
    if (std::string t = trimText(part); !t.empty()) parts.push_back(std::move(t));
    return parts;
}

bool isInside(const fs::path& child, const fs::path& root) {
    const auto [r, c] = std::mismatch(root.begin(), root.end(), child.begin(), child.end());
    return r == root.end();
}

// "2026-12-02", "2026/12/2 18:00", "2026-12-02T18:00:00+08:00" → an ISO time at +08:00 unless it
// names its zone; a date alone is the start of that day, or its last second when end_of_day.
std::optional<std::string> noticeTime(const std::string& text, bool end_of_day) {
    if (const auto date = normaliseDate(text)) return *date + (end_of_day ? "T23:59:59+08:00" : "T00:00:00+08:00");
    const std::size_t split = text.find_first_of(" T");
    if (split == std::string::npos) return std::nullopt;
    const auto date = normaliseDate(text.substr(0, split));
    if (!date) return std::nullopt;
    std::string time = trimText(std::string_view(text).substr(split + 1));
    const bool has_zone = time.find_first_of("+Z") != std::string::npos || time.rfind('-') != std::string::npos;
    if (time.size() == 5) time += ":00";
    const std::string iso = *date + "T" + time + (has_zone ? "" : "+08:00");
    if (!parseIsoTime(iso)) return std::nullopt;
    return iso;
}

std::string nowIso() {
    const std::time_t now = std::time(nullptr) + kFeedUtcOffsetSeconds;
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
    return text;
}

// A file copied into the publish: where it came from, its hash and where it goes.
struct StagedFile {
    fs::path source;
    std::string href;
    std::string sha256;
    std::uint64_t bytes = 0;
};

// The source of an item in the office's files, to name the row in problems found later by the
// kiosk's own parsers.
struct ItemSource {
    std::string file;
    int row = 0;
};

// An item of a collection as the JSON text it is published as (a DOM per item would hold several
// times its size: 50,000 disclosures are ~45 MB of text but ~200 MB as nlohmann::json).
struct BuiltItem {
    std::string id;
    std::string text;
};

// The collection's file: {"items":[…]} with each item's text as it is.
std::string collectionText(const std::vector<BuiltItem>& items, std::size_t begin, std::size_t end) {
    std::size_t size = 16;
    for (std::size_t i = begin; i < end; ++i) size += items[i].text.size() + 1;
    std::string out;
    out.reserve(size);
    out += "{\"items\":[";
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin) out += ",";
        out += items[i].text;
    }
    out += "]}\n";
    return out;
}

using Parse = bool (*)(std::string_view, const FeedLimits&, Content&, std::string&);

// Items read back by the kiosk's parser a chunk at a time: a 50,000-item collection's bodies as
// the kiosk reads them would be several times the file's size, and the chunks of the disclosures
// are checked on another thread while the sheet is still being read.
constexpr std::size_t kCheckChunk = 1000;

struct ChunkCheck {
    bool ok = false;
    std::string error;
    Content part; // what the parser kept (bodies dropped: only ids and fields are needed later)
};

ChunkCheck checkChunk(Parse parse, const std::string& text, const FeedLimits& limits) {
    ChunkCheck check;
    check.ok = parse(text, limits, check.part, check.error);
    for (DisclosureItem& d : check.part.disclosures) d.body = {};
    return check;
}

// The one thread that checks the disclosures' chunks while the sheet is read: one long-lived
// thread rather than one per chunk, since each new thread gets its own malloc arena and keeps the
// memory its chunk freed (a 50,000-row build peaked 75 MB higher that way).
class CheckWorker {
public:
    CheckWorker() = default;
    CheckWorker(const CheckWorker&) = delete;
    CheckWorker& operator=(const CheckWorker&) = delete;
    ~CheckWorker() {
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable()) m_thread.join();
    }

    std::future<ChunkCheck> submit(std::string text, const FeedLimits& limits) {
        std::packaged_task<ChunkCheck()> task(
            [text = std::move(text), limits] { return checkChunk(parseDisclosures, text, limits); });
        std::future<ChunkCheck> result = task.get_future();
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_queue.push_back(std::move(task));
        }
        if (!m_thread.joinable()) m_thread = std::thread([this] { run(); });
        m_wake.notify_one();
        return result;
    }

private:
    void run() {
        for (;;) {
            std::packaged_task<ChunkCheck()> task;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                if (m_queue.empty()) return; // stopping, and every chunk is checked
                task = std::move(m_queue.front());
                m_queue.pop_front();
            }
            task();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::packaged_task<ChunkCheck()>> m_queue;
    bool m_stopping = false;
    std::thread m_thread;
};

// One node of the category tree being assembled.
struct CatalogNode {
    std::string code;
    std::string name;
    std::vector<std::size_t> children; // indexes into Builder::m_nodes
};

// A row's cell under a column name: "" when the sheet lacks the column or the row is short.
std::string cellOf(const std::map<std::string, std::size_t>& index, const CsvRecord& record, const char* name) {
    const auto it = index.find(name);
    return it == index.end() || it->second >= record.cells.size() ? std::string() : trimText(record.cells[it->second]);
}

class Builder {
public:
    explicit Builder(const FeedBuildOptions& options, FeedBuildResult& result) : m_options(options), m_result(result) {}

    void run();

private:
    // Problems. column may be empty; row 0 means the whole file.
    void report(const std::string& file, int row, const std::string& column, std::string message,
                bool warning = false) {
        std::string path = file;
        if (row > 0) path += ":" + std::to_string(row);
        if (!column.empty()) path += ":" + column;
        if (!warning && m_row_context) {
            ++m_row_errors;
            if (m_options.keep_going) { // the row is left out and the rest is published
                warning = true;
                message += tr(" (row skipped: --keep-going)");
            }
        } else if (!warning) {
            ++m_fatal_errors;
        }
        m_result.problems.push_back({path, std::move(message), warning});
    }
    bool failed() const { return hasErrors(m_result.problems); }

    bool readSite();
    bool readSheet(const std::string& base, bool allow_xlsx, CsvDocument& doc, std::string& label);
    std::map<std::string, std::size_t> readHeader(const CsvDocument& doc, const std::string& label,
                                                  const Column* columns, std::size_t count);
    void readCatalogSheet();
    std::optional<std::string> categoryCode(const std::string& value, const std::string& file, int row);

    std::optional<fs::path> resolve(const fs::path& base_dir, const std::string& relative, const std::string& file,
                                    int row, const std::string& column);
    std::optional<std::string> bodyFromFile(const fs::path& path, const std::string& file, int row,
                                            const std::string& column);
    std::optional<json> attachmentFor(const fs::path& path, const std::string& file, int row,
                                      const std::string& column);

    // The shared steps of a sheet's rows: its size within the kiosk's item limit, a unique id
    // column, and a web address cell.
    bool withinItemLimit(const CsvDocument& doc, const std::string& label);
    void checkUniqueId(const std::string& label, int row, const char* column, const std::string& id,
                       std::map<std::string, int>& first_row);
    void readWebUrl(json& item, const char* key, const std::string& value, const std::string& label, int row,
                    const char* column);

    void readDisclosures();
    void readNotices();
    void readGuides();
    bool verifyCollections();
    void readPlaylists();
    // Checks and stages the file of entry[kind] ("image" or "video") a playlist at `label` names.
    void stagePlaylistFile(const json& entry, const char* kind, const std::string& label, const std::string& where);
    bool write();
    bool swapIntoPlace(const fs::path& staged);

    // Adds item to list unless its row had errors; under keep_going such rows are skipped.
    void keep(std::vector<BuiltItem>& list, const json& item, const std::string& collection, const std::string& file,
              int row, int errors_before) {
        if (m_row_errors > errors_before) {
            if (m_options.keep_going) ++m_result.skipped_rows;
            return;
        }
        const std::string id = item["id"].get<std::string>();
        m_sources[collection + "\n" + id] = {file, row};
        list.push_back({id, item.dump(-1, ' ', false, json::error_handler_t::strict)});
        if (&list == &m_disclosures && list.size() - m_checks_submitted >= kCheckChunk) submitDisclosureCheck();
    }

    // Starts checking the disclosures kept since the last chunk; at most two chunks wait for the
    // worker, so memory stays bounded however far reading is ahead.
    void submitDisclosureCheck() {
        if (m_checks.size() >= 2) m_checks[m_checks.size() - 2].wait();
        std::string text = collectionText(m_disclosures, m_checks_submitted, m_disclosures.size());
        m_checks_submitted = m_disclosures.size();
        m_checks.push_back(m_worker.submit(std::move(text), m_options.limits));
    }

    const FeedBuildOptions& m_options;
    FeedBuildResult& m_result;
    fs::path m_root; // canonical --from
    std::string m_generated_at;
    json m_site = json::object();
    std::string m_attachment_base;
    std::string m_status_url;
    int m_row_errors = 0;   // errors of single rows (or guide files)
    int m_fatal_errors = 0; // errors no row can be skipped for
    bool m_row_context = false;
    Content m_content; // the publish as the kiosk reads it

    bool m_catalog_from_sheet = false;
    std::vector<CatalogNode> m_nodes;
    std::vector<std::size_t> m_top;
    std::map<std::string, std::size_t> m_code_index; // code → node
    std::map<std::string, std::size_t> m_path_index; // "机构职能/领导信息" → node

    std::vector<BuiltItem> m_disclosures;
    std::size_t m_checks_submitted = 0;            // m_disclosures[0, this) are in m_checks
    std::vector<std::future<ChunkCheck>> m_checks; // in order of the items
    std::vector<BuiltItem> m_notices;
    std::vector<BuiltItem> m_guides;
    std::map<std::string, ItemSource> m_sources;         // "disclosures\nID" → where it was written
    std::map<std::string, StagedFile> m_files;           // href → file to copy
    std::map<fs::path, FileHash> m_hashes;               // canonical source → its hash, each file hashed once
    std::map<fs::path, fs::path> m_canonical_dirs;       // folder as named → canonical (empty when missing)
    std::map<std::string, std::string> m_texts;          // "disclosures.json" → bytes, once verified
    std::map<std::string, std::string> m_playlist_texts; // group → bytes
    std::int64_t m_now_s = 0;
    CheckWorker m_worker; // last: joined before the members its chunks' futures refer to go
};

bool Builder::readSite() {
    const fs::path path = m_root / kSiteFile;
    std::error_code ec;
    if (!fs::exists(path, ec)) return true;
    std::string error;
    const std::optional<std::string> bytes = readFileCapped(path, kMiB, error);
    std::string text;
    TextEncoding encoding = TextEncoding::Utf8;
    if (!bytes || !decodeText(*bytes, text, encoding, error)) {
        report(kSiteFile, 0, "", error);
        return false;
    }
    int line_number = 0;
    for (const std::string& line : splitList(text, {"\n"})) {
        ++line_number;
        if (line.rfind('#', 0) == 0) continue;
        const std::size_t wide = line.find("：");
        const std::size_t narrow = line.find(':');
        const std::size_t at = std::min(wide, narrow);
        if (at == std::string::npos) {
            report(kSiteFile, line_number, "", tr("expected 名称：值"));
            continue;
        }
        const std::string name = trimText(std::string_view(line).substr(0, at));
        const std::string value = trimText(std::string_view(line).substr(at + (at == wide ? 3 : 1)));
        const auto* known = std::find_if(std::begin(kSiteKeys), std::end(kSiteKeys),
                                         [&name](const auto& k) { return name == k.first; });
        if (known == std::end(kSiteKeys)) {
            report(kSiteFile, line_number, name, tr("unknown setting, ignored"), true);
            continue;
        }
        const std::string key = known->second;
        if (key.find("url") != std::string::npos || key == "attachment_base") {
            if (!value.empty() && !isWebUrl(value)) {
                report(kSiteFile, line_number, name,
                       fillIn(tr("\"{0}\" is not an http:// or https:// address"), {value}));
                continue;
            }
        }
        if (key == "attachment_base") {
            m_attachment_base = value.empty() || value.back() == '/' ? value : value + "/";
        } else if (key == "status_url") {
            m_status_url = value;
        } else {
            m_site[key] = value;
        }
    }
    return true;
}

bool Builder::readSheet(const std::string& base, bool allow_xlsx, CsvDocument& doc, std::string& label) {
    std::error_code ec;
    const fs::path csv = m_root / (base + ".csv");
    const fs::path xlsx = m_root / (base + ".xlsx");
    std::string bytes;
    std::string error;
    if (fs::exists(csv, ec)) {
        label = csv.filename().string();
        if (allow_xlsx && fs::exists(xlsx, ec))
            report(xlsx.filename().string(), 0, "", fillIn(tr("ignored: {0} is read instead"), {label}), true);
        std::optional<std::string> read = readFileCapped(csv, kSheetBytes, error);
        if (!read) {
            report(label, 0, "", error);
            return false;
        }
        bytes = std::move(*read);
    } else if (allow_xlsx && fs::exists(xlsx, ec)) {
        label = xlsx.filename().string();
        if (!programOnPath("xlsx2csv")) {
            report(label, 0, "",
                   tr("cannot read .xlsx: xlsx2csv is not installed (install the Debian package "
                      "xlsx2csv, or save the sheet as CSV)"));
            return false;
        }
        // The first sheet as UTF-8 CSV on standard output; dates as the feed writes them.
        if (!runConverter({"xlsx2csv", "-d", ",", "-f", "%Y-%m-%d", xlsx.string()}, kSheetBytes, bytes, error)) {
            report(label, 0, "", fillIn(tr("cannot convert: {0}"), {error}));
            return false;
        }
    } else {
        return false;
    }
    int row = 0;
    if (!parseCsv(bytes, doc, error, row)) {
        report(label, row, "", error);
        return false;
    }
    if (doc.records.empty()) {
        report(label, 0, "", tr("has no header row"));
        return false;
    }
    return true;
}

std::map<std::string, std::size_t> Builder::readHeader(const CsvDocument& doc, const std::string& label,
                                                       const Column* columns, std::size_t count) {
    std::map<std::string, std::size_t> index;
    const CsvRecord& header = doc.records.front();
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        const std::string name = trimText(header.cells[i]);
        if (name.empty()) continue;
        const bool known = std::any_of(columns, columns + count, [&name](const Column& c) { return name == c.name; });
        if (!known) {
            report(label, header.row, name, tr("unknown column, ignored"), true);
            continue;
        }
        if (!index.emplace(name, i).second) report(label, header.row, name, tr("the column appears twice"));
    }
    for (std::size_t i = 0; i < count; ++i)
        if (columns[i].required && index.count(columns[i].name) == 0)
            report(label, header.row, columns[i].name, tr("required column is missing"));
    return index;
}

void Builder::readCatalogSheet() {
    std::error_code ec;
    if (!fs::exists(m_root / kCatalogSheet, ec)) return;
    m_catalog_from_sheet = true;
    CsvDocument doc;
    std::string label;
    if (!readSheet("目录", false, doc, label)) return;
    const auto index = readHeader(doc, label, kCatalogColumns, std::size(kCatalogColumns));
    if (failed()) return;
    std::vector<std::pair<std::string, int>> parents; // per node: parent code, row
    for (std::size_t r = 1; r < doc.records.size(); ++r) {
        const CsvRecord& record = doc.records[r];
        const auto cell = [&](const char* name) { return cellOf(index, record, name); };
        const std::string code = cell("编码");
        const std::string name = cell("名称");
        if (code.empty()) report(label, record.row, "编码", tr("is empty"));
        if (name.empty()) report(label, record.row, "名称", tr("is empty"));
        if (code.empty() || name.empty()) continue;
        if (m_code_index.count(code) != 0) {
            report(label, record.row, "编码", fillIn(tr("duplicate code \"{0}\""), {code}));
            continue;
        }
        m_code_index[code] = m_nodes.size();
        m_nodes.push_back({code, name, {}});
        parents.emplace_back(cell("上级编码"), record.row);
    }
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const auto& [parent, row] = parents[i];
        if (parent.empty()) {
            m_top.push_back(i);
            continue;
        }
        const auto it = m_code_index.find(parent);
        if (it == m_code_index.end() || it->second == i) {
            report(label, row, "上级编码", fillIn(tr("\"{0}\" is not a code of this sheet"), {parent}));
            continue;
        }
        m_nodes[it->second].children.push_back(i);
    }
    // Name paths ("机构职能/领导信息") so that 分类 may name a category as well as give its code.
    const std::function<void(std::size_t, const std::string&, int)> walk = [&](std::size_t node,
                                                                               const std::string& prefix, int depth) {
        if (depth > 8) return; // a cycle of 上级编码, or deeper than the kiosk reads
        const std::string path = prefix.empty() ? m_nodes[node].name : prefix + "/" + m_nodes[node].name;
        m_path_index.emplace(path, node);
        for (const std::size_t child : m_nodes[node].children) walk(child, path, depth + 1);
    };
    for (const std::size_t top : m_top) walk(top, "", 1);
}

std::optional<std::string> Builder::categoryCode(const std::string& value, const std::string& file, int row) {
    const std::vector<std::string> names = splitList(value, {"/", "／", ">", "＞"});
    if (names.empty()) {
        report(file, row, "分类", tr("is empty"));
        return std::nullopt;
    }
    std::string path;
    for (const std::string& n : names) path += (path.empty() ? "" : "/") + n;
    if (m_catalog_from_sheet) {
        if (const auto it = m_code_index.find(value); it != m_code_index.end()) return value;
        if (const auto it = m_path_index.find(path); it != m_path_index.end()) return m_nodes[it->second].code;
        report(file, row, "分类", fillIn(tr("\"{0}\" is neither a 编码 nor a name path of 目录.csv"), {value}));
        return std::nullopt;
    }
    if (names.size() > 8) {
        report(file, row, "分类", fillIn(tr("\"{0}\" is nested deeper than 8 levels"), {value}));
        return std::nullopt;
    }
    // Derived: each level's code is its parent's followed by its two-digit place among its
    // siblings, in the order the sheet first names them.
    std::string prefix;
    std::optional<std::size_t> parent;
    for (const std::string& n : names) {
        prefix += (prefix.empty() ? "" : "/") + n;
        const auto it = m_path_index.find(prefix);
        if (it != m_path_index.end()) {
            parent = it->second;
            continue;
        }
        const std::size_t siblings = parent ? m_nodes[*parent].children.size() : m_top.size();
        if (siblings >= 99) {
            report(file, row, "分类", tr("more than 99 categories under one parent"));
            return std::nullopt;
        }
        char number[24];
        std::snprintf(number, sizeof number, "%02zu", siblings + 1);
        const std::string code = (parent ? m_nodes[*parent].code : std::string()) + number;
        const std::size_t node = m_nodes.size();
        m_nodes.push_back({code, n, {}}); // before taking a reference into m_nodes
        (parent ? m_nodes[*parent].children : m_top).push_back(node);
        m_path_index[prefix] = node;
        m_code_index[code] = node;
        parent = node;
    }
    return m_nodes[*parent].code;
}

std::optional<fs::path> Builder::resolve(const fs::path& base_dir, const std::string& relative, const std::string& file,
                                         int row, const std::string& column) {
    std::string cleaned = relative;
    std::replace(cleaned.begin(), cleaned.end(), '\\', '/'); // written on Windows
    const fs::path rel(cleaned);
    if (rel.is_absolute() || cleaned.find(':') != std::string::npos) {
        report(file, row, column, fillIn(tr("\"{0}\" is an absolute path; give it relative to the sheet"), {relative}));
        return std::nullopt;
    }
    for (const fs::path& part : rel) {
        if (part == "..") {
            report(file, row, column, fillIn(tr("\"{0}\" leaves the folder (..)"), {relative}));
            return std::nullopt;
        }
    }
    std::error_code ec;
    const fs::path full = base_dir / rel;
    // canonical() reads every component's link (a readlink per component per file: a third of the
    // build's system time over 50,000 bodies), so folders are resolved once each and only the
    // file itself is looked at here — followed when it is a link, to see where it leads.
    const fs::path dir = full.parent_path();
    auto known = m_canonical_dirs.find(dir);
    if (known == m_canonical_dirs.end()) known = m_canonical_dirs.emplace(dir, fs::canonical(dir, ec)).first;
    fs::path canonical;
    const fs::file_status link = fs::symlink_status(full, ec);
    if (!known->second.empty() && fs::exists(link) && !fs::is_symlink(link)) {
        canonical = known->second / full.filename();
    } else {
        canonical = fs::canonical(full, ec);
    }
    if (ec || canonical.empty()) {
        report(file, row, column, fillIn(tr("\"{0}\": no such file"), {relative}));
        return std::nullopt;
    }
    if (!isInside(canonical, m_root)) {
        report(file, row, column,
               fillIn(tr("\"{0}\" points outside the folder being published (a symbolic link?)"), {relative}));
        return std::nullopt;
    }
    if (!fs::is_regular_file(fs::is_symlink(link) ? fs::status(canonical, ec) : link)) {
        report(file, row, column, fillIn(tr("\"{0}\" is not a regular file"), {relative}));
        return std::nullopt;
    }
    return canonical;
}

std::optional<std::string> Builder::bodyFromFile(const fs::path& path, const std::string& file, int row,
                                                 const std::string& column) {
    const std::string ext = extensionOf(path);
    const std::uint64_t max_body = BodyBounds{}.max_bytes;
    std::string error;
    std::string text;
    TextEncoding encoding = TextEncoding::Utf8;
    if (ext == ".docx") {
        if (!programOnPath("pandoc")) {
            report(file, row, column,
                   tr("cannot read .docx: pandoc is not installed (install the Debian package pandoc, or save "
                      "the body as .html or .txt)"));
            return std::nullopt;
        }
        // --sandbox: a document cannot make pandoc read other files (images linked by path).
        if (!runConverter({"pandoc", "--sandbox", "-f", "docx", "-t", "html", path.string()}, max_body, text, error)) {
            report(
                file, row, column,
                fillIn(tr("\"{0}\" cannot be converted (a damaged .docx?): {1}"), {path.filename().string(), error}));
            return std::nullopt;
        }
        return text;
    }
    if (ext != ".html" && ext != ".htm" && ext != ".txt") {
        report(file, row, column, fillIn(tr("\"{0}\" is not a .html, .txt or .docx file"), {path.filename().string()}));
        return std::nullopt;
    }
    const std::optional<std::string> bytes = readFileCapped(path, max_body, error);
    if (!bytes) {
        report(file, row, column, error);
        return std::nullopt;
    }
    if (!decodeText(*bytes, text, encoding, error)) {
        report(file, row, column, path.filename().string() + " " + error);
        return std::nullopt;
    }
    return ext == ".txt" ? textToHtml(text) : text;
}

std::optional<json> Builder::attachmentFor(const fs::path& path, const std::string& file, int row,
                                           const std::string& column) {
    std::error_code ec;
    const std::uint64_t size = fs::file_size(path, ec);
    // An image over its limit would refuse the whole publish on a kiosk. Any other file is held to
    // the kiosk's default PDF limit, so that every PDF built here is kept offline by a kiosk.
    const bool image = mediaType(path).rfind("image/", 0) == 0;
    const std::uint64_t limit = image ? m_options.limits.attachment_bytes : m_options.limits.pdf_file_bytes;
    if (!ec && size > limit) {
        report(file, row, column,
               fillIn(tr("\"{0}\" is {1} MiB, more than the kiosk's attachment limit of {2} MiB"),
                      {path.filename().string(), mib(size), mib(limit)}));
        return std::nullopt;
    }
    auto hashed = m_hashes.find(path);
    if (hashed == m_hashes.end()) hashed = m_hashes.emplace(path, sha256File(path)).first;
    const FileHash& hash = hashed->second;
    if (!hash.ok) {
        report(file, row, column, hash.error);
        return std::nullopt;
    }
    // Named by content: the same file attached twice is stored once, and a changed file gets a
    // new href, which the kiosk fetches instead of a cached old copy.
    std::string ext = extensionOf(path);
    if (!std::all_of(ext.begin(), ext.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.'; }))
        ext.clear();
    const std::string href = "att/" + hash.hex + ext;
    m_files.emplace(href, StagedFile{path, href, hash.hex, hash.bytes});
    json a = {{"name", path.filename().string()},
              {"href", href},
              {"sha256", hash.hex},
              {"bytes", hash.bytes},
              {"type", mediaType(path)}};
    if (!m_attachment_base.empty()) a["url"] = joinUrl(m_attachment_base, href);
    return a;
}

bool Builder::withinItemLimit(const CsvDocument& doc, const std::string& label) {
    if (doc.records.size() - 1 <= m_options.limits.items_per_collection) return true;
    report(label, 0, "",
           fillIn(tr("{0} rows, more than the kiosk's limit of {1} items"),
                  {std::to_string(doc.records.size() - 1), std::to_string(m_options.limits.items_per_collection)}));
    return false;
}

void Builder::checkUniqueId(const std::string& label, int row, const char* column, const std::string& id,
                            std::map<std::string, int>& first_row) {
    if (id.empty()) {
        report(label, row, column, tr("is empty"));
    } else if (const auto [it, fresh] = first_row.emplace(id, row); !fresh) {
        report(label, row, column,
               fillIn(tr("duplicate \"{0}\" (first on row {1})"), {id, std::to_string(it->second)}));
    }
}

void Builder::readWebUrl(json& item, const char* key, const std::string& value, const std::string& label, int row,
                         const char* column) {
    if (value.empty()) return;
    if (isWebUrl(value)) {
        item[key] = value;
    } else {
        report(label, row, column, fillIn(tr("\"{0}\" is not an http:// or https:// address"), {value}));
    }
}

void Builder::readDisclosures() {
    CsvDocument doc;
    std::string label;
    const int errors_before_sheet = m_fatal_errors;
    if (!readSheet(kDisclosureSheet, true, doc, label)) {
        if (m_fatal_errors == errors_before_sheet)
            report(std::string(kDisclosureSheet) + ".csv", 0, "", tr("is missing (公开目录.csv or 公开目录.xlsx)"));
        return;
    }
    const auto index = readHeader(doc, label, kDisclosureColumns, std::size(kDisclosureColumns));
    if (m_fatal_errors > errors_before_sheet) return;
    if (!withinItemLimit(doc, label)) return;
    std::map<std::string, int> first_row;
    for (std::size_t r = 1; r < doc.records.size(); ++r) {
        const CsvRecord& record = doc.records[r];
        const int row = record.row;
        const int errors_before = m_row_errors;
        m_row_context = true;
        const auto cell = [&](const char* name) { return cellOf(index, record, name); };
        json item = json::object();
        const std::string index_no = cell("索引号");
        checkUniqueId(label, row, "索引号", index_no, first_row);
        item["id"] = index_no;
        item["index_no"] = index_no;
        const std::string title = cell("标题");
        if (title.empty()) report(label, row, "标题", tr("is empty"));
        item["title"] = title;
        for (const char* plain : {"文号", "发布机构", "有效性", "摘要"}) {
            const auto* column = std::find_if(std::begin(kDisclosureColumns), std::end(kDisclosureColumns),
                                              [plain](const Column& c) { return std::strcmp(c.name, plain) == 0; });
            if (const std::string v = cell(plain); !v.empty()) item[column->key] = v;
        }
        for (const auto& [name, key] :
             {std::pair{"成文日期", "written_date"}, std::pair{"发布日期", "published_date"},
              std::pair{"实施日期", "effective_date"}, std::pair{"废止日期", "expiry_date"}}) {
            const std::string v = cell(name);
            if (v.empty()) {
                if (std::strcmp(name, "发布日期") == 0) report(label, row, name, tr("is empty"));
                continue;
            }
            if (const auto date = normaliseDate(v)) {
                item[key] = *date;
            } else {
                report(label, row, name, fillIn(tr("\"{0}\" is not a date"), {v}));
            }
        }
        if (const std::string v = cell("分类"); index.count("分类") != 0) {
            if (const auto code = categoryCode(v, label, row)) item["category"] = *code;
        }
        if (const std::string v = cell("主题词"); !v.empty())
            item["keywords"] = splitList(v, {";", "；", ",", "，", "、", " ", "\xE3\x80\x80"});
        for (const auto& [name, key] : {std::pair{"手机链接", "mobile_url"}, std::pair{"网址", "url"}})
            readWebUrl(item, key, cell(name), label, row, name);
        if (const std::string v = cell("正文"); !v.empty()) {
            if (const auto path = resolve(m_root, v, label, row, "正文")) {
                if (auto html = bodyFromFile(*path, label, row, "正文")) item["body_html"] = std::move(*html);
            }
        }
        json attachments = json::array();
        for (const std::string& ref : splitList(cell("附件"), {";", "；"})) {
            if (const auto path = resolve(m_root, ref, label, row, "附件")) {
                if (auto a = attachmentFor(*path, label, row, "附件")) attachments.push_back(std::move(*a));
            }
        }
        item["attachments"] = std::move(attachments);
        keep(m_disclosures, item, "disclosures", label, row, errors_before);
        m_row_context = false;
        // The row's cells are not needed again: freed now, not with the sheet, they make room for
        // the chunks being checked meanwhile (a 50,000-row build peaked 70 MB higher without).
        std::vector<std::string>().swap(doc.records[r].cells);
    }
}

void Builder::readNotices() {
    CsvDocument doc;
    std::string label;
    const int errors_before_sheet = m_fatal_errors;
    if (!readSheet(kNoticeSheet, false, doc, label)) return; // a hall may publish no notices
    const auto index = readHeader(doc, label, kNoticeColumns, std::size(kNoticeColumns));
    if (m_fatal_errors > errors_before_sheet) return;
    if (!withinItemLimit(doc, label)) return;
    std::map<std::string, int> first_row;
    for (std::size_t r = 1; r < doc.records.size(); ++r) {
        const CsvRecord& record = doc.records[r];
        const int row = record.row;
        const int errors_before = m_row_errors;
        m_row_context = true;
        const auto cell = [&](const char* name) { return cellOf(index, record, name); };
        json item = json::object();
        const std::string id = cell("编号");
        checkUniqueId(label, row, "编号", id, first_row);
        item["id"] = id;
        item["title"] = cell("标题");
        if (item["title"].get<std::string>().empty()) report(label, row, "标题", tr("is empty"));
        if (const std::string v = cell("发布机构"); !v.empty()) item["publisher"] = v;
        if (const std::string v = cell("发布日期"); !v.empty()) {
            if (const auto date = normaliseDate(v)) {
                item["published_date"] = *date;
            } else {
                report(label, row, "发布日期", fillIn(tr("\"{0}\" is not a date"), {v}));
            }
        }
        for (const auto& [name, key] : {std::pair{"生效日期", "valid_from"}, std::pair{"有效期至", "valid_until"}}) {
            const std::string v = cell(name);
            if (v.empty()) continue;
            if (const auto time = noticeTime(v, std::strcmp(key, "valid_until") == 0)) {
                item[key] = *time;
            } else {
                report(label, row, name, fillIn(tr("\"{0}\" is not a date or a date and time"), {v}));
            }
        }
        if (item.contains("valid_from") && item.contains("valid_until") &&
            *parseIsoTime(item["valid_until"].get<std::string>()) <
                *parseIsoTime(item["valid_from"].get<std::string>()))
            report(label, row, "有效期至", tr("is before 生效日期"));
        const std::string level = cell("级别");
        if (level.empty() || level == "普通" || level == "normal") {
            item["level"] = "normal";
        } else if (level == "重要" || level == "important") {
            item["level"] = "important";
        } else if (level == "紧急" || level == "urgent") {
            item["level"] = "urgent";
        } else {
            report(label, row, "级别", fillIn(tr("\"{0}\" is not 普通, 重要 or 紧急"), {level}));
        }
        readWebUrl(item, "mobile_url", cell("手机链接"), label, row, "手机链接");
        // 正文: a file when the cell is one line ending in .txt/.html/.htm/.docx, else the text itself.
        const std::string body = cell("正文");
        const std::string ext = extensionOf(fs::path(body));
        const bool is_path = body.find('\n') == std::string::npos &&
                             (ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".docx");
        if (is_path) {
            if (const auto path = resolve(m_root, body, label, row, "正文")) {
                if (auto html = bodyFromFile(*path, label, row, "正文")) item["body_html"] = std::move(*html);
            }
        } else if (!body.empty()) {
            item["body_html"] = textToHtml(body);
        }
        keep(m_notices, item, "notices", label, row, errors_before);
        m_row_context = false;
    }
}

void Builder::readGuides() {
    const fs::path dir = m_root / kGuideDir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name[0] == '_' || name[0] == '.' || extensionOf(entry.path()) != ".txt") continue;
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::map<std::string, std::string> first_file;
    for (const fs::path& path : files) {
        const std::string label = std::string(kGuideDir) + "/" + path.filename().string();
        const int errors_before = m_row_errors;
        m_row_context = true;
        std::string error;
        std::string text;
        TextEncoding encoding = TextEncoding::Utf8;
        const std::optional<std::string> bytes = readFileCapped(path, 4 * kMiB, error);
        if (!bytes || !decodeText(*bytes, text, encoding, error)) {
            report(label, 0, "", error);
            continue;
        }
        GuideDraft draft = parseGuideText(text, path.stem().string());
        for (GuideIssue& issue : draft.issues)
            report(label, issue.line, issue.heading, std::move(issue.message), issue.warning);
        const std::string id = draft.item["id"].get<std::string>();
        if (const auto [it, fresh] = first_file.emplace(id, label); !fresh)
            report(label, 0, "编号", fillIn(tr("duplicate \"{0}\" (also in {1})"), {id, it->second}));
        for (const GuideTemplateRef& t : draft.templates) {
            if (const auto file = resolve(dir, t.path, label, t.line, "申请材料")) {
                if (auto a = attachmentFor(*file, label, t.line, "申请材料"))
                    draft.item["materials"][t.material]["template"] = std::move(*a);
            }
        }
        keep(m_guides, draft.item, "guides", label, 0, errors_before);
        m_row_context = false;
    }
}

json catalogJson(const std::vector<CatalogNode>& nodes, const std::vector<std::size_t>& list) {
    json out = json::array();
    for (const std::size_t i : list) {
        json node = {{"code", nodes[i].code}, {"name", nodes[i].name}};
        if (!nodes[i].children.empty()) node["children"] = catalogJson(nodes, nodes[i].children);
        out.push_back(std::move(node));
    }
    return out;
}

// The JSON field a skip reason of the kiosk's parser names ("items[3] (id \"x\"): body_html has
// …") as the column the clerk wrote it in.
std::string columnOfReason(const std::string& reason, const std::string& collection) {
    const std::size_t at = reason.find("): ");
    if (at == std::string::npos) return "";
    const std::string rest = reason.substr(at + 3);
    const std::string key = rest.substr(0, rest.find_first_of(" .["));
    const auto lookup = [&key](const Column* columns, std::size_t n) -> std::string {
        for (std::size_t i = 0; i < n; ++i)
            if (key == columns[i].key) return columns[i].name;
        return "";
    };
    if (collection == "disclosures") return lookup(kDisclosureColumns, std::size(kDisclosureColumns));
    if (collection == "notices") return lookup(kNoticeColumns, std::size(kNoticeColumns));
    return "";
}

std::string dumpJson(const json& value) {
    return value.dump(1, ' ', false, json::error_handler_t::strict) + "\n";
}

bool Builder::verifyCollections() {
    struct Collection {
        const char* name;
        std::vector<BuiltItem>* items;
        Parse parse;
    };
    const Collection collections[] = {{"disclosures", &m_disclosures, parseDisclosures},
                                      {"guides", &m_guides, parseGuides},
                                      {"notices", &m_notices, parseNotices}};
    std::string error;
    m_texts["catalog.json"] = dumpJson({{"categories", catalogJson(m_nodes, m_top)}});
    if (!parseCatalog(m_texts["catalog.json"], m_content, error)) {
        report("catalog.json", 0, "", error);
        return false;
    }
    // What the kiosk would skip is an error of the row it came from; under keep_going that row is
    // left out of the published collection.
    if (m_disclosures.size() > m_checks_submitted) submitDisclosureCheck();
    for (const Collection& c : collections) {
        std::vector<BuiltItem>& items = *c.items;
        std::vector<std::future<ChunkCheck>> pending;
        if (c.items == &m_disclosures) {
            pending = std::move(m_checks);
        } else {
            for (std::size_t begin = 0; begin < items.size(); begin += kCheckChunk) {
                std::promise<ChunkCheck> done;
                const std::size_t end = std::min(items.size(), begin + kCheckChunk);
                done.set_value(checkChunk(c.parse, collectionText(items, begin, end), m_options.limits));
                pending.push_back(done.get_future());
            }
        }
        std::set<std::string> dropped;
        for (std::future<ChunkCheck>& future : pending) {
            ChunkCheck check = future.get();
            if (!check.ok) {
                report(std::string(c.name) + ".json", 0, "", check.error);
                return false;
            }
            for (const SkippedItem& skipped : check.part.skipped) {
                const auto source = m_sources.find(skipped.collection + "\n" + skipped.id);
                m_row_context = source != m_sources.end();
                if (source == m_sources.end()) {
                    report(skipped.collection + ".json", 0, "", describe(skipped));
                } else {
                    report(source->second.file, source->second.row, columnOfReason(skipped.reason, skipped.collection),
                           skipped.reason);
                    dropped.insert(skipped.id);
                }
                m_row_context = false;
            }
            // What the playlists are checked against: every item the kiosk keeps.
            for (DisclosureItem& d : check.part.disclosures) {
                m_content.disclosure_index[d.id] = m_content.disclosures.size();
                m_content.disclosures.push_back(std::move(d));
            }
            for (ServiceGuide& g : check.part.guides) {
                m_content.guide_index[g.id] = m_content.guides.size();
                m_content.guides.push_back(std::move(g));
            }
            for (Notice& n : check.part.notices) {
                m_content.notice_index[n.id] = m_content.notices.size();
                m_content.notices.push_back(std::move(n));
            }
        }
        if (!dropped.empty()) {
            if (!m_options.keep_going) return false;
            m_result.skipped_rows += dropped.size();
            items.erase(std::remove_if(items.begin(), items.end(),
                                       [&dropped](const BuiltItem& item) { return dropped.count(item.id) != 0; }),
                        items.end());
        }
        std::string text = collectionText(items, 0, items.size());
        std::vector<BuiltItem>().swap(items); // the text is all that is needed from here on
        if (text.size() > m_options.limits.collection_bytes) {
            report(std::string(c.name) + ".json", 0, "",
                   fillIn(tr("is {0} MiB, more than the kiosk's limit of {1} MiB for a collection"),
                          {mib(text.size()), mib(m_options.limits.collection_bytes)}));
            return false;
        }
        m_texts[std::string(c.name) + ".json"] = std::move(text);
    }
    return m_fatal_errors == 0;
}

void Builder::readPlaylists() {
    const fs::path dir = m_root / "playlists";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec))
        if (extensionOf(entry.path()) == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) {
        const std::string group = path.stem().string();
        const std::string label = "playlists/" + path.filename().string();
        if (!isSafeGroupName(group)) {
            report(label, 0, "", tr("the file name is not a screen group name (letters, digits, . _ -)"));
            continue;
        }
        const PlaylistFile file = readPlaylistFile(path);
        if (file.status != PlaylistFileStatus::Ok) {
            report(label, 0, "", file.error);
            continue;
        }
        // `playlist check`'s rules against the publish being built, as of its generated_at: a
        // playlist a screen would refuse, or entries it would skip, are errors of the build.
        const PlaylistResult result = checkPlaylistText(file.text, label, m_content, m_now_s, kFeedUtcOffsetSeconds);
        for (const Problem& p : result.problems) {
            const bool skips = std::any_of(result.skipped.begin(), result.skipped.end(),
                                           [&p](const std::string& e) { return p.path.rfind(e, 0) == 0; });
            report(label, 0, p.path, p.message, p.warning && !skips);
        }
        if (!result.usable()) continue;
        // The images and videos its items (and a video fallback) show are copied at the hrefs the
        // playlist names, and must be the files its sha256 and bytes say.
        const json doc = json::parse(file.text, nullptr, false);
        const json& items = doc.contains("items") ? doc["items"] : json::array();
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (const char* kind : {"image", "video"})
                stagePlaylistFile(items[i], kind, label, "items[" + std::to_string(i) + "]." + kind);
        }
        if (doc.contains("fallback")) stagePlaylistFile(doc["fallback"], "video", label, "fallback.video");
        m_playlist_texts[group] = file.text;
    }
    m_result.playlists = m_playlist_texts.size();
}

void Builder::stagePlaylistFile(const json& entry, const char* kind, const std::string& label,
                                const std::string& where) {
    if (!entry.is_object() || !entry.contains(kind) || !entry[kind].is_object()) return;
    const json& file = entry[kind];
    const std::string href = file.value("href", "");
    const auto source = resolve(m_root, href, label, 0, where);
    if (!source) return;
    const FileHash hash = sha256File(*source);
    if (!hash.ok || hash.hex != lowerAscii(file.value("sha256", "")) ||
        hash.bytes != file.value("bytes", std::uint64_t{0})) {
        report(label, 0, where,
               fillIn(tr("\"{0}\" does not match the sha256 and bytes the playlist gives (they are {1} and {2})"),
                      {href, hash.hex, std::to_string(hash.bytes)}));
        return;
    }
    if (std::string_view(kind) == "video" && hash.bytes > m_options.limits.video_file_bytes) {
        report(label, 0, where,
               fillIn(tr("\"{0}\" is {1} MiB, more than a screen's default video cap of {2} MiB "
                         "(video.max_file_mib): a screen with that cap does not download it and skips the item"),
                      {href, mib(hash.bytes), mib(m_options.limits.video_file_bytes)}),
               true);
    }
    m_files.emplace(href, StagedFile{*source, href, hash.hex, hash.bytes});
}

// Copies source to target while hashing it: the bytes written are the bytes hashed, so a file
// changed since it was first hashed is caught instead of published under a wrong sha256.
bool copyHashed(const StagedFile& file, const fs::path& target, std::string& error) {
    std::ifstream in(file.source, std::ios::binary);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!in || !out) {
        error = fillIn(tr("cannot copy {0} to {1}"), {file.source.string(), target.string()});
        return false;
    }
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    std::uint64_t bytes = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const std::streamsize n = in.gcount();
        if (n <= 0) break;
        hash.update(buffer.data(), static_cast<std::size_t>(n));
        out.write(buffer.data(), n);
        bytes += static_cast<std::uint64_t>(n);
    }
    out.close();
    if (!out || in.bad()) {
        error = fillIn(tr("cannot copy {0} to {1}"), {file.source.string(), target.string()});
        return false;
    }
    if (bytes != file.bytes || hash.finishHex() != file.sha256) {
        error = fillIn(tr("{0} changed while the feed was built; build again"), {file.source.string()});
        return false;
    }
    return true;
}

bool Builder::write() {
    json manifest = {{"format", kFeedFormat}, {"generated_at", m_generated_at}};
    if (!m_site.empty()) manifest["site"] = m_site;
    if (!m_status_url.empty()) manifest["status_url"] = m_status_url;
    json files = json::object();
    for (const char* key : kCollectionKeys) {
        const std::string& text = m_texts[std::string(key) + ".json"];
        files[key] = {{"href", std::string(key) + ".json"}, {"sha256", sha256Hex(text)}, {"bytes", text.size()}};
    }
    manifest["files"] = files;
    json playlists = json::object();
    for (const auto& [group, text] : m_playlist_texts)
        playlists[group] = {
            {"href", "playlists/" + group + ".json"}, {"sha256", sha256Hex(text)}, {"bytes", text.size()}};
    if (!playlists.empty()) manifest["playlists"] = playlists;
    const std::string manifest_text = dumpJson(manifest);
    if (manifest_text.size() > m_options.limits.manifest_bytes) {
        report("manifest.json", 0, "", tr("is larger than the kiosk's limit of 1 MiB"));
        return false;
    }

    const fs::path out = m_options.out;
    const fs::path staged = out.parent_path() / (out.filename().string() + ".new-" + randomHex(6));
    std::string error;
    const auto fail = [&](std::string message) {
        report(out.string(), 0, "", std::move(message));
        removeTreeQuietly(staged);
        return false;
    };
    std::error_code ec;
    fs::create_directories(staged / "att", ec);
    if (!fs::create_directories(staged / "playlists", ec) && ec) return fail(ec.message());
    for (const auto& [href, file] : m_files) {
        fs::create_directories((staged / href).parent_path(), ec);
        if (!copyHashed(file, staged / href, error)) return fail(error);
    }
    for (const auto& [name, text] : m_texts)
        if (!writeFileSynced(staged / name, text, error)) return fail(error);
    for (const auto& [group, text] : m_playlist_texts)
        if (!writeFileSynced(staged / "playlists" / (group + ".json"), text, error)) return fail(error);
    // The manifest last: a directory with a manifest is a complete publish.
    if (!writeFileSynced(staged / "manifest.json", manifest_text, error)) return fail(error);
    if (m_options.before_swap && !m_options.before_swap(staged, error)) return fail(error);
    if (!fsyncTree(staged, error)) return fail(error);
    if (!swapIntoPlace(staged)) {
        removeTreeQuietly(staged);
        return false;
    }
    return true;
}

// OUT is replaced with one rename(2) call: renameat2(RENAME_EXCHANGE) swaps the new directory
// with the old one, so a web server serving OUT sees the whole old publish or the whole new one,
// never a mix and never no directory. Only where the file system cannot exchange (EINVAL) is the
// old one first renamed aside, which leaves OUT missing for the instant between two renames.
bool Builder::swapIntoPlace(const fs::path& staged) {
    const fs::path out = m_options.out;
    std::string error;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(out, ec))) {
        if (!renameDurably(staged, out, error)) {
            report(out.string(), 0, "", error);
            return false;
        }
        return true;
    }
    if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) == 0) {
        fsyncDirectory(out.parent_path().empty() ? fs::path(".") : out.parent_path(), error);
        removeTreeQuietly(staged); // now the old publish
        return true;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        report(out.string(), 0, "", std::string("renameat2: ") + std::strerror(errno));
        return false;
    }
    const fs::path old = out.parent_path() / (out.filename().string() + ".old-" + randomHex(6));
    if (!renameDurably(out, old, error) || !renameDurably(staged, out, error)) {
        report(out.string(), 0, "", error);
        return false;
    }
    removeTreeQuietly(old);
    return true;
}

void Builder::run() {
    std::error_code ec;
    m_root = fs::canonical(m_options.from, ec);
    if (ec || !fs::is_directory(m_root)) {
        report(m_options.from.string(), 0, "", tr("is not a folder"));
        return;
    }
    const fs::path out = fs::weakly_canonical(fs::absolute(m_options.out), ec);
    if (isInside(m_root, out) || isInside(out, m_root)) {
        report(m_options.out.string(), 0, "", tr("--out must be outside --from (and --from outside --out)"));
        return;
    }
    const auto out_status = fs::symlink_status(out, ec);
    if (fs::exists(out_status)) {
        if (!fs::is_directory(out_status)) {
            report(m_options.out.string(), 0, "", tr("exists and is not a folder"));
            return;
        }
        // Never replace a folder that is not an earlier publish (a home directory given by mistake).
        if (!fs::is_empty(out, ec) && !fs::exists(out / "manifest.json", ec)) {
            report(m_options.out.string(), 0, "", tr("is a folder that holds no manifest.json; not replacing it"));
            return;
        }
    }
    if (m_options.generated_at.empty()) {
        m_generated_at = nowIso();
    } else if (parseIsoTime(m_options.generated_at)) {
        m_generated_at = m_options.generated_at;
    } else {
        report("--generated-at", 0, "",
               fillIn(tr("\"{0}\" is not an ISO-8601 date and time"), {m_options.generated_at}));
        return;
    }
    m_now_s = *parseIsoTime(m_generated_at);
    readSite();
    readCatalogSheet();
    if (m_fatal_errors > 0) return;
    readDisclosures();
    readNotices();
    readGuides();
    if (m_fatal_errors > 0 || (!m_options.keep_going && m_row_errors > 0)) return;
    if (!verifyCollections()) return;
    readPlaylists();
    if (failed()) return;
    m_result.disclosures = m_content.disclosures.size();
    m_result.notices = m_content.notices.size();
    m_result.guides = m_content.guides.size();
    m_result.attachments = m_files.size();
    m_result.written = write();
}

} // namespace

FeedBuildResult buildFeed(const FeedBuildOptions& options) {
    // glibc returns freed memory at the top of a heap to the system only past 128 KiB by default and
    // then raises that threshold as large blocks come and go; a build frees the sheet's records and
    // each checked chunk while allocating the next ones, and the kept-but-free memory took a
    // 50,000-row build's peak from ~230 to 315 MB. A fixed 4 MiB keeps the peak at what is in use.
    mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
    FeedBuildResult result;
    FeedBuildOptions absolute = options;
    std::error_code ec;
    absolute.out = fs::absolute(options.out, ec).lexically_normal();
    if (absolute.out.filename().empty()) absolute.out = absolute.out.parent_path(); // "out/"
    Builder builder(absolute, result);
    builder.run();
    return result;
}

std::string formatBuildProblem(const Problem& problem) {
    return problem.path + ": " + problem.message;
}

} // namespace gk
