#include "core/postmulti/command_line.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace pmr::postmulti {
namespace {

using instance::Selection;
using Strings = std::vector<std::string>;

const std::string usage =
    "Usage:postmulti -l [-v] [-a] [-g group] [-i instance] | "
    "postmulti -p [-v] [-a] [-g group] [-i instance] command... | "
    "postmulti -x [-v] [-a] [-i name] [-g group] command... | "
    "postmulti -e action [-v] [-a] [-i name] [-g group] [-I name] [-G group] [param=value ...]";

const std::string invalid_action_tail =
    "'. Specify 'create', 'destroy', 'import', 'deport', 'enable', 'disable', 'assign' or 'init'";

/// The accepted request, or a test failure naming the refusal.
Request accepted(const Strings& arguments) {
    auto result = parse_command_line(arguments);
    if (auto* refusal = std::get_if<Refusal>(&result)) {
        ADD_FAILURE() << "refused: " << refusal->fatal;
        return {};
    }
    return std::get<Request>(result);
}

/// The refusal, or a test failure when the command line was accepted.
Refusal refused(const Strings& arguments, std::string_view program = "postmulti") {
    auto result = parse_command_line(arguments, program);
    if (auto* refusal = std::get_if<Refusal>(&result))
        return *refusal;
    ADD_FAILURE() << "accepted";
    return {};
}

/// The fatal message of a refusal that getopt did not comment on.
std::string fatal(const Strings& arguments) {
    const Refusal refusal = refused(arguments);
    EXPECT_EQ(refusal.getopt_messages, Strings{});
    return refusal.fatal;
}

// --- accepted command lines -------------------------------------------------------------------

TEST(ParseCommandLineTest, ListAloneHasNoSelectionAndNoFlags) {
    const Request r = accepted({"-l"});
    EXPECT_EQ(r.mode, Mode::list);
    EXPECT_EQ(r.selection, Selection{});
    EXPECT_FALSE(r.reverse);
    EXPECT_EQ(r.verbose, 0);
    EXPECT_EQ(r.new_name, std::nullopt);
    EXPECT_EQ(r.new_group, std::nullopt);
    EXPECT_TRUE(r.arguments.empty());
}

TEST(ParseCommandLineTest, PostfixModeTakesTheCommand) {
    const Request r = accepted({"-p", "status"});
    EXPECT_EQ(r.mode, Mode::postfix);
    EXPECT_EQ(r.arguments, Strings{"status"});
}

TEST(ParseCommandLineTest, ExecModeTakesTheCommandAndItsArguments) {
    const Request r = accepted({"-x", "postqueue", "-p"});
    EXPECT_EQ(r.mode, Mode::exec);
    EXPECT_EQ(r.arguments, (Strings{"postqueue", "-p"}));
}

TEST(ParseCommandLineTest, EditModeTakesTheActionNamesAndOverrides) {
    const Request r = accepted(
        {"-e", "create", "-I", "postfix-out", "-G", "mta", "queue_directory=/var/spool/out"});
    EXPECT_EQ(r.mode, Mode::edit);
    EXPECT_EQ(r.action, Action::create);
    EXPECT_EQ(r.new_name, "postfix-out");
    EXPECT_EQ(r.new_group, "mta");
    EXPECT_EQ(r.arguments, Strings{"queue_directory=/var/spool/out"});
}

TEST(ParseCommandLineTest, EveryActionIsRecognised) {
    const std::pair<const char*, Action> actions[] = {
        {"create", Action::create}, {"import", Action::import}, {"destroy", Action::destroy},
        {"deport", Action::deport}, {"enable", Action::enable}, {"disable", Action::disable},
        {"init", Action::init}};
    for (const auto& [word, action] : actions) {
        const Request r = accepted({"-e", word});
        EXPECT_EQ(r.action, action) << word;
    }
    EXPECT_EQ(accepted({"-e", "assign", "-I", "postfix-a"}).action, Action::assign);
}

TEST(ParseCommandLineTest, DashClearsTheNewNameAndGroup) {
    const Request r = accepted({"-i", "a", "-e", "assign", "-I", "-", "-G", "-"});
    EXPECT_EQ(r.new_name, "");
    EXPECT_EQ(r.new_group, "");
}

TEST(ParseCommandLineTest, SelectionOptions) {
    EXPECT_EQ(accepted({"-l", "-a"}).selection, Selection::all());
    EXPECT_EQ(accepted({"-l", "-g", "mta"}).selection, Selection::group("mta"));
    EXPECT_EQ(accepted({"-l", "-i", "out"}).selection, Selection::name("out"));
    EXPECT_EQ(accepted({"-l", "-i", "-"}).selection, Selection::name("-"));
}

TEST(ParseCommandLineTest, RepeatedAllCountsOnce) {
    EXPECT_EQ(accepted({"-a", "-l", "-a"}).selection, Selection::all());
}

TEST(ParseCommandLineTest, RepeatingTheSameModeCountsOnce) {
    EXPECT_EQ(accepted({"-l", "-l"}).mode, Mode::list);
    EXPECT_EQ(accepted({"-e", "init", "-e", "init"}).action, Action::init);
}

TEST(ParseCommandLineTest, VerboseCounts) {
    EXPECT_EQ(accepted({"-v", "-l", "-vv"}).verbose, 3);
}

TEST(ParseCommandLineTest, ReverseIsAToggle) {
    EXPECT_TRUE(accepted({"-l", "-R"}).reverse);
    EXPECT_FALSE(accepted({"-l", "-R", "-R"}).reverse);
    EXPECT_TRUE(accepted({"-x", "-RRR", "true"}).reverse);
}

TEST(ParseCommandLineTest, ReverseGivenTwiceIsAllowedWithPostfixAndEditModes) {
    EXPECT_FALSE(accepted({"-p", "-R", "-R", "stop"}).reverse);
    EXPECT_FALSE(accepted({"-RR", "-e", "init"}).reverse);
}

TEST(ParseCommandLineTest, OptionsAfterTheFirstOperandAreOperands) {
    const Request r = accepted({"-p", "status", "-v", "-i", "x"});
    EXPECT_EQ(r.arguments, (Strings{"status", "-v", "-i", "x"}));
    EXPECT_EQ(r.verbose, 0);
    EXPECT_EQ(r.selection, Selection{});
}

TEST(ParseCommandLineTest, NameAndGroupAfterOverridesAreOperands) {
    const Request r = accepted({"-e", "create", "config_directory=/x", "-I", "postfix-x"});
    EXPECT_EQ(r.new_name, std::nullopt);
    EXPECT_EQ(r.arguments, (Strings{"config_directory=/x", "-I", "postfix-x"}));
}

TEST(ParseCommandLineTest, DoubleDashEndsTheOptions) {
    const Request r = accepted({"-x", "--", "-l", "--"});
    EXPECT_EQ(r.mode, Mode::exec);
    EXPECT_EQ(r.arguments, (Strings{"-l", "--"}));
}

TEST(ParseCommandLineTest, LoneDashIsAnOperand) {
    EXPECT_EQ(accepted({"-x", "-", "-l"}).arguments, (Strings{"-", "-l"}));
}

TEST(ParseCommandLineTest, EmptyArgumentIsAnOperand) {
    EXPECT_EQ(accepted({"-x", "", "-l"}).arguments, (Strings{"", "-l"}));
}

TEST(ParseCommandLineTest, ClusteredFlags) {
    const Request r = accepted({"-lRav"});
    EXPECT_EQ(r.mode, Mode::list);
    EXPECT_TRUE(r.reverse);
    EXPECT_EQ(r.selection, Selection::all());
    EXPECT_EQ(r.verbose, 1);
}

TEST(ParseCommandLineTest, AttachedOptionValues) {
    EXPECT_EQ(accepted({"-l", "-ipostfix-a"}).selection, Selection::name("postfix-a"));
    EXPECT_EQ(accepted({"-lgmta"}).selection, Selection::group("mta"));
    const Request r = accepted({"-ecreate", "-Ipostfix-a", "-Gg"});
    EXPECT_EQ(r.action, Action::create);
    EXPECT_EQ(r.new_name, "postfix-a");
    EXPECT_EQ(r.new_group, "g");
}

TEST(ParseCommandLineTest, AttachedValueTakesTheRestOfTheCluster) {
    // `-iRv` selects an instance named "Rv"; it does not reverse or add verbosity.
    const Request r = accepted({"-l", "-iRv"});
    EXPECT_EQ(r.selection, Selection::name("Rv"));
    EXPECT_FALSE(r.reverse);
    EXPECT_EQ(r.verbose, 0);
}

TEST(ParseCommandLineTest, OptionValueMayLookLikeAnOption) {
    EXPECT_EQ(accepted({"-l", "-i", "-a"}).selection, Selection::name("-a"));
    EXPECT_EQ(accepted({"-l", "-g", "--"}).selection, Selection::group("--"));
}

// --- getopt's own refusals --------------------------------------------------------------------

TEST(ParseCommandLineTest, UnknownOptionIsGetoptsInvalidOptionThenUsage) {
    const Refusal r = refused({"-l", "-z"});
    EXPECT_EQ(r.getopt_messages, Strings{"invalid option -- 'z'"});
    EXPECT_EQ(r.fatal, usage);
}

TEST(ParseCommandLineTest, UnknownOptionInsideACluster) {
    const Refusal r = refused({"-lqR"});
    EXPECT_EQ(r.getopt_messages, Strings{"invalid option -- 'q'"});
    EXPECT_EQ(r.fatal, usage);
}

TEST(ParseCommandLineTest, LongOptionsAreUnknown) {
    const Refusal r = refused({"--list"});
    EXPECT_EQ(r.getopt_messages, Strings{"invalid option -- '-'"});
    EXPECT_EQ(r.fatal, usage);
}

TEST(ParseCommandLineTest, ColonAndPlusAreNotOptions) {
    EXPECT_EQ(refused({"-:"}).getopt_messages, Strings{"invalid option -- ':'"});
    EXPECT_EQ(refused({"-+"}).getopt_messages, Strings{"invalid option -- '+'"});
}

TEST(ParseCommandLineTest, MissingValueIsGetoptsRequiresAnArgumentThenUsage) {
    for (const char* option : {"-e", "-g", "-i", "-G", "-I"}) {
        const Refusal r = refused({"-l", option});
        EXPECT_EQ(r.getopt_messages,
                  Strings{"option requires an argument -- '" + std::string(1, option[1]) + "'"});
        EXPECT_EQ(r.fatal, usage);
    }
}

TEST(ParseCommandLineTest, UsageNamesTheProgram) {
    const Refusal r = refused({"-z"}, "pm");
    EXPECT_EQ(r.fatal,
              "Usage:pm -l [-v] [-a] [-g group] [-i instance] | "
              "pm -p [-v] [-a] [-g group] [-i instance] command... | "
              "pm -x [-v] [-a] [-i name] [-g group] command... | "
              "pm -e action [-v] [-a] [-i name] [-g group] [-I name] [-G group] [param=value ...]");
}

RC_GTEST_PROP(ParseCommandLineTest, EverythingFromTheFirstOperandOnIsKeptVerbatim, ()) {
    const auto word =
        rc::gen::container<std::string>(rc::gen::elementOf(std::string("-aeglpxRvIGi=/ z")));
    const std::string first =
        *rc::gen::suchThat(word, [](const std::string& w) { return w.size() < 2 || w[0] != '-'; });
    const auto rest = *rc::gen::container<Strings>(word);
    Strings operands{first};
    operands.insert(operands.end(), rest.begin(), rest.end());
    Strings arguments{"-x"};
    arguments.insert(arguments.end(), operands.begin(), operands.end());
    const auto parsed = parse_command_line(arguments);
    RC_ASSERT(std::holds_alternative<Request>(parsed));
    RC_ASSERT(std::get<Request>(parsed).arguments == operands);
    RC_ASSERT(std::get<Request>(parsed).mode == Mode::exec);
}

TEST(ParseCommandLineTest, UnknownOptionAfterTheFirstOperandIsAnOperand) {
    EXPECT_EQ(accepted({"-x", "ls", "-z"}).arguments, (Strings{"ls", "-z"}));
}

// --- refusals while the options are read, in the order they appear ----------------------------

TEST(ParseCommandLineTest, InvalidEditAction) {
    EXPECT_EQ(fatal({"-e", "remove"}), "Invalid '-e' edit action 'remove" + invalid_action_tail);
}

TEST(ParseCommandLineTest, EditActionsAreCaseSensitive) {
    EXPECT_EQ(fatal({"-e", "Create"}), "Invalid '-e' edit action 'Create" + invalid_action_tail);
}

TEST(ParseCommandLineTest, EmptyEditAction) {
    EXPECT_EQ(fatal({"-e", ""}), "Invalid '-e' edit action '" + invalid_action_tail);
}

TEST(ParseCommandLineTest, SecondNewNameIsRefused) {
    EXPECT_EQ(fatal({"-e", "create", "-I", "postfix-a", "-I", "postfix-b"}),
              "Specify at most one '-I' option");
    EXPECT_EQ(fatal({"-e", "create", "-I", "-", "-I", "-"}), "Specify at most one '-I' option");
}

TEST(ParseCommandLineTest, SecondNewGroupIsRefused) {
    EXPECT_EQ(fatal({"-e", "create", "-G", "a", "-G", "a"}), "Specify at most one '-G' option");
}

TEST(ParseCommandLineTest, OptionRefusalsComeBeforeTheConsistencyChecks) {
    // Both would also fail "Specity no more than one" and "Specify exactly one".
    EXPECT_EQ(fatal({"-a", "-g", "x", "-l", "-p", "-e", "bogus"}),
              "Invalid '-e' edit action 'bogus" + invalid_action_tail);
    EXPECT_EQ(fatal({"-a", "-g", "x", "-I", "a", "-I", "b"}), "Specify at most one '-I' option");
}

TEST(ParseCommandLineTest, FirstOptionRefusalWins) {
    EXPECT_EQ(fatal({"-I", "a", "-I", "b", "-e", "bogus"}), "Specify at most one '-I' option");
    EXPECT_EQ(fatal({"-e", "bogus", "-I", "a", "-I", "b"}),
              "Invalid '-e' edit action 'bogus" + invalid_action_tail);
    EXPECT_EQ(fatal({"-I", "a", "-I", "b", "-z"}), "Specify at most one '-I' option");
    const Refusal r = refused({"-z", "-I", "a", "-I", "b"});
    EXPECT_EQ(r.getopt_messages, Strings{"invalid option -- 'z'"});
    EXPECT_EQ(r.fatal, usage);
}

// --- consistency checks, in postmulti's order ---------------------------------------------------

TEST(ParseCommandLineTest, TwoSelectionsUseThePostfixTypo) {
    EXPECT_EQ(fatal({"-l", "-a", "-g", "x"}), "Specity no more than one of '-a', '-g', '-i'");
    EXPECT_EQ(fatal({"-l", "-g", "x", "-a"}), "Specity no more than one of '-a', '-g', '-i'");
    EXPECT_EQ(fatal({"-l", "-i", "x", "-i", "x"}), "Specity no more than one of '-a', '-g', '-i'");
    EXPECT_EQ(fatal({"-l", "-g", "x", "-g", "y"}), "Specity no more than one of '-a', '-g', '-i'");
}

TEST(ParseCommandLineTest, TwoSelectionsComeBeforeEverythingElse) {
    EXPECT_EQ(fatal({"-a", "-i", "x"}), "Specity no more than one of '-a', '-g', '-i'");
    EXPECT_EQ(fatal({"-a", "-i", "x", "-l", "-p", "-R", "-I", "y", "cmd"}),
              "Specity no more than one of '-a', '-g', '-i'");
}

TEST(ParseCommandLineTest, NoModeIsRefused) {
    EXPECT_EQ(fatal({}), "Specify exactly one of '-e', '-l', '-p', '-x'");
    EXPECT_EQ(fatal({"-a", "-v"}), "Specify exactly one of '-e', '-l', '-p', '-x'");
    EXPECT_EQ(fatal({"status"}), "Specify exactly one of '-e', '-l', '-p', '-x'");
    EXPECT_EQ(fatal({"-", "-l"}), "Specify exactly one of '-e', '-l', '-p', '-x'");
}

TEST(ParseCommandLineTest, TwoModesAreRefused) {
    EXPECT_EQ(fatal({"-l", "-p"}), "Specify exactly one of '-e', '-l', '-p', '-x'");
    EXPECT_EQ(fatal({"-l", "-x", "-l", "true"}), "Specify exactly one of '-e', '-l', '-p', '-x'");
    EXPECT_EQ(fatal({"-e", "create", "-e", "init"}),
              "Specify exactly one of '-e', '-l', '-p', '-x'");
    EXPECT_EQ(fatal({"-p", "-e", "init", "status"}),
              "Specify exactly one of '-e', '-l', '-p', '-x'");
}

TEST(ParseCommandLineTest, TwoModesComeBeforeTheModeSpecificChecks) {
    EXPECT_EQ(fatal({"-l", "-p", "-R", "-I", "x", "cmd"}),
              "Specify exactly one of '-e', '-l', '-p', '-x'");
}

TEST(ParseCommandLineTest, ListRefusesACommand) {
    EXPECT_EQ(fatal({"-l", "status"}), "Command not allowed with '-l'");
    EXPECT_EQ(fatal({"-l", "--", "-a"}), "Command not allowed with '-l'");
}

TEST(ParseCommandLineTest, ListCommandComesBeforeNameAssignment) {
    EXPECT_EQ(fatal({"-l", "-I", "x", "cmd"}), "Command not allowed with '-l'");
}

TEST(ParseCommandLineTest, PostfixAndExecModesNeedACommand) {
    EXPECT_EQ(fatal({"-p"}), "Command required with '-p' or '-x' option");
    EXPECT_EQ(fatal({"-x"}), "Command required with '-p' or '-x' option");
    EXPECT_EQ(fatal({"-x", "--"}), "Command required with '-p' or '-x' option");
}

TEST(ParseCommandLineTest, MissingCommandComesBeforeReverse) {
    EXPECT_EQ(fatal({"-p", "-R"}), "Command required with '-p' or '-x' option");
}

TEST(ParseCommandLineTest, PostfixAndEditModesRefuseReverse) {
    EXPECT_EQ(fatal({"-p", "-R", "stop"}), "The '-p' and '-e' options preclude the use of '-R'");
    EXPECT_EQ(fatal({"-R", "-e", "init"}), "The '-p' and '-e' options preclude the use of '-R'");
    EXPECT_EQ(fatal({"-RRR", "-e", "enable", "-i", "a"}),
              "The '-p' and '-e' options preclude the use of '-R'");
}

TEST(ParseCommandLineTest, ReverseComesBeforeNameAssignmentAndOverrides) {
    EXPECT_EQ(fatal({"-R", "-e", "init", "-I", "x", "a=b"}),
              "The '-p' and '-e' options preclude the use of '-R'");
    EXPECT_EQ(fatal({"-R", "-p", "-I", "x", "status"}),
              "The '-p' and '-e' options preclude the use of '-R'");
}

TEST(ParseCommandLineTest, NameAssignmentOutsideEditMode) {
    EXPECT_EQ(fatal({"-l", "-I", "postfix-a"}),
              "Cannot assign instance name or group without '-e assign'");
    EXPECT_EQ(fatal({"-p", "-G", "g", "status"}),
              "Cannot assign instance name or group without '-e assign'");
    EXPECT_EQ(fatal({"-x", "-I", "-", "true"}),
              "Cannot assign instance name or group without '-e assign'");
}

TEST(ParseCommandLineTest, NameAssignmentWithActionsThatDoNotTakeIt) {
    for (const char* action : {"destroy", "deport", "enable", "disable", "init"}) {
        EXPECT_EQ(fatal({"-e", action, "-i", "a", "-I", "postfix-b"}),
                  "Cannot assign instance name or group with '-e " + std::string(action) + "'");
        EXPECT_EQ(fatal({"-e", action, "-i", "a", "-G", "-"}),
                  "Cannot assign instance name or group with '-e " + std::string(action) + "'");
    }
}

TEST(ParseCommandLineTest, NameAssignmentComesBeforeOverrides) {
    EXPECT_EQ(fatal({"-e", "enable", "-I", "postfix-b", "a=b"}),
              "Cannot assign instance name or group with '-e enable'");
}

TEST(ParseCommandLineTest, CreateImportAndAssignTakeNames) {
    EXPECT_EQ(accepted({"-e", "create", "-I", "postfix-a", "-G", "g"}).new_group, "g");
    EXPECT_EQ(accepted({"-e", "import", "-I", "postfix-a", "-G", "g"}).new_group, "g");
    EXPECT_EQ(accepted({"-e", "assign", "-I", "postfix-a", "-G", "g"}).new_group, "g");
}

TEST(ParseCommandLineTest, AssignNeedsANameOrGroup) {
    EXPECT_EQ(fatal({"-i", "a", "-e", "assign"}),
              "Specify new instance name or group with '-e assign'");
}

TEST(ParseCommandLineTest, AssignWithoutNamesComesBeforeOverrides) {
    EXPECT_EQ(fatal({"-e", "assign", "a=b"}),
              "Specify new instance name or group with '-e assign'");
}

TEST(ParseCommandLineTest, AssignAcceptsAGroupAlone) {
    const Request r = accepted({"-i", "a", "-e", "assign", "-G", "g"});
    EXPECT_EQ(r.new_name, std::nullopt);
    EXPECT_EQ(r.new_group, "g");
}

TEST(ParseCommandLineTest, OverridesOnlyWithCreateAndImport) {
    for (const char* action : {"destroy", "deport", "enable", "disable", "init"}) {
        EXPECT_EQ(fatal({"-e", action, "config_directory=/x"}),
                  "Parameter overrides not valid with '-e " + std::string(action) + "'");
    }
    EXPECT_EQ(fatal({"-e", "assign", "-G", "g", "x"}),
              "Parameter overrides not valid with '-e assign'");
}

TEST(ParseCommandLineTest, OverridesAreNotCheckedHere) {
    // Their syntax is the planner's business (assign_new_parameter()).
    EXPECT_EQ(accepted({"-e", "create", "junk"}).arguments, Strings{"junk"});
    EXPECT_EQ(accepted({"-e", "import", "queue_directory=/q"}).arguments,
              Strings{"queue_directory=/q"});
}

TEST(ParseCommandLineTest, EditModeNeedsNoSelection) {
    EXPECT_EQ(accepted({"-e", "enable"}).selection, Selection{});
}

}  // namespace
}  // namespace pmr::postmulti
