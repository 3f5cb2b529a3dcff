// libFuzzer target for the small JSON state files the program reads back from its data directory:
// the store's state.json (readStoreState), a generation's generation.json (readGenerationMeta) and
// the `current` pointer (sync/store.h), the staff overrides staff-settings.json (readStaffOverrides,
// kiosk/staff/staff_settings.h) and the staff PIN gate's staff-gate.json (StaffGate, kiosk/staff/staff_auth.h).
// They are read from files, so each input is written once to a scratch directory in which every
// one of those names is a hard link to the same file. Nothing may crash, leak, throw or trip UBSan,
// and what the readers return must be usable as it is.
//
// kiosk/staff/staff_settings.cpp and kiosk/staff/staff_auth.cpp are compiled into this target (see
// CMakeLists.txt). staff_settings.cpp calls auditStaffEdit (kiosk/playlist/playlist_editor.cpp, which writes
// the SQLite audit log) only from StaffSettingsEditor, which is not used here: the stub below
// satisfies the linker and aborts if it is ever reached. Built only in the clang fuzz tree.
#include "kiosk/playlist/playlist_editor.h"
#include "kiosk/staff/staff_auth.h"
#include "kiosk/staff/staff_settings.h"
#include "sync/limits.h"
#include "sync/sha256.h"
#include "sync/store.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace gk {
void auditStaffEdit(RecordSink*, std::int64_t, std::string_view, const std::string&, StaffEdit&) {
    std::abort(); // never called by the readers fuzzed here
}
} // namespace gk

namespace {

namespace fs = std::filesystem;

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

struct Scratch {
    fs::path dir;        // the data directory
    fs::path input;      // the one file every name below links to
    fs::path generation; // store/generations/<id>/
    fs::path overrides;  // staff-settings.json
    fs::path gate;       // staff-gate.json

    Scratch() {
        std::string pattern = (fs::temp_directory_path() / "gongkai-state-fuzz-XXXXXX").string();
        require(::mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
        input = dir / "input";
        generation = gk::StorePaths(dir).generation("0123456789abcdef");
        overrides = gk::staffSettingsPathIn(dir);
        gate = gk::staffGatePathIn(dir);
        fs::create_directories(generation);
        write(nullptr, 0);
        const gk::StorePaths store(dir);
        for (const fs::path& name : {store.state, store.current, generation / gk::kGenerationMetaFile, overrides, gate})
            fs::create_hard_link(input, name);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    void write(const std::uint8_t* data, std::size_t size) const {
        const int fd = ::open(input.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        require(fd >= 0);
        for (std::size_t done = 0; done < size;) {
            const ssize_t n = ::write(fd, data + done, size - done);
            require(n > 0);
            done += static_cast<std::size_t>(n);
        }
        ::close(fd);
    }
};

void checkStore(const Scratch& scratch) {
    const gk::StoreState state = gk::readStoreState(scratch.dir); // any values, read without UB
    require(state.manifest_url.size() <= 4 * gk::kMiB);
    const std::string current = gk::readCurrentGeneration(gk::StorePaths(scratch.dir));
    require(current.empty() || gk::isGenerationId(current));
    if (const std::optional<gk::GenerationMeta> meta = gk::readGenerationMeta(scratch.generation)) {
        require(!meta->base_url.empty());
        for (const std::string& sha : meta->objects) require(gk::isSha256Hex(sha));
    }
}

void checkOverrides(const Scratch& scratch) {
    gk::StaffOverrides overrides;
    std::string error;
    const bool ok = gk::readStaffOverrides(scratch.overrides, overrides, error);
    require(ok == error.empty());
    if (!ok) {
        require(!overrides.mode && !overrides.elder_default && overrides.dismissed_urgent.empty() &&
                overrides.raised_urgent.empty());
        return;
    }
    gk::Settings settings;
    gk::applyStaffOverrides(overrides, settings);
    if (overrides.mode) require(settings.mode == *overrides.mode);
}

void checkGate(const Scratch& scratch) {
    // No PIN hash: every attempt is NoPin and nothing is written back, so the input stays as it is.
    const gk::StaffGate gate("", scratch.gate);
    const gk::GateState& state = gate.state();
    require(state.failures >= 0 && state.failures <= gk::StaffGate::kMaxFailures);
    require(state.locks >= 0 && state.locks <= 1000);
    for (const std::int64_t now : {std::int64_t{0}, std::int64_t{1795136400}}) {
        const std::int64_t left = gate.lockedFor(now);
        require(left >= 0 && left <= gk::StaffGate::lockSeconds(state.locks));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Scratch scratch;
    scratch.write(data, size);
    checkStore(scratch);
    checkOverrides(scratch);
    checkGate(scratch);
    return 0;
}
