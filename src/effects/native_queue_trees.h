#pragma once

#include <string>

#include "core/maincf/parameter_defaults.h"
#include "effects/operation_executor.h"
#include "effects/process_runner.h"

namespace pmr::effects {

/// The queue and data trees of instances, built from $meta_directory/postfix-files.
class NativeQueueTrees final : public QueueTrees {
public:
    NativeQueueTrees(const maincf::ParameterDefaults& defaults, ProcessRunner& runner,
                     std::string command_directory)
        : defaults_(defaults), runner_(runner), command_directory_(std::move(command_directory)) {}

    [[nodiscard]] Status build(const std::string& config_directory) override;
    [[nodiscard]] std::vector<Leftover> remove(const std::string& queue_directory,
                                               const std::string& data_directory) override;

private:
    const maincf::ParameterDefaults& defaults_;
    ProcessRunner& runner_;
    std::string command_directory_;
};

}  // namespace pmr::effects
