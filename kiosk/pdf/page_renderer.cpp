// Running the confined page renderer. See page_renderer.h.
#include "kiosk/pdf/page_renderer.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace gk {
namespace {

using Clock = std::chrono::steady_clock;

// Closes a descriptor when it goes out of scope.
struct FdCloser {
    int fd = -1;
    ~FdCloser() {
        if (fd >= 0) ::close(fd);
    }
};

// Reads exactly `size` bytes before `deadline`; false on end of file, error, time out or cancel
// (`timed_out` for both of these).
bool readExactly(int fd, std::uint8_t* out, std::size_t size, Clock::time_point deadline, bool& timed_out,
                 const std::atomic<bool>* cancel) {
    constexpr long long kCancelCheckMs = 50;
    std::size_t got = 0;
    while (got < size) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0 || (cancel != nullptr && cancel->load())) {
            timed_out = true;
            return false;
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, kCancelCheckMs)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue; // the deadline is checked at the top
        const ssize_t n = ::read(fd, out + got, size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        got += static_cast<std::size_t>(n);
    }
    return true;
}

// Waits for the child until `deadline`, then kills it; it is reaped either way. Returns its wait status.
int reap(pid_t pid, Clock::time_point deadline) {
    int status = 0;
    while (Clock::now() < deadline) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno != EINTR)) return status;
        ::usleep(2000);
    }
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

std::string describeExit(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* why = sig == SIGKILL   ? " (killed: the time limit, or the memory limit)"
                          : sig == SIGXCPU ? " (its CPU time limit)"
                          : sig == SIGSYS  ? " (a system call its seccomp filter does not allow)"
                          : sig == SIGSEGV ? " (a crash)"
                                           : "";
        return "the renderer ended by signal " + std::to_string(sig) + why;
    }
    if (WIFEXITED(status)) return "the renderer exited with status " + std::to_string(WEXITSTATUS(status));
    return "the renderer ended";
}

} // namespace

std::filesystem::path pdfPageHelperPath() {
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
    // Installed: PREFIX/bin/gongkai-kiosk and PREFIX/libexec/gongkai-kiosk/; built: side by side.
    const std::filesystem::path installed = dir.parent_path() / "libexec" / "gongkai-kiosk" / "gongkai-pdf-page";
    return std::filesystem::exists(installed, ec) ? installed : dir / "gongkai-pdf-page";
}

RenderedPage renderPdfPage(const std::filesystem::path& helper, const PageRequest& request,
                           const PageRenderLimits& limits) {
    RenderedPage out;
    const auto fail = [&out](std::string why) {
        out.status = PageStatus::Failed;
        out.failure = std::move(why);
        return out;
    };
    FdCloser file{::open(request.file.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) return fail("cannot open " + request.file.string() + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) return fail(request.file.string() + " is not a file");
    if (static_cast<std::uint64_t>(st.st_size) > limits.max_file_bytes) {
        out.status = PageStatus::TooLarge;
        out.failure = request.file.string() + " is " + std::to_string(st.st_size) + " bytes, over the limit of " +
                      std::to_string(limits.max_file_bytes);
        return out;
    }
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return fail(std::string("cannot make a pipe: ") + std::strerror(errno));
    FdCloser from_child{pipe_fds[0]};
    FdCloser to_parent{pipe_fds[1]};

    // The helper sets its own rlimits from these before it reads anything (kiosk/pdf/pdf_page_main.cpp).
    std::vector<std::string> args{helper.string(),
                                  std::to_string(request.page),
                                  std::to_string(request.width_px),
                                  std::to_string(limits.page.max_width),
                                  std::to_string(limits.page.max_height),
                                  std::to_string(limits.page.max_pixels),
                                  std::to_string(limits.max_file_bytes),
                                  std::to_string(limits.memory_bytes),
                                  std::to_string(limits.cpu_seconds)};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    char* envp[] = {nullptr}; // nothing of the kiosk's environment
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, file.fd, 0);
    posix_spawn_file_actions_adddup2(&actions, to_parent.fd, 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, helper.c_str(), &actions, nullptr, argv.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_parent.fd);
    to_parent.fd = -1;
    if (spawned != 0) return fail("cannot start " + helper.string() + ": " + std::strerror(spawned));

    const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(limits.wall_ms);
    bool timed_out = false;
    RenderedPage page = readPageOutput(from_child.fd, limits.page, deadline, timed_out, limits.cancel);
    ::close(from_child.fd);
    from_child.fd = -1;
    const int status = reap(pid, timed_out ? Clock::now() : deadline);
    if (timed_out && limits.cancel != nullptr && limits.cancel->load()) return fail("cancelled: the kiosk is stopping");
    if (timed_out) return fail("the renderer took longer than " + std::to_string(limits.wall_ms) + " ms");
    if (page.status == PageStatus::Failed && page.page_count == 0) // no answer of its own: how it ended
        page.failure = page.failure.empty() ? describeExit(status) : page.failure + "; " + describeExit(status);
    return page;
}

RenderedPage readPageOutput(int fd, const PageLimits& limits, std::chrono::steady_clock::time_point deadline,
                            bool& timed_out, const std::atomic<bool>* cancel) {
    RenderedPage out;
    std::uint8_t header_bytes[kPageHeaderBytes];
    if (!readExactly(fd, header_bytes, kPageHeaderBytes, deadline, timed_out, cancel)) {
        out.failure = "the renderer sent no answer";
        return out;
    }
    std::string error;
    const std::optional<PageHeader> header = decodePageHeader(header_bytes, kPageHeaderBytes, limits, error);
    if (!header) {
        out.failure = error;
        return out;
    }
    if (header->status == PageStatus::Rendered) {
        std::vector<std::uint8_t> pixels(pagePixelBytes(*header)); // within `limits`: decodePageHeader checked
        if (!readExactly(fd, pixels.data(), pixels.size(), deadline, timed_out, cancel)) {
            out.failure = "the renderer's pixels ended early";
            return out;
        }
        out.rgba = std::move(pixels);
        out.width = static_cast<int>(header->width);
        out.height = static_cast<int>(header->height);
    }
    out.status = header->status;
    out.page_count = static_cast<int>(header->page_count);
    if (!out.ok()) out.failure = describePageStatus(header->status);
    return out;
}

} // namespace gk
