#include "core/lifecycle/operation.h"

namespace pmr::lifecycle {

namespace {

std::string describe_edit(const maincf::Edit& edit) {
    switch (edit.kind) {
        case maincf::EditKind::set:
            return edit.name + " = " + edit.value;
        case maincf::EditKind::remove:
            return "remove " + edit.name;
        case maincf::EditKind::comment_out:
            return "comment out " + edit.name;
        case maincf::EditKind::append_to_list:
            return "append " + edit.value + " to " + edit.name;
    }
    return edit.name;
}

/// The postconf option that makes a master.cf edit, without its dash (`Me`, `MX`, ...).
std::string mode_flag(const mastercf::Edit& edit) {
    switch (mastercf::mode_of(edit)) {
        case mastercf::EditMode::set_service:
            return "Me";
        case mastercf::EditMode::remove_service:
            return "MX";
        case mastercf::EditMode::comment_out_service:
            return "M#";
        case mastercf::EditMode::set_field:
            return "Fe";
        case mastercf::EditMode::set_parameter:
            return "Pe";
        case mastercf::EditMode::remove_parameter:
            return "PX";
    }
    return "?";
}

struct Describer {
    std::string operator()(const EditMainCf& op) const {
        std::string text = "edit " + op.path + ":";
        for (std::size_t i = 0; i < op.edits.size(); ++i) {
            text += (i == 0 ? " " : ", ") + describe_edit(op.edits[i]);
        }
        return text;
    }
    std::string operator()(const EditMasterCf& op) const {
        std::string text = "edit " + op.path + ":";
        for (std::size_t i = 0; i < op.edits.size(); ++i) {
            text += (i == 0 ? " postconf -" : ", postconf -") + mode_flag(op.edits[i]) + " " +
                    mastercf::request_text(op.edits[i]);
        }
        return text;
    }
    std::string operator()(const CreateDirectories& op) const {
        return "create directory " + op.path;
    }
    std::string operator()(const InstallFile& op) const { return "install " + op.path; }
    std::string operator()(const BuildQueueTree& op) const {
        return "set permissions of the instance in " + op.config_directory;
    }
    std::string operator()(const RequireStopped& op) const {
        return "check that the instance in " + op.config_directory + " is stopped";
    }
    std::string operator()(const RemoveQueueTree& op) const {
        return "remove queue directory " + op.queue_directory + " and data directory " +
               op.data_directory;
    }
    std::string operator()(const RemoveFile& op) const { return "remove " + op.path; }
    std::string operator()(const RemoveDirectory& op) const {
        return "remove directory " + op.path;
    }
    std::string operator()(const RunPostfix& op) const {
        return "postfix -c " + op.config_directory + " " + std::string(to_string(op.command));
    }
    std::string operator()(const RequireEmptyQueue& op) const {
        return "check that the queue of " + op.config_directory + " is empty";
    }
};

}  // namespace

std::string_view to_string(PostfixCommand command) {
    switch (command) {
        case PostfixCommand::stop:
            return "stop";
        case PostfixCommand::reload:
            return "reload";
        case PostfixCommand::start:
            return "start";
    }
    return "stop";
}

std::optional<PostfixCommand> postfix_command_named(std::string_view word) {
    for (const PostfixCommand command :
         {PostfixCommand::stop, PostfixCommand::reload, PostfixCommand::start}) {
        if (to_string(command) == word)
            return command;
    }
    return std::nullopt;
}

std::string describe(const Operation& operation) {
    return std::visit(Describer{}, operation);
}

}  // namespace pmr::lifecycle
