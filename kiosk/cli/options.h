// Command-line parsing for gongkai-kiosk: subcommands, their flags and the values that need
// checking (sizes, times, modes). Pure: no SDL, no I/O besides what the caller prints.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gk {

struct OptionSpec {
    std::string name;  // "--data-dir"
    std::string value; // "DIR"; empty for a flag
    std::string help;
};

struct CommandSpec {
    std::string name; // "screenshot"
    std::string usage;
    std::string summary;
    std::vector<OptionSpec> options;
    int max_positional = 0;
};

struct ParsedCommand {
    std::string name;
    std::map<std::string, std::string> values; // flag → value ("" for flags)
    std::vector<std::string> positional;
    bool has(const std::string& option) const { return values.count(option) != 0; }
    std::string get(const std::string& option, const std::string& fallback = "") const;
};

const std::vector<CommandSpec>& commandSpecs();
const CommandSpec* findCommand(const std::string& name);
std::string commandHelp(const CommandSpec& spec);
std::string programHelp();

// Parses the arguments after the command name. On failure returns nullopt with one line in error.
std::optional<ParsedCommand> parseCommand(const CommandSpec& spec, const std::vector<std::string>& args,
                                          std::string& error);

struct Size {
    int width = 0;
    int height = 0;
};
// "1920x1080" (also "1920×1080"); each side 64..8192.
std::optional<Size> parseSize(const std::string& text);

} // namespace gk
