#pragma once

// Fakes shared by the planner's unit and property tests: a SimulatedHost built like a Debian 12
// host (the real main.cf, main.cf.proto and master.cf.proto), secondaries written the way
// postmulti writes them, manifests read from YAML, and a plan applied the way the executor
// applies it.

// Tests describe hosts with designated initialisers that leave most fields to their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/lifecycle/simulated_host.h"
#include "core/maincf/editor.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/validator.h"
#include "core/plan/planner.h"

namespace pmr::plan {

/// gtest shows changes as `name: "before" -> "after"`.
inline void PrintTo(const Change& change, std::ostream* out) {
    auto show = [](const std::optional<std::string>& v) {
        return v ? "\"" + *v + "\"" : "(unset)";
    };
    *out << change.name << ": " << show(change.before) << " -> " << show(change.after);
}

}  // namespace pmr::plan

namespace pmr::plan::testing {

inline const maincf::ParameterDefaults& defaults() {
    return maincf::ParameterDefaults::builtin();
}

/// A file of tests/unit/core/plan/fixtures, read once.
inline const std::string& fixture(const std::string& name) {
    static std::map<std::string, std::string> cache;
    auto it = cache.find(name);
    if (it != cache.end())
        return it->second;
    std::ifstream in(PMR_SOURCE_DIR "/tests/unit/core/plan/fixtures/" + name, std::ios::binary);
    if (!in)
        throw std::runtime_error("fixture missing: " + name);
    std::ostringstream text;
    text << in.rdbuf();
    return cache.emplace(name, text.str()).first->second;
}

/// `text` with the edits applied as `postconf -e` would apply them.
inline std::string edited(const std::string& text, const std::vector<maincf::Edit>& edits,
                          const std::string& path = "main.cf") {
    return maincf::apply_edits(maincf::MainCf::parse(text, path), edits).text;
}

inline maincf::Edit set(std::string name, std::string value) {
    return maincf::Edit{maincf::EditKind::set, std::move(name), std::move(value)};
}

/// One secondary instance of a test host. Empty directories are derived from the name (or, for
/// an unnamed instance, must be given).
struct Secondary {
    std::string name;
    std::string group;
    bool enabled = false;
    std::string config_directory;
    std::string queue_directory;
    std::string data_directory;
    std::vector<std::pair<std::string, std::string>> parameters;  ///< extra main.cf settings
    bool running = false;
    std::size_t queued = 0;
};

/// A Debian 12 host in memory: /etc/postfix/main.cf as Debian's postinst writes it, the
/// prototypes in $meta_directory, and the secondaries added with secondary().
class TestHost {
  public:
    TestHost() : host_("/etc/postfix", defaults()) {
        primary_ = fixture("main.cf.debian");
        host_.put_file("/etc/postfix/main.cf.proto", fixture("main.cf.proto"));
        host_.put_file("/etc/postfix/master.cf.proto", fixture("master.cf.proto"));
        host_.put_file("/etc/postfix/master.cf", fixture("master.cf.proto"));
        sync();
    }

    /// `postmulti -e init` has been run.
    TestHost& initialised() {
        return primary_set({set("multi_instance_wrapper", "${command_directory}/postmulti -p --"),
                            set("multi_instance_enable", "yes")});
    }

    /// Edits the primary's main.cf.
    TestHost& primary_set(const std::vector<maincf::Edit>& edits) {
        primary_ = edited(primary_, edits, "/etc/postfix/main.cf");
        sync();
        return *this;
    }

    TestHost& primary_facts(lifecycle::RuntimeFacts facts) {
        host_.set_facts("/etc/postfix", facts);
        return *this;
    }

    /// Adds a secondary listed in multi_instance_directories (after the others).
    TestHost& secondary(Secondary s) {
        const std::string dir = install(s);
        directories_.push_back(dir);
        sync();
        return *this;
    }

    /// Leaves an instance's files in place without listing it (as `postmulti -e deport` does),
    /// ready to be imported.
    TestHost& deported(Secondary s) {
        alternates_.push_back(install(s));
        sync();
        return *this;
    }

    [[nodiscard]] const lifecycle::SimulatedHost& host() const { return host_; }
    [[nodiscard]] lifecycle::SimulatedHost& host() { return host_; }

    /// The directory an unspecified secondary directory derives to.
    static std::string derived(const std::string& primary, const std::string& name) {
        return manifest::derived_directory(primary, name);
    }

  private:
    std::string install(Secondary& s) {
        if (s.config_directory.empty())
            s.config_directory = derived("/etc/postfix", s.name);
        if (s.queue_directory.empty())
            s.queue_directory = derived("/var/spool/postfix", s.name);
        if (s.data_directory.empty())
            s.data_directory = derived("/var/lib/postfix", s.name);
        // What postmulti -e create writes: the prototype, the directories, inet services and
        // local submission off, the name, group and enable flag.
        std::vector<maincf::Edit> edits{
            set("queue_directory", s.queue_directory), set("data_directory", s.data_directory),
            set("authorized_submit_users", ""), set("master_service_disable", "inet"),
            set("multi_instance_enable", s.enabled ? "yes" : "no")};
        if (!s.name.empty())
            edits.push_back(set("multi_instance_name", s.name));
        if (!s.group.empty())
            edits.push_back(set("multi_instance_group", s.group));
        for (const auto& [name, value] : s.parameters)
            edits.push_back(set(name, value));
        const std::string dir = s.config_directory;
        host_.put_file(dir + "/main.cf", edited(fixture("main.cf.proto"), edits, dir + "/main.cf"));
        host_.put_file(dir + "/master.cf", fixture("master.cf.proto"));
        host_.set_facts(dir, {s.running, s.queued});
        return dir;
    }

    void sync() {
        std::string list;
        for (const std::string& d : directories_)
            list += (list.empty() ? "" : " ") + d;
        std::string alternates;
        for (const std::string& d : alternates_)
            alternates += (alternates.empty() ? "" : " ") + d;
        std::string text = primary_;
        if (!directories_.empty())
            text = edited(text, {set("multi_instance_directories", list)});
        if (!alternates_.empty()) {
            text = edited(text, {set("alternate_config_directories", alternates)});
        }
        host_.put_file("/etc/postfix/main.cf", text);
    }

    lifecycle::SimulatedHost host_;
    std::string primary_;
    std::vector<std::string> directories_;
    std::vector<std::string> alternates_;
};

/// A manifest read from YAML; it must parse and validate (against Debian's primary
/// directories), or the test fails with the problems.
inline manifest::Manifest read_manifest(const std::string& yaml,
                                        const std::string& path = "instances.yaml") {
    Diagnostics problems;
    auto parsed = manifest::parse_manifest(yaml, path, problems);
    if (parsed) {
        for (Diagnostic& d : manifest::validate(*parsed, {}))
            problems.push_back(std::move(d));
    }
    if (!parsed || has_errors(problems)) {
        std::string text = "manifest refused:";
        for (const Diagnostic& d : problems)
            text += "\n  " + d.to_string();
        throw std::runtime_error(text);
    }
    return *parsed;
}

/// Every problem of a plan, rendered `PATH:LINE:COL: message`.
inline std::vector<std::string> messages(const Diagnostics& problems) {
    std::vector<std::string> out;
    for (const Diagnostic& d : problems)
        out.push_back(d.to_string());
    return out;
}

/// `KIND INSTANCE` for each step, the shape of a plan.
inline std::vector<std::string> outline(const Plan& plan) {
    std::vector<std::string> out;
    for (const Step& s : plan.steps)
        out.push_back(std::string(to_string(s.kind)) + " " + s.instance);
    return out;
}

/// The descriptions of a step's operations.
inline std::vector<std::string> operations(const Step& step) {
    std::vector<std::string> out;
    for (const lifecycle::Operation& op : step.operations)
        out.push_back(lifecycle::describe(op));
    return out;
}

/// Applies every operation of every step to `host`, in order, as the executor does; returns the
/// first failure.
inline std::optional<std::string> apply_plan(lifecycle::SimulatedHost& host, const Plan& plan) {
    for (const Step& step : plan.steps) {
        for (const lifecycle::Operation& op : step.operations) {
            if (const Status applied = host.apply(op); !applied) {
                return std::string(to_string(step.kind)) + " " + step.instance + ": " +
                       applied.error();
            }
        }
    }
    return std::nullopt;
}

/// A complete textual image of a plan, operations (and installed file contents) included: two
/// plans are the same when their images are.
inline std::string image(const Plan& plan) {
    std::string out;
    for (const Step& s : plan.steps) {
        out += std::string(to_string(s.kind)) + "|" + s.instance + "|" + s.config_directory + "\n";
        for (const Change& c : s.changes) {
            out += "  " + c.name + "|" + (c.before ? "=" + *c.before : "-") + "|" +
                   (c.after ? "=" + *c.after : "-") + "\n";
        }
        for (const lifecycle::Operation& op : s.operations) {
            out += "  op " + std::to_string(op.index()) + " " + lifecycle::describe(op) + "\n";
            if (const auto* install = std::get_if<lifecycle::InstallFile>(&op)) {
                out += install->content.str() + "\n  mode " + std::to_string(install->mode) + "\n";
            }
            if (const auto* dirs = std::get_if<lifecycle::CreateDirectories>(&op)) {
                out += "  mode " + std::to_string(dirs->mode) + "\n";
            }
        }
    }
    for (const Refusal& r : plan.refusals) {
        out += "refused|" + r.instance + "|" + r.config_directory + "|" + r.reason + "\n";
    }
    return out;
}

}  // namespace pmr::plan::testing
