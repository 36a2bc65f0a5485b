#pragma once

#include <string>
#include <vector>

#include "cli/host_context.h"
#include "core/instance/host_state.h"
#include "core/postmulti/edit_planner.h"
#include "core/postmulti/request.h"
#include "effects/operation_executor.h"

namespace pmr::cli {

/// How a front end words its messages: postmulti's (`postmulti: fatal: ...`,
/// `postfix/postmulti-script: warning: ...`) or pmreconcile's (`pmreconcile: error: ...`).
class MessageStyle {
  public:
    virtual ~MessageStyle() = default;
    virtual void fatal(postmulti::MessageSource source, const std::string& message) const = 0;
    /// A life-cycle action refused by its planner, with its remedy where the voice has one.
    virtual void refused(const postmulti::Fatal& refusal) const = 0;
    virtual void warning(postmulti::MessageSource source, const std::string& message) const = 0;
    /// Something destroy could not remove.
    virtual void leftover(const effects::Leftover& left) const = 0;
    /// create could not make an instance directory: `failure` is create_directories()' reason.
    virtual void directory_failure(const std::string& failure) const = 0;
    /// A fatal error reported by postconf on postmulti's behalf (a broken secondary main.cf).
    virtual void postconf_fatal(const std::string& command_directory,
                                const std::string& message) const = 0;
    /// A warning postconf prints while postmulti reads an instance (its master.cf is missing).
    virtual void postconf_warning(const std::string& command_directory,
                                  const std::string& message) const = 0;
    /// A notice postfix(1) prints before running a command (an old compatibility_level).
    virtual void postfix_notice(const std::string& message) const = 0;
};

/// postmulti's own words and prefixes.
class PostmultiStyle final : public MessageStyle {
  public:
    /// `log_tag` is what postmulti exports as MAIL_LOGTAG (postmulti::log_tag()): postmulti-script
    /// tags its messages `LOG_TAG/postmulti-script`.
    explicit PostmultiStyle(std::string program, const std::string& log_tag = "postfix")
        : program_(std::move(program)), script_tag_(log_tag + "/postmulti-script") {}
    void fatal(postmulti::MessageSource source, const std::string& message) const override;
    void refused(const postmulti::Fatal& refusal) const override;
    void warning(postmulti::MessageSource source, const std::string& message) const override;
    void leftover(const effects::Leftover& left) const override;
    void directory_failure(const std::string& failure) const override;
    void postconf_fatal(const std::string& command_directory,
                        const std::string& message) const override;
    void postconf_warning(const std::string& command_directory,
                          const std::string& message) const override;
    void postfix_notice(const std::string& message) const override;

  private:
    /// The program name a message from `source` starts with.
    [[nodiscard]] std::string_view tag(postmulti::MessageSource source) const;
    std::string program_;
    std::string script_tag_;
};

/// pmreconcile's `pmreconcile: error: ...` / `pmreconcile: warning: ...`.
class NativeStyle final : public MessageStyle {
  public:
    void fatal(postmulti::MessageSource source, const std::string& message) const override;
    void refused(const postmulti::Fatal& refusal) const override;
    void warning(postmulti::MessageSource source, const std::string& message) const override;
    void leftover(const effects::Leftover& left) const override;
    void directory_failure(const std::string& failure) const override;
    void postconf_fatal(const std::string& command_directory,
                        const std::string& message) const override;
    void postconf_warning(const std::string& command_directory,
                          const std::string& message) const override;
    void postfix_notice(const std::string& message) const override;
};

/// What `destroy` does with an instance whose queue holds mail. postmulti(1) removes what
/// rmdir can and leaves the mail where no Postfix will read it: the drop-in keeps that, byte for
/// byte. pmreconcile's own `destroy` refuses, with apply's words, when planned and again just
/// before the removal.
enum class QueuedMail { orphan_like_postmulti, refuse };

/// Runs a checked request against the host: reads it, then lists, iterates or carries out the
/// life-cycle action, reporting in `style`. One implementation behind both front ends.
/// Returns the exit status.
[[nodiscard]] int execute_request(const postmulti::Request& request, const HostContext& context,
                                  const maincf::MainCf& primary_main_cf, const MessageStyle& style,
                                  bool json_listing = false,
                                  QueuedMail queued_mail = QueuedMail::orphan_like_postmulti);

/// Reads the primary main.cf of `context`, reporting a failure in `style`.
[[nodiscard]] std::optional<maincf::MainCf> read_primary(const HostContext& context,
                                                         const MessageStyle& style);

}  // namespace pmr::cli
