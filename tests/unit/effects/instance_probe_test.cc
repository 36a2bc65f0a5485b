// A destroy is refused while the queue holds mail (#13): the count must find every message, in
// every queue, at any hash_queue_depth, and never guess "empty".
#include "effects/instance_probe.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "effects/operation_executor.h"
#include "temporary_directory.h"

namespace pmr::effects {
namespace {

namespace fs = std::filesystem;

class CountQueuedMessagesTest : public ::testing::Test {
  protected:
    /// Creates an empty queue file at `relative` below the queue directory, with its parents.
    void queue_file(const std::string& relative) {
        const fs::path path = queue_ + "/" + relative;
        fs::create_directories(path.parent_path());
        std::ofstream(path) << "";
    }
    [[nodiscard]] std::size_t count() const { return count_queued_messages(queue_); }

    testing::TemporaryDirectory temp_;
    std::string queue_ = temp_.path() + "/spool";
};

TEST_F(CountQueuedMessagesTest, MissingQueueDirectoryHoldsNothing) {
    EXPECT_EQ(count(), 0U);
}

TEST_F(CountQueuedMessagesTest, EmptyQueuesAndEmptyHashDirectoriesHoldNothing) {
    for (const char* queue : {"maildrop", "incoming", "active", "deferred/A", "hold", "corrupt"}) {
        fs::create_directories(queue_ + "/" + queue);
    }
    EXPECT_EQ(count(), 0U);
}

TEST_F(CountQueuedMessagesTest, CountsAMessageInEachOfTheSixQueues) {
    for (const char* queue : {"maildrop", "incoming", "active", "deferred", "hold", "corrupt"}) {
        queue_file(std::string(queue) + "/4XyZq1");
        EXPECT_EQ(count(), 1U) << queue;
        fs::remove_all(queue_);
    }
}

TEST_F(CountQueuedMessagesTest, CountsMessagesAtEveryHashQueueDepth) {
    queue_file("deferred/A/4A1B2C");                  // hash_queue_depth = 1 (the default)
    queue_file("deferred/B/C/4BC123");                // 2
    queue_file("incoming/D/E/F/G/4DEFG9");            // 4, incoming in hash_queue_names
    queue_file("hold/1/2/3/4/5/6/7/8/9/A/B/C/4XYZ");  // 12: Postfix sets no upper limit
    queue_file("active/4A");                          // a queue not hashed
    EXPECT_EQ(count(), 5U);
}

TEST_F(CountQueuedMessagesTest, LogsAndOtherDirectoriesAreNotMail) {
    queue_file("defer/A/4A1B2C");
    queue_file("bounce/A/4A1B2C");
    queue_file("trace/A/4A1B2C");
    queue_file("pid/master.pid");
    EXPECT_EQ(count(), 0U);
}

TEST_F(CountQueuedMessagesTest, ATreeTooDeepToFollowCountsAsMail) {
    std::string deep = "deferred";
    for (int level = 0; level < 70; ++level)
        deep += "/d";
    fs::create_directories(queue_ + "/" + deep);
    EXPECT_EQ(count(), 1U);
}

TEST_F(CountQueuedMessagesTest, SymbolicLinksAreNotFollowedButAQueueThatIsOneCountsAsMail) {
    queue_file("elsewhere/4A1B2C");
    fs::create_directories(queue_ + "/deferred");
    fs::create_directory_symlink(queue_ + "/elsewhere", queue_ + "/deferred/A");
    EXPECT_EQ(count(), 0U);
    fs::create_directory_symlink(queue_ + "/elsewhere", queue_ + "/maildrop");
    EXPECT_EQ(count(), 1U);
}

/// Runs no process and builds no tree: only RequireEmptyQueue is asked of it here.
class NothingRuns final : public ProcessRunner, public QueueTrees {
  public:
    Expected<ProcessResult> run(const Command&) override { return ProcessResult{1, false, {}}; }
    Status build(const std::string&) override { return ok_status(); }
    std::vector<Leftover> remove(const std::string&, const std::string&) override { return {}; }
};

// Just before a destroy's removals the same count decides, in the same words as the plan.
TEST_F(CountQueuedMessagesTest, TheCheckJustBeforeADestroyRefusesInApplysWords) {
    NothingRuns nothing;
    RealOperationExecutor executor(nothing, nothing, "/usr/sbin/postfix", std::chrono::seconds(0));
    std::vector<Leftover> leftovers;
    const lifecycle::RequireEmptyQueue check{"/etc/postfix-q", queue_, "postfix-q"};
    EXPECT_TRUE(executor.execute(check, leftovers));
    queue_file("deferred/A/B/4AB123");
    queue_file("maildrop/4CD456");
    const Status refused = executor.execute(check, leftovers);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(),
              "refused to destroy postfix-q (/etc/postfix-q): not destroyed: its queue holds 2 "
              "messages; the instance is left as it is");
    // A journal of an older pmreconcile has no label: the directory names the instance.
    const Status older =
        executor.execute(lifecycle::RequireEmptyQueue{"/etc/postfix-q", queue_}, leftovers);
    ASSERT_FALSE(older);
    EXPECT_EQ(older.error(),
              "refused to destroy /etc/postfix-q: not destroyed: its queue holds 2 messages; the "
              "instance is left as it is");
}

}  // namespace
}  // namespace pmr::effects
