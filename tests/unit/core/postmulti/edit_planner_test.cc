#include "core/postmulti/edit_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/postmulti/command_line.h"

namespace pmr::postmulti {
namespace {

using maincf::MainCf;
using maincf::ParameterDefaults;
using Strings = std::vector<std::string>;

/// A host's files in memory; records every question asked about them.
class FakeHost final : public lifecycle::HostView {
  public:
    std::map<std::string, std::string> files;  ///< path -> content
    std::set<std::string> not_regular;         ///< readable paths that `test -f` rejects
    mutable Strings questions;                 ///< `test -f PATH` / `read PATH`, in order

    bool is_regular_file(const std::string& path) const override {
        questions.push_back("test -f " + path);
        return files.contains(path) && !not_regular.contains(path);
    }
    std::optional<std::string> read_file(const std::string& path) const override {
        questions.push_back("read " + path);
        auto it = files.find(path);
        if (it == files.end())
            return std::nullopt;
        return it->second;
    }

    [[nodiscard]] bool asked(const std::string& question) const {
        return std::ranges::find(questions, question) != questions.end();
    }
    [[nodiscard]] bool read_anything_under(const std::string& prefix) const {
        return std::ranges::any_of(questions, [&](const std::string& q) {
            return q.find(" " + prefix) != std::string::npos;
        });
    }
};

std::string trim(std::string s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.erase(s.begin());
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.pop_back();
    return s;
}

std::string octal(unsigned mode) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04o", mode);
    return buffer;
}

/// One line per operation, every field shown. Values of main.cf edits are trimmed, as postconf
/// trims them; installed file contents are checked separately.
std::string render(const lifecycle::Operation& operation) {
    return std::visit(
        [](const auto& op) -> std::string {
            using T = std::decay_t<decltype(op)>;
            if constexpr (std::is_same_v<T, lifecycle::EditMainCf>) {
                std::string text = "edit " + op.path + ":";
                for (const maincf::Edit& e : op.edits) {
                    switch (e.kind) {
                        case maincf::EditKind::set:
                            text += " [" + e.name + " = " + trim(e.value) + "]";
                            break;
                        case maincf::EditKind::remove:
                            text += " [-X " + e.name + "]";
                            break;
                        case maincf::EditKind::comment_out:
                            text += " [-# " + e.name + "]";
                            break;
                        case maincf::EditKind::append_to_list:
                            text += " [" + e.name + " += " + trim(e.value) + "]";
                            break;
                    }
                }
                return text;
            } else if constexpr (std::is_same_v<T, lifecycle::CreateDirectories>) {
                return "mkdir -p " + op.path + " " + octal(op.mode);
            } else if constexpr (std::is_same_v<T, lifecycle::InstallFile>) {
                return "install " + op.path + " " + octal(op.mode);
            } else if constexpr (std::is_same_v<T, lifecycle::BuildQueueTree>) {
                return "set-permissions " + op.config_directory;
            } else if constexpr (std::is_same_v<T, lifecycle::RequireStopped>) {
                return "require-stopped " + op.config_directory + " (" + op.queue_directory + ")";
            } else if constexpr (std::is_same_v<T, lifecycle::RemoveQueueTree>) {
                return "remove-queue-tree " + op.queue_directory + " " + op.data_directory;
            } else if constexpr (std::is_same_v<T, lifecycle::RemoveFile>) {
                return "rm " + op.path;
            } else if constexpr (std::is_same_v<T, lifecycle::RemoveDirectory>) {
                return "rmdir " + op.path;
            } else {
                return "other: " + lifecycle::describe(op);
            }
        },
        operation);
}

Strings render(const EditPlan& plan) {
    Strings lines;
    for (const lifecycle::Operation& op : plan.operations)
        lines.push_back(render(op));
    return lines;
}

/// The content of the file a plan installs at `path`, or "" when it installs none there.
std::string installed(const EditPlan& plan, const std::string& path) {
    for (const lifecycle::Operation& op : plan.operations) {
        if (const auto* file = std::get_if<lifecycle::InstallFile>(&op);
            file && file->path == path) {
            return file->content.str();
        }
    }
    return "";
}

const std::string initialised =
    "multi_instance_wrapper = ${command_directory}/postmulti -p --\n"
    "multi_instance_enable = yes\n";

/// A secondary's main.cf: name postfix-SUFFIX, its own queue and data directories.
std::string secondary_cf(const std::string& suffix, const std::string& extra = "") {
    return "queue_directory = /var/spool/postfix-" + suffix +
           "\ndata_directory = /var/lib/postfix-" + suffix + "\nmulti_instance_name = postfix-" +
           suffix + "\n" + extra;
}

const std::string main_proto =
    "# Stock main.cf\n"
    "queue_directory = /var/spool/postfix\n"
    "command_directory = /usr/sbin\n"
    "daemon_directory = /usr/lib/postfix/sbin\n"
    "data_directory = /var/lib/postfix\n"
    "mail_owner = postfix\n"
    "#inet_interfaces = all\n";

const std::string master_proto = "smtp inet n - y - - smtpd\n";

/// A host: the primary's main.cf, the secondaries' (also present as files with a master.cf),
/// the prototypes in /etc/postfix, and any other files. Plans one command line.
class Host {
  public:
    explicit Host(std::string primary_text = initialised) : primary_text_(std::move(primary_text)) {
        fake.files["/etc/postfix/main.cf.proto"] = main_proto;
        fake.files["/etc/postfix/master.cf.proto"] = master_proto;
    }

    /// Adds a secondary's files; list it in the primary's multi_instance_directories yourself.
    Host& secondary(const std::string& dir, const std::string& main_cf) {
        secondaries_[dir] = main_cf;
        fake.files[dir + "/main.cf"] = main_cf;
        fake.files[dir + "/master.cf"] = master_proto;
        return *this;
    }

    EditPlan plan(const Strings& arguments) {
        primary_ = MainCf::parse(primary_text_, "/etc/postfix/main.cf");
        instance::HostFiles files{primary_, {}, {}};
        for (const auto& [dir, text] : secondaries_) {
            files.secondaries.emplace(dir, MainCf::parse(text, dir + "/main.cf"));
        }
        Diagnostics problems;
        state_ = instance::build_host_state(files, "/etc/postfix", ParameterDefaults::builtin(),
                                            problems);
        if (!state_) {
            ADD_FAILURE() << "host state: " << problems.front().to_postfix_string();
            return {};
        }
        auto parsed = parse_command_line(arguments);
        if (auto* refusal = std::get_if<Refusal>(&parsed)) {
            ADD_FAILURE() << "command line refused: " << refusal->fatal;
            return {};
        }
        fake.questions.clear();
        const EditContext context{*state_, primary_, ParameterDefaults::builtin(), fake};
        return plan_edit(context, std::get<Request>(parsed));
    }

    FakeHost fake;

  private:
    std::string primary_text_;
    std::map<std::string, std::string> secondaries_;
    MainCf primary_;
    std::optional<instance::HostState> state_;
};

/// A host with secondaries a (group g1), b (group g2) and c (unnamed), all disabled.
Host three_secondaries(const std::string& extra_primary = "") {
    Host host(initialised +
              "multi_instance_directories = /etc/postfix-a /etc/postfix-b /etc/postfix-c\n" +
              extra_primary);
    host.secondary("/etc/postfix-a", secondary_cf("a", "multi_instance_group = g1\n"));
    host.secondary("/etc/postfix-b", secondary_cf("b", "multi_instance_group = g2\n"));
    host.secondary("/etc/postfix-c",
                   "queue_directory = /var/spool/postfix-c\ndata_directory = /var/lib/postfix-c\n");
    return host;
}

void expect_postmulti_fatal(const EditPlan& plan, const std::string& message) {
    ASSERT_TRUE(plan.fatal) << "no fatal; operations: " << ::testing::PrintToString(render(plan));
    EXPECT_EQ(plan.fatal->source, MessageSource::postmulti) << plan.fatal->message;
    EXPECT_EQ(plan.fatal->message, message);
    EXPECT_TRUE(plan.operations.empty());
}

void expect_script_fatal(const EditPlan& plan, const std::string& message) {
    ASSERT_TRUE(plan.fatal) << "no fatal; operations: " << ::testing::PrintToString(render(plan));
    EXPECT_EQ(plan.fatal->source, MessageSource::script) << plan.fatal->message;
    EXPECT_EQ(plan.fatal->message, message);
    EXPECT_TRUE(plan.operations.empty());
}

void expect_ok(const EditPlan& plan) {
    EXPECT_FALSE(plan.fatal) << plan.fatal->message;
}

/// What postconf says while postmulti reads an instance: `warning: TEXT` / `fatal: TEXT`.
Strings postconf_messages(const EditPlan& plan) {
    Strings lines;
    for (const Diagnostic& d : plan.postconf_messages) {
        lines.push_back((d.severity == Severity::warning ? "warning: " : "fatal: ") +
                        d.to_postfix_string());
    }
    return lines;
}

// --- init -------------------------------------------------------------------------------------

TEST(PlanInitTest, SetsTheWrapperLiterallyAndEnablesMultiInstanceMode) {
    Host host("");
    const EditPlan plan = host.plan({"-e", "init"});
    expect_ok(plan);
    EXPECT_EQ(render(plan),
              Strings{"edit /etc/postfix/main.cf: [multi_instance_wrapper = "
                      "${command_directory}/postmulti -p --] [multi_instance_enable = yes]"});
    EXPECT_EQ(plan.target_config_directory, "/etc/postfix");
    EXPECT_TRUE(host.fake.questions.empty());
}

TEST(PlanInitTest, InitialisedHostIsWrittenAgain) {
    Host host;
    EXPECT_EQ(render(host.plan({"-e", "init"})).size(), 1u);
}

// --- create: derived paths and generated files ------------------------------------------------

TEST(PlanCreateTest, NamedInstanceGetsDerivedDirectoriesAndFilesInOrder) {
    Host host;
    const EditPlan plan = host.plan({"-I", "postfix-out", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(plan.target_config_directory, "/etc/postfix-out");
    EXPECT_EQ(render(plan), (Strings{
                                "mkdir -p /etc/postfix-out 0755",
                                "mkdir -p /var/spool/postfix-out 0755",
                                "mkdir -p /var/lib/postfix-out 0700",
                                "install /etc/postfix-out/main.cf 0644",
                                "install /etc/postfix-out/master.cf 0644",
                                "edit /etc/postfix/main.cf: [multi_instance_directories += "
                                "/etc/postfix-out]",
                                "set-permissions /etc/postfix-out",
                            }));
}

TEST(PlanCreateTest, MasterCfIsThePrototypeVerbatim) {
    Host host;
    const EditPlan plan = host.plan({"-I", "postfix-out", "-e", "create"});
    EXPECT_EQ(installed(plan, "/etc/postfix-out/master.cf"), master_proto);
}

TEST(PlanCreateTest, MainCfCommentsOutSharedParametersThePrimaryLeavesDefault) {
    Host host;
    const EditPlan plan = host.plan({"-I", "postfix-out", "-e", "create"});
    EXPECT_EQ(installed(plan, "/etc/postfix-out/main.cf"),
              "# Stock main.cf\n"
              "queue_directory = /var/spool/postfix-out\n"
              "#command_directory = /usr/sbin\n"
              "#daemon_directory = /usr/lib/postfix/sbin\n"
              "data_directory = /var/lib/postfix-out\n"
              "#mail_owner = postfix\n"
              "#inet_interfaces = all\n"
              "authorized_submit_users = \n"
              "master_service_disable = inet\n"
              "multi_instance_name = postfix-out\n");
}

TEST(PlanCreateTest, MainCfCopiesSharedParametersThePrimarySetsExplicitly) {
    Host host(initialised +
              "command_directory = /usr/sbin\n"
              "setgid_group = postdrop\n"
              "html_directory = ${readme_directory}/html\n"
              "mail_owner =\n");
    const EditPlan plan = host.plan({"-I", "postfix-out", "-G", "mta", "-e", "create"});
    expect_ok(plan);
    // Copied unexpanded (postconf -nh); an explicitly empty value counts as default.
    EXPECT_EQ(installed(plan, "/etc/postfix-out/main.cf"),
              "# Stock main.cf\n"
              "queue_directory = /var/spool/postfix-out\n"
              "command_directory = /usr/sbin\n"
              "#daemon_directory = /usr/lib/postfix/sbin\n"
              "data_directory = /var/lib/postfix-out\n"
              "#mail_owner = postfix\n"
              "#inet_interfaces = all\n"
              "authorized_submit_users = \n"
              "html_directory = ${readme_directory}/html\n"
              "master_service_disable = inet\n"
              "setgid_group = postdrop\n"
              "multi_instance_group = mta\n"
              "multi_instance_name = postfix-out\n");
}

TEST(PlanCreateTest, PrototypesComeFromTheMetaDirectory) {
    Host host(initialised + "meta_directory = /usr/share/postfix\n");
    host.fake.files["/usr/share/postfix/main.cf.proto"] = "x = 1\n";
    host.fake.files["/usr/share/postfix/master.cf.proto"] = "y\n";
    const EditPlan plan = host.plan({"-I", "postfix-out", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(installed(plan, "/etc/postfix-out/master.cf"), "y\n");
    EXPECT_TRUE(host.fake.asked("read /usr/share/postfix/main.cf.proto"));
    EXPECT_FALSE(host.fake.asked("read /etc/postfix/main.cf.proto"));
}

TEST(PlanCreateTest, NewInstanceIsNotEnabled) {
    Host host;
    const EditPlan plan = host.plan({"-I", "postfix-out", "-e", "create"});
    EXPECT_EQ(installed(plan, "/etc/postfix-out/main.cf").find("multi_instance_enable"),
              std::string::npos);
}

TEST(PlanCreateTest, DerivedPathsFollowThePrimarysDirectories) {
    Host host(initialised +
              "queue_directory = /srv/spool/main\ndata_directory = /srv/data/main/\n");
    const EditPlan plan = host.plan({"-I", "postfix-out", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[1], "mkdir -p /srv/spool/postfix-out 0755");
    // A single trailing slash keeps the last component, as make_private_path() does.
    EXPECT_EQ(render(plan)[2], "mkdir -p /srv/data/main/postfix-out 0700");
}

TEST(PlanCreateTest, RelativePrimaryDirectoryCannotBeATemplate) {
    Host host(initialised + "data_directory = data\n");
    expect_postmulti_fatal(host.plan({"-I", "postfix-out", "-e", "create"}),
                           "Invalid default data_directory parameter value: 'data': specify an "
                           "absolute pathname");
}

TEST(PlanCreateTest, CreateIntoAnEmptyDirectoryReadsThePrototypes) {
    Host host;
    (void)host.plan({"-I", "postfix-out", "-e", "create"});
    EXPECT_TRUE(host.fake.asked("test -f /etc/postfix-out/main.cf"));
    EXPECT_TRUE(host.fake.asked("read /etc/postfix/main.cf.proto"));
    EXPECT_TRUE(host.fake.asked("read /etc/postfix/master.cf.proto"));
}

// --- create: overrides ------------------------------------------------------------------------

TEST(PlanCreateTest, OverridesReplaceTheDerivedDirectories) {
    Host host;
    const EditPlan plan =
        host.plan({"-I", "postfix-out", "-e", "create", "config_directory=/srv/out/etc",
                   "queue_directory=/srv/out/spool", "data_directory=/srv/out/data"});
    expect_ok(plan);
    EXPECT_EQ(plan.target_config_directory, "/srv/out/etc");
    EXPECT_EQ(render(plan), (Strings{
                                "mkdir -p /srv/out/etc 0755",
                                "mkdir -p /srv/out/spool 0755",
                                "mkdir -p /srv/out/data 0700",
                                "install /srv/out/etc/main.cf 0644",
                                "install /srv/out/etc/master.cf 0644",
                                "edit /etc/postfix/main.cf: [multi_instance_directories += "
                                "/srv/out/etc]",
                                "set-permissions /srv/out/etc",
                            }));
}

TEST(PlanCreateTest, MissingOverridesAreDerivedFromTheName) {
    Host host;
    const EditPlan plan =
        host.plan({"-I", "postfix-out", "-e", "create", "queue_directory=/srv/q"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[0], "mkdir -p /etc/postfix-out 0755");
    EXPECT_EQ(render(plan)[1], "mkdir -p /srv/q 0755");
    EXPECT_EQ(render(plan)[2], "mkdir -p /var/lib/postfix-out 0700");
}

TEST(PlanCreateTest, OverridesTrimTrailingSlashesAndWhiteSpace) {
    Host host;
    const EditPlan plan =
        host.plan({"-I", "postfix-out", "-e", "create", " config_directory = /srv/etc/// ",
                   "queue_directory=/srv/q/"});
    expect_ok(plan);
    EXPECT_EQ(plan.target_config_directory, "/srv/etc");
    EXPECT_EQ(render(plan)[1], "mkdir -p /srv/q 0755");
}

TEST(PlanCreateTest, LaterOverrideOfTheSameParameterWins) {
    Host host;
    const EditPlan plan = host.plan(
        {"-I", "postfix-out", "-e", "create", "config_directory=/a", "config_directory=/b"});
    EXPECT_EQ(plan.target_config_directory, "/b");
}

TEST(PlanCreateTest, NamelessCreateWithEveryDirectoryGiven) {
    Host host;
    const EditPlan plan = host.plan({"-e", "create", "config_directory=/srv/x/etc",
                                     "queue_directory=/srv/x/q", "data_directory=/srv/x/d"});
    expect_ok(plan);
    EXPECT_EQ(installed(plan, "/srv/x/etc/main.cf").find("multi_instance_name"), std::string::npos);
}

TEST(PlanCreateTest, RootDirectoryOverrideIsRefused) {
    Host host;
    expect_postmulti_fatal(host.plan({"-I", "postfix-out", "-e", "create", "queue_directory=/"}),
                           "Parameter setting 'queue_directory' is the root directory");
    expect_postmulti_fatal(host.plan({"-I", "postfix-out", "-e", "create", "data_directory=///"}),
                           "Parameter setting 'data_directory' is the root directory");
}

TEST(PlanCreateTest, RelativeOverrideIsRefused) {
    Host host;
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-out", "-e", "create", "config_directory=etc/postfix-out"}),
        "Parameter setting 'config_directory' is not an absolute path");
    expect_postmulti_fatal(host.plan({"-I", "postfix-out", "-e", "create", "queue_directory="}),
                           "Parameter setting 'queue_directory' is not an absolute path");
}

TEST(PlanCreateTest, OtherParametersAreRefused) {
    Host host;
    expect_postmulti_fatal(host.plan({"-I", "postfix-out", "-e", "create", "mail_owner=x"}),
                           "Parameter 'mail_owner' not valid with action create");
}

TEST(PlanCreateTest, MalformedOverridesAreRefused) {
    Host host;
    expect_postmulti_fatal(host.plan({"-I", "postfix-out", "-e", "create", "config_directory"}),
                           "Malformed parameter setting 'config_directory'");
    expect_postmulti_fatal(host.plan({"-I", "postfix-out", "-e", "create", "=/x"}),
                           "Malformed parameter setting '=/x'");
    expect_postmulti_fatal(host.plan({"-I", "postfix-out", "-e", "create", "queue dir=/x"}),
                           "Malformed parameter setting 'queue dir=/x'");
}

TEST(PlanCreateTest, FirstBadOverrideWins) {
    Host host;
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-out", "-e", "create", "queue_directory=q", "mail_owner=x"}),
        "Parameter setting 'queue_directory' is not an absolute path");
}

TEST(PlanCreateTest, WithoutANameEveryDirectoryMustBeGiven) {
    Host host;
    expect_postmulti_fatal(host.plan({"-e", "create"}), "Missing config_directory parameter value");
    expect_postmulti_fatal(host.plan({"-I", "-", "-e", "create"}),
                           "Missing config_directory parameter value");
    expect_postmulti_fatal(host.plan({"-e", "create", "config_directory=/x"}),
                           "Missing queue_directory parameter value");
    expect_postmulti_fatal(host.plan({"-e", "create", "config_directory=/x", "queue_directory=/q"}),
                           "Missing data_directory parameter value");
}

// --- create: name checks ----------------------------------------------------------------------

TEST(PlanCreateTest, NameWithUnsafeCharactersIsRefused) {
    Host host;
    expect_postmulti_fatal(host.plan({"-I", "postfix-a b", "-e", "create"}),
                           "Unsafe characters in new instance name: 'postfix-a b'");
    expect_postmulti_fatal(host.plan({"-I", "postfix-$x", "-e", "create"}),
                           "Unsafe characters in new instance name: 'postfix-$x'");
}

TEST(PlanCreateTest, NameWithASlashIsRefused) {
    Host host;
    expect_postmulti_fatal(host.plan({"-I", "postfix-a/b", "-e", "create"}),
                           "Illegal '/' character in new instance name: 'postfix-a/b'");
    // The slash is checked before the prefix.
    expect_postmulti_fatal(host.plan({"-I", "a/b", "-e", "create"}),
                           "Illegal '/' character in new instance name: 'a/b'");
}

TEST(PlanCreateTest, NameWithoutThePrefixIsRefused) {
    Host host;
    expect_postmulti_fatal(host.plan({"-I", "out", "-e", "create"}),
                           "New instance name must start with 'postfix-'");
    expect_postmulti_fatal(host.plan({"-I", "Postfix-out", "-e", "create"}),
                           "New instance name must start with 'postfix-'");
}

TEST(PlanCreateTest, SafePunctuationIsAllowedInNames) {
    Host host;
    expect_ok(host.plan({"-I", "postfix-!@%-_=+:.", "-G", "g!@%-_=+:./", "-e", "create"}));
}

TEST(PlanCreateTest, GroupWithUnsafeCharactersIsRefused) {
    Host host;
    expect_postmulti_fatal(host.plan({"-I", "postfix-out", "-G", "a b", "-e", "create"}),
                           "Unsafe characters in '-G a b'");
}

TEST(PlanCreateTest, NameIsCheckedBeforeGroupAndOverrides) {
    Host host;
    expect_postmulti_fatal(host.plan({"-I", "out", "-G", "a b", "-e", "create", "mail_owner=x"}),
                           "New instance name must start with 'postfix-'");
}

// --- create: conflicts ------------------------------------------------------------------------

TEST(PlanCreateTest, ExistingConfigDirectoryIsAlreadyInUse) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-I", "postfix-a", "-e", "create"}),
                           "new config_directory=/etc/postfix-a is already in use by instance "
                           "/etc/postfix-a, config_directory=/etc/postfix-a");
}

TEST(PlanCreateTest, ConfigDirectoryClaimedAsAnotherDirectoryIsAlreadyInUse) {
    Host host = three_secondaries();
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-x", "-e", "create", "config_directory=/usr/sbin"}),
        "new config_directory=/usr/sbin is already in use by instance /etc/postfix, "
        "command_directory=/usr/sbin");
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-x", "-e", "create", "config_directory=/var/lib/postfix-b"}),
        "new config_directory=/var/lib/postfix-b is already in use by instance /etc/postfix-b, "
        "data_directory=/var/lib/postfix-b");
}

TEST(PlanCreateTest, ConfigDirectoryInUseComesBeforeOtherOverridesAreDerived) {
    Host host(initialised + "data_directory = relative\n");
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-x", "-e", "create", "config_directory=/etc/postfix"}),
        "new config_directory=/etc/postfix is already in use by instance "
        "/etc/postfix, config_directory=/etc/postfix");
}

TEST(PlanCreateTest, TakenNameConflicts) {
    Host host = three_secondaries();
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-a", "-e", "create", "config_directory=/etc/postfix-new",
                   "queue_directory=/q", "data_directory=/d"}),
        "instance /etc/postfix-new, multi_instance_name=postfix-a conflicts with instance "
        "/etc/postfix-a, multi_instance_name=postfix-a");
}

TEST(PlanCreateTest, QueueDirectoryInUseConflicts) {
    Host host = three_secondaries();
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-x", "-e", "create", "queue_directory=/var/spool/postfix"}),
        "instance /etc/postfix-x, queue_directory=/var/spool/postfix conflicts with instance "
        "/etc/postfix, queue_directory=/var/spool/postfix");
}

TEST(PlanCreateTest, DataDirectoryEqualToTheNewQueueDirectoryConflicts) {
    Host host;
    expect_postmulti_fatal(
        host.plan(
            {"-I", "postfix-x", "-e", "create", "queue_directory=/srv/x", "data_directory=/srv/x"}),
        "instance /etc/postfix-x, data_directory=/srv/x conflicts with instance /etc/postfix-x, "
        "queue_directory=/srv/x");
}

TEST(PlanCreateTest, QueueDirectoryEqualToTheNewConfigDirectoryConflicts) {
    Host host;
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-x", "-e", "create", "config_directory=/srv/x",
                   "queue_directory=/srv/x"}),
        "instance /srv/x, queue_directory=/srv/x conflicts with instance /srv/x, "
        "config_directory=/srv/x");
}

// --- create: placement ------------------------------------------------------------------------

TEST(PlanCreateTest, WithoutSelectionTheNewInstanceIsAppended) {
    Host host = three_secondaries();
    const EditPlan plan = host.plan({"-I", "postfix-new", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[5],
              "edit /etc/postfix/main.cf: [multi_instance_directories += "
              "/etc/postfix-new]");
}

// The append writes what postmulti's set of the whole list would: only where the list is written
// as postmulti writes it (single spaces, nothing to expand).
TEST(PlanCreateTest, AListWrittenOtherwiseIsSetWhole) {
    for (const std::string& list :
         {std::string("/etc/postfix-a,/etc/postfix-b  /etc/postfix-c"), std::string("$abc"),
          std::string("/etc/postfix-a /etc/postfix-b $c")}) {
        Host host(initialised +
                  "abc = /etc/postfix-a /etc/postfix-b /etc/postfix-c\n"
                  "c = /etc/postfix-c\nmulti_instance_directories = " +
                  list + "\n");
        host.secondary("/etc/postfix-a", secondary_cf("a"));
        host.secondary("/etc/postfix-b", secondary_cf("b"));
        host.secondary("/etc/postfix-c", secondary_cf("c"));
        const EditPlan plan = host.plan({"-I", "postfix-new", "-e", "create"});
        expect_ok(plan);
        EXPECT_EQ(render(plan)[5],
                  "edit /etc/postfix/main.cf: [multi_instance_directories = "
                  "/etc/postfix-a /etc/postfix-b /etc/postfix-c /etc/postfix-new]")
            << list;
    }
}

TEST(PlanCreateTest, AllPutsTheNewInstanceFirst) {
    Host host = three_secondaries();
    const EditPlan plan = host.plan({"-a", "-I", "postfix-new", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[5],
              "edit /etc/postfix/main.cf: [multi_instance_directories = "
              "/etc/postfix-new /etc/postfix-a /etc/postfix-b /etc/postfix-c]");
}

TEST(PlanCreateTest, AllWithoutSecondariesAppends) {
    Host host;
    const EditPlan plan = host.plan({"-a", "-I", "postfix-new", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[5],
              "edit /etc/postfix/main.cf: [multi_instance_directories += /etc/postfix-new]");
}

TEST(PlanCreateTest, GroupPlacesBeforeTheFirstMember) {
    Host host = three_secondaries();
    const EditPlan plan = host.plan({"-g", "g2", "-I", "postfix-new", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[5],
              "edit /etc/postfix/main.cf: [multi_instance_directories = "
              "/etc/postfix-a /etc/postfix-new /etc/postfix-b /etc/postfix-c]");
}

TEST(PlanCreateTest, NamePlacesBeforeThatInstance) {
    Host host = three_secondaries();
    const EditPlan plan =
        host.plan({"-i", "/etc/postfix-c", "-I", "postfix-new", "-G", "g2", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[5],
              "edit /etc/postfix/main.cf: [multi_instance_directories = "
              "/etc/postfix-a /etc/postfix-b /etc/postfix-new /etc/postfix-c]");
}

TEST(PlanCreateTest, PlacementConsidersSecondariesOnly) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-i", "-", "-I", "postfix-new", "-e", "create"}),
                           "No matching secondary instances");
}

TEST(PlanCreateTest, UnmatchedPlacementIsRefused) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-g", "nosuch", "-I", "postfix-new", "-e", "create"}),
                           "No matching secondary instances");
    expect_postmulti_fatal(host.plan({"-i", "nosuch", "-I", "postfix-new", "-e", "create"}),
                           "No matching secondary instances");
}

TEST(PlanCreateTest, ConflictsComeBeforePlacement) {
    Host host = three_secondaries();
    expect_postmulti_fatal(
        host.plan({"-g", "nosuch", "-I", "postfix-x", "-e", "create",
                   "queue_directory=/var/spool/postfix-a"}),
        "instance /etc/postfix-x, queue_directory=/var/spool/postfix-a conflicts with instance "
        "/etc/postfix-a, queue_directory=/var/spool/postfix-a");
}

TEST(PlanCreateTest, CreatingDropsTheDirectoryFromTheAlternates) {
    Host host(initialised +
              "alternate_config_directories = /etc/other, /etc/postfix-out /etc/more\n");
    const EditPlan plan = host.plan({"-I", "postfix-out", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[5],
              "edit /etc/postfix/main.cf: [multi_instance_directories += "
              "/etc/postfix-out] [alternate_config_directories = /etc/other "
              "/etc/more]");
}

TEST(PlanCreateTest, AlternatesAreComparedUnexpanded) {
    // The script reads them with `postconf -h`, without expansion.
    Host host(initialised + "etc = /etc\nalternate_config_directories = $etc/postfix-out\n");
    const EditPlan plan = host.plan({"-I", "postfix-out", "-e", "create"});
    EXPECT_EQ(render(plan)[5],
              "edit /etc/postfix/main.cf: [multi_instance_directories += /etc/postfix-out]");
}

// --- create: not initialised, prototypes, existing directories --------------------------------

TEST(PlanCreateTest, EmptyWrapperIsTheScriptsInitMessage) {
    Host host("");
    expect_script_fatal(host.plan({"-I", "postfix-out", "-e", "create"}),
                        "multi_instance_wrapper is empty, run 'postmulti -e init' first.");
}

TEST(PlanCreateTest, DisabledMultiInstanceModeIsTheScriptsInitMessage) {
    Host host("multi_instance_wrapper = ${command_directory}/postmulti -p --\n");
    expect_script_fatal(host.plan({"-I", "postfix-out", "-e", "create"}),
                        "multi_instance_enable!=yes, run 'postmulti -e init' first.");
}

TEST(PlanCreateTest, TheScriptsEnableTestIsCaseSensitive) {
    Host host(
        "multi_instance_wrapper = ${command_directory}/postmulti -p --\n"
        "multi_instance_enable = YES\n");
    expect_script_fatal(host.plan({"-I", "postfix-out", "-e", "create"}),
                        "multi_instance_enable!=yes, run 'postmulti -e init' first.");
}

TEST(PlanCreateTest, PostmultisChecksComeBeforeTheScriptsInitCheck) {
    Host host("");
    expect_postmulti_fatal(host.plan({"-I", "out", "-e", "create"}),
                           "New instance name must start with 'postfix-'");
    expect_postmulti_fatal(host.plan({"-g", "x", "-I", "postfix-out", "-e", "create"}),
                           "No matching secondary instances");
}

TEST(PlanCreateTest, MissingMainCfPrototype) {
    Host host;
    host.fake.files.erase("/etc/postfix/main.cf.proto");
    expect_script_fatal(host.plan({"-I", "postfix-out", "-e", "create"}),
                        "Missing main.cf prototype: /etc/postfix/main.cf.proto");
}

TEST(PlanCreateTest, MissingMasterCfPrototype) {
    Host host;
    host.fake.files.erase("/etc/postfix/master.cf.proto");
    expect_script_fatal(host.plan({"-I", "postfix-out", "-e", "create"}),
                        "Missing master.cf prototype: /etc/postfix/master.cf.proto");
}

TEST(PlanCreateTest, CompleteDirectoryIsImportedWithoutInstallingFiles) {
    Host host;
    host.fake.files["/etc/postfix-out/main.cf"] = "queue_directory = /elsewhere\n";
    host.fake.files["/etc/postfix-out/master.cf"] = master_proto;
    host.fake.files.erase("/etc/postfix/main.cf.proto");
    const EditPlan plan = host.plan({"-I", "postfix-out", "-G", "g", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(render(plan), (Strings{
                                "edit /etc/postfix-out/main.cf: [multi_instance_name = "
                                "postfix-out] [multi_instance_group = g]",
                                "edit /etc/postfix/main.cf: [multi_instance_directories += "
                                "/etc/postfix-out]",
                                "set-permissions /etc/postfix-out",
                            }));
    EXPECT_FALSE(host.fake.read_anything_under("/etc/postfix/main.cf.proto"));
    EXPECT_FALSE(host.fake.read_anything_under("/etc/postfix/master.cf.proto"));
}

TEST(PlanCreateTest, CompleteNamelessDirectoryNeedsNoNameEdit) {
    Host host;
    host.fake.files["/srv/x/main.cf"] = "";
    host.fake.files["/srv/x/master.cf"] = "";
    const EditPlan plan = host.plan({"-e", "create", "config_directory=/srv/x",
                                     "queue_directory=/srv/q", "data_directory=/srv/d"});
    expect_ok(plan);
    EXPECT_EQ(render(plan), (Strings{
                                "edit /etc/postfix/main.cf: [multi_instance_directories += /srv/x]",
                                "set-permissions /srv/x",
                            }));
}

TEST(PlanCreateTest, DirectoryWithMainCfOnlyIsInstalledAfresh) {
    Host host;
    host.fake.files["/etc/postfix-out/main.cf"] = "old = 1\n";
    const EditPlan plan = host.plan({"-I", "postfix-out", "-e", "create"});
    expect_ok(plan);
    EXPECT_EQ(render(plan).size(), 7u);
    EXPECT_EQ(installed(plan, "/etc/postfix-out/main.cf").find("old = 1"), std::string::npos);
}

// --- import -----------------------------------------------------------------------------------

/// A host with one secondary a, and a complete but unlisted instance in /etc/postfix-imp.
Host host_with_importable(const std::string& imported_main_cf) {
    Host host(initialised + "multi_instance_directories = /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a"));
    host.fake.files["/etc/postfix-imp/main.cf"] = imported_main_cf;
    host.fake.files["/etc/postfix-imp/master.cf"] = master_proto;
    return host;
}

const std::string importable =
    "queue_directory = /var/spool/imp\n"
    "data_directory = /var/lib/imp\n"
    "multi_instance_name = postfix-imp\n"
    "multi_instance_group = g\n"
    "multi_instance_enable = yes\n";

TEST(PlanImportTest, ListsTheInstanceAndSetsPermissions) {
    Host host = host_with_importable(importable);
    const EditPlan plan = host.plan({"-e", "import", "config_directory=/etc/postfix-imp"});
    expect_ok(plan);
    EXPECT_EQ(plan.target_config_directory, "/etc/postfix-imp");
    EXPECT_EQ(render(plan), (Strings{
                                "edit /etc/postfix/main.cf: [multi_instance_directories += "
                                "/etc/postfix-imp]",
                                "set-permissions /etc/postfix-imp",
                            }));
    EXPECT_TRUE(host.fake.asked("read /etc/postfix-imp/main.cf"));
    EXPECT_FALSE(host.fake.read_anything_under("/etc/postfix/main.cf.proto"));
}

TEST(PlanImportTest, ConfigDirectoryMayComeFromTheName) {
    Host host = host_with_importable(importable);
    const EditPlan plan = host.plan({"-I", "postfix-imp", "-e", "import"});
    expect_ok(plan);
    EXPECT_EQ(plan.target_config_directory, "/etc/postfix-imp");
    // The name is already postfix-imp: nothing to write into the imported main.cf.
    EXPECT_EQ(render(plan).size(), 2u);
}

TEST(PlanImportTest, NewNameAndGroupAreWritten) {
    Host host = host_with_importable(importable);
    const EditPlan plan = host.plan(
        {"-I", "postfix-new", "-G", "-", "-e", "import", "config_directory=/etc/postfix-imp"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[0],
              "edit /etc/postfix-imp/main.cf: [multi_instance_name = "
              "postfix-new] [multi_instance_group = ]");
}

TEST(PlanImportTest, PlacementAppliesToImportsToo) {
    Host host = host_with_importable(importable);
    const EditPlan plan = host.plan({"-a", "-e", "import", "config_directory=/etc/postfix-imp"});
    EXPECT_EQ(render(plan)[0],
              "edit /etc/postfix/main.cf: [multi_instance_directories = "
              "/etc/postfix-imp /etc/postfix-a]");
}

TEST(PlanImportTest, OnlyTheConfigDirectoryMayBeGiven) {
    Host host = host_with_importable(importable);
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-imp", "-e", "import", "queue_directory=/var/spool/imp"}),
        "Parameter 'queue_directory' not valid with action import");
    expect_postmulti_fatal(
        host.plan({"-I", "postfix-imp", "-e", "import", "data_directory=/var/lib/imp"}),
        "Parameter 'data_directory' not valid with action import");
}

TEST(PlanImportTest, WithoutANameOrDirectoryIsMissingConfigDirectory) {
    Host host = host_with_importable(importable);
    expect_postmulti_fatal(host.plan({"-e", "import"}), "Missing config_directory parameter value");
}

TEST(PlanImportTest, MissingMainCfFailsToObtainItsParameters) {
    Host host = host_with_importable(importable);
    const EditPlan plan = host.plan({"-I", "postfix-none", "-e", "import"});
    expect_postmulti_fatal(plan,
                           "Failed to obtain all required /etc/postfix-none/main.cf parameters");
    // Bug fix (#3): the postconf that postmulti runs dies first, and says why.
    EXPECT_EQ(postconf_messages(plan),
              Strings{"fatal: open /etc/postfix-none/main.cf: No such file or directory"});
}

TEST(PlanImportTest, MissingMasterCfIsTheScriptsLacksMessage) {
    Host host = host_with_importable(importable);
    host.fake.files.erase("/etc/postfix-imp/master.cf");
    const EditPlan plan = host.plan({"-e", "import", "config_directory=/etc/postfix-imp"});
    expect_script_fatal(plan, "'/etc/postfix-imp' lacks a master.cf file");
    // Bug fix (#3): postconf reads master.cf too, and only warns when it is missing.
    EXPECT_EQ(postconf_messages(plan),
              Strings{"warning: open /etc/postfix-imp/master.cf: No such file or directory"});
}

TEST(PlanImportTest, CompleteInstanceGivesNoPostconfMessages) {
    Host host = host_with_importable(importable);
    const EditPlan plan = host.plan({"-e", "import", "config_directory=/etc/postfix-imp"});
    expect_ok(plan);
    EXPECT_TRUE(plan.postconf_messages.empty());
}

TEST(PlanImportTest, UnparsableMainCfReadsNoMasterCf) {
    // postconf dies on main.cf before it would look at master.cf.
    Host host = host_with_importable("this line has no equals sign\n");
    host.fake.files.erase("/etc/postfix-imp/master.cf");
    const EditPlan plan = host.plan({"-e", "import", "config_directory=/etc/postfix-imp"});
    ASSERT_TRUE(plan.fatal);
    for (const std::string& line : postconf_messages(plan)) {
        EXPECT_EQ(line.find("master.cf"), std::string::npos) << line;
    }
}

TEST(PlanImportTest, MainCfThatIsNotARegularFileIsTheScriptsLacksMessage) {
    // postconf could read it, but the script's `test -f` says no.
    Host host = host_with_importable(importable);
    host.fake.not_regular.insert("/etc/postfix-imp/main.cf");
    expect_script_fatal(host.plan({"-e", "import", "config_directory=/etc/postfix-imp"}),
                        "'/etc/postfix-imp' lacks a main.cf file");
}

TEST(PlanImportTest, BadEnableValueIsUnexpectedEntry) {
    Host host = host_with_importable(
        "queue_directory = /var/spool/imp\ndata_directory = /var/lib/imp\n"
        "multi_instance_enable = maybe\n");
    expect_postmulti_fatal(host.plan({"-e", "import", "config_directory=/etc/postfix-imp"}),
                           "Unexpected /etc/postfix-imp/main.cf entry: multi_instance_enable = "
                           "maybe");
}

TEST(PlanImportTest, ImportedQueueDirectoryInUseConflicts) {
    Host host = host_with_importable(
        "queue_directory = /var/spool/postfix-a\n"
        "data_directory = /var/lib/imp\n");
    expect_postmulti_fatal(host.plan({"-e", "import", "config_directory=/etc/postfix-imp"}),
                           "instance /etc/postfix-imp, queue_directory=/var/spool/postfix-a "
                           "conflicts with instance /etc/postfix-a, "
                           "queue_directory=/var/spool/postfix-a");
}

TEST(PlanImportTest, ImportedNameInUseConflicts) {
    Host host = host_with_importable(
        "queue_directory = /var/spool/imp\ndata_directory = /var/lib/imp\n"
        "multi_instance_name = postfix-a\n");
    expect_postmulti_fatal(host.plan({"-e", "import", "config_directory=/etc/postfix-imp"}),
                           "instance /etc/postfix-imp, multi_instance_name=postfix-a conflicts "
                           "with instance /etc/postfix-a, multi_instance_name=postfix-a");
}

TEST(PlanImportTest, RenamingOnImportAvoidsTheOldNamesConflict) {
    Host host = host_with_importable(
        "queue_directory = /var/spool/imp\ndata_directory = /var/lib/imp\n"
        "multi_instance_name = postfix-a\n");
    const EditPlan plan =
        host.plan({"-I", "postfix-b", "-e", "import", "config_directory=/etc/postfix-imp"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[0], "edit /etc/postfix-imp/main.cf: [multi_instance_name = postfix-b]");
}

TEST(PlanImportTest, ImportedDirectoriesExpandInTheImportedContext) {
    // $config_directory is the imported instance's directory (postconf -c DIR -x), so this
    // queue_directory clashes with the instance's own config directory, not the primary's.
    Host clash = host_with_importable(
        "queue_directory = $config_directory\n"
        "data_directory = /var/lib/imp\n");
    expect_postmulti_fatal(clash.plan({"-e", "import", "config_directory=/etc/postfix-imp"}),
                           "instance /etc/postfix-imp, queue_directory=/etc/postfix-imp conflicts "
                           "with instance /etc/postfix-imp, config_directory=/etc/postfix-imp");
}

TEST(PlanImportTest, ImportingAListedInstanceIsAlreadyInUse) {
    Host host = host_with_importable(importable);
    expect_postmulti_fatal(host.plan({"-e", "import", "config_directory=/etc/postfix-a"}),
                           "new config_directory=/etc/postfix-a is already in use by instance "
                           "/etc/postfix-a, config_directory=/etc/postfix-a");
}

TEST(PlanImportTest, ImportingAnAlternateDropsItFromTheAlternates) {
    Host host(initialised + "alternate_config_directories = /etc/postfix-imp\n");
    host.fake.files["/etc/postfix-imp/main.cf"] = importable;
    host.fake.files["/etc/postfix-imp/master.cf"] = master_proto;
    const EditPlan plan = host.plan({"-e", "import", "config_directory=/etc/postfix-imp"});
    EXPECT_EQ(render(plan)[0],
              "edit /etc/postfix/main.cf: [multi_instance_directories += "
              "/etc/postfix-imp] [alternate_config_directories = ]");
}

// --- destroy and deport -----------------------------------------------------------------------

TEST(PlanRemoveTest, NeedsANameSelection) {
    Host host = three_secondaries();
    for (const char* action : {"destroy", "deport"}) {
        expect_postmulti_fatal(host.plan({"-e", action}), "Select an instance via '-i name'");
        expect_postmulti_fatal(host.plan({"-a", "-e", action}), "Select an instance via '-i name'");
        expect_postmulti_fatal(host.plan({"-g", "g1", "-e", action}),
                               "Select an instance via '-i name'");
    }
}

TEST(PlanRemoveTest, UnknownInstance) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-i", "nosuch", "-e", "destroy"}),
                           "No instance named nosuch");
    expect_postmulti_fatal(host.plan({"-i", "/etc/postfix-a/", "-e", "deport"}),
                           "No instance named /etc/postfix-a/");
}

TEST(PlanRemoveTest, PrimaryCannotBeRemoved) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-i", "-", "-e", "destroy"}),
                           "Cannot remove the primary instance");
    expect_postmulti_fatal(host.plan({"-i", "/etc/postfix", "-e", "deport"}),
                           "Cannot remove the primary instance");
}

TEST(PlanRemoveTest, EnabledInstanceCannotBeRemoved) {
    Host host(initialised + "multi_instance_directories = /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a", "multi_instance_enable = yes\n"));
    expect_postmulti_fatal(host.plan({"-i", "a", "-e", "destroy"}),
                           "Cannot remove enabled instances");
    expect_postmulti_fatal(host.plan({"-i", "a", "-e", "deport"}),
                           "Cannot remove enabled instances");
    // pmreconcile's own front end says what to do; postmulti mode prints only the message.
    const auto plan = host.plan({"-i", "a", "-e", "destroy"});
    ASSERT_TRUE(plan.fatal);
    EXPECT_EQ(plan.fatal->remedy, "run 'pmreconcile disable postfix-a' first");
}

TEST(PlanRemoveTest, SelectionChecksComeBeforeTheScriptsInitCheck) {
    Host host("multi_instance_directories = /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a", "multi_instance_enable = yes\n"));
    expect_postmulti_fatal(host.plan({"-i", "a", "-e", "destroy"}),
                           "Cannot remove enabled instances");
}

TEST(PlanRemoveTest, NotInitialisedIsTheScriptsMessage) {
    Host host("multi_instance_directories = /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a"));
    expect_script_fatal(host.plan({"-i", "a", "-e", "destroy"}),
                        "multi_instance_wrapper is empty, run 'postmulti -e init' first.");
    expect_script_fatal(host.plan({"-i", "a", "-e", "deport"}),
                        "multi_instance_wrapper is empty, run 'postmulti -e init' first.");
}

TEST(PlanDestroyTest, OperationsInTheScriptsOrder) {
    Host host = three_secondaries();
    const EditPlan plan = host.plan({"-i", "b", "-e", "destroy"});
    expect_ok(plan);
    EXPECT_EQ(plan.target_config_directory, "/etc/postfix-b");
    EXPECT_EQ(render(plan), (Strings{
                                "require-stopped /etc/postfix-b (/var/spool/postfix-b)",
                                "edit /etc/postfix/main.cf: [multi_instance_directories = "
                                "/etc/postfix-a /etc/postfix-c]",
                                "remove-queue-tree /var/spool/postfix-b /var/lib/postfix-b",
                                "rm /etc/postfix-b/master.cf",
                                "rm /etc/postfix-b/main.cf",
                                "rmdir /etc/postfix-b",
                            }));
    EXPECT_TRUE(host.fake.asked("test -f /etc/postfix-b/main.cf"));
}

TEST(PlanDestroyTest, LastSecondaryLeavesAnEmptyList) {
    Host host(initialised + "multi_instance_directories = /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a"));
    const EditPlan plan = host.plan({"-i", "/etc/postfix-a", "-e", "destroy"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[1], "edit /etc/postfix/main.cf: [multi_instance_directories = ]");
}

TEST(PlanDestroyTest, AlsoDropsTheDirectoryFromTheAlternates) {
    Host host = three_secondaries("alternate_config_directories = /etc/postfix-c,/etc/x\n");
    const EditPlan plan = host.plan({"-i", "/etc/postfix-c", "-e", "destroy"});
    expect_ok(plan);
    EXPECT_EQ(render(plan)[1],
              "edit /etc/postfix/main.cf: [multi_instance_directories = "
              "/etc/postfix-a /etc/postfix-b] [alternate_config_directories = "
              "/etc/x]");
}

TEST(PlanDestroyTest, MissingMainCfIsTheScriptsNotFound) {
    Host host = three_secondaries();
    host.fake.files.erase("/etc/postfix-a/main.cf");
    expect_script_fatal(host.plan({"-i", "a", "-e", "destroy"}),
                        "/etc/postfix-a/main.cf file not found");
}

TEST(PlanDeportTest, ListsTheDirectoryAsAnAlternate) {
    Host host = three_secondaries();
    const EditPlan plan = host.plan({"-i", "postfix-a", "-e", "deport"});
    expect_ok(plan);
    EXPECT_EQ(plan.target_config_directory, "/etc/postfix-a");
    EXPECT_EQ(render(plan), (Strings{
                                "require-stopped /etc/postfix-a (/var/spool/postfix-a)",
                                "edit /etc/postfix/main.cf: [multi_instance_directories = "
                                "/etc/postfix-b /etc/postfix-c] [alternate_config_directories = "
                                "/etc/postfix-a]",
                            }));
}

TEST(PlanDeportTest, AppendsToExistingAlternates) {
    Host host = three_secondaries("alternate_config_directories = /etc/x, /etc/y\n");
    const EditPlan plan = host.plan({"-i", "a", "-e", "deport"});
    EXPECT_EQ(render(plan)[1],
              "edit /etc/postfix/main.cf: [multi_instance_directories = "
              "/etc/postfix-b /etc/postfix-c] [alternate_config_directories = "
              "/etc/x /etc/y /etc/postfix-a]");
}

TEST(PlanDeportTest, AlreadyAnAlternateIsNotAddedTwice) {
    Host host = three_secondaries("alternate_config_directories = /etc/postfix-a\n");
    const EditPlan plan = host.plan({"-i", "a", "-e", "deport"});
    EXPECT_EQ(render(plan)[1],
              "edit /etc/postfix/main.cf: [multi_instance_directories = "
              "/etc/postfix-b /etc/postfix-c]");
}

TEST(PlanDeportTest, InstanceWithoutMainCfIsOnlyForgotten) {
    Host host = three_secondaries("alternate_config_directories = /etc/postfix-a\n");
    host.fake.files.erase("/etc/postfix-a/main.cf");
    const EditPlan plan = host.plan({"-i", "a", "-e", "deport"});
    expect_ok(plan);
    EXPECT_EQ(render(plan), Strings{"edit /etc/postfix/main.cf: [multi_instance_directories = "
                                    "/etc/postfix-b /etc/postfix-c] "
                                    "[alternate_config_directories = ]"});
}

TEST(PlanDeportTest, ADirectoryListedTwiceLosesOnlyTheSelectedEntry) {
    // Bug fix (#14): postmulti loads a directory listed twice as two instances and drops only
    // the one it selected (the first); every entry of the directory was removed.
    Host host(initialised +
              "multi_instance_directories = /etc/postfix-a /etc/postfix-b /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a"));
    host.secondary("/etc/postfix-b", secondary_cf("b"));
    for (const char* action : {"deport", "destroy"}) {
        const EditPlan plan = host.plan({"-i", "a", "-e", action});
        expect_ok(plan);
        EXPECT_TRUE(render(plan)[1].starts_with(
            "edit /etc/postfix/main.cf: [multi_instance_directories = /etc/postfix-b "
            "/etc/postfix-a]"))
            << action << ": " << render(plan)[1];
    }
}

// --- enable, disable, assign ------------------------------------------------------------------

TEST(PlanEnableTest, EnableAndDisableWriteTheInstancesMainCf) {
    Host host = three_secondaries();
    EXPECT_EQ(render(host.plan({"-i", "a", "-e", "enable"})),
              Strings{"edit /etc/postfix-a/main.cf: [multi_instance_enable = yes]"});
    EXPECT_EQ(render(host.plan({"-i", "a", "-e", "disable"})),
              Strings{"edit /etc/postfix-a/main.cf: [multi_instance_enable = no]"});
    EXPECT_TRUE(host.fake.questions.empty());
}

TEST(PlanEnableTest, PrimaryMayBeEnabledAndDisabled) {
    Host host = three_secondaries();
    const EditPlan plan = host.plan({"-i", "-", "-e", "disable"});
    expect_ok(plan);
    EXPECT_EQ(plan.target_config_directory, "/etc/postfix");
    EXPECT_EQ(render(plan), Strings{"edit /etc/postfix/main.cf: [multi_instance_enable = no]"});
}

TEST(PlanEnableTest, AlreadyEnabledIsWrittenAgain) {
    // postmulti-script runs postconf -e regardless.
    Host host(initialised + "multi_instance_directories = /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a", "multi_instance_enable = yes\n"));
    EXPECT_EQ(render(host.plan({"-i", "a", "-e", "enable"})),
              Strings{"edit /etc/postfix-a/main.cf: [multi_instance_enable = yes]"});
}

TEST(PlanEnableTest, SelectionErrors) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-e", "enable"}), "Select an instance via '-i name'");
    expect_postmulti_fatal(host.plan({"-g", "g1", "-e", "disable"}),
                           "Select an instance via '-i name'");
    expect_postmulti_fatal(host.plan({"-i", "zz", "-e", "enable"}), "No instance named zz");
}

TEST(PlanEnableTest, NotInitialisedIsTheScriptsMessage) {
    Host host("multi_instance_wrapper = x\nmulti_instance_directories = /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a"));
    expect_script_fatal(host.plan({"-i", "a", "-e", "enable"}),
                        "multi_instance_enable!=yes, run 'postmulti -e init' first.");
}

TEST(PlanAssignTest, NewName) {
    Host host = three_secondaries();
    const EditPlan plan = host.plan({"-i", "a", "-I", "postfix-z", "-e", "assign"});
    expect_ok(plan);
    EXPECT_EQ(plan.target_config_directory, "/etc/postfix-a");
    EXPECT_EQ(render(plan),
              Strings{"edit /etc/postfix-a/main.cf: [multi_instance_name = postfix-z]"});
}

TEST(PlanAssignTest, NewGroupOnly) {
    Host host = three_secondaries();
    EXPECT_EQ(render(host.plan({"-i", "a", "-G", "g9", "-e", "assign"})),
              Strings{"edit /etc/postfix-a/main.cf: [multi_instance_group = g9]"});
}

TEST(PlanAssignTest, OnlyChangedValuesAreWritten) {
    Host host = three_secondaries();
    EXPECT_EQ(render(host.plan({"-i", "a", "-I", "postfix-a", "-G", "g9", "-e", "assign"})),
              Strings{"edit /etc/postfix-a/main.cf: [multi_instance_group = g9]"});
}

TEST(PlanAssignTest, DashClearsTheNameAndGroup) {
    Host host = three_secondaries();
    EXPECT_EQ(render(host.plan({"-i", "a", "-I", "-", "-G", "-", "-e", "assign"})),
              Strings{"edit /etc/postfix-a/main.cf: [multi_instance_name = ] "
                      "[multi_instance_group = ]"});
}

TEST(PlanAssignTest, NoChangeHasNoOperationsAndNoFatal) {
    Host host = three_secondaries();
    const EditPlan plan = host.plan({"-i", "a", "-I", "postfix-a", "-G", "g1", "-e", "assign"});
    EXPECT_FALSE(plan.fatal);
    EXPECT_TRUE(plan.operations.empty());
    EXPECT_EQ(plan.target_config_directory, "/etc/postfix-a");
    const EditPlan clear =
        host.plan({"-i", "/etc/postfix-c", "-I", "-", "-G", "-", "-e", "assign"});
    EXPECT_FALSE(clear.fatal);
    EXPECT_TRUE(clear.operations.empty());
}

TEST(PlanAssignTest, NoChangeNeedsNoInit) {
    // postmulti exits before it runs the script.
    Host host("multi_instance_directories = /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a"));
    const EditPlan plan = host.plan({"-i", "a", "-I", "postfix-a", "-e", "assign"});
    EXPECT_FALSE(plan.fatal);
    EXPECT_TRUE(plan.operations.empty());
}

TEST(PlanAssignTest, ChangeNeedsInit) {
    Host host("multi_instance_directories = /etc/postfix-a\n");
    host.secondary("/etc/postfix-a", secondary_cf("a"));
    expect_script_fatal(host.plan({"-i", "a", "-I", "postfix-b", "-e", "assign"}),
                        "multi_instance_wrapper is empty, run 'postmulti -e init' first.");
}

TEST(PlanAssignTest, TakenNameConflicts) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-i", "a", "-I", "postfix-b", "-e", "assign"}),
                           "instance /etc/postfix-a, multi_instance_name=postfix-b conflicts with "
                           "instance /etc/postfix-b, multi_instance_name=postfix-b");
}

TEST(PlanAssignTest, NamingAnUnnamedInstanceAfterAnotherConflicts) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-i", "/etc/postfix-c", "-I", "postfix-a", "-e", "assign"}),
                           "instance /etc/postfix-c, multi_instance_name=postfix-a conflicts with "
                           "instance /etc/postfix-a, multi_instance_name=postfix-a");
}

TEST(PlanAssignTest, GroupsMayBeShared) {
    Host host = three_secondaries();
    EXPECT_EQ(render(host.plan({"-i", "b", "-G", "g1", "-e", "assign"})),
              Strings{"edit /etc/postfix-b/main.cf: [multi_instance_group = g1]"});
}

TEST(PlanAssignTest, PrimaryMayBeNamed) {
    Host host = three_secondaries();
    EXPECT_EQ(render(host.plan({"-i", "-", "-I", "postfix-main", "-e", "assign"})),
              Strings{"edit /etc/postfix/main.cf: [multi_instance_name = postfix-main]"});
}

TEST(PlanAssignTest, NameChecksApply) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-i", "a", "-I", "zz", "-e", "assign"}),
                           "New instance name must start with 'postfix-'");
    expect_postmulti_fatal(host.plan({"-i", "a", "-G", "a;b", "-e", "assign"}),
                           "Unsafe characters in '-G a;b'");
}

TEST(PlanAssignTest, SelectionComesBeforeNameChecks) {
    Host host = three_secondaries();
    expect_postmulti_fatal(host.plan({"-i", "nosuch", "-I", "zz", "-e", "assign"}),
                           "No instance named nosuch");
    expect_postmulti_fatal(host.plan({"-I", "zz", "-e", "assign"}),
                           "Select an instance via '-i name'");
}

}  // namespace
}  // namespace pmr::postmulti
