// The technician PIN: rules for a PIN, its Argon2id hash (libsodium crypto_pwhash_str), and writing one key into a TOML file.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace kiosk::config {

/// Digits only, this many at least: the PIN pad has digits only, and with 5 tries per 15
/// minutes 6 digits take on average about 5 years of guessing at the machine.
inline constexpr size_t kMinPinDigits = 6;
inline constexpr size_t kMaxPinDigits = 12;

/// InvalidInput (with a message for the technician) unless `pin` is 6–12 digits.
Status check_pin_rules(std::string_view pin);

/// The Argon2id hash of `pin` in libsodium's string form ("$argon2id$v=19$m=…,t=…,p=1$…"),
/// with a fresh salt and the INTERACTIVE limits (about 0.1 s and 64 MB on a kiosk PC:
/// checking a PIN must not stall the touch screen, and guessing is throttled by the lockout,
/// not by the hash). Rejects a PIN that breaks check_pin_rules. Errors: InvalidInput, Internal.
Result<std::string> hash_pin(std::string_view pin);

/// True when `hash` looks like a hash hash_pin wrote (an Argon2id string).
bool is_pin_hash(std::string_view hash);

/// True when `pin` matches `hash` (constant time in the PIN; false for a malformed hash).
/// Slow on purpose (Argon2id): call it off the UI thread.
bool pin_matches(const std::string& hash, std::string_view pin);

/// Sets `section.key = "value"` in the TOML file at `path`, keeping every other line
/// (comments included) as it is: the key's line is replaced where it stands, else added
/// under [section], else the section is appended. The file is replaced atomically (a
/// temporary file in the same folder, fsync, rename) with its mode and owner kept. The value
/// must not contain quotes, backslashes or line breaks. Errors: InvalidInput, Io.
Status set_string_in_file(const std::string& path, std::string_view section, std::string_view key, std::string_view value);

}  // namespace kiosk::config
