// Sealing personal data to the platform, checking content signatures, hashes and encodings (libsodium).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/secret.h"

namespace kiosk::sync {

/// Standard base64 with padding (as the protocol uses for `sealed` and signatures).
std::string base64_encode(const void* data, size_t n);
inline std::string base64_encode(std::string_view s) { return base64_encode(s.data(), s.size()); }
Result<std::vector<unsigned char>> base64_decode(std::string_view text);

/// Lower-case hex sha256 of `data`.
std::string sha256_hex(std::string_view data);
/// `n` random bytes as lower-case hex.
std::string random_hex(size_t n_bytes);

/// Seals plaintext to the platform's X25519 public key (crypto_box_seal): only the holder of
/// the secret key can open it; the kiosk itself cannot read it back.
class Sealer {
public:
    /// `public_key_b64`: 32 bytes, base64. Fails with InvalidInput on anything else.
    static Result<Sealer> create(std::string_view public_key_b64);
    /// Returns base64(crypto_box_seal(plaintext)).
    std::string seal(std::string_view plaintext) const;

private:
    std::array<unsigned char, 32> m_pk{};
};

/// Opens a sealed box (the platform side; used by platform-sim and tests).
Result<Secret> unseal(std::string_view sealed_b64, std::string_view public_key_b64, std::string_view secret_key_b64);

/// Checks an Ed25519 detached signature (base64) over `message` with `public_key_b64`.
Status verify_signature(std::string_view message, std::string_view signature_b64, std::string_view public_key_b64);
/// Signs `message` with an Ed25519 secret key (64 bytes, base64); for platform-sim.
Result<std::string> sign(std::string_view message, std::string_view secret_key_b64);

/// Makes sure sodium_init() ran (idempotent, thread-safe).
void crypto_init();

}  // namespace kiosk::sync
