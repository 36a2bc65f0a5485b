#pragma once

#include <gtest/gtest.h>

#include "postconf_process.h"

namespace pmr::test_support {

/// A test that compares with the installed postconf: skipped, with the reason, on a host without
/// Postfix; CI installs it.
class PostconfTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!postconf_installed()) {
            GTEST_SKIP() << postconf_path
                         << " is not installed: install Debian's postfix package to compare "
                            "pmreconcile's engines with it";
        }
    }
};

}  // namespace pmr::test_support
