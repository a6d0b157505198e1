// Production rules of the configuration (fail closed): toys refused at start, gaps named by the check.
#include "production.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>

namespace kiosk::config {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    return s;
}

std::string url_scheme(const std::string& url) {
    auto p = url.find("://");
    return p == std::string::npos ? std::string() : lower(url.substr(0, p));
}

std::string url_host(const std::string& url) {
    auto p = url.find("://");
    if (p == std::string::npos) return {};
    std::string rest = url.substr(p + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
    if (!rest.empty() && rest[0] == '[') return lower(rest.substr(1, rest.find(']') - 1));
    return lower(rest.substr(0, rest.find(':')));
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The rules that hold in production mode whatever else is set.
void add_toy_problems(const Config& c, std::vector<Problem>& out) {
    for (const char* key : {"printer.driver", "idcard.driver", "scanner.driver", "copier.driver"})
        if (c.str(key) == "sim")
            out.push_back({key, "\"sim\" is a simulated device (allowed only with kiosk.mode = \"demo\")"});
    if (!c.str("idcard.sim_control").empty())
        out.push_back({"idcard.sim_control", "is set: it drives a simulated ID-card reader (allowed only with kiosk.mode = \"demo\")"});
    const std::string& url = c.str("platform.url");
    std::string scheme = url_scheme(url);
    if (scheme != "https")
        out.push_back({"platform.url", "\"" + url + "\" is not https:// (plain http is allowed only with kiosk.mode = \"demo\")"});
    const auto& demo = demo_public_keys();
    for (const char* key : {"platform.seal_public_key", "platform.content_public_key"})
        if (std::find(demo.begin(), demo.end(), c.str(key)) != demo.end())
            out.push_back({key, "is a demo key whose private half is public (assets/demo/platform/keys); "
                                "allowed only with kiosk.mode = \"demo\""});
}

}  // namespace

const std::vector<std::string>& demo_public_keys() {
    static const std::vector<std::string> keys = {
        "cQNBaGJ5Acr6WAUmxkNdKmgC3orYvkwoVO4URDDHSHc=",  // assets/demo/platform/keys/seal.pub (X25519)
        "QG0WAFeI9FTA7j11V+FtwgZ2GHm7j/lttsTLxkada8Q=",  // assets/demo/platform/keys/content.pub (Ed25519)
    };
    return keys;
}

bool demo_mode(const Config& c) { return c.str("kiosk.mode") == "demo"; }

std::vector<Problem> toy_problems(const Config& c) {
    std::vector<Problem> out;
    if (!demo_mode(c)) add_toy_problems(c, out);
    return out;
}

std::vector<Problem> production_problems(const Config& c) {
    std::vector<Problem> out;
    if (demo_mode(c)) out.push_back({"kiosk.mode", "is \"demo\": a hall's kiosk runs in \"production\""});
    add_toy_problems(c, out);
    if (c.str("kiosk.id").empty() || c.str("kiosk.id") == "kiosk-demo-01")
        out.push_back({"kiosk.id", "is \"" + c.str("kiosk.id") + "\": set this kiosk's id on the platform"});
    const std::string& url = c.str("platform.url");
    std::string host = url_host(url);
    if (host.empty())
        out.push_back({"platform.url", "\"" + url + "\" has no host"});
    else if (host == "invalid" || ends_with(host, ".invalid"))
        out.push_back({"platform.url", "is the placeholder \"" + url + "\": set the platform's address"});
    if (c.str("platform.seal_public_key").empty())
        out.push_back({"platform.seal_public_key", "is missing: personal data cannot be sealed for the platform"});
    if (c.str("platform.content_public_key").empty())
        out.push_back({"platform.content_public_key", "is missing: content updates cannot be verified"});
    if (c.str("platform.token").empty() && (c.str("platform.client_cert").empty() || c.str("platform.client_key").empty()))
        out.push_back({"platform.token", "is missing and there is no client certificate: the platform cannot tell this kiosk"});
    if (c.str("printer.driver") == "cups" && c.str("printer.uri").empty())
        out.push_back({"printer.uri", "is empty: name the CUPS queue or the printer's IPP URI"});
    std::string dir = c.state_dir();
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            out.push_back({"paths.state_dir", dir + " is not a directory"});
        } else if (st.st_mode & 077) {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%04o", unsigned(st.st_mode & 07777));
            out.push_back({"paths.state_dir", dir + " has mode " + mode +
                                                  ": other users can read personal data and print records (chmod 0700)"});
        }
    }
    return out;
}

std::string describe(const std::vector<Problem>& problems) {
    std::string s;
    for (const auto& p : problems) s += (s.empty() ? "" : "\n") + p.key + ": " + p.message;
    return s;
}

}  // namespace kiosk::config
