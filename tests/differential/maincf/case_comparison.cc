#include "case_comparison.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "core/maincf/main_cf.h"
#include "postconf_model.h"
#include "postconf_process.h"
#include "scratch_directory.h"

namespace pmr::maincf::differential {

using test_support::ProcessOutcome;
using test_support::read_file;
using test_support::run_concurrently;
using test_support::ScratchDirectory;
using test_support::show;

namespace {

constexpr std::string_view postfix_space = " \t\n\v\f\r";  // ISSPACE()

std::string_view trim(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(postfix_space);
    if (begin == std::string_view::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(postfix_space) - begin + 1);
}

bool contains_line(const std::string& text, const std::string& line) {
    const auto lines = lines_of(text);
    return std::ranges::find(lines, line) != lines.end();
}

/// The names that start a logical line in `text`, found the way postconf's editor finds them.
std::set<std::string> defined_names(std::string_view text) {
    std::set<std::string> names;
    for (const std::string& line : lines_of(text)) {
        const std::size_t first = line.find_first_not_of(postfix_space);
        if (first == std::string::npos || line[first] == '#' || first > 0)
            continue;
        names.insert(line.substr(0, line.find_first_of(" \t\r\n=")));
    }
    return names;
}

std::string mode_option(EditKind kind) {
    switch (kind) {
        case EditKind::set:
            return "-e";
        case EditKind::remove:
            return "-X";
        case EditKind::comment_out:
            return "-#";
        case EditKind::append_to_list:
            break;  // pmreconcile's own: never compared with postconf
    }
    return "?";
}

class Comparison {
  public:
    Comparison(const std::string& text, Statistics& statistics)
        : text_(text), statistics_(statistics) {}

    std::vector<std::string> run(const std::vector<EditBatch>& batches, int failure_probes) {
        const PostconfKnowledge& knowledge = PostconfKnowledge::get();
        const std::string read_dir = dir_.make_subdirectory("read");
        dir_.write_file("read/main.cf", text_);
        dir_.write_file("read/master.cf", "");
        const MainCf main_cf = MainCf::parse(text_, read_dir + "/main.cf");
        const PostconfPrediction prediction(main_cf, knowledge, read_dir);

        std::vector<std::vector<std::string>> argvs;
        argvs.push_back({postconf_path, "-c", read_dir, "-n"});
        std::vector<std::string> good_names;
        std::vector<std::string> bad_names;
        if (!prediction.read_fails()) {
            for (const std::string& name : prediction.visible_names()) {
                (prediction.expanded(name).ok() ? good_names : bad_names).push_back(name);
            }
            if (bad_names.size() > static_cast<std::size_t>(failure_probes)) {
                bad_names.resize(static_cast<std::size_t>(failure_probes));
            }
        }
        if (!good_names.empty()) {
            std::vector<std::string> argv{postconf_path, "-c", read_dir, "-xh"};
            argv.insert(argv.end(), good_names.begin(), good_names.end());
            argvs.push_back(std::move(argv));
        }
        for (const std::string& name : bad_names) {
            argvs.push_back({postconf_path, "-c", read_dir, "-xh", name});
        }
        std::vector<std::string> edit_dirs;
        for (std::size_t i = 0; i < batches.size(); ++i) {
            const std::string sub = "edit" + std::to_string(i);
            edit_dirs.push_back(dir_.make_subdirectory(sub));
            dir_.write_file(sub + "/main.cf", text_);
            dir_.write_file(sub + "/master.cf", "");
            std::vector<std::string> argv{postconf_path, "-c", edit_dirs.back(),
                                          mode_option(batches[i].kind)};
            for (const Edit& e : batches[i].edits) {
                argv.push_back(e.kind == EditKind::set ? e.name + "=" + e.value : e.name);
            }
            argvs.push_back(std::move(argv));
        }

        const std::vector<ProcessOutcome> outcomes = run_concurrently(argvs);
        std::size_t next = 0;
        ++statistics_.documents;
        check_settings(main_cf, prediction, outcomes[next++], read_dir);
        if (!good_names.empty())
            check_expansions(prediction, good_names, outcomes[next++]);
        for (const std::string& name : bad_names) {
            check_failed_expansion(prediction, name, outcomes[next++]);
        }
        for (std::size_t i = 0; i < batches.size(); ++i) {
            check_edit(batches[i], edit_dirs[i], outcomes[next++]);
        }
        if (!differences_.empty())
            dir_.keep();
        return std::move(differences_);
    }

  private:
    void differ(const std::string& what) {
        differences_.push_back(what + "\n  (case kept in " + dir_.path() + ")");
    }

    void check_settings(const MainCf& main_cf, const PostconfPrediction& prediction,
                        const ProcessOutcome& n, const std::string& read_dir) {
        if (prediction.read_fails()) {
            if (n.succeeded()) {
                differ("pmreconcile refuses main.cf, postconf -n accepts it:\n" + n.out +
                       "pmreconcile: " + main_cf.diagnostics().front().to_string());
                return;
            }
            if (prediction.read_error() && !contains_line(n.err, *prediction.read_error())) {
                differ("postconf -n fails differently:\n  expected: " +
                       show(*prediction.read_error()) + "\n  postconf: " + show(n.err));
                return;
            }
            ++statistics_.refused_documents;
            return;
        }
        if (!n.succeeded()) {
            differ("postconf -n refuses main.cf, pmreconcile accepts it: " + n.describe());
            return;
        }
        std::string actual;
        const std::string injected = "config_directory = " + read_dir;
        bool saw_injected = false;
        for (const std::string& line : lines_of(n.out)) {
            if (main_cf.find("config_directory") == nullptr && line == injected) {
                saw_injected = true;
                continue;
            }
            actual += line + "\n";
        }
        if (main_cf.find("config_directory") == nullptr && !saw_injected) {
            differ("postconf -n did not show its -c directory as config_directory:\n" + n.out);
        }
        const std::string expected = prediction.n_output();
        if (actual != expected) {
            differ("postconf -n differs:\n--- pmreconcile\n" + show(expected) + "--- postconf\n" +
                   show(actual));
        }
        statistics_.settings_compared += static_cast<int>(prediction.visible_names().size());

        std::vector<std::string> warnings;
        const std::string injected_warning =
            ": overriding earlier entry: config_directory=" + read_dir;
        for (const std::string& line : lines_of(n.err)) {
            const bool overriding = line.find(": overriding earlier entry: ") != std::string::npos;
            const bool indented =
                line.find(": logical line must not start with whitespace") != std::string::npos;
            if ((overriding && !line.ends_with(injected_warning)) || indented) {
                warnings.push_back(line);
            }
        }
        if (warnings != prediction.parse_warnings()) {
            std::string what = "parse warnings differ:\n--- pmreconcile\n";
            for (const auto& w : prediction.parse_warnings())
                what += show(w) + "\n";
            what += "--- postconf\n";
            for (const auto& w : warnings)
                what += show(w) + "\n";
            differ(what);
        }
    }

    void check_expansions(const PostconfPrediction& prediction,
                          const std::vector<std::string>& names, const ProcessOutcome& xh) {
        if (!xh.succeeded()) {
            differ("postconf -xh fails where pmreconcile expands every parameter: " +
                   xh.describe());
            return;
        }
        const std::vector<std::string> actual = lines_of(xh.out);
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string expected = normalise(prediction.expanded(names[i]).value);
            const std::string got = i < actual.size() ? actual[i] : "(nothing)";
            if (!matches_with_process_ids(expected, got)) {
                differ("postconf -xh " + names[i] + " differs:\n  pmreconcile: " + show(expected) +
                       "\n  postconf:    " + show(got));
            }
        }
        if (actual.size() != names.size()) {
            differ("postconf -xh printed " + std::to_string(actual.size()) + " lines for " +
                   std::to_string(names.size()) + " names:\n" + xh.out + xh.err);
        }
        statistics_.expansions_compared += static_cast<int>(names.size());
    }

    void check_failed_expansion(const PostconfPrediction& prediction, const std::string& name,
                                const ProcessOutcome& xh) {
        const Expansion ours = prediction.expanded(name);
        if (xh.succeeded()) {
            differ("pmreconcile cannot expand " + name + " (" + ours.errors.front() +
                   "), postconf -xh can: " + show(xh.out));
            return;
        }
        const auto wording = postconf_wording(ours.errors.front());
        if (wording && !contains_line(xh.err, *wording)) {
            differ("expanding " + name + " fails differently:\n  pmreconcile: " + show(*wording) +
                   "\n  postconf:    " + show(xh.err));
            return;
        }
        ++statistics_.failed_expansions;
    }

    void check_edit(const EditBatch& batch, const std::string& edit_dir,
                    const ProcessOutcome& postconf) {
        const std::string label = "postconf " + mode_option(batch.kind);
        if (!postconf.succeeded()) {
            differ(label + " failed: " + postconf.describe());
            return;
        }
        const MainCf main_cf = MainCf::parse(text_, edit_dir + "/main.cf");
        const EditOutcome ours = apply_edits(main_cf, batch.edits);
        const std::string theirs = read_file(edit_dir + "/main.cf");

        // The appended block: `name = value` for each set request whose name is not defined.
        std::map<std::string, std::string> last_value;
        for (const Edit& e : batch.edits) {
            if (e.kind == EditKind::set)
                last_value[e.name] = std::string(trim(e.value));
        }
        const std::set<std::string> defined = defined_names(text_);
        std::size_t appended_bytes = 0;
        for (const auto& [name, value] : last_value) {
            if (!defined.contains(name))
                appended_bytes += name.size() + 3 + value.size() + 1;
        }
        const auto fail = [&](const std::string& why) {
            differ(label + " gives other bytes (" + why + "):\n--- input\n" + show(text_) +
                   "\n--- pmreconcile\n" + show(ours.text) + "\n--- postconf\n" + show(theirs));
        };
        if (ours.text.size() < appended_bytes || theirs.size() < appended_bytes) {
            fail("shorter than the appended block");
            return;
        }
        const std::string_view our_body =
            std::string_view(ours.text).substr(0, ours.text.size() - appended_bytes);
        const std::string_view their_body =
            std::string_view(theirs).substr(0, theirs.size() - appended_bytes);
        if (our_body != their_body) {
            // Improvement 2: pmreconcile ends the last line before appending; Postfix 3.7 glues.
            const bool newline_added = appended_bytes > 0 && !their_body.empty() &&
                                       their_body.back() != '\n' &&
                                       our_body.size() == their_body.size() + 1 &&
                                       our_body.starts_with(their_body) && our_body.back() == '\n';
            if (!newline_added) {
                fail("kept lines differ");
                return;
            }
            ++statistics_.final_newline_added;
        }
        std::vector<std::string> our_tail =
            lines_of(std::string_view(ours.text).substr(our_body.size()));
        std::vector<std::string> their_tail =
            lines_of(std::string_view(theirs).substr(their_body.size()));
        if (!std::ranges::is_sorted(our_tail)) {
            fail("pmreconcile's appended block is not sorted");
            return;
        }
        if (our_tail != their_tail) {
            std::ranges::sort(their_tail);
            if (our_tail != their_tail) {
                fail("appended blocks differ");
                return;
            }
            ++statistics_.appended_in_other_order;  // improvement 1
        }
        if (ours.changed != (ours.text != text_))
            fail("changed flag is wrong");

        // Warnings, in postconf's wording.
        std::vector<std::string> expected;
        for (const Diagnostic& d : ours.warnings) {
            if (d.message.starts_with("ignoring earlier request: ")) {
                expected.push_back(printable("postconf: warning: " + d.message));
            } else {
                expected.push_back(printable("postconf: warning: " + d.to_string()));
            }
        }
        std::vector<std::string> actual;
        for (const std::string& line : lines_of(postconf.err)) {
            if (line.find(": multiple entries for ") != std::string::npos ||
                line.find(": ignoring earlier request: ") != std::string::npos) {
                actual.push_back(line);
            }
        }
        if (expected != actual) {
            std::string what = label + " warns differently:\n--- pmreconcile\n";
            for (const auto& w : expected)
                what += show(w) + "\n";
            what += "--- postconf\n";
            for (const auto& w : actual)
                what += show(w) + "\n";
            differ(what);
        }
        ++statistics_.edits_compared;
    }

    const std::string& text_;
    Statistics& statistics_;
    ScratchDirectory dir_{"pmr-maincf-diff"};
    std::vector<std::string> differences_;
};

}  // namespace

Statistics& Statistics::operator+=(const Statistics& o) {
    documents += o.documents;
    refused_documents += o.refused_documents;
    settings_compared += o.settings_compared;
    expansions_compared += o.expansions_compared;
    failed_expansions += o.failed_expansions;
    edits_compared += o.edits_compared;
    appended_in_other_order += o.appended_in_other_order;
    final_newline_added += o.final_newline_added;
    return *this;
}

std::string Statistics::summary() const {
    std::ostringstream s;
    s << documents << " documents compared with postconf (" << refused_documents
      << " refused by both), " << settings_compared << " postconf -n settings, "
      << expansions_compared << " postconf -xh values, " << failed_expansions
      << " expansions refused by both, " << edits_compared << " edit runs; documented "
      << "improvements seen: appended block sorted where Postfix 3.7's order differed "
      << appended_in_other_order << " times, final newline added before appending "
      << final_newline_added << " times";
    return s.str();
}

std::vector<std::string> compare_with_postconf(const std::string& text,
                                               const std::vector<EditBatch>& batches,
                                               Statistics& statistics, int failure_probes) {
    return Comparison(text, statistics).run(batches, failure_probes);
}

}  // namespace pmr::maincf::differential
