#include "core/lifecycle/destroy_guard.h"

namespace pmr::lifecycle {

Status check_queue_empty(std::size_t queued_messages) {
    if (queued_messages == 0)
        return ok_status();
    return Status::failure("not destroyed: its queue holds " + std::to_string(queued_messages) +
                           " message" + (queued_messages == 1 ? "" : "s") +
                           "; the instance is left as it is");
}

std::string destroy_refused_message(std::string_view instance, std::string_view config_directory,
                                    std::string_view reason) {
    std::string text = "refused to destroy " + std::string(instance);
    if (instance != config_directory)
        text += " (" + std::string(config_directory) + ")";
    return text + ": " + std::string(reason);
}

void guard_destroy(std::vector<Operation>& operations, RequireEmptyQueue check) {
    operations.insert(operations.begin(), std::move(check));
}

}  // namespace pmr::lifecycle
