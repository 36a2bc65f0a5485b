#include "postconf_model.h"

#include <algorithm>
#include <stdexcept>

#include "postconf_process.h"
#include "scratch_directory.h"

namespace pmr::maincf::differential {

namespace {

constexpr std::string_view separators = " \t\r\n";        // Postfix's CHARS_SPACE
constexpr std::string_view list_separators = ", \t\r\n";  // CHARS_COMMA_SP

/// Looks names up in main.cf alone, as postconf's dict_eval() does.
class MainCfOnly final : public ParameterLookup {
  public:
    explicit MainCfOnly(const MainCf& main_cf) : main_cf_(main_cf) {}
    [[nodiscard]] std::optional<std::string_view> raw_value(std::string_view name) const override {
        return main_cf_.get(name);
    }

  private:
    const MainCf& main_cf_;
};

std::vector<std::string_view> split(std::string_view text, std::string_view by) {
    std::vector<std::string_view> words;
    std::size_t pos = 0;
    while ((pos = text.find_first_not_of(by, pos)) != std::string_view::npos) {
        const std::size_t end = std::min(text.find_first_of(by, pos), text.size());
        words.push_back(text.substr(pos, end - pos));
        pos = end;
    }
    return words;
}

/// postconf's defaults as a run with `-c directory` sees them.
ParameterDefaults defaults_for(const PostconfKnowledge& knowledge, const std::string& directory) {
    ParameterDefaults defaults = knowledge.defaults;
    defaults.set("config_directory", directory);
    defaults.set("process_id", std::string(process_id_placeholder));
    return defaults;
}

}  // namespace

const PostconfKnowledge& PostconfKnowledge::get() {
    static const PostconfKnowledge knowledge = [] {
        PostconfKnowledge k;
        test_support::ScratchDirectory empty("pmr-maincf-diff");
        empty.write_file("main.cf", "");
        empty.write_file("master.cf", "");
        const test_support::ProcessOutcome d =
            test_support::run_process({postconf_path, "-c", empty.path(), "-d"});
        if (!d.succeeded())
            throw std::runtime_error("postconf -d failed: " + d.describe());
        Diagnostics problems;
        k.defaults = ParameterDefaults::from_postconf_output(d.out, "postconf -d", problems);
        if (!problems.empty()) {
            throw std::runtime_error("unexpected postconf -d output: " +
                                     problems.front().to_string());
        }
        for (const std::string& line : lines_of(d.out)) {
            const std::string name = line.substr(0, line.find(' '));
            const std::string value(*k.defaults.get(name));
            k.builtin_names.insert(name);
            if (!is_raw_parameter(name))
                k.default_references[name] = referenced_names(value);
        }
        return k;
    }();
    return knowledge;
}

bool is_legacy_parameter(std::string_view name) {
    static const std::set<std::string, std::less<>> legacy = {
        "virtual_maps",
        "fallback_relay",
        "authorized_verp_clients",
        "smtpd_client_connection_limit_exceptions",
        "postscreen_dnsbl_ttl",
        "postscreen_blacklist_action",
        "postscreen_dnsbl_whitelist_threshold",
        "postscreen_whitelist_interfaces",
        "lmtp_per_record_deadline",
        "smtp_per_record_deadline",
        "smtpd_per_record_deadline",
        "tlsproxy_client_level",
        "tlsproxy_client_policy",
    };
    return legacy.contains(name);
}

std::string normalise(std::string_view text) {
    std::string out;
    for (std::string_view word : split(text, separators)) {
        if (!out.empty())
            out.push_back(' ');
        out.append(word);
    }
    return out;
}

PostconfPrediction::PostconfPrediction(const MainCf& main_cf, const PostconfKnowledge& knowledge,
                                       const std::string& directory)
    : main_cf_(main_cf),
      defaults_(defaults_for(knowledge, directory)),
      configuration_(main_cf, defaults_) {
    for (const Diagnostic& d : main_cf.diagnostics()) {
        if (d.severity != Severity::error)
            continue;
        read_fails_ = true;
        if (d.message.find("NUL") == std::string::npos) {
            read_error_ = printable("postconf: fatal: " + d.to_postfix_string());
        }
        return;
    }

    // postconf derives mydomain from myhostname as it starts, with main.cf's settings alone,
    // whether or not anything refers to mydomain: a macro error there (a loop through a
    // parameter main.cf leaves to its default, `${mydestination:$myhostname}`) is fatal to all.
    if (!configuration_.check_lookup("mydomain")) {
        read_fails_ = true;  // postconf: fatal: dictionary mail_dict: macro processing error
        return;
    }

    // postconf's search for user-defined parameters (postconf_user.c): a main.cf name counts
    // when some scanned value refers to it, or smtpd_restriction_classes lists it.
    std::set<std::string, std::less<>> valid;
    auto flag = [&](std::string_view name) {
        if (main_cf.find(name) != nullptr)
            valid.emplace(name);
    };
    if (const auto classes = main_cf.get("smtpd_restriction_classes")) {
        const Expansion list = expand(*classes, MainCfOnly(main_cf));
        if (!list.ok()) {
            read_fails_ = true;  // postconf: fatal: dictionary mail_dict: macro processing error
            return;
        }
        for (std::string_view name : split(list.value, list_separators))
            flag(name);
    }
    for (const auto& [name, references] : knowledge.default_references) {
        if (main_cf.find(name) != nullptr)
            continue;
        for (const std::string& r : references)
            flag(r);
    }
    for (const Definition* d : main_cf.effective()) {
        if (is_read_only_parameter(d->name))
            continue;
        if (knowledge.builtin_names.contains(d->name) && is_raw_parameter(d->name))
            continue;
        for (const std::string& r : referenced_names(d->value))
            flag(r);
    }
    for (const Definition* d : main_cf.effective()) {
        if (is_read_only_parameter(d->name))
            continue;
        const bool builtin = knowledge.builtin_names.contains(d->name);
        if (builtin || is_legacy_parameter(d->name) || valid.contains(d->name)) {
            visible_.emplace_back(d->name);
        }
        // postconf expands every builtin setting while it reads main.cf (to find legacy
        // `ldap:name` style tables, postconf_dbms.c): a macro error there is fatal to all of -n.
        if (builtin && !is_raw_parameter(d->name) && !configuration_.expanded(d->name).ok()) {
            read_fails_ = true;
        }
    }
}

std::string PostconfPrediction::n_output() const {
    std::string out;
    for (const std::string& name : visible_) {
        out += normalise(name + " = " + std::string(*main_cf_.get(name))) + "\n";
    }
    return out;
}

Expansion PostconfPrediction::expanded(std::string_view name) const {
    return configuration_.expanded(name);
}

std::vector<std::string> PostconfPrediction::parse_warnings() const {
    std::vector<std::string> warnings;
    for (const Diagnostic& d : main_cf_.diagnostics()) {
        if (d.severity != Severity::warning)
            continue;
        if (d.message.starts_with("overriding earlier entry: ")) {
            // pmreconcile adds where the earlier entry was; postconf does not.
            std::string message = d.message;
            message.erase(message.rfind(" (defined at line "));
            warnings.push_back(printable("postconf: warning: " + d.path + ", line " +
                                         std::to_string(d.line) + ": " + message));
        } else if (d.message.starts_with("logical line must not start with whitespace")) {
            // postconf names the file but not the line.
            warnings.push_back(printable("postconf: warning: " + d.path + ": " + d.message));
        } else {
            warnings.push_back("(unexpected warning) " + d.to_string());
        }
    }
    return warnings;
}

bool matches_with_process_ids(std::string_view expected, std::string_view actual) {
    for (;;) {
        const std::size_t at = expected.find(process_id_placeholder);
        if (at == std::string_view::npos)
            return expected == actual;
        if (actual.substr(0, at) != expected.substr(0, at))
            return false;
        actual.remove_prefix(at);
        expected.remove_prefix(at + process_id_placeholder.size());
        const std::size_t digits = std::min(actual.find_first_not_of("0123456789"), actual.size());
        if (digits == 0)
            return false;
        actual.remove_prefix(digits);
    }
}

std::optional<std::string> postconf_wording(const std::string& error) {
    if (error.starts_with("parameter reference loop: ") ||
        error.starts_with("macro expansion nested too deeply: ")) {
        return std::nullopt;  // postconf hits its nesting limit (or its stack's) instead
    }
    const std::string range = "number out of range in relational expression: \"";
    if (error.starts_with(range)) {
        return printable("postconf: fatal: mac_exp_eval: bad conversion: " +
                         error.substr(range.size(), error.size() - range.size() - 1));
    }
    const std::string our_operators = R"("==" or "!=" or "<" or "<=" or ">=" or ">" expected)";
    if (error.starts_with(our_operators)) {
        // Postfix's message doubles some quotes (MAC_EXP_OP_STR_ANY).
        return printable("postconf: warning: " +
                         std::string(R"("==" or "!="" or "<"" or "<="" or ">="" or ">" expected)") +
                         error.substr(our_operators.size()));
    }
    return printable("postconf: warning: " + error);
}

}  // namespace pmr::maincf::differential
