// Crash-safe file primitives for the store: whole-file reads with a size cap, durable atomic
// replace (temp in the same directory, fsync, rename, fsync the directory), fsync of files and
// directory trees, and an exclusive lock file. POSIX only. Must not include SDL, ImGui, GL or curl.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gk {

// Whole file into memory; nullopt (with error) if missing, unreadable or larger than max_bytes.
std::optional<std::string> readFileCapped(const std::filesystem::path& path, std::uint64_t max_bytes,
                                          std::string& error);

// Writes bytes to path durably and atomically: readers see the old or the new file, never a mix.
bool writeFileAtomic(const std::filesystem::path& path, std::string_view bytes, std::string& error);

// Plain write (no rename), followed by fsync. For files inside a staging directory.
bool writeFileSynced(const std::filesystem::path& path, std::string_view bytes, std::string& error);

bool fsyncFile(const std::filesystem::path& path, std::string& error);
bool fsyncDirectory(const std::filesystem::path& dir, std::string& error);
// fsync every regular file and directory below root (root included).
bool fsyncTree(const std::filesystem::path& root, std::string& error);

// mkdir of dir and any missing parent, each fsynced into its own parent, so that a new directory
// is still there after a power cut (create_directories alone leaves that to the file system).
bool createDirectoriesDurably(const std::filesystem::path& dir, std::string& error);

// rename(2) then fsync of the destination's directory (and the source's, when different).
bool renameDurably(const std::filesystem::path& from, const std::filesystem::path& to, std::string& error);

// Removes a tree, ignoring errors (used for staging and garbage collection).
void removeTreeQuietly(const std::filesystem::path& path);

// n random bytes as lowercase hex (names of staging dirs and temp files).
std::string randomHex(std::size_t bytes);

// Exclusive advisory lock (flock) on a file, released on destruction.
class FileLock {
public:
    FileLock() = default;
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    // false with error "… is locked by another process" when someone else holds it.
    bool tryLock(const std::filesystem::path& path, std::string& error);

private:
    int m_fd = -1;
};

} // namespace gk
