#pragma once

#include <optional>
#include <string>

namespace pmr::effects {

/// `postconf -d`'s output kept between runs. Forking postconf costs more than everything else
/// a `postmulti -e enable` does, and its output only changes with the postconf binary, the host
/// name and the network (mynetworks): the cache is valid for one postconf binary (device, inode,
/// size, times), one host name, one network namespace and one set of interface addresses
/// (the key lines of the cache file). It lives in
/// a root-owned directory outside Postfix's own (whose mail_owner must not be able to feed root
/// its defaults), and only root's writers refresh it: read-only commands never write.
class DefaultsCache {
  public:
    /// The cache at `path` (normally default_path()) for the `postconf` binary given.
    DefaultsCache(std::string path, std::string postconf);

    /// /var/lib/pmreconcile/postconf-defaults.
    [[nodiscard]] static std::string default_path();

    /// The cached output when the cache is valid for this host now; nullopt otherwise (missing,
    /// stale, for another binary or host, or not root's own file).
    [[nodiscard]] std::optional<std::string> read() const;

    /// Stores `output` atomically (a temporary file renamed into place), creating the directory
    /// (0755) when needed. Best effort: a cache that cannot be written is not an error.
    void write(const std::string& output) const;

  private:
    /// What the cached output depends on, as the first lines of the cache file; "" when it
    /// cannot be told (then nothing is cached).
    [[nodiscard]] std::string key() const;

    std::string path_;
    std::string postconf_;
};

}  // namespace pmr::effects
