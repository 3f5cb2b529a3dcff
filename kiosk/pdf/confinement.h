// How the PDF page renderer (gongkai-pdf-page) shuts itself in before it reads the file it is
// given on standard input. After confine() the process:
//   - cannot gain privileges (no_new_privs);
//   - can read only the fonts and their configuration (Landlock, where the kernel has it: poppler
//     substitutes fonts a document does not embed, through fontconfig), and write no file anywhere;
//   - may make only the system calls rendering needs (seccomp, libseccomp): no sockets (no
//     network), no new processes or programs, no ptrace; opening a file for writing, and the
//     calls fontconfig makes to update its cache, fail with an error; anything else not on the
//     list kills the process (SIGSYS).
// The kiosk sees any of that as a page it cannot show. Used only by kiosk/pdf/pdf_page_main.cpp.
#pragma once

#include <string>

namespace gk {

struct Confinement {
    bool landlock = false; // false: the kernel has no Landlock; seccomp still forbids writing files
};

// Returns false with the reason in `error` when the seccomp filter could not be loaded (then the
// renderer must not go on).
bool confine(Confinement& done, std::string& error);

} // namespace gk
