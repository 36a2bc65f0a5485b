#include "effects/real_host_view.h"

#include <sys/stat.h>

#include "effects/read_file.h"

namespace pmr::effects {

bool RealHostView::is_regular_file(const std::string& path) const {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::optional<std::string> RealHostView::read_file(const std::string& path) const {
    auto text = effects::read_file(path, Symlinks::follow);
    if (!text)
        return std::nullopt;
    return std::move(text).value();
}

}  // namespace pmr::effects
