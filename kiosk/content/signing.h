// Signed content: Ed25519 signatures over a bundle's manifest.json, trusted keys, version order,
// and the one gate every import path passes (kioskctl import/import-catalog, platform updates, seeding).
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace kiosk::content {

/// The detached signature of a bundle, next to manifest.json:
/// `{"format":1, "algorithm":"ed25519", "key":"<public key, base64>", "signature":"<base64>"}`.
/// The signature covers the exact bytes of manifest.json, which lists the sha256 of every other
/// file, so one signature covers the whole bundle.
inline constexpr const char* kSignatureFile = "manifest.sig";

/// An Ed25519 key pair as base64 text (public 32 bytes, secret 64 bytes, as libsodium has them).
struct SigningKeyPair {
    std::string public_key;
    std::string secret_key;
};
/// A fresh key pair from libsodium's random source.
SigningKeyPair generate_signing_key();
/// Reads a secret key file (one line of base64, as `kioskctl content keygen` writes it).
/// Refuses a file others can read: a publisher key that leaked signs content for every kiosk.
Result<std::string> read_secret_key_file(const std::string& path);
/// The public key (base64) belonging to a secret key (base64).
Result<std::string> public_key_of(const std::string& secret_key_b64);

/// Writes manifest.sig for the manifest.json already in `dir`.
Status sign_bundle(const std::string& dir, const std::string& secret_key_b64);

/// Which key signed a bundle.
struct Signer {
    std::string key;  ///< base64 public key (one of the trusted keys)
    std::string key_id() const { return key.substr(0, 12); }  ///< short form for logs and messages
};

/// Checks manifest.sig over manifest.json with the trusted keys (base64 Ed25519 public keys,
/// the config's `content.signing_keys`). Every refusal names the file at fault: missing or
/// malformed manifest.sig, a key not in the list, or a manifest.json edited after signing.
Result<Signer> check_signature(const std::string& dir, const std::vector<std::string>& trusted_keys);

/// Orders content versions: digit runs compare as numbers, other runs as text, a version that
/// is a prefix of the other is older ("2026.9" < "2026.10" < "2026.10.1"). -1, 0 or 1.
int compare_versions(const std::string& a, const std::string& b);

/// What an import may do, and who asked (for the log).
struct ImportPolicy {
    std::vector<std::string> trusted_keys;  ///< content.signing_keys
    bool allow_downgrade = false;           ///< kioskctl --allow-downgrade
    std::string actor;                      ///< "kioskctl (user root)", "platform update", "first-boot seed"
};

/// The gate of every import: the bundle in `dir` must be signed by a trusted key (see
/// check_signature), and its version must not be older than the one live under `content_root`
/// unless the policy allows a downgrade (then the downgrade and its actor are logged).
/// The per-file sha256 check against the signed manifest is verify_bundle's, which names the file.
Result<Signer> check_import_allowed(const std::string& dir, const std::string& content_root, const ImportPolicy& policy);

}  // namespace kiosk::content
