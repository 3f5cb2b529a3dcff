// Converters as child processes (kiosk/publish/converter.h).
#include "kiosk/publish/converter.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

extern char** environ;

namespace gk {

namespace {

// Closes the descriptors it holds when it goes out of scope (every early return below).
struct Pipe {
    int fds[2] = {-1, -1};
    ~Pipe() {
        for (int& fd : fds)
            if (fd >= 0) ::close(fd);
    }
    void closeEnd(int i) {
        if (fds[i] >= 0) ::close(fds[i]);
        fds[i] = -1;
    }
};

std::string lastLine(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    const std::size_t nl = text.rfind('\n');
    return nl == std::string::npos ? text : text.substr(nl + 1);
}

} // namespace

bool programOnPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        const std::string dir = dirs.substr(start, end - start);
        const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + program;
        if (::access(candidate.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(candidate)) return true;
        start = end + 1;
    }
    return false;
}

bool runConverter(const std::vector<std::string>& argv, std::uint64_t max_bytes, std::string& out, std::string& error) {
    out.clear();
    Pipe out_pipe;
    Pipe err_pipe;
    if (::pipe2(out_pipe.fds, O_CLOEXEC) != 0 || ::pipe2(err_pipe.fds, O_CLOEXEC) != 0) {
        error = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe.fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe.fds[1], STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        error = argv[0] + ": " + std::strerror(spawned);
        return false;
    }
    out_pipe.closeEnd(1);
    err_pipe.closeEnd(1);
    std::string err_text;
    bool too_much = false;
    pollfd fds[2] = {{out_pipe.fds[0], POLLIN, 0}, {err_pipe.fds[0], POLLIN, 0}};
    int open_fds = 2;
    char buffer[65536];
    while (open_fds > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (pollfd& p : fds) {
            if (p.fd < 0 || p.revents == 0) continue;
            const ssize_t n = ::read(p.fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                p.fd = -1;
                --open_fds;
                continue;
            }
            std::string& target = (p.fd == out_pipe.fds[0]) ? out : err_text;
            if (&target == &out && out.size() + static_cast<std::size_t>(n) > max_bytes) {
                too_much = true; // keep draining so the child is not blocked on a full pipe
                continue;
            }
            if (&target == &err_text && err_text.size() > 65536) continue;
            target.append(buffer, static_cast<std::size_t>(n));
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (too_much) {
        error = argv[0] + ": output is larger than " + std::to_string(max_bytes) + " bytes";
        return false;
    }
    if (WIFSIGNALED(status)) {
        error = argv[0] + ": killed by signal " + std::to_string(WTERMSIG(status));
        return false;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const std::string why = lastLine(err_text);
        error =
            argv[0] + ": exit status " + std::to_string(WEXITSTATUS(status)) + (why.empty() ? "" : " (" + why + ")");
        return false;
    }
    return true;
}

} // namespace gk
