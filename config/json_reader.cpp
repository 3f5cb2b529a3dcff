// Reading configuration JSON with precise problems (see json_reader.h). nlohmann_json only.
#include "config/json_reader.h"

#include "config/i18n.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace gk::json_reader {
namespace {

bool isPlainKey(std::string_view key) {
    if (key.empty()) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// Levenshtein distance, for "did you mean" hints on short keys.
std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 1, column 5:
// syntax error while parsing array - unexpected end of input; expected ']'". Keep the part a
// person needs ("unexpected end of input; expected ']'") and drop raw "last read" bytes.
std::string syntaxDetail(std::string_view what) {
    const std::size_t dash = what.find(" - ");
    std::string_view detail = dash == std::string_view::npos ? what : what.substr(dash + 3);
    const std::size_t last_read = detail.find("; last read");
    if (last_read != std::string_view::npos) detail = detail.substr(0, last_read);
    return std::string(detail);
}

bool isContinuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

void ProblemSink::error(std::string path, std::string message) {
    ++m_errors;
    m_out.push_back(Problem{std::move(path), std::move(message), false});
}

void ProblemSink::warn(std::string path, std::string message) {
    m_out.push_back(Problem{std::move(path), std::move(message), true});
}

std::size_t ProblemSink::errorCount() const {
    return m_errors;
}

std::string keyPath(std::string_view parent, std::string_view key) {
    std::string path(parent);
    if (isPlainKey(key)) {
        if (!path.empty()) path += '.';
        path += key;
    } else {
        path += '[';
        path += Json(std::string(key)).dump(-1, ' ', false, Json::error_handler_t::replace);
        path += ']';
    }
    return path;
}

std::string indexPath(std::string_view parent, std::size_t index) {
    return std::string(parent) + '[' + std::to_string(index) + ']';
}

TextPosition positionAt(std::string_view text, std::size_t byte_offset) {
    TextPosition pos;
    const std::size_t end = std::min(byte_offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if (!isContinuationByte(text[i])) {
            ++pos.column;
        }
    }
    return pos;
}

namespace {

// Reads the document a second time, as SAX events, to name every key that appears twice in one
// object: JSON leaves the meaning open and nlohmann keeps the last one, silently. (A parser
// callback would do it in one pass, but nlohmann 3.11.2's callback parser scans the parent
// container after every object it closes: n objects in one array cost n² steps, 91 s for a 1 MiB
// playlist of {}.) Nesting deeper than kMaxDepth stops it: paths grow with the depth.
class DuplicateKeys : public nlohmann::json_sax<Json> {
public:
    static constexpr std::size_t kMaxDepth = 64;
    explicit DuplicateKeys(ProblemSink& sink) : m_sink(sink) {}
    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(false); }
    bool start_array(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t& key) override {
        Frame& object = m_frames.back();
        object.key = key;
        if (!object.keys.insert(object.key).second)
            m_sink.error(keyPath(object.path, object.key),
                         tr("appears twice in the same object; say it once (the last one would win)"));
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
    bool tooDeep() const { return m_too_deep; }

private:
    struct Frame {
        bool array;
        std::size_t next_index;
        std::string key;
        std::set<std::string> keys;
        std::string path; // of this object or array
    };
    bool value() { // an element of an array counts
        if (!m_frames.empty() && m_frames.back().array) ++m_frames.back().next_index;
        return true;
    }
    bool open(bool array) {
        value();
        m_too_deep = m_frames.size() >= kMaxDepth;
        if (m_too_deep) return false;
        m_frames.push_back(Frame{array, 0, "", {}, path()});
        return true;
    }
    bool close() {
        m_frames.pop_back();
        return true;
    }
    std::string path() const { // of the value being entered
        if (m_frames.empty()) return "";
        const Frame& parent = m_frames.back();
        return parent.array ? indexPath(parent.path, parent.next_index - 1) : keyPath(parent.path, parent.key);
    }
    ProblemSink& m_sink;
    std::vector<Frame> m_frames;
    bool m_too_deep = false;
};

} // namespace

std::optional<Json> parseDocument(std::string_view text, ProblemSink& sink) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        sink.error("", tr("file is empty; expected a JSON object"));
        return std::nullopt;
    }
    try {
        Json doc = Json::parse(text.begin(), text.end());
        DuplicateKeys duplicates(sink);
        if (!Json::sax_parse(text.begin(), text.end(), &duplicates) && duplicates.tooDeep()) {
            sink.error("", fillIn(tr("cannot read JSON: nested more than {0} levels deep"),
                                  {std::to_string(DuplicateKeys::kMaxDepth)}));
            return std::nullopt;
        }
        return doc;
    } catch (const Json::parse_error& e) {
        // e.byte is the 1-based index of the last byte read, i.e. the offending one.
        const TextPosition pos = positionAt(text, e.byte > 0 ? e.byte - 1 : 0);
        // The parser's own detail ("unexpected end of input; expected ']'") stays in English.
        sink.error("", fillIn(tr("line {0}, column {1}: syntax error: {2}"),
                              {std::to_string(pos.line), std::to_string(pos.column), syntaxDetail(e.what())}));
    } catch (const std::exception& e) {
        sink.error("", fillIn(tr("cannot read JSON: {0}"), {e.what()}));
    }
    return std::nullopt;
}

std::string describe(const Json& value) {
    if (value.is_object()) return tr("an object");
    if (value.is_array()) return tr("an array");
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    constexpr std::size_t kMaxBytes = 60;
    if (text.size() > kMaxBytes) {
        std::size_t cut = kMaxBytes;
        while (cut > 0 && isContinuationByte(text[cut])) --cut;
        text = text.substr(0, cut) + "…";
    }
    return text;
}

void warnUnknownKeys(const Json& object, std::initializer_list<std::string_view> known, std::string_view path,
                     ProblemSink& sink) {
    if (!object.is_object()) return;
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        std::string_view best;
        std::size_t best_distance = 3; // suggest only near misses
        for (std::string_view candidate : known) {
            const std::size_t d = editDistance(key, candidate);
            if (d < best_distance && d < candidate.size() / 2 + 1) {
                best = candidate;
                best_distance = d;
            }
        }
        sink.warn(keyPath(path, key), best.empty()
                                          ? std::string(tr("unknown key, ignored"))
                                          : fillIn(tr("unknown key, ignored (did you mean \"{0}\"?)"), {best}));
    }
}

std::optional<std::int64_t> wholeNumber(const Json& value) {
    if (value.is_number_integer()) {
        if (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX) return std::nullopt;
        return value.get<std::int64_t>();
    }
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15) {
            return static_cast<std::int64_t>(d);
        }
    }
    return std::nullopt;
}

const Json* member(const Json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    return &*it;
}

std::optional<std::string> readString(const Json& object, std::string_view key, std::string_view parent,
                                      ProblemSink& sink) {
    const Json* value = member(object, key);
    if (!value) return std::nullopt;
    if (!value->is_string()) {
        sink.error(keyPath(parent, key), fillIn(tr("must be a string, got {0}"), {describe(*value)}));
        return std::nullopt;
    }
    return value->get<std::string>();
}

std::optional<bool> readBool(const Json& object, std::string_view key, std::string_view parent, ProblemSink& sink) {
    const Json* value = member(object, key);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) {
        sink.error(keyPath(parent, key), fillIn(tr("must be true or false, got {0}"), {describe(*value)}));
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<std::int64_t> readWholeNumber(const Json& object, std::string_view key, std::string_view parent,
                                            std::int64_t min, std::int64_t max, std::string_view rule,
                                            ProblemSink& sink) {
    const Json* value = member(object, key);
    if (!value) return std::nullopt;
    const std::optional<std::int64_t> number = wholeNumber(*value);
    if (!number || *number < min) {
        sink.error(keyPath(parent, key), fillIn(tr("{0}, got {1}"), {rule, describe(*value)}));
        return std::nullopt;
    }
    if (*number > max) {
        sink.error(keyPath(parent, key),
                   fillIn(tr("must be at most {0}, got {1}"), {std::to_string(max), describe(*value)}));

        return std::nullopt;
    }
    return number;
}

} // namespace gk::json_reader
