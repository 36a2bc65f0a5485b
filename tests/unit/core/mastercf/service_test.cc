#include "core/mastercf/service.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace pmr::mastercf {
namespace {

using Words = std::vector<std::string>;

Words words_of(std::string_view text) {
    const ParsedService parsed = parse_service(text);
    EXPECT_TRUE(parsed.service.has_value()) << parsed.error;
    return parsed.service ? parsed.service->words : Words{};
}

TEST(ServiceTest, SplitsFieldsAtBlanksAndKeepsBracesTogether) {
    EXPECT_EQ(split_fields(" a\tb\r\nc  {d e}f {g {h} i} "),
              (Words{"a", "b", "c", "{d e}f", "{g {h} i}"}));
    // An unclosed brace runs to the end; a lone '}' is an ordinary character.
    EXPECT_EQ(split_fields("a {b c d"), (Words{"a", "{b c d"}));
    EXPECT_EQ(split_fields("a} b"), (Words{"a}", "b"}));
    // Vertical tab and form feed do not separate fields.
    EXPECT_EQ(split_fields("a\vb c\fd"), (Words{"a\vb", "c\fd"}));
}

TEST(ServiceTest, ReadsTheSevenFieldsAndTheCommand) {
    const ParsedService parsed = parse_service("smtp inet n - y 60? 100 smtpd -v");
    ASSERT_TRUE(parsed.service);
    const Service& s = *parsed.service;
    EXPECT_EQ(s.name(), "smtp");
    EXPECT_EQ(s.type(), ServiceType::inet);
    EXPECT_EQ(s.flag(Field::private_), Flag::no);
    EXPECT_EQ(s.flag(Field::unprivileged), Flag::default_);
    EXPECT_EQ(s.flag(Field::chroot), Flag::yes);
    EXPECT_EQ(s.wakeup().seconds, 60U);
    EXPECT_TRUE(s.wakeup().only_when_used);
    EXPECT_EQ(s.process_limit(), 100U);
    EXPECT_EQ(s.command(), "smtpd");
    EXPECT_EQ(s.field(Field::wakeup), "60?");
    EXPECT_EQ(parse_service("p unix-dgram - - - - - x").service->type(), ServiceType::unix_dgram);
    EXPECT_EQ(parse_service("p unix - - - - - x").service->process_limit(), std::nullopt);
    EXPECT_EQ(parse_service("p unix - - - 99999999999999999999999 - x").service->wakeup().seconds,
              std::numeric_limits<unsigned long>::max());
}

TEST(ServiceTest, RefusesBadFieldsWithPostconfsWords) {
    EXPECT_EQ(parse_service("a unix - -").error, "bad field count");
    EXPECT_TRUE(parse_service("a unix - - - - -").bad_field_count);
    EXPECT_EQ(parse_service("a tcp - - - - - x").error,
              "invalid type field \"tcp\" in \"a tcp - - - - - x\"");
    EXPECT_EQ(parse_service("a unix yes - - - - x").error,
              "invalid private field \"yes\" in \"a unix yes - - - - x\"");
    EXPECT_EQ(parse_service("a unix - x - - - x").error,
              "invalid unprivileged field \"x\" in \"a unix - x - - - x\"");
    EXPECT_EQ(parse_service("a unix - - Y - - x").error,
              "invalid chroot field \"Y\" in \"a unix - - Y - - x\"");
    EXPECT_EQ(parse_service("a unix - - - 5s - x").error,
              "invalid wakeup field \"5s\" in \"a unix - - - 5s - x\"");
    EXPECT_EQ(parse_service("a unix - - - - -1 x").error,
              "invalid process_limit field \"-1\" in \"a unix - - - - -1 x\"");
    // The type is checked first, then the flags in order.
    EXPECT_EQ(parse_service("a tcp yes - - - - x").error,
              "invalid type field \"tcp\" in \"a tcp yes - - - - x\"");
    // Newlines of a multi-line entry show as spaces.
    EXPECT_EQ(parse_service("a unix\n - - - - -1 x\n").error,
              "invalid process_limit field \"-1\" in \"a unix  - - - - -1 x \"");
}

TEST(ServiceTest, AcceptsTheWakeupForms) {
    for (const char* wakeup : {"-", "0", "60", "60?", "?", "-?"}) {
        EXPECT_TRUE(parse_service(std::string("a unix - - - ") + wakeup + " - x").service)
            << wakeup;
    }
}

TEST(ServiceTest, NormalisesOptionsAsPostconfDoes) {
    EXPECT_EQ(words_of("a unix - - - - - cmd -oname=value -vo x=1 -o { w = a  b } rest"),
              (Words{"a", "unix", "-", "-", "-", "-", "-", "cmd", "-o", "name=value", "-v", "-o",
                     "x=1", "-o", "w=a  b", "rest"}));
    // After the first non-option argument, braces are only removed.
    EXPECT_EQ(words_of("a unix - - - - - cmd flags=R { a = b } -o{c=d}"),
              (Words{"a", "unix", "-", "-", "-", "-", "-", "cmd", "flags=R", "a = b", "-o{c=d}"}));
    // "--" ends the options.
    EXPECT_EQ(words_of("a unix - - - - - cmd -- -ox=1"),
              (Words{"a", "unix", "-", "-", "-", "-", "-", "cmd", "--", "-ox=1"}));
    // "-ovo" is "-ov" then "-o"; "-ov" is "-o v"; the second "-o" takes the next word.
    EXPECT_EQ(words_of("a unix - - - - - cmd -ovo x=1"),
              (Words{"a", "unix", "-", "-", "-", "-", "-", "cmd", "-o", "v", "-o", "x=1"}));
}

TEST(ServiceTest, WarnsAboutBadBracesAndKeepsWhatPostconfKeeps) {
    ParsedService parsed = parse_service("a unix - - - - - cmd -o {x=1}junk -o {novalue}");
    ASSERT_TRUE(parsed.service);
    EXPECT_EQ(parsed.service->words[9], "x=1");
    EXPECT_EQ(parsed.service->words[11], "novalue");
    EXPECT_EQ(parsed.warnings, (Words{"syntax error after '}' in \"{x=1}junk\"",
                                      "missing '=' after attribute name: \"novalue\""}));
    parsed = parse_service("a unix - - - - - cmd -o {x=1 -v");
    ASSERT_TRUE(parsed.service);
    EXPECT_EQ(parsed.service->words[9], "x=1 -v");
    EXPECT_EQ(parsed.warnings, (Words{"missing '}' in \"{x=1 -v\""}));
}

TEST(ServiceTest, CollectsTheParametersPostconfShows) {
    const ParsedService parsed =
        parse_service("a unix - - - - - cmd -o x=1 -v -o { y = 2 3 } -o x=4 -o bad -- -o z=5");
    ASSERT_TRUE(parsed.service);
    EXPECT_EQ(parameters_of(*parsed.service),
              (std::vector<ServiceParameter>{{"x", "1"}, {"y", "2 3"}, {"x", "4"}}));
}

TEST(ServiceTest, ALoneDashTakesTheNextWordAsItsValue) {
    EXPECT_TRUE(takes_value("-"));
    EXPECT_TRUE(takes_value("-o"));
    EXPECT_FALSE(takes_value("-v"));
    const ParsedService parsed = parse_service("a unix - - - - - cmd - x -o y=1");
    EXPECT_EQ(parameters_of(*parsed.service), (std::vector<ServiceParameter>{{"y", "1"}}));
}

TEST(ServiceTest, NamesFieldsAndTypesAsPostconfDoes) {
    EXPECT_EQ(field_name(Field::process_limit), "process_limit");
    EXPECT_EQ(field_from_name("unprivileged"), Field::unprivileged);
    EXPECT_EQ(field_from_name("Command"), std::nullopt);
    EXPECT_EQ(type_name(ServiceType::unix_dgram), "unix-dgram");
    EXPECT_EQ(type_from_name("unix"), ServiceType::unix_stream);
    EXPECT_EQ(type_from_name("tcp"), std::nullopt);
}

}  // namespace
}  // namespace pmr::mastercf
