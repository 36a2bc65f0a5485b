#include "case_comparison.h"

#include <algorithm>
#include <sstream>

#include "core/mastercf/master_cf.h"
#include "core/mastercf/views.h"
#include "postconf_output.h"
#include "postconf_process.h"
#include "scratch_directory.h"

namespace pmr::mastercf::differential {

using test_support::lines_of;
using test_support::printable;
using test_support::ProcessOutcome;
using test_support::read_file;
using test_support::run_concurrently;
using test_support::ScratchDirectory;
using test_support::show;

namespace {

/// postconf's warnings, the `unused parameter` and `undefined parameter` ones left out (they are
/// about main.cf's knowledge of parameter names, not about master.cf's syntax).
std::vector<std::string> warnings_of(const ProcessOutcome& outcome) {
    std::vector<std::string> warnings;
    for (const std::string& line : lines_of(outcome.err)) {
        if (line.find("postconf: warning: ") != 0)
            continue;
        if (line.find(": unused parameter: ") != std::string::npos ||
            line.find(": undefined parameter: ") != std::string::npos) {
            continue;
        }
        warnings.push_back(line);
    }
    return warnings;
}

std::string fatal_of(const ProcessOutcome& outcome) {
    for (const std::string& line : lines_of(outcome.err)) {
        if (line.find("postconf: fatal: ") == 0)
            return line.substr(17);
    }
    return {};
}

/// The number of the first line that starts an entry (content in column 1), or 0.
int first_entry_line(std::string_view text) {
    int number = 0;
    for (const std::string& line : lines_of(text)) {
        ++number;
        if (!line.empty() && line[0] != '#' &&
            std::string_view(" \t\n\v\f\r").find(line[0]) == std::string_view::npos) {
            return number;
        }
    }
    return 0;
}

class Comparison {
  public:
    Comparison(const std::string& text, Statistics& statistics)
        : text_(text), statistics_(statistics) {}

    std::vector<std::string> run(const std::vector<EditBatch>& batches) {
        const std::string read_dir = prepare("read", text_);
        const MasterCf master_cf = MasterCf::parse(text_, read_dir + "/master.cf");
        std::vector<std::vector<std::string>> argvs = {
            {postconf_path, "-c", read_dir, "-M"},
            {postconf_path, "-c", read_dir, "-Mf"},
            {postconf_path, "-c", read_dir, "-F"},
            {postconf_path, "-c", read_dir, "-P"},
        };
        // The batches form a sequence: each edits what the one before it wrote (as predicted;
        // a wrong prediction fails the earlier batch). They still run side by side.
        std::vector<std::string> edit_dirs;
        std::vector<Prediction> predictions;
        std::string input = text_;
        for (std::size_t i = 0; i < batches.size(); ++i) {
            edit_dirs.push_back(prepare("edit" + std::to_string(i), input));
            predictions.push_back(predict(batches[i], input, edit_dirs.back()));
            if (predictions.back().errors.empty())
                input = predictions.back().expected;
            std::vector<std::string> argv{postconf_path, "-c", edit_dirs.back(),
                                          mode_option(batches[i].mode)};
            argv.insert(argv.end(), batches[i].arguments.begin(), batches[i].arguments.end());
            argvs.push_back(std::move(argv));
        }
        const std::vector<ProcessOutcome> outcomes = run_concurrently(argvs);
        ++statistics_.documents;
        check_views(master_cf, outcomes);
        for (std::size_t i = 0; i < batches.size(); ++i) {
            check_edit(batches[i], predictions[i], edit_dirs[i], outcomes[4 + i]);
        }
        if (!differences_.empty())
            dir_.keep();
        return differences_;
    }

  private:
    /// What pmreconcile's engine predicts for one edit run.
    struct Prediction {
        std::string input;
        std::vector<std::string> errors;  ///< postconf must fail with one of these
        EditOutcome outcome;
        std::string expected;  ///< the bytes postconf 3.7 writes
    };

    static Prediction predict(const EditBatch& batch, const std::string& input,
                              const std::string& dir) {
        Prediction prediction{input, {}, {}, {}};
        std::vector<Edit> edits;
        for (const std::string& argument : batch.arguments) {
            auto parsed = parse_request(batch.mode, argument);
            if (!parsed) {
                prediction.errors.push_back(parsed.error());
            } else {
                edits.push_back(std::move(parsed).value());
            }
        }
        const MasterCf master_cf = MasterCf::parse(input, dir + "/master.cf");
        prediction.outcome = apply_edits(master_cf, edits);
        if (batch.mode == EditMode::set_service && !prediction.errors.empty()) {
            // postconf parses -Me definitions when it meets the first entry, after checking
            // that entry's first line: a bad first line is reported before a bad definition.
            const RemoveService probe{{"\x01", "\x01"}};
            const EditOutcome checked = apply_edits(master_cf, std::vector<Edit>{probe});
            const std::string first = "line " + std::to_string(first_entry_line(input)) + ": ";
            for (const Diagnostic& d : checked.errors) {
                if (d.message.find(first) != std::string::npos)
                    prediction.errors.push_back(d.message);
            }
        }
        for (const Diagnostic& d : prediction.outcome.errors) {
            prediction.errors.push_back(d.message);
        }
        prediction.expected = prediction.outcome.text;
        if (prediction.outcome.newline_added_at) {
            prediction.expected.erase(*prediction.outcome.newline_added_at, 1);
        }
        return prediction;
    }

    std::string prepare(const std::string& name, const std::string& master_cf) {
        const std::string path = dir_.make_subdirectory(name);
        dir_.write_file(name + "/main.cf", "");
        dir_.write_file(name + "/master.cf", master_cf);
        return path;
    }

    void differ(const std::string& what) {
        differences_.push_back(dir_.path() + ": " + what + "\n--- master.cf:\n" + show(text_));
    }

    void check_views(const MasterCf& master_cf, const std::vector<ProcessOutcome>& outcomes) {
        if (master_cf.has_errors()) {
            ++statistics_.refused_documents;
            const auto first =
                std::ranges::find(master_cf.diagnostics(), Severity::error, &Diagnostic::severity);
            const std::string expected = printable(postconf_wording(*first));
            for (std::size_t i = 0; i < 4; ++i) {
                if (outcomes[i].succeeded() || fatal_of(outcomes[i]) != expected) {
                    differ("view " + std::to_string(i) + ": expected fatal: " + expected +
                           "\ngot: " + outcomes[i].describe());
                }
            }
            return;
        }
        const std::string expected[4] = {show_entries(master_cf, Folding::none),
                                         show_entries(master_cf, Folding::fold),
                                         show_fields(master_cf), show_parameters(master_cf)};
        const char* names[4] = {"-M", "-Mf", "-F", "-P"};
        for (std::size_t i = 0; i < 4; ++i) {
            if (!outcomes[i].succeeded()) {
                differ(std::string(names[i]) + " failed: " + outcomes[i].describe());
            } else if (outcomes[i].out != expected[i]) {
                differ(std::string(names[i]) + " differs\n--- expected:\n" + show(expected[i]) +
                       "--- postconf:\n" + show(outcomes[i].out));
            }
        }
        statistics_.entries_compared += static_cast<int>(master_cf.entries().size());
        statistics_.parameters_compared += static_cast<int>(lines_of(expected[3]).size());
        std::vector<std::string> expected_warnings;
        for (const Diagnostic& d : master_cf.diagnostics()) {
            const bool brace = d.message.rfind("master.cf: ", 0) == 0;
            expected_warnings.push_back(
                printable("postconf: warning: " + (brace ? d.message : d.path + ": " + d.message)));
        }
        if (warnings_of(outcomes[0]) != expected_warnings) {
            std::string got;
            for (const std::string& w : warnings_of(outcomes[0]))
                got += w + "\n";
            std::string want;
            for (const std::string& w : expected_warnings)
                want += w + "\n";
            differ("-M warnings differ\n--- expected:\n" + want + "--- postconf:\n" + got);
        }
    }

    void check_edit(const EditBatch& batch, const Prediction& prediction, const std::string& dir,
                    const ProcessOutcome& outcome) {
        ++statistics_.edits_compared;
        const std::string label = mode_option(batch.mode) + " " + describe(batch);
        const std::vector<std::string>& errors = prediction.errors;
        const EditOutcome& predicted = prediction.outcome;
        const std::string written = read_file(dir + "/master.cf");
        if (!errors.empty()) {
            ++statistics_.refused_edits;
            const std::string fatal = fatal_of(outcome);
            const bool known = std::ranges::any_of(
                errors, [&](const std::string& e) { return printable(e) == fatal; });
            if (outcome.succeeded() || !known) {
                differ(label + ": expected fatal: " + errors.front() +
                       "\ngot: " + outcome.describe());
            }
            if (written != prediction.input)
                differ(label + ": postconf changed master.cf after a fatal error");
            return;
        }
        if (!outcome.succeeded()) {
            differ(label + ": postconf failed: " + outcome.describe());
            return;
        }
        const std::string& expected = prediction.expected;
        if (predicted.newline_added_at)
            ++statistics_.final_newline_added;
        if (written != expected) {
            differ(label + ": written bytes differ\n--- input:\n" + show(prediction.input) +
                   "--- expected:\n" + show(expected) + "--- postconf:\n" + show(written));
        }
        const auto unmatched = [](const std::vector<std::string>& lines) {
            return std::ranges::count_if(lines, [](const std::string& l) {
                return l.find("unmatched service_name/type") != std::string::npos;
            });
        };
        std::vector<std::string> predicted_warnings;
        for (const Diagnostic& d : predicted.warnings)
            predicted_warnings.push_back(d.message);
        if (unmatched(warnings_of(outcome)) != unmatched(predicted_warnings)) {
            differ(label + ": unmatched-request warnings differ: " + outcome.err);
        }
    }

    static std::string describe(const EditBatch& batch) {
        std::string text;
        for (const std::string& a : batch.arguments)
            text += "'" + show(a) + "' ";
        return text;
    }

    const std::string& text_;
    Statistics& statistics_;
    ScratchDirectory dir_{"pmr-mastercf-diff"};
    std::vector<std::string> differences_;
};

}  // namespace

std::string mode_option(EditMode mode) {
    switch (mode) {
        case EditMode::set_service:
            return "-Me";
        case EditMode::remove_service:
            return "-MX";
        case EditMode::comment_out_service:
            return "-M#";
        case EditMode::set_field:
            return "-Fe";
        case EditMode::set_parameter:
            return "-Pe";
        case EditMode::remove_parameter:
            return "-PX";
    }
    return "?";
}

Statistics& Statistics::operator+=(const Statistics& other) {
    documents += other.documents;
    refused_documents += other.refused_documents;
    entries_compared += other.entries_compared;
    parameters_compared += other.parameters_compared;
    edits_compared += other.edits_compared;
    refused_edits += other.refused_edits;
    final_newline_added += other.final_newline_added;
    return *this;
}

std::string Statistics::summary() const {
    std::ostringstream out;
    out << documents << " documents (" << refused_documents << " refused by both), "
        << entries_compared << " entries and " << parameters_compared << " parameters compared, "
        << edits_compared << " edit runs (" << refused_edits << " refused by both, "
        << final_newline_added << " with a final newline added)";
    return out.str();
}

std::vector<std::string> compare_with_postconf(const std::string& text,
                                               const std::vector<EditBatch>& batches,
                                               Statistics& statistics) {
    return Comparison(text, statistics).run(batches);
}

}  // namespace pmr::mastercf::differential
