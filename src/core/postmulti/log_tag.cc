#include "core/postmulti/log_tag.h"

#include "core/maincf/configuration.h"

namespace pmr::postmulti {

std::string log_tag(const maincf::MainCf& primary_main_cf,
                    const maincf::ParameterDefaults& defaults) {
    const maincf::Configuration primary(primary_main_cf, defaults);
    return primary.expanded_or("syslog_name", "postfix");
}

}  // namespace pmr::postmulti
