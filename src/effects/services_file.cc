#include "effects/services_file.h"

#include "effects/read_file.h"

namespace pmr::effects {

flow::ServicesTable read_services_table(const std::string& path) {
    auto text = read_file(path, Symlinks::follow);
    flow::ServicesTable table = flow::ServicesTable::parse(text ? *text : std::string());
    table.add("smtp", 25);
    table.add("lmtp", 24);
    return table;
}

}  // namespace pmr::effects
