// What the kiosk refuses to run on although every key parses: the production toys, the platform URL policy, a malformed seal key (one place, for the kiosk and `config check`).
#include <cctype>

#include "config.h"
#include "production.h"

namespace kiosk::config {

bool is_local_http_url(std::string_view url) {
    // The whole host, so "http://127.0.0.1.example.com" is not mistaken for the loopback.
    for (std::string_view host : {"http://127.0.0.1", "http://localhost"}) {
        if (url.substr(0, host.size()) != host) continue;
        if (url.size() == host.size()) return true;
        char next = url[host.size()];
        if (next == ':' || next == '/') return true;
    }
    return false;
}

Status check_platform_url(std::string_view url) {
    if (url.rfind("https://", 0) == 0 && url.size() > 8) return {};
    if (is_local_http_url(url)) return {};
    return make_error(Errc::InvalidInput,
                      "platform.url \"" + std::string(url) + "\": must be https:// (http:// only for 127.0.0.1 and localhost)");
}

namespace {
/// A base64 X25519 public key: 32 bytes, 44 characters ending in one '='.
bool looks_like_key32(std::string_view b64) {
    if (b64.size() != 44 || b64[43] != '=') return false;
    for (size_t i = 0; i < 43; ++i) {
        unsigned char c = static_cast<unsigned char>(b64[i]);
        if (!(std::isalnum(c) || c == '+' || c == '/')) return false;
    }
    return true;
}
}  // namespace

std::vector<Problem> kiosk_problems(const Config& c) {
    // Fail closed (production.h): a kiosk in production mode never runs on simulators, demo
    // keys or plain http; it then takes its last good configuration, or says 暂停服务.
    std::vector<Problem> out = toy_problems(c);
    const std::string& url = c.str("platform.url");
    // In production mode plain http is already named as a toy: once is enough.
    if (demo_mode(c) && !check_platform_url(url))
        out.push_back({"platform.url", "\"" + url + "\" must be https:// (http:// only for 127.0.0.1 and localhost)"});
    const std::string& seal = c.str("platform.seal_public_key");
    if (!seal.empty() && !looks_like_key32(seal))
        out.push_back({"platform.seal_public_key", "is not a base64 X25519 public key (44 characters ending in '=')"});
    // A missing seal key is a gap for a hall, named by `config check --production`
    // (production_problems), not a reason to stop; a malformed one would fail every sealed
    // record at run time, so it is refused now.
    return out;
}

Status check_for_kiosk(const Config& c) {
    auto problems = kiosk_problems(c);
    if (problems.empty()) return {};
    std::string all;
    for (const auto& p : problems)
        all += (all.empty() ? "" : "\n") + (c.source().empty() ? std::string() : c.source() + ": ") + p.key + ": " + p.message;
    return make_error(Errc::InvalidInput, all);
}

}  // namespace kiosk::config
