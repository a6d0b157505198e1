// kioskctl version, kioskctl config check FILE, kioskctl config keys.
#include <cstdio>

#include "command.h"
#include "kiosk/config/production.h"

namespace kiosk::ctl {
namespace {

int run_version(Context&) {
    std::printf("kioskctl %s\n", KIOSK_VERSION);
    return 0;
}

const Register version_cmd({"version", "version", "Print the version of the kiosk software", run_version});

int run_config(Context& ctx);
const Register config_cmd({"config",
                           "config check [--production] FILE [--set section.key=value]...\nconfig keys\nconfig example",
                           "Check a configuration file (--production: ready for a hall), or list every key with its default", run_config});

int run_config(Context& ctx) {
    const Command& self = commands().front();  // only for usage text below
    (void)self;
    std::vector<std::string> sets;
    for (auto it = ctx.args.begin(); it != ctx.args.end();) {
        if (it->rfind("--set=", 0) == 0) {
            sets.push_back(it->substr(6));
            it = ctx.args.erase(it);
        } else {
            ++it;
        }
    }
    const Command* cmd = nullptr;
    for (const auto& c : commands())
        if (c.name == "config") cmd = &c;
    if (ctx.args.empty()) return usage_error(*cmd, "missing subcommand");
    if (ctx.args[0] == "example") {
        // The commented example configuration (config/kiosk.example.toml is this output).
        std::printf("# Kiosk configuration. Every key is optional; the value shown is the default.\n"
                    "# Check a file with: kioskctl config check FILE\n"
                    "# Any key can be overridden on the command line: --set section.key=value\n");
        std::string section;
        for (const auto& k : config::schema()) {
            std::string key = k.key;
            std::string sec = key.substr(0, key.find('.'));
            if (sec != section) {
                std::printf("\n[%s]\n", sec.c_str());
                section = sec;
            }
            std::printf("# %s\n", k.doc);
            if (!k.choices.empty()) {
                std::string all;
                for (const auto& c : k.choices) all += (all.empty() ? "" : ", ") + c;
                std::printf("# one of: %s\n", all.c_str());
            }
            if (k.min != INT64_MIN || k.max != INT64_MAX)
                std::printf("# range: %lld .. %lld\n", (long long)k.min, (long long)k.max);
            std::printf("%s = %s\n", key.substr(sec.size() + 1).c_str(), k.default_value);
        }
        return 0;
    }
    if (ctx.args[0] == "keys") {
        for (const auto& k : config::schema()) std::printf("%-32s = %-24s # %s\n", k.key, k.default_value, k.doc);
        return 0;
    }
    if (ctx.args[0] != "check") return usage_error(*cmd, "unknown subcommand '" + ctx.args[0] + "'");
    ctx.args.erase(ctx.args.begin());
    bool production = ctx.take_flag("production");
    if (ctx.args.size() != 1) return usage_error(*cmd, "config check needs exactly one FILE");
    const std::string& file = ctx.args[0];
    auto cfg = config::Config::load(file, sets);
    if (!cfg) {
        std::fprintf(stderr, "%s\n", cfg.error().message.c_str());
        return 1;
    }
    // The state directory the kiosk will use: the global --state-dir or KIOSK_STATE_DIR, else
    // the file's paths.state_dir.
    if (!ctx.config.state_dir_override().empty()) cfg->set_state_dir(ctx.config.state_dir_override());
    // Without --production: would the kiosk start with it? (It refuses toys in production mode.)
    // With --production: is it ready to serve a hall? Every problem is named, not just the first.
    auto problems = production ? config::production_problems(*cfg) : config::toy_problems(*cfg);
    if (!problems.empty()) {
        std::fprintf(stderr, "%s: %s\n", file.c_str(),
                     production ? "not ready for production:" : "the kiosk refuses this configuration:");
        for (const auto& p : problems) std::fprintf(stderr, "  %s: %s\n", p.key.c_str(), p.message.c_str());
        return 1;
    }
    std::printf("%s: OK%s\n", file.c_str(), production ? " (production)" : "");
    return 0;
}

}  // namespace
}  // namespace kiosk::ctl
