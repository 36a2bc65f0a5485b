#include "effects/process_runner.h"

#include <fcntl.h>
#include <spawn.h>
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
    for (std::string& s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

}  // namespace

Expected<ProcessResult> RealProcessRunner::run(const Command& command) {
    using Result = Expected<ProcessResult>;
    if (command.argv.empty()) return Result::failure("run: empty command");
    std::vector<std::string> argv = command.argv;
    std::vector<std::string> environment = command.environment.value_or(std::vector<std::string>{});
    std::vector<char*> argv_pointers = to_pointers(argv);
    std::vector<char*> env_pointers = to_pointers(environment);
    char** envp = command.environment ? env_pointers.data() : environ;

    int pipe_fds[2] = {-1, -1};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (command.capture_output) {
        if (::pipe2(pipe_fds, O_CLOEXEC) < 0) {
            posix_spawn_file_actions_destroy(&actions);
            return Result::failure(errno_message("pipe", command.argv[0], errno));
        }
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    }
    if (command.silence_errors) {
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    }
    pid_t pid = 0;
    const int spawned =
        ::posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, argv_pointers.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    if (command.capture_output) ::close(pipe_fds[1]);
    if (spawned != 0) {
        if (command.capture_output) ::close(pipe_fds[0]);
        if (!command.start_failure_label.empty()) {
            return Result::failure(command.start_failure_label + ": " + std::strerror(spawned));
        }
        return Result::failure(errno_message("execute", command.argv[0], spawned));
    }

    ProcessResult result;
    if (command.capture_output) {
        char buffer[8192];
        for (;;) {
            const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            result.output.append(buffer, static_cast<std::size_t>(n));
        }
        ::close(pipe_fds[0]);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return Result::failure(errno_message("wait for", command.argv[0], errno));
    }
    if (WIFSIGNALED(status)) {
        result.signaled = true;
        result.exit_status = 128 + WTERMSIG(status);
    } else {
        result.exit_status = WEXITSTATUS(status);
    }
    return result;
}

}  // namespace pmr::effects
