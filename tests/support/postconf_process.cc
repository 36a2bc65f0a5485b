#include "postconf_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace pmr::test_support {

namespace {

struct Child {
    pid_t pid = -1;
    int out_fd = -1;
    int err_fd = -1;
    bool killed = false;
    ProcessOutcome outcome;
};

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

/// True once `err` holds a complete line carrying Postfix's fatal or panic marker.
bool reports_fatal(const std::string& err) {
    for (const char* marker : {": fatal: ", ": panic: "}) {
        const std::size_t at = err.find(marker);
        if (at != std::string::npos && err.find('\n', at) != std::string::npos)
            return true;
    }
    return false;
}

Child start(const std::vector<std::string>& argv) {
    if (argv.empty())
        throw std::invalid_argument("run_concurrently: empty argv");
    int out_pipe[2];
    int err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) < 0)
        fail("pipe");
    if (::pipe2(err_pipe, O_CLOEXEC) < 0)
        fail("pipe");

    // Everything the child needs is prepared before fork().
    // Postfix names itself after argv[0] in its messages: run /usr/sbin/postconf as "postconf".
    const std::string& path = argv.front();
    const std::string name = path.substr(path.rfind('/') + 1);
    std::vector<char*> args;
    args.push_back(const_cast<char*>(name.c_str()));
    for (std::size_t i = 1; i < argv.size(); ++i)
        args.push_back(const_cast<char*>(argv[i].c_str()));
    args.push_back(nullptr);
    static char path_env[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
    static char lang_env[] = "LC_ALL=C";
    char* env[] = {path_env, lang_env, nullptr};

    const pid_t pid = ::fork();
    if (pid < 0)
        fail("fork");
    if (pid == 0) {
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd < 0 || ::dup2(null_fd, STDIN_FILENO) < 0 ||
            ::dup2(out_pipe[1], STDOUT_FILENO) < 0 || ::dup2(err_pipe[1], STDERR_FILENO) < 0) {
            ::_exit(126);
        }
        const struct rlimit no_core = {0, 0};
        ::setrlimit(RLIMIT_CORE, &no_core);
        ::execve(path.c_str(), args.data(), env);
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    Child child;
    child.pid = pid;
    child.out_fd = out_pipe[0];
    child.err_fd = err_pipe[0];
    return child;
}

/// Reads what is available on `fd` into `into`; closes it and sets it to -1 at end of file.
void drain(int& fd, std::string& into) {
    char buffer[16384];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        ::close(fd);
        fd = -1;
        return;
    }
    into.append(buffer, static_cast<std::size_t>(n));
}

void finish(Child& child) {
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0) {
        if (errno != EINTR)
            fail("waitpid");
    }
    ProcessOutcome& o = child.outcome;
    if (WIFSIGNALED(status)) {
        o.exit_status = 128 + WTERMSIG(status);
        o.signaled = !(child.killed && WTERMSIG(status) == SIGKILL);
    } else {
        o.exit_status = WEXITSTATUS(status);
    }
    if (reports_fatal(o.err))
        o.fatal = true;
}

}  // namespace

std::string ProcessOutcome::describe() const {
    std::string text = fatal ? "fatal error" : signaled ? "killed by a signal" : "exit status";
    text += " " + std::to_string(exit_status);
    if (!err.empty())
        text += ", stderr:\n" + err;
    return text;
}

std::vector<ProcessOutcome> run_concurrently(const std::vector<std::vector<std::string>>& argvs) {
    std::vector<Child> children;
    children.reserve(argvs.size());
    for (const auto& argv : argvs)
        children.push_back(start(argv));

    for (;;) {
        std::vector<pollfd> fds;
        std::vector<std::pair<std::size_t, bool>> owners;  // child index, is stderr
        for (std::size_t i = 0; i < children.size(); ++i) {
            if (children[i].out_fd >= 0) {
                fds.push_back({children[i].out_fd, POLLIN, 0});
                owners.emplace_back(i, false);
            }
            if (children[i].err_fd >= 0) {
                fds.push_back({children[i].err_fd, POLLIN, 0});
                owners.emplace_back(i, true);
            }
        }
        if (fds.empty())
            break;
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR)
                continue;
            fail("poll");
        }
        for (std::size_t k = 0; k < fds.size(); ++k) {
            if (fds[k].revents == 0)
                continue;
            Child& child = children[owners[k].first];
            if (owners[k].second) {
                drain(child.err_fd, child.outcome.err);
                if (!child.killed && reports_fatal(child.outcome.err)) {
                    // Skip Postfix's one-second sleep before it exits.
                    ::kill(child.pid, SIGKILL);
                    child.killed = true;
                }
            } else {
                drain(child.out_fd, child.outcome.out);
            }
        }
    }
    std::vector<ProcessOutcome> outcomes;
    outcomes.reserve(children.size());
    for (Child& child : children) {
        finish(child);
        outcomes.push_back(std::move(child.outcome));
    }
    return outcomes;
}

bool postconf_installed() {
    return ::access(postconf_path, X_OK) == 0;
}

ProcessOutcome run_process(const std::vector<std::string>& argv) {
    return std::move(run_concurrently({argv}).front());
}

}  // namespace pmr::test_support
