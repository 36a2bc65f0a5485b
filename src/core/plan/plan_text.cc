#include "core/plan/plan_text.h"

#include "core/plan/plan_summary.h"
#include "core/plan/service_changes.h"

namespace pmr::plan {

namespace {

constexpr const char* reset = "\033[0m";

const char* color_of(StepKind kind) {
    switch (symbol(kind)) {
        case '+':
            return "\033[32m";  // green
        case '-':
            return "\033[31m";  // red
        case '>':
            return "\033[35m";  // magenta
        case '!':
            return "\033[36m";  // cyan
        default:
            return "\033[33m";  // yellow
    }
}

}  // namespace

std::string show_value(const std::optional<std::string>& value) {
    if (!value)
        return "(unset)";
    std::string quoted = "\"";
    for (char c : *value) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

std::string show_change(const Change& change) {
    // A service that is not in master.cf is absent; an option or parameter is unset.
    auto show = [&](const std::optional<std::string>& value) {
        return !value && is_service_change(change) ? std::string("(absent)") : show_value(value);
    };
    return change.name + ": " + show(change.before) + " -> " + show(change.after);
}

std::string render_text(const Plan& plan, const TextStyle& style) {
    std::string out;
    if (plan.empty())
        return "No changes: the host matches the manifest.\n";
    if (!plan.steps.empty())
        out += "pmreconcile will perform these steps, in this order:\n\n";
    int number = 0;
    for (const Step& step : plan.steps) {
        const std::string mark(1, symbol(step.kind));
        out += "  ";
        out += style.color ? color_of(step.kind) + mark + reset : mark;
        out += " " + std::to_string(++number) + ". " + std::string(to_string(step.kind)) + " " +
               step.instance;
        if (step.instance != step.config_directory)
            out += " (" + step.config_directory + ")";
        out += "\n";
        for (const Change& change : step.changes)
            out += "        " + show_change(change) + "\n";
    }
    if (!plan.refusals.empty()) {
        out += plan.steps.empty() ? "" : "\n";
        for (const Refusal& refusal : plan.refusals) {
            const std::string mark = style.color ? std::string("\033[31m!\033[0m") : "!";
            out += "  " + mark + " refused: destroy " + refusal.instance + " (" +
                   refusal.config_directory + "): " + refusal.reason + "\n";
        }
    }
    if (!plan.notes.empty())
        out += "\n";
    for (const std::string& note : plan.notes)
        out += "Note: " + note + "\n";
    out += "\n" + plan_summary_line(summarize(plan)) + "\n";
    return out;
}

}  // namespace pmr::plan
