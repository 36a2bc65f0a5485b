#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include "postconf_model.h"

namespace pmr::maincf::differential {

/// Skips a test, with the reason, on a host without Postfix; CI installs it.
class PostconfTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (::access(postconf_path, X_OK) != 0) {
            GTEST_SKIP() << postconf_path
                         << " is not installed: install Debian's postfix package to compare "
                            "pmreconcile's main.cf engine with it";
        }
    }
};

}  // namespace pmr::maincf::differential
