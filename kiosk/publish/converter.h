// Running a document converter (pandoc for .docx bodies, xlsx2csv for .xlsx sheets) as a child
// process without a shell: the file name is one argv element, so no character in it is ever
// interpreted. The converters are Debian packages `feed build` recommends, not needs: a missing
// one is reported naming its package. No SDL, GL or curl.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gk {

// Whether `program` is an executable file in one of PATH's directories.
bool programOnPath(const std::string& program);

// Runs argv (argv[0] looked up on PATH), its standard output into out (at most max_bytes, else
// fails), standard input empty. false with error: the program could not start, was killed, exited
// non-zero (with the last line it wrote to standard error), or wrote too much.
bool runConverter(const std::vector<std::string>& argv, std::uint64_t max_bytes, std::string& out, std::string& error);

} // namespace gk
