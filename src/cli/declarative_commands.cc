#include "cli/declarative_commands.h"

#include <memory>

namespace pmr::cli {

void add_declarative_commands(CLI::App& app, const GlobalOptions& global,
                              std::function<int()>& run) {
    const DeclarativeBinding binding{run, global, std::make_shared<DeclarativeOptions>()};
    add_validate_command(app, binding);
    add_plan_command(app, binding);
    add_apply_command(app, binding);
    add_check_command(app, binding);
    add_export_command(app, binding);
    add_graph_command(app, binding);
}

}  // namespace pmr::cli
