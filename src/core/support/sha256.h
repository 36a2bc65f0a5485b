#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace pmr {

/// Incremental SHA-256 (FIPS 180-4), for fingerprints of the host's files.
class Sha256 {
  public:
    Sha256();
    /// Adds bytes to the message.
    void update(std::string_view bytes);
    /// Finishes and returns the digest as 64 lowercase hex digits; the object is spent.
    [[nodiscard]] std::string hex_digest();

  private:
    void compress(const std::uint8_t* block);
    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;  // bytes
};

/// SHA-256 of `bytes` as hex.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace pmr
