#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/lifecycle/operation.h"

namespace pmr::plan {

/// The kinds of step, in the order a plan runs them.
enum class StepKind {
    init,  ///< turn on multi-instance support in the primary
    stop,  ///< stop a running instance (before it is disabled or removed, or `running: false`);
           ///< in the reverse of multi_instance_directories, the primary last
    disable,
    destroy,
    deport,
    assign,  ///< rename and/or regroup
    create,
    import,
    configure,  ///< main.cf parameter changes
    reorder,    ///< multi_instance_directories
    enable,
    reload,   ///< a running instance whose main.cf or master.cf changed
    restart,  ///< stop and start: a running instance whose change a reload does not apply
    start,    ///< `running: true` and stopped; in multi_instance_directories order, primary first
};

/// The word for a step kind (`create`, ...), and its plan symbol (`+`, `~`, `-`, `>`, ...).
[[nodiscard]] std::string_view to_string(StepKind kind);
[[nodiscard]] char symbol(StepKind kind);

/// One value that a step changes: a parameter, or a property such as the name.
struct Change {
    std::string name;
    std::optional<std::string> before;  ///< nullopt: not set
    std::optional<std::string> after;   ///< nullopt: removed
    friend bool operator==(const Change&, const Change&) = default;
};

/// One step of a plan: what it does to which instance, and the operations that do it.
struct Step {
    StepKind kind = StepKind::configure;
    std::string instance;  ///< the instance's label: its name, or `-` for the primary
    std::string config_directory;
    std::vector<Change> changes;
    std::vector<lifecycle::Operation> operations;
};

/// A step the plan will not take, with the reason (e.g. a destroy refused because the queue
/// holds mail). The instance is left as it is.
struct Refusal {
    std::string instance;
    std::string config_directory;
    std::string reason;
};

/// An ordered plan, with what it refuses to do and notes for the reader.
struct Plan {
    std::vector<Step> steps;
    std::vector<Refusal> refusals;
    /// What the reader may have meant instead (e.g. a rename rather than a create); they change
    /// nothing the plan does.
    std::vector<std::string> notes;

    [[nodiscard]] bool empty() const { return steps.empty() && refusals.empty(); }
};

}  // namespace pmr::plan
