#include "core/postmulti/edit_steps.h"

#include <algorithm>

#include "core/maincf/configuration.h"

namespace pmr::postmulti::steps {

namespace {

constexpr std::string_view safe_punctuation = "!@%-_=+:./";

bool is_safe_name(std::string_view name) {
    if (name.empty())
        return false;
    return std::ranges::all_of(name, [](char c) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return alnum || safe_punctuation.find(c) != std::string_view::npos;
    });
}

}  // namespace

std::optional<Fatal> check_name_assignments(const Request& request) {
    if (request.new_name && !request.new_name->empty()) {
        const std::string& name = *request.new_name;
        if (!is_safe_name(name)) {
            return postmulti_fatal("Unsafe characters in new instance name: '" + name + "'");
        }
        if (name.find('/') != std::string::npos) {
            return postmulti_fatal("Illegal '/' character in new instance name: '" + name + "'");
        }
        if (!name.starts_with(instance::name_prefix)) {
            return postmulti_fatal("New instance name must start with 'postfix-'");
        }
    }
    if (request.new_group && !request.new_group->empty() && !is_safe_name(*request.new_group)) {
        return postmulti_fatal("Unsafe characters in '-G " + *request.new_group + "'");
    }
    return std::nullopt;
}

std::optional<Fatal> check_initialised(const instance::HostState& state) {
    if (state.multi_instance_wrapper.empty()) {
        return script_fatal("multi_instance_wrapper is empty, run 'postmulti -e init' first.");
    }
    if (state.multi_instance_enable != "yes") {
        return script_fatal("multi_instance_enable!=yes, run 'postmulti -e init' first.");
    }
    return std::nullopt;
}

std::vector<maincf::Edit> name_assignments(const Request& request, const std::string& current_name,
                                           const std::string& current_group) {
    std::vector<maincf::Edit> edits;
    if (request.new_name && *request.new_name != current_name) {
        edits.push_back(set("multi_instance_name", *request.new_name));
    }
    if (request.new_group && *request.new_group != current_group) {
        edits.push_back(set("multi_instance_group", *request.new_group));
    }
    return edits;
}

std::string secondaries_list(const instance::HostState& state, std::string_view inserted,
                             std::size_t position, const instance::Instance* dropped) {
    std::string list;
    std::size_t size = inserted.size() + 1;
    for (const instance::Instance& i : state.instances)
        size += i.config_directory.size() + 1;
    list.reserve(size);  // one allocation: a plan adding 1,000 instances makes 1,000 lists
    auto append = [&](std::string_view directory) {
        if (!list.empty())
            list += ' ';
        list += directory;
    };
    for (std::size_t i = 1; i < state.instances.size(); ++i) {
        if (!inserted.empty() && i - 1 == position)
            append(inserted);
        // A directory listed twice is loaded as two instances; postmulti drops only the one it
        // selected.
        if (&state.instances[i] != dropped)
            append(state.instances[i].config_directory);
    }
    if (!inserted.empty() && position + 1 >= state.instances.size())
        append(inserted);
    return list;
}

maincf::Edit directories_edit(const instance::HostState& state, const std::string& inserted,
                              std::size_t position) {
    constexpr const char* parameter = "multi_instance_directories";
    // A directory with a list separator in it would be more than one element.
    const bool one_element = inserted.find_first_of(" \t\r\n\v\f,") == std::string::npos;
    if (state.directories_listed_plainly && one_element && position + 1 >= state.instances.size()) {
        return maincf::Edit{maincf::EditKind::append_to_list, parameter, inserted};
    }
    return set(parameter, secondaries_list(state, inserted, position, nullptr));
}

lifecycle::Operation update_config_directories(const EditContext& context, maincf::Edit directories,
                                               const std::string& directory, Alternate alternate) {
    std::vector<maincf::Edit> edits{std::move(directories)};

    // The script reads the raw value (`postconf -h`) and splits it on white space and commas.
    const maincf::Configuration primary(context.primary_main_cf, context.defaults);
    const auto alternates =
        instance::split_list(primary.raw_value("alternate_config_directories").value_or(""));
    std::string keep;
    bool found = false;
    for (const std::string& d : alternates) {
        if (d == directory) {
            found = true;
        } else {
            keep += " " + d;
        }
    }
    const bool add = alternate == Alternate::add;
    if (add && !found)
        edits.push_back(set("alternate_config_directories", keep + " " + directory));
    if (!add && found)
        edits.push_back(set("alternate_config_directories", keep));
    return lifecycle::EditMainCf{context.state.primary().config_directory + "/main.cf",
                                 std::move(edits)};
}

}  // namespace pmr::postmulti::steps
