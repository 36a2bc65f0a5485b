// The executor edits master.cf through the same locked, atomic edit_file protocol as main.cf,
// with the engine's postconf -MX/-Me semantics: every byte no edit touches stays (#16).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "effects/operation_executor.h"
#include "temporary_directory.h"

namespace pmr::effects {
namespace {

class NoProcesses final : public ProcessRunner {
  public:
    Expected<ProcessResult> run(const Command&) override {
        ADD_FAILURE() << "no process should run";
        return ProcessResult{1, false, {}};
    }
};

class NoQueueTrees final : public QueueTrees {
  public:
    Status build(const std::string&) override { return ok_status(); }
    std::vector<Leftover> remove(const std::string&, const std::string&) override { return {}; }
};

Status execute(const lifecycle::Operation& op) {
    NoProcesses runner;
    NoQueueTrees trees;
    RealOperationExecutor executor(runner, trees, "/usr/sbin/postfix", std::chrono::seconds(0));
    std::vector<Leftover> leftovers;
    return executor.execute(op, leftovers);
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::string original =
    "# comment\n"
    "smtp      inet  n       -       y       -       -       smtpd\n"
    "#  -o commented=out\n"
    "pickup    unix  n       -       y       60      1       pickup\n"
    "relay     unix  -       -       y       -       -       smtp\n"
    "        -o syslog_name=postfix/$service_name\n";

TEST(EditMasterCfTest, RemovesAndAddsServicesKeepingEveryOtherByte) {
    testing::TemporaryDirectory temp;
    const std::string path = temp.path() + "/master.cf";
    std::ofstream(path, std::ios::binary) << original;
    const lifecycle::EditMasterCf op{
        path,
        {mastercf::RemoveService{{"smtp", "inet"}},
         mastercf::SetService{{"127.0.0.1:10026", "inet"},
                              "127.0.0.1:10026 inet n - n - - smtpd -o content_filter="}}};
    ASSERT_TRUE(execute(op));
    EXPECT_EQ(read(path),
              "# comment\n"
              "#  -o commented=out\n"
              "pickup    unix  n       -       y       60      1       pickup\n"
              "relay     unix  -       -       y       -       -       smtp\n"
              "        -o syslog_name=postfix/$service_name\n"
              "127.0.0.1:10026 inet n   -       n       -       -       smtpd\n"
              "    -o content_filter=\n");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0644u);
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp") &&
                 std::filesystem::file_size(path + ".tmp") > 0);
    // Applied again (a journal replay), it changes nothing.
    const std::string once = read(path);
    ASSERT_TRUE(execute(op));
    EXPECT_EQ(read(path), once);
}

TEST(EditMasterCfTest, AMissingFileIsAnError) {
    testing::TemporaryDirectory temp;
    const Status status = execute(lifecycle::EditMasterCf{
        temp.path() + "/master.cf", {mastercf::RemoveService{{"smtp", "inet"}}}});
    ASSERT_FALSE(status);
    EXPECT_NE(status.error().find("No such file or directory"), std::string::npos);
}

TEST(EditMasterCfTest, AFilePostfixWouldRefuseIsLeftAlone) {
    testing::TemporaryDirectory temp;
    const std::string path = temp.path() + "/master.cf";
    std::ofstream(path, std::ios::binary) << "smtp inet n\n";
    const Status status =
        execute(lifecycle::EditMasterCf{path, {mastercf::RemoveService{{"smtp", "inet"}}}});
    ASSERT_FALSE(status);
    EXPECT_NE(status.error().find("bad field count"), std::string::npos) << status.error();
    EXPECT_EQ(read(path), "smtp inet n\n");
}

}  // namespace
}  // namespace pmr::effects
