#include "cli/error_log.h"

#include <iostream>
#include <streambuf>
#include <string>
#include <string_view>

#include "cli/error_report.h"
#include "effects/change_log.h"

namespace pmr::cli {

/// Passes everything on to stderr's own buffer, and keeps the current line to log it when it
/// is an error. The errors are written from many places; tapping the stream catches them all.
class ErrorLog::Tee : public std::streambuf {
  public:
    explicit Tee(std::streambuf* target) : target_(target) {}
    std::streambuf* target() const { return target_; }

  protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof()))
            return traits_type::not_eof(c);
        note(traits_type::to_char_type(c));
        return target_->sputc(traits_type::to_char_type(c));
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        for (std::streamsize i = 0; i < n; ++i)
            note(s[i]);
        return target_->sputn(s, n);
    }
    int sync() override { return target_->pubsync(); }

  private:
    void note(char c) {
        if (c != '\n') {
            line_ += c;
            return;
        }
        if (std::string_view(line_).starts_with(error_prefix)) {
            effects::log_error(std::string_view(line_).substr(error_prefix.size()));
        }
        line_.clear();
    }

    std::streambuf* target_;
    std::string line_;
};

ErrorLog::ErrorLog() : tee_(std::make_unique<Tee>(std::cerr.rdbuf())) {
    std::cerr.rdbuf(tee_.get());
}

ErrorLog::~ErrorLog() {
    std::cerr.rdbuf(tee_->target());
}

}  // namespace pmr::cli
