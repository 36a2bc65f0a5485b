#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace pmr::testing {

/// A fresh directory under $TMPDIR (or /tmp) for one real-disk test: removed afterwards when the
/// test passed, kept and its path printed when it failed. Header-only because the unit-test
/// target compiles only `*_test.cc` files.
class TemporaryDirectory {
  public:
    TemporaryDirectory() {
        const char* base = std::getenv("TMPDIR");
        const std::string name =
            std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/pmr-test-XXXXXX";
        std::vector<char> buffer(name.begin(), name.end());
        buffer.push_back('\0');
        if (::mkdtemp(buffer.data()) == nullptr) {
            ADD_FAILURE() << "mkdtemp " << name << " failed";
            return;
        }
        path_ = buffer.data();
    }

    ~TemporaryDirectory() {
        if (path_.empty())
            return;
        if (::testing::Test::HasFailure()) {
            std::cerr << "kept the test directory " << path_ << '\n';
            return;
        }
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    [[nodiscard]] const std::string& path() const { return path_; }

  private:
    std::string path_;
};

}  // namespace pmr::testing
