// Production rules: what a kiosk in kiosk.mode = "production" refuses to run with, and what a
// hall's configuration still lacks (kioskctl config check --production).
#pragma once

#include <string>
#include <vector>

#include "kiosk/config/config.h"

namespace kiosk::config {

/// One thing wrong with a configuration for a hall: the key at fault and what is wrong, in
/// words a technician acts on. Never carries a secret's value.
struct Problem {
    std::string key;
    std::string message;
};

/// The demo public keys: their private halves are in this repository
/// (assets/demo/platform/keys), so anyone can read what is sealed to them or sign content
/// for them. tests/config checks this list against the files.
const std::vector<std::string>& demo_public_keys();

/// The built-in platform.url: https (so it is not refused as plain http) but on the reserved
/// .invalid domain (RFC 2606), so it can never reach anything and the production check names it.
inline constexpr const char* kPlaceholderPlatformUrl = "https://platform.example.invalid";

/// True when kiosk.mode is "demo".
bool demo_mode(const Config& c);

/// What the kiosk refuses to start with in production mode: simulated devices, demo keys,
/// plain-http platform. Empty in demo mode.
std::vector<Problem> toy_problems(const Config& c);

/// Everything that stops this configuration from serving a hall: demo mode itself, the toy
/// problems (checked as if in production mode), the demo kiosk id, the placeholder platform URL, a missing seal
/// or content key, a CUPS printer without a queue, a state directory others can read.
std::vector<Problem> production_problems(const Config& c);

/// "key: message" lines, one a problem.
std::string describe(const std::vector<Problem>& problems);

}  // namespace kiosk::config
