// Encodings, CSV records, dates and text bodies of an office's files (kiosk/publish/sheet_text.h).
#include "kiosk/publish/sheet_text.h"

#include "config/i18n.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>

namespace gk {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";

// The length of the UTF-8 sequence at s[i], or 0 when it is not a well-formed one.
std::size_t utf8SequenceAt(std::string_view s, std::size_t i) {
    const auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0; // overlong
        if (c == 0xED) hi = 0x9F; // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90; // overlong
        if (c == 0xF4) hi = 0x8F; // past U+10FFFF
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return n;
}

bool isAscii(std::string_view s) {
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

std::string_view withoutBom(std::string_view bytes) {
    if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) return bytes.substr(kUtf8Bom.size());
    if (bytes.substr(0, kGb18030Bom.size()) == kGb18030Bom) return bytes.substr(kGb18030Bom.size());
    return bytes;
}

// GB18030 → UTF-8 with iconv; false with the offset of the first byte it cannot read.
bool gb18030ToUtf8(std::string_view in, std::string& out, std::size_t& bad_offset) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        bad_offset = 0;
        return false;
    }
    out.clear();
    out.resize(in.size() * 2 + 16);           // a GB18030 character (2 or 4 bytes) is at most 4 in UTF-8
    char* src = const_cast<char*>(in.data()); // iconv's signature; it does not write the input
    std::size_t src_left = in.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    bool ok = true;
    while (src_left > 0) {
        if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                const std::size_t used = out.size() - dst_left;
                out.resize(out.size() * 2);
                dst = out.data() + used;
                dst_left = out.size() - used;
                continue;
            }
            ok = false;
            bad_offset = in.size() - src_left;
            break;
        }
    }
    out.resize(out.size() - dst_left);
    iconv_close(cd);
    return ok;
}

// Splits bytes into records. Quotes, commas and line breaks are ASCII, and neither UTF-8 nor
// GB18030 uses ASCII bytes inside a multi-byte character, so this runs before decoding.
bool splitRecords(std::string_view s, std::vector<CsvRecord>& records, std::string& error, int& error_row) {
    CsvRecord record;
    std::string cell;
    int line = 1;
    int row = 1;
    record.row = row;
    record.line = line;
    bool quoted = false;
    bool was_quoted = false;
    const auto end_cell = [&]() {
        record.cells.push_back(std::move(cell));
        cell.clear();
        was_quoted = false;
    };
    const auto end_record = [&]() {
        end_cell();
        bool empty = true;
        for (const std::string& c : record.cells) empty = empty && c.empty();
        if (!empty) records.push_back(std::move(record));
        record = CsvRecord{};
        record.row = ++row;
        record.line = line;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    cell.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                // A line break inside a cell is kept as '\n' whether the file used CRLF or LF.
                if (!(c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) cell.push_back(c);
            }
            continue;
        }
        if (c == '"' && cell.empty() && !was_quoted) {
            quoted = true;
            was_quoted = true;
        } else if (c == ',') {
            end_cell();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
            ++line;
            end_record();
        } else {
            cell.push_back(c); // text after a closing quote is kept, as spreadsheets do
        }
    }
    if (quoted) {
        error = tr("a quoted cell is not closed (a \" is missing)");
        error_row = record.row;
        return false;
    }
    if (!cell.empty() || !record.cells.empty()) end_record();
    return true;
}

} // namespace

bool isValidUtf8(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = utf8SequenceAt(bytes, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

bool decodeText(std::string_view bytes, std::string& text, TextEncoding& encoding, std::string& error) {
    const std::string_view body = withoutBom(bytes);
    if (isValidUtf8(body)) {
        text.assign(body);
        encoding = TextEncoding::Utf8;
        return true;
    }
    std::size_t bad = 0;
    if (!gb18030ToUtf8(body, text, bad)) {
        error =
            fillIn(tr("is neither UTF-8 nor GB18030 (byte {0})"), {std::to_string(bad + (bytes.size() - body.size()))});
        return false;
    }
    encoding = TextEncoding::Gb18030;
    return true;
}

bool parseCsv(std::string_view bytes, CsvDocument& doc, std::string& error, int& error_row) {
    error_row = 0;
    doc.records.clear();
    if (!splitRecords(withoutBom(bytes), doc.records, error, error_row)) return false;
    // The file's encoding is that of its first row with non-ASCII text; a row in the other one
    // means the file was pasted together from two sources, and guessing would garble one of them.
    const CsvRecord* first = nullptr;
    bool first_utf8 = true;
    for (const CsvRecord& record : doc.records) {
        bool ascii = true;
        bool utf8 = true;
        for (const std::string& cell : record.cells) {
            ascii = ascii && isAscii(cell);
            utf8 = utf8 && isValidUtf8(cell);
        }
        if (ascii) continue;
        if (first == nullptr) {
            first = &record;
            first_utf8 = utf8;
        } else if (utf8 != first_utf8) {
            const std::string rows[] = {std::to_string(record.row), std::to_string(first->row)};
            error = fillIn(utf8 ? tr("row {0} is UTF-8 but row {1} is not (GB18030?): the file mixes encodings; "
                                     "save it again in one encoding (UTF-8)")
                                : tr("row {0} is not UTF-8 (GB18030?) but row {1} is UTF-8: the file mixes "
                                     "encodings; save it again in one encoding (UTF-8)"),
                           {rows[0], rows[1]});
            error_row = record.row;
            return false;
        }
    }
    doc.encoding = first_utf8 ? TextEncoding::Utf8 : TextEncoding::Gb18030;
    if (doc.encoding == TextEncoding::Utf8) return true;
    for (CsvRecord& record : doc.records) {
        for (std::string& cell : record.cells) {
            if (isAscii(cell)) continue;
            std::string decoded;
            std::size_t bad = 0;
            if (!gb18030ToUtf8(cell, decoded, bad)) {
                error = tr("is neither UTF-8 nor GB18030");
                error_row = record.row;
                return false;
            }
            cell = std::move(decoded);
        }
    }
    return true;
}

std::optional<std::string> normaliseDate(std::string_view text) {
    const std::string s = trimText(text);
    int parts[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};
    int part = 0;
    std::size_t i = 0;
    const auto separator_at = [&s](std::size_t k, std::string_view sep) { return s.compare(k, sep.size(), sep) == 0; };
    // The separators after year, month and day: "-" "-" "", "/" "/" "", or "年" "月" "日".
    const std::string_view styles[3][3] = {{"-", "-", ""}, {"/", "/", ""}, {"年", "月", "日"}};
    int style = -1;
    while (part < 3) {
        while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits[part] < 4) {
            parts[part] = parts[part] * 10 + (s[i] - '0');
            ++digits[part];
            ++i;
        }
        if (digits[part] == 0) return std::nullopt;
        if (style < 0) {
            for (int k = 0; k < 3; ++k)
                if (separator_at(i, styles[k][0])) style = k;
            if (style < 0) return std::nullopt;
        }
        const std::string_view sep = styles[style][part];
        if (!sep.empty()) {
            if (!separator_at(i, sep)) return std::nullopt;
            i += sep.size();
        }
        ++part;
    }
    if (i != s.size() || digits[0] != 4 || digits[1] > 2 || digits[2] > 2) return std::nullopt;
    const int year = parts[0];
    const int month = parts[1];
    const int day = parts[2];
    if (year < 1900 || month < 1 || month > 12 || day < 1) return std::nullopt;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > kDays[month - 1] + ((month == 2 && leap) ? 1 : 0)) return std::nullopt;
    char out[48]; // room for any int, though the checks above keep it to 10 characters
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
    return std::string(out);
}

std::string escapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

std::string textToHtml(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string line = trimText(text.substr(start, end - start));
        if (!line.empty()) out += "<p>" + escapeHtml(line) + "</p>";
        start = end + 1;
    }
    return out;
}

std::string trimText(std::string_view text) {
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    bool changed = true;
    while (changed && !text.empty()) {
        changed = false;
        const char f = text.front();
        const char b = text.back();
        if (f == ' ' || f == '\t' || f == '\r' || f == '\n') {
            text.remove_prefix(1);
            changed = true;
        } else if (text.substr(0, 3) == kIdeographicSpace) {
            text.remove_prefix(3);
            changed = true;
        }
        if (text.empty()) break;
        if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
            text.remove_suffix(1);
            changed = true;
        } else if (text.size() >= 3 && text.substr(text.size() - 3) == kIdeographicSpace) {
            text.remove_suffix(3);
            changed = true;
        }
    }
    return std::string(text);
}

} // namespace gk
