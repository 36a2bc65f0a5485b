#include "core/postmulti/directory_operands.h"

#include "core/maincf/line_scanner.h"

namespace pmr::postmulti {

namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && maincf::is_postfix_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && maincf::is_postfix_space(s.back()))
        s.remove_suffix(1);
    return std::string(s);
}

/// The field of `directories` that the operand `name` sets for `action`, or nullptr.
std::optional<std::string>* field_for(NewDirectories& directories, std::string_view name,
                                      Action action) {
    const bool importing = action == Action::import;
    if (name == "config_directory")
        return &directories.config_directory;
    if (!importing && name == "queue_directory")
        return &directories.queue_directory;
    if (!importing && name == "data_directory")
        return &directories.data_directory;
    return nullptr;
}

/// Reads one operand into `directories`; returns postmulti's refusal of it, or "".
std::string read_operand(NewDirectories& directories, const std::string& operand, Action action) {
    const std::size_t equals = operand.find('=');
    const std::string name = equals == std::string::npos ? "" : trim(operand.substr(0, equals));
    if (name.empty() || name.find_first_of(" \t\r\n\v\f") != std::string::npos)
        return "Malformed parameter setting '" + operand + "'";
    std::optional<std::string>* field = field_for(directories, name, action);
    if (field == nullptr)
        return "Parameter '" + name + "' not valid with action " + std::string(action_name(action));
    std::string value = trim(operand.substr(equals + 1));
    if (!value.starts_with('/'))
        return "Parameter setting '" + name + "' is not an absolute path";
    while (value.size() > 1 && value.back() == '/')
        value.pop_back();  // readline's slash
    if (value == "/")
        return "Parameter setting '" + name + "' is the root directory";
    *field = std::move(value);
    return {};
}

}  // namespace

NewDirectories read_directory_operands(Action action, const std::vector<std::string>& operands) {
    NewDirectories directories;
    for (const std::string& operand : operands) {
        if (std::string refusal = read_operand(directories, operand, action); !refusal.empty()) {
            directories.refusal = std::move(refusal);
            break;
        }
    }
    return directories;
}

}  // namespace pmr::postmulti
