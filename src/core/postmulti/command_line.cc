#include "core/postmulti/command_line.h"

#include <optional>

#include "core/postmulti/directory_operands.h"
#include "core/support/expected.h"

namespace pmr::postmulti {

namespace {

using instance::Selection;

/// The options getopt knows, and whether each takes an argument ("ae:g:i:G:I:lpRvx").
bool takes_argument(char option) {
    return option == 'e' || option == 'g' || option == 'i' || option == 'G' || option == 'I';
}
bool is_option(char option) {
    return std::string_view("aegiGIlpRvx").find(option) != std::string_view::npos;
}

std::string usage(std::string_view p) {
    const std::string n(p);
    return "Usage:" + n + " -l [-v] [-a] [-g group] [-i instance] | " + n +
           " -p [-v] [-a] [-g group] [-i instance] command... | " + n +
           " -x [-v] [-a] [-i name] [-g group] command... | " + n +
           " -e action [-v] [-a] [-i name] [-g group] [-I name] [-G group] [param=value ...]";
}

/// The state of postmulti's main() while it walks the options.
class Parser {
  public:
    explicit Parser(std::string_view program) : program_(program) {}

    std::variant<Request, Refusal> run(const std::vector<std::string>& args) {
        std::size_t index = 0;
        for (; index < args.size(); ++index) {
            const std::string& arg = args[index];
            if (arg == "--") {
                ++index;
                break;
            }
            if (arg.size() < 2 || arg[0] != '-')
                break;  // "+": stop at the first operand
            for (std::size_t pos = 1; pos < arg.size(); ++pos) {
                const char option = arg[pos];
                if (!is_option(option)) {
                    refusal_.getopt_messages.push_back("invalid option -- '" +
                                                       std::string(1, option) + "'");
                    return refuse(usage(program_));
                }
                std::string value;
                if (takes_argument(option)) {
                    if (pos + 1 < arg.size()) {
                        value = arg.substr(pos + 1);
                    } else if (index + 1 < args.size()) {
                        value = args[++index];
                    } else {
                        refusal_.getopt_messages.push_back("option requires an argument -- '" +
                                                           std::string(1, option) + "'");
                        return refuse(usage(program_));
                    }
                    pos = arg.size();
                }
                if (const Status applied = apply(option, value); !applied)
                    return refuse(applied.error());
            }
        }
        request_.arguments.assign(args.begin() + static_cast<std::ptrdiff_t>(index), args.end());
        if (const Status checked = check(); !checked)
            return refuse(checked.error());
        if (request_.mode == Mode::edit)
            request_.new_directories = read_directory_operands(request_.action, request_.arguments);
        return request_;
    }

  private:
    /// Applies one option; fails with the fatal message of the options Postfix refuses at once.
    Status apply(char option, const std::string& value) {
        switch (option) {
            case 'a':
                if (request_.selection.kind != Selection::Kind::all)
                    ++selections_;
                request_.selection = Selection::all();
                break;
            case 'e': {
                const auto action = action_from_name(value);
                if (!action) {
                    return Status::failure(
                        "Invalid '-e' edit action '" + value +
                        "'. Specify 'create', 'destroy', 'import', 'deport', 'enable', "
                        "'disable', 'assign' or 'init'");
                }
                set_mode(Mode::edit, *action);
                break;
            }
            case 'g':
                ++selections_;
                request_.selection = Selection::group(value);
                break;
            case 'i':
                ++selections_;
                request_.selection = Selection::name(value);
                break;
            case 'G':
                if (request_.new_group)
                    return Status::failure("Specify at most one '-G' option");
                request_.new_group = value == "-" ? "" : value;
                break;
            case 'I':
                if (request_.new_name)
                    return Status::failure("Specify at most one '-I' option");
                request_.new_name = value == "-" ? "" : value;
                break;
            case 'l':
                set_mode(Mode::list, {});
                break;
            case 'p':
                set_mode(Mode::postfix, {});
                break;
            case 'R':
                request_.reverse = !request_.reverse;
                break;
            case 'v':
                ++request_.verbose;
                break;
            case 'x':
                set_mode(Mode::exec, {});
                break;
        }
        return ok_status();
    }

    /// Postfix counts a mode change only when the mode (or edit action) differs from the last.
    void set_mode(Mode mode, std::optional<Action> action) {
        const bool same =
            request_.mode == mode && (mode != Mode::edit || request_.action == action);
        if (!same)
            ++modes_;
        request_.mode = mode;
        if (action)
            request_.action = *action;
    }

    Status check() const {
        const Request& r = request_;
        const bool operands = !r.arguments.empty();
        const bool edit = r.mode == Mode::edit;
        if (selections_ > 1)
            return Status::failure("Specity no more than one of '-a', '-g', '-i'");
        if (modes_ != 1)
            return Status::failure("Specify exactly one of '-e', '-l', '-p', '-x'");
        if (r.mode == Mode::list && operands)
            return Status::failure("Command not allowed with '-l'");
        if ((r.mode == Mode::postfix || r.mode == Mode::exec) && !operands) {
            return Status::failure("Command required with '-p' or '-x' option");
        }
        if ((r.mode == Mode::postfix || edit) && r.reverse) {
            return Status::failure("The '-p' and '-e' options preclude the use of '-R'");
        }
        const bool may_assign = edit && (r.action == Action::create || r.action == Action::import ||
                                         r.action == Action::assign);
        if (!may_assign && (r.new_name || r.new_group)) {
            if (!edit)
                return Status::failure("Cannot assign instance name or group without '-e assign'");
            return Status::failure("Cannot assign instance name or group with '-e " +
                                   std::string(action_name(r.action)) + "'");
        }
        if (edit) {
            if (r.action == Action::assign && !r.new_name && !r.new_group) {
                return Status::failure("Specify new instance name or group with '-e assign'");
            }
            if (r.action != Action::create && r.action != Action::import && operands) {
                return Status::failure("Parameter overrides not valid with '-e " +
                                       std::string(action_name(r.action)) + "'");
            }
        }
        return ok_status();
    }

    std::variant<Request, Refusal> refuse(std::string fatal) {
        refusal_.fatal = std::move(fatal);
        return std::move(refusal_);
    }

    std::string_view program_;
    Request request_;
    Refusal refusal_;
    int selections_ = 0;
    int modes_ = 0;
};

}  // namespace

std::variant<Request, Refusal> parse_command_line(const std::vector<std::string>& arguments,
                                                  std::string_view program) {
    return Parser(program).run(arguments);
}

}  // namespace pmr::postmulti
