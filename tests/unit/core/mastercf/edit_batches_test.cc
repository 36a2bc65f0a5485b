#include "core/mastercf/edit_batches.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pmr::mastercf {
namespace {

const std::string path = "/etc/postfix-x/master.cf";

TEST(EditBatchesTest, TheOutcomeCarriesTheParseOfItsText) {
    const MasterCf before =
        MasterCf::parse("smtp inet n - y - - smtpd\npickup unix n - y 60 1 pickup\n", path);
    const std::vector<Edit> edits{RemoveService{{"smtp", "inet"}},
                                  SetField{{"pickup", "unix"}, Field::wakeup, "30"}};
    const BatchOutcome outcome = apply_edit_batches(before, edits);
    ASSERT_FALSE(outcome.error);
    EXPECT_TRUE(outcome.changed);
    EXPECT_EQ(outcome.text, "pickup     unix  n       -       y       30      1       pickup\n");
    EXPECT_EQ(outcome.master_cf.text(), outcome.text);
    EXPECT_EQ(outcome.master_cf.path(), path);
    ASSERT_EQ(outcome.master_cf.entries().size(), 1U);
    EXPECT_EQ(outcome.master_cf.entries()[0].service.field(Field::wakeup), "30");
}

TEST(EditBatchesTest, AnUnchangedOrRefusedEditCarriesTheInputsParse) {
    const MasterCf before = MasterCf::parse("smtp inet n - y - - smtpd\n", path);
    const std::vector<Edit> none{RemoveService{{"pickup", "unix"}}};
    const BatchOutcome unchanged = apply_edit_batches(before, none);
    EXPECT_FALSE(unchanged.changed);
    EXPECT_EQ(unchanged.master_cf.entries().data(), before.entries().data());

    const MasterCf bad = MasterCf::parse("a unix - -\n", path);
    const BatchOutcome refused = apply_edit_batches(bad, none);
    ASSERT_TRUE(refused.error);
    EXPECT_EQ(*refused.error, "file " + path + ": line 1: bad field count");
    EXPECT_EQ(refused.master_cf.text(), bad.text());
}

}  // namespace
}  // namespace pmr::mastercf
