// SIGINT and SIGTERM during apply stop it between steps, never in the middle of one (#13).
#include "effects/interruption.h"

#include <gtest/gtest.h>

#include <csignal>

namespace pmr::effects {
namespace {

TEST(InterruptionGuardTest, SignalsAreRecordedNotFatal) {
    // The one test that raises: a recorded signal stays pending for the whole process.
    InterruptionGuard guard;
    EXPECT_FALSE(guard.pending_signal());
    {
        InterruptionGuard nested;
        ASSERT_EQ(std::raise(SIGTERM), 0);  // would end the test binary without the guard
    }
    ASSERT_EQ(std::raise(SIGINT), 0);
    ASSERT_TRUE(guard.pending_signal());
    EXPECT_EQ(*guard.pending_signal(), SIGTERM);  // the first one counts
}

TEST(InterruptionGuardTest, PreviousDispositionComesBack) {
    struct sigaction before {};
    ASSERT_EQ(::sigaction(SIGTERM, nullptr, &before), 0);
    { InterruptionGuard guard; }
    struct sigaction after {};
    ASSERT_EQ(::sigaction(SIGTERM, nullptr, &after), 0);
    EXPECT_EQ(after.sa_handler, before.sa_handler);
}

TEST(InterruptionGuardTest, ExitStatusFollowsTheShellsConvention) {
    EXPECT_EQ(exit_status_for_signal(SIGINT), 130);
    EXPECT_EQ(exit_status_for_signal(SIGTERM), 143);
    EXPECT_STREQ(signal_name(SIGTERM), "SIGTERM");
}

}  // namespace
}  // namespace pmr::effects
