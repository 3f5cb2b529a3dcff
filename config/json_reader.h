// Shared helpers for reading configuration JSON with precise, human problems: syntax errors
// with line:column (counted in characters, not bytes), JSON paths, "got …" descriptions,
// unknown-key warnings with a "did you mean" hint, and typed field readers.
// Internal to config/ (settings.cpp, playlist*.cpp). Uses nlohmann_json; must not include
// SDL, ImGui, GL or curl.
#pragma once

#include "config/problem.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk::json_reader {

using Json = nlohmann::json;

class ProblemSink {
public:
    explicit ProblemSink(std::vector<Problem>& out) : m_out(out) {}
    void error(std::string path, std::string message);
    void warn(std::string path, std::string message);
    std::size_t errorCount() const; // errors (not warnings) reported so far

private:
    std::vector<Problem>& m_out;
    std::size_t m_errors = 0;
};

// "parent.key" (or "key" at the top); keys that are not plain words are written ["…"].
std::string keyPath(std::string_view parent, std::string_view key);
// "parent[index]".
std::string indexPath(std::string_view parent, std::size_t index);

struct TextPosition {
    int line = 1;   // 1-based
    int column = 1; // 1-based, in Unicode characters
};
// Line and column of the byte at byte_offset (clamped to the end of the text).
TextPosition positionAt(std::string_view text, std::size_t byte_offset);

// Parses a whole document. On failure reports one error (empty path) such as
// "line 3, column 1: syntax error: unexpected '}'; expected string literal" and returns nullopt.
std::optional<Json> parseDocument(std::string_view text, ProblemSink& sink);

// How a value is quoted after "got": "\"5m\"", "12.5", "true", "null", "an object", "an array".
std::string describe(const Json& value);

// Warns (path.key: "unknown key, ignored (did you mean …?)") for every key not in known.
void warnUnknownKeys(const Json& object, std::initializer_list<std::string_view> known, std::string_view path,
                     ProblemSink& sink);

// An integer, or a number with no fraction (30.0); nullopt for anything else.
std::optional<std::int64_t> wholeNumber(const Json& value);

// Field readers for optional members of an object. Absent or null → nullopt with no problem;
// a wrong type → nullopt and an error "must be …, got …" at parent.key.
const Json* member(const Json& object, std::string_view key); // null when absent or JSON null
std::optional<std::string> readString(const Json& object, std::string_view key, std::string_view parent,
                                      ProblemSink& sink);
std::optional<bool> readBool(const Json& object, std::string_view key, std::string_view parent, ProblemSink& sink);
// A whole number in [min, max]; the error names the rule, e.g. "must be a whole number ≥ 30" (translated).
std::optional<std::int64_t> readWholeNumber(const Json& object, std::string_view key, std::string_view parent,
                                            std::int64_t min, std::int64_t max, std::string_view rule,
                                            ProblemSink& sink);

} // namespace gk::json_reader
