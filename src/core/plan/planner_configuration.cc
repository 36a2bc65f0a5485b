#include <tuple>

#include "core/maincf/editor.h"
#include "core/manifest/validator.h"
#include "core/plan/planner_state.h"
#include "core/plan/service_changes.h"

namespace pmr::plan::detail {

void Planner::configure(const std::string& instance, const std::string& config_directory,
                        const std::vector<manifest::Parameter>& parameters,
                        const std::vector<manifest::DesiredService>& services) {
    const maincf::MainCf& cf = main_cf_of(config_directory);
    std::vector<maincf::Edit> edits;
    std::vector<Change> changes;
    for (const manifest::Parameter& p : parameters) {
        std::optional<std::string> before;
        if (auto v = cf.get(p.name))
            before = std::string(*v);
        if (before == p.value)
            continue;
        edits.push_back(p.value ? maincf::Edit{maincf::EditKind::set, p.name, *p.value}
                                : maincf::Edit{maincf::EditKind::remove, p.name, {}});
        changes.push_back({p.name, before, p.value});
    }
    std::vector<Operation> operations;
    if (!edits.empty())
        operations.emplace_back(
            lifecycle::EditMainCf{config_directory + "/main.cf", std::move(edits)});
    if (!services.empty() && !plan_master_cf(host_, config_directory, services, manifest_.path,
                                             changes, operations, problems_)) {
        return;
    }
    if (operations.empty())
        return;
    add_step(StepKind::configure, instance, config_directory, std::move(changes),
             std::move(operations));
}

void Planner::plan_parameters() {
    configure("-", primary_directory_, manifest_.primary_parameters, manifest_.primary_services);
    for (const Target& t : present_targets()) {
        const auto state = current();
        if (!state)
            return;
        const Instance* i = find(*state, t.config_directory());
        if (i == nullptr)
            continue;
        const DesiredInstance& d = *t.desired;
        for (auto [key, wanted, actual] :
             {std::tuple{"queue_directory", &d.queue_directory, &i->queue_directory},
              std::tuple{"data_directory", &d.data_directory, &i->data_directory}}) {
            std::string directory;
            if (!*wanted)
                continue;
            directory = manifest::clean_directory(**wanted);
            if (directory != *actual) {
                fail_at(d, d.name + ": changing " + key + " of an existing instance (from " +
                               *actual + " to " + directory +
                               ") is not supported: stop it and move the directory by hand");
            }
        }
        configure(d.name, t.config_directory(), d.parameters, d.services);
    }
}

}  // namespace pmr::plan::detail
