// Stock master.cf files (Debian's, Postfix 3.7's and 3.12's master.cf.proto) and crafted edge
// cases (corpus/), compared with the installed postconf: views, and edits of every kind on the
// services each file defines.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "case_comparison.h"
#include "core/mastercf/master_cf.h"
#include "core/mastercf/service.h"
#include "postconf_test.h"
#include "scratch_directory.h"

namespace pmr::mastercf::differential {
namespace {

std::vector<std::string> corpus_files() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(PMR_MASTERCF_CORPUS_DIR)) {
        files.push_back(entry.path().string());
    }
    std::ranges::sort(files);
    return files;
}

/// Edit runs that exercise every kind of edit on the services a document defines.
std::vector<EditBatch> edits_for(const std::string& text) {
    const MasterCf master_cf = MasterCf::parse(text, "master.cf");
    std::vector<std::string> services;
    for (const Entry& e : master_cf.entries()) {
        const std::string key = e.service.name() + "/" + e.service.type_text();
        if (std::ranges::find(services, key) == services.end())
            services.push_back(key);
    }
    std::vector<EditBatch> batches;
    const std::string first = services.empty() ? "smtp/inet" : services.front();
    const std::string last = services.empty() ? "pickup/unix" : services.back();
    batches.push_back(
        {EditMode::set_parameter,
         {first + "/smtpd_tls_security_level=encrypt", last + "/new_param=1", "nosuch/unix/x=1"}});
    batches.push_back({EditMode::remove_parameter, {first + "/syslog_name", last + "/x"}});
    batches.push_back({EditMode::set_field,
                       {first + "/command=smtpd -o x=1 {a b} c", last + "/process_limit=7",
                        last + "/wakeup=60?"}});
    batches.push_back({EditMode::remove_service, {first, "nosuch/unix"}});
    batches.push_back({EditMode::comment_out_service, {last}});
    batches.push_back({EditMode::set_service,
                       {first + "=" + first.substr(0, first.find('/')) + " " +
                            first.substr(first.find('/') + 1) + " n - n - 10 replaced -v",
                        "pmr-new/unix=pmr-new unix - - n - - pipe flags=R argv=/bin/true "
                        "-o {x = y z}"}});
    batches.push_back({EditMode::set_parameter, {"*/unix/pmr_all=1"}});
    return batches;
}

using MasterCfCorpusDifferentialTest = test_support::PostconfTest;

TEST_F(MasterCfCorpusDifferentialTest, StockAndCraftedFilesAgreeWithPostconf) {
    Statistics total;
    for (const std::string& path : corpus_files()) {
        SCOPED_TRACE(path);
        const std::string text = test_support::read_file(path);
        Statistics statistics;
        for (const std::string& d : compare_with_postconf(text, edits_for(text), statistics)) {
            ADD_FAILURE() << d;
        }
        total += statistics;
    }
    std::cout << "corpus: " << total.summary() << std::endl;
    EXPECT_GE(total.documents, 15);
}

}  // namespace
}  // namespace pmr::mastercf::differential
