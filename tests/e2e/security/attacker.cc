// pmr-attacker: the hostile postfix user's side of the security tests (tests/e2e/security/*.sh).
// It only ever does what mail_owner may do in the directories it owns; the tests run it with
// `runuser -u postfix` inside the sandbox.
//
//   pmr-attacker exchange A B
//       Swaps the names A and B (renameat2 RENAME_EXCHANGE) as fast as it can until killed: the
//       continuous race against a check-then-open by path.
//   pmr-attacker exchange-on-open A B
//       Watches the directory A with inotify and swaps A and B right after someone opens A, then
//       swaps them back, until killed: the quiet race, which leaves A in place between attempts.
//   pmr-attacker exchange-once A B
//       Swaps A and B once (to put the names back after a race).
//
// Prints nothing unless something fails; exits 1 on a system error.
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

#ifndef RENAME_EXCHANGE
constexpr unsigned rename_exchange = 1u << 1;
#else
constexpr unsigned rename_exchange = RENAME_EXCHANGE;
#endif

/// Swaps the two names atomically; false (with errno) when the kernel refuses.
bool exchange(const char* a, const char* b) {
    return ::syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, rename_exchange) == 0;
}

int fail(const char* what) {
    std::fprintf(stderr, "pmr-attacker: %s: %s\n", what, std::strerror(errno));
    return 1;
}

int exchange_forever(const char* a, const char* b) {
    for (;;) {
        if (!exchange(a, b) && errno != ENOENT)
            return fail("renameat2");
    }
}

int exchange_on_open(const char* a, const char* b) {
    const int watch_fd = ::inotify_init1(IN_CLOEXEC);
    if (watch_fd < 0)
        return fail("inotify_init1");
    alignas(inotify_event) char buffer[4096];
    for (;;) {
        // A is watched by inode: re-add the watch each round, since the name moves.
        const int watch = ::inotify_add_watch(watch_fd, a, IN_OPEN | IN_ONLYDIR);
        if (watch < 0) {
            if (errno == ENOENT || errno == ENOTDIR) {
                ::usleep(1000);
                continue;
            }
            return fail("inotify_add_watch");
        }
        if (::read(watch_fd, buffer, sizeof buffer) < 0 && errno != EINTR)
            return fail("read");
        ::inotify_rm_watch(watch_fd, watch);
        if (!exchange(a, b)) {
            if (errno == ENOENT)
                continue;
            return fail("renameat2");
        }
        ::usleep(20000);  // long enough for root's next open by path to land in the swapped name
        if (!exchange(a, b) && errno != ENOENT)
            return fail("renameat2");
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "exchange")
        return exchange_forever(argv[2], argv[3]);
    if (argc == 4 && std::string(argv[1]) == "exchange-once") {
        return exchange(argv[2], argv[3]) ? 0 : fail("renameat2");
    }
    if (argc == 4 && std::string(argv[1]) == "exchange-on-open") {
        return exchange_on_open(argv[2], argv[3]);
    }
    std::fprintf(stderr, "usage: pmr-attacker exchange|exchange-on-open|exchange-once A B\n");
    return 2;
}
