#include "effects/native_queue_trees.h"

#include "core/maincf/configuration.h"
#include "core/postfix_files/parameters.h"
#include "core/postfix_files/scope.h"
#include "effects/host_reader.h"
#include "effects/queue_tree.h"

namespace pmr::effects {

Status NativeQueueTrees::build(const std::string& config_directory) {
    Diagnostics problems;
    const auto main_cf = read_main_cf(config_directory + "/main.cf", problems);
    if (!main_cf)
        return Status::failure(problems.front().message);
    // As `postfix -c DIR` does, $config_directory is the instance's own directory.
    const maincf::Configuration config(*main_cf, defaults_, config_directory);

    postfix_files::Target target;
    for (std::string_view name : postfix_files::installation_parameter_names()) {
        auto value = config.expanded(name);
        if (!value.ok()) {
            return Status::failure(config_directory + "/main.cf: " + std::string(name) + ": " +
                                   value.errors.front());
        }
        target.parameters.emplace(std::string(name), std::move(value.value));
    }
    // post-install updates only the instance's own files when the primary lists the instance.
    const std::string default_directory(defaults_.get("config_directory").value_or("/etc/postfix"));
    std::optional<std::string> listed;
    Diagnostics ignored;
    if (const auto primary = read_main_cf(default_directory + "/main.cf", ignored)) {
        listed = maincf::Configuration(*primary, defaults_)
                     .expanded_or("multi_instance_directories", "");
    }
    target.scope = postfix_files::scope_for_instance(config_directory, default_directory, listed);
    target.default_instance = config_directory == default_directory;
    return build_queue_tree(target.parameters.at("meta_directory"), target);
}

std::vector<Leftover> NativeQueueTrees::remove(const std::string& queue_directory,
                                               const std::string& data_directory) {
    std::vector<Leftover> leftovers;
    for (QueueTreeLeftover& left : remove_queue_tree(queue_directory, data_directory)) {
        leftovers.push_back(
            Leftover{std::move(left.operand), std::move(left.path), std::move(left.reason)});
    }
    return leftovers;
}

}  // namespace pmr::effects
