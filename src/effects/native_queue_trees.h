#pragma once

#include <string>

#include "core/maincf/parameter_defaults.h"
#include "effects/operation_executor.h"

namespace pmr::effects {

/// The queue and data trees of instances, built natively from $meta_directory/postfix-files
/// exactly as `postfix -c DIR set-permissions` builds them (see queue_tree.h), and removed with
/// rmdir only, as `postmulti -e destroy` removes them.
class NativeQueueTrees final : public QueueTrees {
  public:
    /// `defaults` are Postfix's compile-time defaults; their config_directory names the primary.
    explicit NativeQueueTrees(const maincf::ParameterDefaults& defaults) : defaults_(defaults) {}

    [[nodiscard]] Status build(const std::string& config_directory) override;
    [[nodiscard]] std::vector<Leftover> remove(const std::string& queue_directory,
                                               const std::string& data_directory) override;

  private:
    const maincf::ParameterDefaults& defaults_;
};

}  // namespace pmr::effects
