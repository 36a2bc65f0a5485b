#pragma once

#include <memory>

namespace pmr::cli {

/// While it lives, every `pmreconcile: error: ...` line written to std::cerr is also logged to
/// syslog (facility mail, tag postfix/pmreconcile), as postmulti logs its fatal errors: the
/// errors of a run from cron or a timer are in the mail log with the changes it made.
class ErrorLog {
  public:
    ErrorLog();
    ~ErrorLog();
    ErrorLog(const ErrorLog&) = delete;
    ErrorLog& operator=(const ErrorLog&) = delete;

  private:
    class Tee;
    std::unique_ptr<Tee> tee_;
};

}  // namespace pmr::cli
