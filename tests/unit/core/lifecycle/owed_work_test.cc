#include "core/lifecycle/owed_work.h"

#include <gtest/gtest.h>

namespace pmr::lifecycle {
namespace {

TEST(OwedWorkTest, EditsOfMainCfAndMasterCfAndInstalledFilesChangeTheirInstance) {
    EXPECT_EQ(edited_config_directory(EditMainCf{"/etc/postfix-a/main.cf", {}}), "/etc/postfix-a");
    EXPECT_EQ(edited_config_directory(EditMasterCf{"/etc/postfix-b/master.cf", {}}),
              "/etc/postfix-b");
    EXPECT_EQ(edited_config_directory(InstallFile{"/etc/postfix-c/master.cf", "", 0644}),
              "/etc/postfix-c");
}

TEST(OwedWorkTest, OtherOperationsChangeNoConfiguration) {
    EXPECT_EQ(edited_config_directory(RunPostfix{"/etc/postfix-a", PostfixCommand::reload}),
              std::nullopt);
    EXPECT_EQ(edited_config_directory(CreateDirectories{"/etc/postfix-a", 0755}), std::nullopt);
    EXPECT_EQ(edited_config_directory(RemoveFile{"/etc/postfix-a/main.cf"}), std::nullopt);
}

}  // namespace
}  // namespace pmr::lifecycle
