#pragma once

#include <string>
#include <string_view>

namespace pmr::test_support {

/// A fresh directory under $TMPDIR (mkdtemp) for one test case or one benchmark's fixture. It is
/// removed at the end; after a failure (keep(), or an exception unwinding through it) it stays,
/// and its path is printed so that the case can be rerun by hand with postconf -c. Only the last
/// ten failing directories stay (rapidcheck's shrinking fails many times; the last case is the
/// smallest).
class ScratchDirectory {
  public:
    /// `name` starts the directory's name (`$TMPDIR/NAME-XXXXXX`).
    explicit ScratchDirectory(std::string_view name);
    ~ScratchDirectory();
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;

    [[nodiscard]] const std::string& path() const { return path_; }
    /// Creates `name` (and its parents) inside the directory; returns its path.
    std::string make_subdirectory(const std::string& name) const;
    /// Writes `bytes` to `name` inside the directory, dated 2000-01-01; returns its path.
    std::string write_file(const std::string& name, const std::string& bytes) const;
    /// Keeps the directory after the case.
    void keep() { keep_ = true; }

  private:
    std::string path_;
    bool keep_ = false;
    int exceptions_at_start_ = 0;
};

/// The bytes of `path`; throws when it cannot be read.
[[nodiscard]] std::string read_file(const std::string& path);

}  // namespace pmr::test_support
