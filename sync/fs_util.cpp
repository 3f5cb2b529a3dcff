// Crash-safe file primitives (sync/fs_util.h). POSIX only; must not include SDL, ImGui, GL or curl.
#include "sync/fs_util.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace gk {
namespace fs = std::filesystem;
namespace {

std::string errnoText(const std::string& what, const fs::path& path) {
    return what + " " + path.string() + ": " + std::strerror(errno);
}

bool writeAll(int fd, std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool fsyncPath(const fs::path& path, int flags, std::string& error) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) {
        error = errnoText("cannot open", path);
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    if (!ok) {
        error = errnoText("fsync failed for", path);
    }
    ::close(fd);
    return ok;
}

} // namespace

std::optional<std::string> readFileCapped(const fs::path& path, std::uint64_t max_bytes, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = errnoText("cannot open", path);
        return std::nullopt;
    }
    std::string data;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            error = errnoText("cannot read", path);
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) {
            break;
        }
        if (data.size() + static_cast<std::size_t>(n) > max_bytes) {
            error = path.filename().string() + ": larger than " + std::to_string(max_bytes) + " bytes";
            ::close(fd);
            return std::nullopt;
        }
        data.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return data;
}

bool writeFileSynced(const fs::path& path, std::string_view bytes, std::string& error) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = errnoText("cannot create", path);
        return false;
    }
    bool ok = writeAll(fd, bytes);
    if (!ok) {
        error = errnoText("cannot write", path);
    } else if (::fsync(fd) != 0) {
        error = errnoText("fsync failed for", path);
        ok = false;
    }
    ::close(fd);
    return ok;
}

bool writeFileAtomic(const fs::path& path, std::string_view bytes, std::string& error) {
    const fs::path temp = path.parent_path() / ("." + path.filename().string() + ".tmp-" + randomHex(6));
    if (!writeFileSynced(temp, bytes, error)) {
        ::unlink(temp.c_str());
        return false;
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        error = errnoText("cannot rename into", path);
        ::unlink(temp.c_str());
        return false;
    }
    return fsyncDirectory(path.parent_path(), error);
}

bool fsyncFile(const fs::path& path, std::string& error) {
    return fsyncPath(path, O_RDONLY, error);
}

bool fsyncDirectory(const fs::path& dir, std::string& error) {
    return fsyncPath(dir.empty() ? fs::path(".") : dir, O_RDONLY | O_DIRECTORY, error);
}

bool fsyncTree(const fs::path& root, std::string& error) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        const bool is_dir = it->is_directory(ec);
        if (is_dir ? !fsyncDirectory(it->path(), error) : !fsyncFile(it->path(), error)) {
            return false;
        }
    }
    if (ec) {
        error = "cannot list " + root.string() + ": " + ec.message();
        return false;
    }
    return fsyncDirectory(root, error);
}

bool createDirectoriesDurably(const fs::path& dir, std::string& error) {
    std::error_code ec;
    if (dir.empty() || fs::is_directory(dir, ec)) {
        return true;
    }
    const fs::path parent = dir.parent_path();
    if (parent != dir && !createDirectoriesDurably(parent, error)) {
        return false;
    }
    if (::mkdir(dir.c_str(), 0755) != 0) {
        const int mkdir_errno = errno;
        if (mkdir_errno != EEXIST || !fs::is_directory(dir, ec)) { // EEXIST: made meanwhile, or a file
            errno = mkdir_errno == EEXIST ? ENOTDIR : mkdir_errno;
            error = errnoText("cannot create", dir);
            return false;
        }
    }
    return fsyncDirectory(parent, error);
}

bool renameDurably(const fs::path& from, const fs::path& to, std::string& error) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
        error = "cannot rename " + from.string() + " to " + to.string() + ": " + std::strerror(errno);
        return false;
    }
    if (!fsyncDirectory(to.parent_path(), error)) {
        return false;
    }
    return from.parent_path() == to.parent_path() || fsyncDirectory(from.parent_path(), error);
}

void removeTreeQuietly(const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
}

std::string randomHex(std::size_t bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::random_device device;
    std::string out;
    for (std::size_t i = 0; i < bytes; ++i) {
        const unsigned value = device() & 0xffu;
        out.push_back(kHex[value >> 4]);
        out.push_back(kHex[value & 0x0f]);
    }
    return out;
}

FileLock::~FileLock() {
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

bool FileLock::tryLock(const fs::path& path, std::string& error) {
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        error = errnoText("cannot open lock file", path);
        return false;
    }
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        error = errno == EWOULDBLOCK ? path.string() + " is locked: another sync is running"
                                     : errnoText("cannot lock", path);
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    return true;
}

} // namespace gk
