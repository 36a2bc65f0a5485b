#include "effects/process_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "effects/system_error.h"

extern char** environ;

namespace pmr::effects {

namespace {

std::vector<char*> to_pointers(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (std::string& s : strings)
        pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

/// Where the child's stdout and stderr go: `output` is the write end of the capture pipe or -1.
struct ChildStreams {
    int output = -1;
    bool silence_errors = false;
    bool errors_to_output = false;
    int input = -1;  ///< an in-memory file to read stdin from, or -1
};

/// A started child, or the error number of the failure to start it.
struct Started {
    pid_t pid = -1;
    int error = 0;
};

/// posix_spawnp(): argv[0] is looked up in our PATH.
Started spawn(char** argv, char** envp, const ChildStreams& streams) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (streams.input >= 0)
        posix_spawn_file_actions_adddup2(&actions, streams.input, STDIN_FILENO);
    if (streams.output >= 0) {
        posix_spawn_file_actions_adddup2(&actions, streams.output, STDOUT_FILENO);
        if (streams.errors_to_output)
            posix_spawn_file_actions_adddup2(&actions, streams.output, STDERR_FILENO);
    }
    if (streams.silence_errors) {
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    }
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return {-1, spawned};
    return {pid, 0};
}

/// The child of fork_execvp(): only async-signal-safe calls between fork() and exec.
[[noreturn]] void exec_child(char** argv, char** envp, const ChildStreams& streams, int report) {
    if (streams.input >= 0)
        ::dup2(streams.input, STDIN_FILENO);
    if (streams.output >= 0) {
        ::dup2(streams.output, STDOUT_FILENO);
        if (streams.errors_to_output)
            ::dup2(streams.output, STDERR_FILENO);
    }
    if (streams.silence_errors) {
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0)
            ::dup2(null, STDERR_FILENO);
    }
    // execvp() searches the PATH of the environment it runs in: the child's own.
    environ = envp;
    ::execvp(argv[0], argv);
    const int error = errno;
    [[maybe_unused]] const ssize_t n = ::write(report, &error, sizeof error);
    ::_exit(127);
}

/// fork() and execvp() in the child; a failed execvp() reports its error number through a
/// close-on-exec pipe (which a successful exec closes empty).
Started fork_execvp(char** argv, char** envp, const ChildStreams& streams) {
    int report[2] = {-1, -1};
    if (::pipe2(report, O_CLOEXEC) < 0)
        return {-1, errno};
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int error = errno;
        ::close(report[0]);
        ::close(report[1]);
        return {-1, error};
    }
    if (pid == 0)
        exec_child(argv, envp, streams, report[1]);
    ::close(report[1]);
    int error = 0;
    ssize_t n = 0;
    while ((n = ::read(report[0], &error, sizeof error)) < 0 && errno == EINTR) {
    }
    ::close(report[0]);
    if (n != static_cast<ssize_t>(sizeof error))
        return {pid, 0};
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return {-1, error};
}

std::string read_all(int fd) {
    std::string output;
    char buffer[8192];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        output.append(buffer, static_cast<std::size_t>(n));
    }
    return output;
}

/// An in-memory file holding `text`, positioned at its start, or -1 with errno set.
int input_file(const std::string& text) {
    const int fd = ::memfd_create("pmreconcile-input", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            errno = error;
            return -1;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::lseek(fd, 0, SEEK_SET) < 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

/// Waits for `pid` and fills in how it ended.
Expected<ProcessResult> wait_for(pid_t pid, const Command& command, ProcessResult result) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return Expected<ProcessResult>::failure(
                errno_message("wait for", command.argv[0], errno));
        }
    }
    if (WIFSIGNALED(status)) {
        result.signaled = true;
        result.exit_status = 128 + WTERMSIG(status);
    } else {
        result.exit_status = WEXITSTATUS(status);
    }
    return result;
}

}  // namespace

Expected<ProcessResult> RealProcessRunner::run(const Command& command) {
    using Result = Expected<ProcessResult>;
    if (command.argv.empty())
        return Result::failure("run: empty command");
    std::vector<std::string> argv = command.argv;
    std::vector<std::string> environment = command.environment.value_or(std::vector<std::string>{});
    std::vector<char*> argv_pointers = to_pointers(argv);
    std::vector<char*> env_pointers = to_pointers(environment);
    char** envp = command.environment ? env_pointers.data() : environ;

    int pipe_fds[2] = {-1, -1};
    if (command.capture_output && ::pipe2(pipe_fds, O_CLOEXEC) < 0) {
        return Result::failure(errno_message("pipe", command.argv[0], errno));
    }
    const int input = command.input ? input_file(*command.input) : -1;
    if (command.input && input < 0) {
        const int error = errno;
        if (command.capture_output) {
            ::close(pipe_fds[0]);
            ::close(pipe_fds[1]);
        }
        return Result::failure(errno_message("write the input of", command.argv[0], error));
    }
    const ChildStreams streams{pipe_fds[1], command.silence_errors, command.errors_to_output,
                               input};
    const auto started = command.execvp_in_child ? fork_execvp(argv_pointers.data(), envp, streams)
                                                 : spawn(argv_pointers.data(), envp, streams);
    if (command.capture_output)
        ::close(pipe_fds[1]);
    if (input >= 0)
        ::close(input);
    if (started.error != 0) {
        if (command.capture_output)
            ::close(pipe_fds[0]);
        if (!command.start_failure_label.empty()) {
            return Result::failure(command.start_failure_label + ": " +
                                   std::strerror(started.error));
        }
        return Result::failure(errno_message("execute", command.argv[0], started.error));
    }

    ProcessResult result;
    if (command.capture_output) {
        result.output = read_all(pipe_fds[0]);
        ::close(pipe_fds[0]);
    }
    return wait_for(started.pid, command, std::move(result));
}

}  // namespace pmr::effects
