// How the program's heap treats large buffers. A PDF page or a video frame is 8–23 MiB; glibc's
// malloc raises its mmap threshold (up to 32 MiB) after the first such buffer is freed, and from
// then on keeps later ones in its arenas after they are freed, so a kiosk that read a long document
// in elder mode would hold that memory for months. A fixed threshold keeps every buffer of 1 MiB or
// more in its own mapping, given back to the system when freed.
#pragma once

#include <malloc.h>

namespace gk {

inline void returnLargeBuffersToSystem() {
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
}

// Gives the free pages of every malloc arena back to the system. The threads of a library that
// has just been let go (the video player's decoders) leave their arenas full of freed small
// blocks, which malloc would otherwise keep for as long as the program runs.
inline void returnFreedMemoryToSystem() {
    malloc_trim(0);
}

} // namespace gk
