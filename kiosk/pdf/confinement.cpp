// The renderer's confinement. See confinement.h.
#include "kiosk/pdf/confinement.h"

#include <fcntl.h>
#include <linux/landlock.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

namespace gk {
namespace {

// Where fonts and their configuration live on Debian; poppler-data's CMaps map CJK text in
// documents that do not embed their fonts.
constexpr const char* kReadableDirs[] = {"/usr/share/fonts",      "/usr/local/share/fonts", "/etc/fonts",
                                         "/usr/share/fontconfig", "/var/cache/fontconfig",  "/usr/share/poppler"};

bool restrictFilesystem() {
    const long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 1) return false;
    landlock_ruleset_attr ruleset{};
    ruleset.handled_access_fs =
        LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |
        LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
        LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
        LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
        LANDLOCK_ACCESS_FS_MAKE_SYM;
    const int ruleset_fd = static_cast<int>(::syscall(SYS_landlock_create_ruleset, &ruleset, sizeof ruleset, 0));
    if (ruleset_fd < 0) return false;
    for (const char* dir : kReadableDirs) {
        const int dir_fd = ::open(dir, O_PATH | O_CLOEXEC);
        if (dir_fd < 0) continue; // not on this machine
        landlock_path_beneath_attr rule{};
        rule.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
        rule.parent_fd = dir_fd;
        ::syscall(SYS_landlock_add_rule, ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
        ::close(dir_fd);
    }
    const bool restricted = ::syscall(SYS_landlock_restrict_self, ruleset_fd, 0) == 0;
    ::close(ruleset_fd);
    return restricted;
}

struct FilterDeleter {
    void operator()(void* filter) const { seccomp_release(static_cast<scmp_filter_ctx>(filter)); }
};

bool loadSeccomp(std::string& error) {
    std::unique_ptr<void, FilterDeleter> filter(seccomp_init(SCMP_ACT_KILL_PROCESS));
    if (!filter) {
        error = "seccomp_init failed";
        return false;
    }
    scmp_filter_ctx ctx = filter.get();
    int rc = 0;
    const auto allow = [&](int syscall_nr) { rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, syscall_nr, 0); };
    // Memory, reading what is open, time, signals on the way out, and the end.
    for (int nr : {SCMP_SYS(read),
                   SCMP_SYS(readv),
                   SCMP_SYS(pread64),
                   SCMP_SYS(write),
                   SCMP_SYS(writev),
                   SCMP_SYS(close),
                   SCMP_SYS(fstat),
                   SCMP_SYS(newfstatat),
                   SCMP_SYS(statx),
                   SCMP_SYS(lseek),
                   SCMP_SYS(mmap),
                   SCMP_SYS(munmap),
                   SCMP_SYS(mremap),
                   SCMP_SYS(mprotect),
                   SCMP_SYS(brk),
                   SCMP_SYS(madvise),
                   SCMP_SYS(getdents64),
                   SCMP_SYS(access),
                   SCMP_SYS(faccessat),
                   SCMP_SYS(faccessat2),
                   SCMP_SYS(readlink),
                   SCMP_SYS(readlinkat),
                   SCMP_SYS(fcntl),
                   SCMP_SYS(futex),
                   SCMP_SYS(exit),
                   SCMP_SYS(exit_group),
                   SCMP_SYS(rt_sigreturn),
                   SCMP_SYS(rt_sigaction),
                   SCMP_SYS(rt_sigprocmask),
                   SCMP_SYS(getpid),
                   SCMP_SYS(gettid),
                   SCMP_SYS(getuid),
                   SCMP_SYS(geteuid),
                   SCMP_SYS(getgid),
                   SCMP_SYS(getegid),
                   SCMP_SYS(clock_gettime),
                   SCMP_SYS(gettimeofday),
                   SCMP_SYS(time),
                   SCMP_SYS(getrandom),
                   SCMP_SYS(sched_yield),
                   SCMP_SYS(sched_getaffinity),
                   SCMP_SYS(uname),
                   SCMP_SYS(sysinfo),
                   SCMP_SYS(prlimit64),
                   SCMP_SYS(getrlimit),
                   SCMP_SYS(fstatfs),
                   SCMP_SYS(statfs),
                   SCMP_SYS(fadvise64)})
        allow(nr);
    // Files may be opened to read only (fontconfig's configuration and the fonts): asking to write,
    // create or truncate fails with EACCES instead of ending the renderer.
    constexpr scmp_datum_t kWriteFlags = O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND;
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, kWriteFlags, 0));
    const std::pair<scmp_datum_t, scmp_datum_t> writes[] = {
        {O_ACCMODE, O_WRONLY}, {O_ACCMODE, O_RDWR}, {O_CREAT, O_CREAT}, {O_TRUNC, O_TRUNC}, {O_APPEND, O_APPEND}};
    for (const auto& [mask, value] : writes)
        rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 1,
                               SCMP_A2(SCMP_CMP_MASKED_EQ, mask, value));
    // What fontconfig does to refresh its cache, and a terminal check: refused, harmlessly.
    for (int nr : {SCMP_SYS(mkdir), SCMP_SYS(mkdirat), SCMP_SYS(unlink), SCMP_SYS(unlinkat), SCMP_SYS(rename),
                   SCMP_SYS(renameat), SCMP_SYS(renameat2), SCMP_SYS(utimensat), SCMP_SYS(fchmod), SCMP_SYS(umask),
                   SCMP_SYS(flock), SCMP_SYS(link), SCMP_SYS(symlink)})
        rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), nr, 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOTTY), SCMP_SYS(ioctl), 0);
    if (rc != 0) {
        error = "a seccomp rule could not be added";
        return false;
    }
    if (seccomp_load(ctx) != 0) {
        error = std::string("seccomp_load failed: ") + std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace

bool confine(Confinement& done, std::string& error) {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        error = std::string("no_new_privs: ") + std::strerror(errno);
        return false;
    }
    done.landlock = restrictFilesystem();
    return loadSeccomp(error);
}

} // namespace gk
