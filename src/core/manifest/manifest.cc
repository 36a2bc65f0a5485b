#include "core/manifest/manifest.h"

namespace pmr::manifest {

std::string_view to_string(Unmanaged unmanaged) {
    switch (unmanaged) {
        case Unmanaged::keep:
            return "keep";
        case Unmanaged::deport:
            return "deport";
        case Unmanaged::destroy:
            return "destroy";
    }
    return "keep";
}

std::string_view to_string(DesiredState state) {
    return state == DesiredState::present ? "present" : "absent";
}

}  // namespace pmr::manifest
