// What an office's spreadsheets and text files are made of, read without asking the clerk:
// the encoding (UTF-8 with or without BOM, else GB18030/GBK, the "CSV" WPS and Excel save on
// Chinese Windows), RFC 4180 CSV records with the row number a spreadsheet shows, dates in the
// three ways clerks write them, and plain text turned into escaped HTML paragraphs. Used by
// `feed build` (kiosk/publish/feed_build.h). Standard library and iconv only; no SDL, GL or curl.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

enum class TextEncoding { Utf8, Gb18030 };

// One CSV record: `row` is the number a spreadsheet shows for it (the header is row 1), which is
// also its first line in Notepad as long as no cell spans lines before it.
struct CsvRecord {
    int row = 0;
    int line = 0; // the record's first line in the file
    std::vector<std::string> cells;
};

struct CsvDocument {
    TextEncoding encoding = TextEncoding::Utf8;
    std::vector<CsvRecord> records; // the header first; records of only empty cells are left out
};

// Whether bytes are well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool isValidUtf8(std::string_view bytes);

// bytes (a BOM removed) as UTF-8: valid UTF-8 is kept, anything else is read as GB18030 with
// iconv. false with error when it is neither ("is neither UTF-8 nor GB18030 (byte 1234)").
bool decodeText(std::string_view bytes, std::string& text, TextEncoding& encoding, std::string& error);

// Parses a whole CSV file (RFC 4180: quoted cells may hold commas, "" and line breaks; CRLF or
// LF). The encoding is decided per file: a file whose records are partly UTF-8 and partly not is
// refused, naming the first row that differs from the file's first non-ASCII row. false with
// error, and error_row the row it concerns (0 for the whole file).
bool parseCsv(std::string_view bytes, CsvDocument& doc, std::string& error, int& error_row);

// "2026-11-20", "2026/11/20", "2026年11月20日" (month and day may have one digit; spaces around
// are ignored) as "2026-11-20"; nullopt when it is none of them or not a day of the calendar.
std::optional<std::string> normaliseDate(std::string_view text);

// Text with & < > " escaped for HTML.
std::string escapeHtml(std::string_view text);

// Plain text as HTML: each non-empty line becomes one <p> (a Chinese document typed in Notepad
// or WPS has one paragraph per line), trimmed of its indentation and escaped.
std::string textToHtml(std::string_view text);

// Trims ASCII white space and U+3000 (ideographic space) at both ends.
std::string trimText(std::string_view text);

} // namespace gk
