#include "cli/declarative_options.h"

namespace pmr::cli {

std::function<void()> DeclarativeBinding::to(DeclarativeCommand command) const {
    return [&run = run, &global = global, options = options, command] {
        run = [&global, options, command] { return command(global, *options); };
    };
}

}  // namespace pmr::cli
