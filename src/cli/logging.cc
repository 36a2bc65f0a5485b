#include "cli/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace pmr::cli {

void configure_logging(int verbosity) {
    auto logger = std::make_shared<spdlog::logger>(
        "pmreconcile", std::make_shared<spdlog::sinks::stderr_sink_st>());
    logger->set_pattern("pmreconcile: %l: %v");
    if (verbosity < 0) {
        logger->set_level(spdlog::level::err);
    } else if (verbosity == 0) {
        logger->set_level(spdlog::level::warn);
    } else if (verbosity == 1) {
        logger->set_level(spdlog::level::info);
    } else {
        logger->set_level(spdlog::level::debug);
    }
    spdlog::set_default_logger(logger);
}

}  // namespace pmr::cli
