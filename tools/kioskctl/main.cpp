// kioskctl: the field technician's command-line tool.
#include <cstdio>
#include <iostream>
#include <map>
#include <sys/stat.h>

#include "command.h"
#include "base/log.h"

namespace kiosk::ctl {

namespace {
std::vector<Command>& registry() {
    static std::vector<Command> r;
    return r;
}
}  // namespace

Register::Register(Command c) { registry().push_back(std::move(c)); }
const std::vector<Command>& commands() { return registry(); }

std::string Context::take_option(std::string_view name) {
    std::string flag = "--" + std::string(name);
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == flag && i + 1 < args.size()) {
            std::string v = args[i + 1];
            args.erase(args.begin() + i, args.begin() + i + 2);
            return v;
        }
        if (args[i].rfind(flag + "=", 0) == 0) {
            std::string v = args[i].substr(flag.size() + 1);
            args.erase(args.begin() + i);
            return v;
        }
    }
    return {};
}

bool Context::take_flag(std::string_view name) {
    std::string flag = "--" + std::string(name);
    for (size_t i = 0; i < args.size(); ++i)
        if (args[i] == flag) {
            args.erase(args.begin() + i);
            return true;
        }
    return false;
}

int fail(const std::string& message, int code) {
    std::fprintf(stderr, "kioskctl: %s\n", message.c_str());
    return code;
}

int usage_error(const Command& c, const std::string& message) {
    std::fprintf(stderr, "kioskctl %s: %s\nusage:\n", c.name.c_str(), message.c_str());
    std::string line;
    for (char ch : c.usage + "\n") {
        if (ch == '\n') {
            if (!line.empty()) std::fprintf(stderr, "  kioskctl %s\n", line.c_str());
            line.clear();
        } else {
            line += ch;
        }
    }
    return 2;
}

}  // namespace kiosk::ctl

namespace {
void print_help() {
    std::printf(
        "kioskctl: service tool for the self-service kiosk\n\n"
        "usage: kioskctl [--config FILE] [--set section.key=value]... [--state-dir DIR] COMMAND [ARGS]\n\n"
        "options:\n"
        "  --config FILE     configuration file (default: $KIOSK_CONFIG, else /etc/kiosk/kiosk.toml if present)\n"
        "  --set K=V         override any configuration key, e.g. --set printer.driver=cups\n"
        "  --state-dir DIR   where databases and content live (also $KIOSK_STATE_DIR)\n"
        "  --log-level L     debug, info, warn, error (default warn)\n"
        "  --help            this text; 'kioskctl help COMMAND' for one command\n\n"
        "commands:\n");
    std::map<std::string, const kiosk::ctl::Command*> sorted;
    for (const auto& c : kiosk::ctl::commands()) sorted[c.name] = &c;
    for (const auto& [name, c] : sorted) std::printf("  %-12s %s\n", name.c_str(), c->summary.c_str());
}
}  // namespace

int main(int argc, char** argv) {
    using namespace kiosk;
    // Databases and content kioskctl creates are the kiosk's, for its user only (issue 12).
    umask(0077);
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string config_path;
    std::vector<std::string> sets;
    std::string state_dir;
    log::set_level(log::Level::Warn);
    size_t i = 0;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* flag) -> std::string {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "kioskctl: %s needs a value\n", flag);
                std::exit(2);
            }
            return args[++i];
        };
        if (a == "--help" || a == "-h") {
            print_help();
            return 0;
        } else if (a == "--config") {
            config_path = value("--config");
        } else if (a == "--set") {
            sets.push_back(value("--set"));
        } else if (a.rfind("--set=", 0) == 0) {
            sets.push_back(a.substr(6));
        } else if (a == "--state-dir") {
            state_dir = value("--state-dir");
        } else if (a == "--log-level") {
            log::Level l;
            if (!log::parse_level(value("--log-level"), l)) return ctl::fail("--log-level: expected debug, info, warn, error or off", 2);
            log::set_level(l);
        } else if (a.rfind("--", 0) == 0) {
            return ctl::fail("unknown option " + a + " (see kioskctl --help)", 2);
        } else {
            break;
        }
    }
    if (i >= args.size()) {
        print_help();
        return 2;
    }
    std::string name = args[i];
    std::vector<std::string> rest(args.begin() + i + 1, args.end());
    if (name == "help") {
        if (rest.empty()) {
            print_help();
            return 0;
        }
        name = rest[0];
        rest = {"--help"};
    }
    const ctl::Command* cmd = nullptr;
    for (const auto& c : ctl::commands())
        if (c.name == name) cmd = &c;
    if (!cmd) return ctl::fail("unknown command '" + name + "' (see kioskctl --help)", 2);
    if (!rest.empty() && (rest[0] == "--help" || rest[0] == "-h")) {
        std::printf("%s\n\nusage:\n", cmd->summary.c_str());
        std::string line;
        for (char ch : cmd->usage + "\n") {
            if (ch == '\n') {
                if (!line.empty()) std::printf("  kioskctl %s\n", line.c_str());
                line.clear();
            } else {
                line += ch;
            }
        }
        return 0;
    }
    if (config_path.empty()) {
        if (const char* env = std::getenv("KIOSK_CONFIG"); env && *env) config_path = env;
        else if (FILE* f = std::fopen("/etc/kiosk/kiosk.toml", "r")) {
            std::fclose(f);
            config_path = "/etc/kiosk/kiosk.toml";
        }
    }
    // "config check FILE" must report the file's own problems, so it loads it itself.
    bool defer_config = (name == "config" || name == "version");
    auto cfg = defer_config ? Result<config::Config>(config::Config::defaults()) : config::Config::load(config_path, sets);
    if (!cfg) return ctl::fail(cfg.error().message, 2);
    ctl::Context ctx{std::move(cfg.value()), rest};
    if (!state_dir.empty()) ctx.config.set_state_dir(state_dir);
    if (defer_config) {
        // Pass the global options on, so "config check" can apply --set to the file it checks.
        for (const auto& s : sets) ctx.args.push_back("--set=" + s);
    }
    return cmd->run(ctx);
}
