#include "core/plan/plan.h"

namespace pmr::plan {

std::string_view to_string(StepKind kind) {
    switch (kind) {
        case StepKind::init:
            return "init";
        case StepKind::stop:
            return "stop";
        case StepKind::disable:
            return "disable";
        case StepKind::destroy:
            return "destroy";
        case StepKind::deport:
            return "deport";
        case StepKind::assign:
            return "assign";
        case StepKind::create:
            return "create";
        case StepKind::import:
            return "import";
        case StepKind::configure:
            return "configure";
        case StepKind::reorder:
            return "reorder";
        case StepKind::enable:
            return "enable";
        case StepKind::reload:
            return "reload";
        case StepKind::restart:
            return "restart";
        case StepKind::start:
            return "start";
    }
    return "?";
}

char symbol(StepKind kind) {
    switch (kind) {
        case StepKind::create:
        case StepKind::import:
            return '+';
        case StepKind::destroy:
            return '-';
        case StepKind::deport:
            return '>';
        case StepKind::stop:
        case StepKind::reload:
        case StepKind::restart:
        case StepKind::start:
            return '!';
        default:
            return '~';
    }
}

}  // namespace pmr::plan
