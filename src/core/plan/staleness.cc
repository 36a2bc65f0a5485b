#include "core/plan/staleness.h"

#include <algorithm>
#include <cstdint>
#include <set>

namespace pmr::plan {

namespace {

/// What changed on the host between the two records, one line each.
std::vector<std::string> host_changes(const SavedPlan& saved, const PlanOrigin& now) {
    std::vector<std::string> lines;
    if (saved.origin.fingerprint == now.fingerprint)
        return lines;
    if (!saved.has_host_record) {
        // A plan of format_version 1.0 kept one fingerprint over all files, not one per file.
        lines.push_back(
            "changed: the host's main.cf files (this saved plan does not record "
            "which: it is of format_version 1.0)");
        return lines;
    }
    const auto& before = saved.origin.host.file_digests;
    const auto& after = now.host.file_digests;
    for (const auto& [path, digest] : before) {
        const auto found = after.find(path);
        if (found == after.end()) {
            lines.push_back("gone: " + path);
        } else if (found->second != digest) {
            lines.push_back("changed: " + path);
        }
    }
    for (const auto& [path, digest] : after) {
        if (!before.contains(path))
            lines.push_back("new: " + path);
    }
    const std::set<std::string> was(saved.origin.host.running.begin(),
                                    saved.origin.host.running.end());
    const std::set<std::string> is(now.host.running.begin(), now.host.running.end());
    for (const std::string& directory : is) {
        if (!was.contains(directory))
            lines.push_back("started: " + directory);
    }
    for (const std::string& directory : was) {
        if (!is.contains(directory))
            lines.push_back("stopped: " + directory);
    }
    return lines;
}

/// Which steps of `a` and `b` are kept, as pairs of indexes in order: a longest common
/// subsequence of the middle, after the common head and tail. A middle too large to compare
/// cell by cell is all different (a plan that far from the saved one needs no finer diff).
std::vector<std::pair<std::size_t, std::size_t>> common_steps(const std::vector<StepRecord>& a,
                                                              const std::vector<StepRecord>& b) {
    std::vector<std::pair<std::size_t, std::size_t>> kept;
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head].same_as(b[head])) {
        kept.emplace_back(head, head);
        ++head;
    }
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           a[a.size() - 1 - tail].same_as(b[b.size() - 1 - tail])) {
        ++tail;
    }
    const std::size_t n = a.size() - head - tail;
    const std::size_t m = b.size() - head - tail;
    if (n > 0 && m > 0 && n * m <= 4'000'000) {
        // lengths[i][j]: the longest common subsequence of a's middle from i and b's from j.
        std::vector<std::vector<std::uint32_t>> lengths(n + 1, std::vector<std::uint32_t>(m + 1));
        for (std::size_t i = n; i-- > 0;) {
            for (std::size_t j = m; j-- > 0;) {
                lengths[i][j] = a[head + i].same_as(b[head + j])
                                    ? lengths[i + 1][j + 1] + 1
                                    : std::max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        for (std::size_t i = 0, j = 0; i < n && j < m;) {
            if (a[head + i].same_as(b[head + j])) {
                kept.emplace_back(head + i++, head + j++);
            } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
                ++i;
            } else {
                ++j;
            }
        }
    }
    for (std::size_t k = tail; k > 0; --k)
        kept.emplace_back(a.size() - k, b.size() - k);
    return kept;
}

/// A line of the diff, cut short: a reorder over many instances is one very long line.
std::string cut(std::string line) {
    constexpr std::size_t most = 160;
    if (line.size() > most)
        line = line.substr(0, most - 3) + "...";
    return line;
}

void add_step_lines(std::vector<std::string>& diff, char sign, std::size_t index,
                    const StepRecord& step, bool other_operations) {
    diff.push_back(cut(std::string(1, sign) + " " + std::to_string(index + 1) + ". " +
                       step.headline + (other_operations ? " (other operations)" : "")));
    for (const std::string& change : step.changes) {
        diff.push_back(cut(std::string(1, sign) + "        " + change));
    }
}

/// The diff of the saved steps against those the host yields now, then of the refusals.
std::vector<std::string> step_diff(const SavedPlan& saved, const Plan& fresh) {
    const std::vector<StepRecord> now = step_records(fresh);
    const auto kept = common_steps(saved.steps, now);
    std::vector<std::string> diff;
    auto shown_alike = [](const StepRecord& x, const StepRecord& y) {
        return x.headline == y.headline && x.changes == y.changes;
    };
    std::size_t i = 0, j = 0;
    auto flush = [&](std::size_t until_i, std::size_t until_j) {
        const std::size_t first_removed = i;
        for (; i < until_i; ++i)
            add_step_lines(diff, '-', i, saved.steps[i], false);
        for (; j < until_j; ++j) {
            bool alike = false;
            for (std::size_t r = first_removed; r < until_i; ++r) {
                alike = alike || shown_alike(saved.steps[r], now[j]);
            }
            add_step_lines(diff, '+', j, now[j], alike);
        }
    };
    for (const auto& [ki, kj] : kept) {
        flush(ki, kj);
        i = ki + 1;
        j = kj + 1;
    }
    flush(saved.steps.size(), now.size());
    const std::vector<std::string> refusals = refusal_records(fresh);
    for (const std::string& r : saved.refusals) {
        if (std::ranges::find(refusals, r) == refusals.end())
            diff.push_back("- " + r);
    }
    for (const std::string& r : refusals) {
        if (std::ranges::find(saved.refusals, r) == saved.refusals.end())
            diff.push_back("+ " + r);
    }
    return diff;
}

}  // namespace

std::vector<std::string> staleness(const SavedPlan& saved, const Plan& fresh, const PlanOrigin& now,
                                   std::size_t max_diff_lines) {
    std::vector<std::string> lines = host_changes(saved, now);
    std::vector<std::string> diff = step_diff(saved, fresh);
    if (diff.empty())
        return lines;
    lines.push_back("steps that would now differ (- saved, + now):");
    const std::size_t shown = std::min(diff.size(), max_diff_lines);
    lines.insert(lines.end(), diff.begin(), diff.begin() + static_cast<std::ptrdiff_t>(shown));
    if (shown < diff.size()) {
        lines.push_back("... and " + std::to_string(diff.size() - shown) + " more lines");
    }
    return lines;
}

}  // namespace pmr::plan
