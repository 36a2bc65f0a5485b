#include "document_generator.h"

namespace pmr::mastercf::differential {

namespace {

using Strings = std::vector<std::string>;

const Strings names = {"smtp", "submission", "pickup", "a", "b-1", "127.0.0.1:10025", "relay"};
const Strings types = {"inet", "unix", "unix", "unix-dgram", "fifo", "pass"};

rc::Gen<std::string> pick(const Strings& from) {
    return rc::gen::elementOf(from);
}

/// A value with a small chance of something else.
rc::Gen<std::string> mostly(const Strings& good, const Strings& bad) {
    return rc::gen::weightedOneOf<std::string>({{19, pick(good)}, {1, pick(bad)}});
}

/// A good value, or in a broken document now and then a bad one.
rc::Gen<std::string> field(bool broken, const Strings& good, const Strings& bad) {
    if (!broken)
        return pick(good);
    return rc::gen::weightedOneOf<std::string>({{8, pick(good)}, {1, pick(bad)}});
}

rc::Gen<std::string> blank() {
    return pick({" ", " ", "  ", "\t", " \t", "\r "});
}

/// One argument of a command, in every form postconf normalises.
rc::Gen<std::string> argument() {
    return pick({"-v",
                 "-v",
                 "-D",
                 "-o x=1",
                 "-o y=2",
                 "-o x=3",
                 "-oz=4",
                 "-o{ w = a b }",
                 "-o { p = q }",
                 "-o {r=}",
                 "-o { s =  t   u }",
                 "-o {novalue}",
                 "-o {=v}",
                 "-vo x=5",
                 "-ov",
                 "-o",
                 "-o{x=1}junk",
                 "-o {unclosed=1",
                 "--",
                 "flags=R",
                 "{a b}",
                 "{ c }",
                 "{}",
                 "argv=/bin/x",
                 "${nexthop}",
                 "{x}y",
                 "-o smtpd_x=$y",
                 "-o syslog_name=postfix/$service_name",
                 "user=nobody",
                 "-o {long_name = a "
                 "very long value that goes past the fold limit of eighty columns}",
                 "-o a_fairly_long_parameter_name=with_a_fairly_long_value_too_0123456789",
                 "extra_long_argument_without_any_option_letters_in_it_0123456789"});
}

/// The words of one entry before they are laid out on lines.
rc::Gen<Strings> entry_words(bool broken) {
    return rc::gen::exec([broken] {
        Strings words;
        words.push_back(*pick(names));
        words.push_back(*field(broken, types, {"tcp", "inet6"}));
        for (int i = 0; i < 3; ++i)
            words.push_back(*field(broken, {"-", "y", "n"}, {"yes", "x"}));
        words.push_back(*field(broken, {"-", "0", "60", "300?", "1?", "?", "-?"}, {"5s"}));
        words.push_back(*field(broken, {"-", "0", "1", "100"}, {"x", "-1"}));
        if (broken && *rc::gen::inRange(0, 10) == 0)
            words.resize(*rc::gen::inRange(2, 7));  // too few
        if (words.size() < 7)
            return words;
        words.push_back(*pick({"smtpd", "pipe", "local", "/usr/lib/x/cmd", "postlogd"}));
        const int arguments = *rc::gen::inRange(0, 6);
        for (int i = 0; i < arguments; ++i) {
            // An argument with spaces inside is several words, as in the file.
            std::string a = *argument();
            words.push_back(a);
        }
        return words;
    });
}

/// Lays an entry out on one or more lines, with comments and blank lines between continuations.
rc::Gen<std::string> entry_text(bool broken) {
    return rc::gen::exec([broken] {
        const Strings words = *entry_words(broken);
        std::string text;
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (i == 0) {
                text += words[i];
                continue;
            }
            // Name and type on different lines: valid to read, refused by postconf's editor.
            const std::size_t first_break = broken ? 1 : 2;
            if (i >= first_break && *rc::gen::inRange(0, 6) == 0) {
                if (*rc::gen::inRange(0, 3) == 0)
                    text += *pick({"\n# inside\n", "\n\n", "\n  #x\n"});
                else
                    text += "\n";
                text += *blank() + words[i];
            } else {
                text += *blank() + words[i];
            }
        }
        if (*rc::gen::inRange(0, 8) == 0)
            text += *pick({" ", "\t", "\r"});
        return text + "\n";
    });
}

rc::Gen<std::string> other_line() {
    return pick({"# comment\n", "#\n", "\n", "   \n", "  # indented comment\n", "\t\n",
                 "# smtp inet n - y - - smtpd\n"});
}

}  // namespace

rc::Gen<std::string> master_cf_document() {
    return rc::gen::exec([] {
        // One document in ten may hold entries postconf refuses.
        const bool broken = *rc::gen::inRange(0, 10) == 0;
        std::string text;
        if (*rc::gen::inRange(0, 25) == 0)
            text += " indented first line - - - - - x\n";
        const int lines = *rc::gen::inRange(0, 14);
        for (int i = 0; i < lines; ++i) {
            text +=
                *rc::gen::weightedOneOf<std::string>({{3, entry_text(broken)}, {1, other_line()}});
        }
        if (*rc::gen::inRange(0, 15) == 0 && !text.empty())
            text.pop_back();  // no final newline
        return text;
    });
}

namespace {

rc::Gen<std::string> pattern() {
    return rc::gen::exec([] {
        return *rc::gen::weightedOneOf<std::string>(
                   {{9, pick(names)}, {1, rc::gen::just(std::string("*"))}}) +
               "/" +
               *rc::gen::weightedOneOf<std::string>(
                   {{9, pick(types)}, {1, rc::gen::just(std::string("*"))}});
    });
}

rc::Gen<std::string> request(EditMode mode) {
    return rc::gen::exec([mode] {
        const std::string p = *pattern();
        switch (mode) {
            case EditMode::set_service: {
                const std::string name = *pick(names);
                const std::string type = *pick(types);
                std::string definition = *entry_text(false);
                definition.pop_back();
                for (char& c : definition) {
                    if (c == '\n' || c == '\r')
                        c = ' ';
                }
                // Mostly a definition of the pattern's own service, sometimes of another one.
                if (*rc::gen::inRange(0, 3) != 0 && p.find('*') == std::string::npos) {
                    const std::size_t slash = p.find('/');
                    definition = p.substr(0, slash) + " " + p.substr(slash + 1) + " - - - - - " +
                                 *pick({"smtpd", "pipe {a b} c", "local -o x=1 -v"});
                }
                return *rc::gen::weightedOneOf<std::string>(
                    {{20, rc::gen::just(p + "=" + definition)},
                     {1, rc::gen::just(p + " = " + name + " " + type + " - -")},
                     {1, rc::gen::just(p + "=" + name + " " + type + " yes - - - - x")}});
            }
            case EditMode::remove_service:
            case EditMode::comment_out_service:
                return *rc::gen::weightedOneOf<std::string>(
                    {{20, rc::gen::just(p)},
                     {1, rc::gen::just(" " + p + " ")},
                     {1, rc::gen::just(std::string("smtp"))},
                     {1, rc::gen::just(p + "/x")}});
            case EditMode::set_field: {
                const std::string field =
                    *mostly({"service", "type", "private", "unprivileged", "chroot", "wakeup",
                             "process_limit", "command", "command"},
                            {"*", "Command", "bogus"});
                std::string value = *pick({"y", "n", "-", "60", "7?", "5"});
                if (field == "command") {
                    value = *pick({"smtpd", "smtpd -o x=1", "pipe flags=R {a b}",
                                   "local -v -o{ y = 2 }", "cmd -oz=3 -- -o x"});
                } else if (field == "service") {
                    value = *pick(names);
                } else if (field == "type") {
                    value = *mostly(types, {"tcp"});
                } else if (*rc::gen::inRange(0, 20) == 0) {
                    value = "a b";
                }
                return p + "/" + field + "=" + value;
            }
            case EditMode::set_parameter:
            case EditMode::remove_parameter: {
                const std::string name = *mostly({"x", "y", "z", "w", "new_param"}, {"*"});
                if (mode == EditMode::remove_parameter)
                    return p + "/" + name;
                const std::string value = *mostly({"1", "v", "$myhostname", "a=b", "{x}"}, {"a b"});
                return p + "/" + name + "=" + value;
            }
        }
        return p;
    });
}

}  // namespace

rc::Gen<EditBatch> edit_batch() {
    return rc::gen::exec([] {
        EditBatch batch;
        batch.mode = *rc::gen::elementOf(std::vector<EditMode>{
            EditMode::set_service, EditMode::remove_service, EditMode::comment_out_service,
            EditMode::set_field, EditMode::set_parameter, EditMode::remove_parameter});
        const int n = *rc::gen::inRange(1, 4);
        for (int i = 0; i < n; ++i)
            batch.arguments.push_back(*request(batch.mode));
        return batch;
    });
}

rc::Gen<GeneratedCase> generated_case() {
    return rc::gen::exec([] {
        GeneratedCase c;
        c.text = *master_cf_document();
        const int batches = *rc::gen::inRange(1, 4);
        for (int i = 0; i < batches; ++i)
            c.batches.push_back(*edit_batch());
        return c;
    });
}

void showValue(const GeneratedCase& value, std::ostream& os) {
    os << "master.cf:\n" << value.text << "\n";
    for (const EditBatch& batch : value.batches) {
        os << mode_option(batch.mode);
        for (const std::string& a : batch.arguments)
            os << " '" << a << "'";
        os << "\n";
    }
}

}  // namespace pmr::mastercf::differential
