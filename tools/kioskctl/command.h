// kioskctl's command registry: each cmd_*.cpp registers the commands of one area.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kiosk/config/config.h"

namespace kiosk::ctl {

/// What every command gets: the loaded configuration (file, --set, --state-dir applied)
/// and its own arguments (after the command word).
struct Context {
    config::Config config;
    std::vector<std::string> args;
    /// Finds "--name VALUE" or "--name=VALUE" in args and removes it; empty if absent.
    std::string take_option(std::string_view name);
    /// Finds a bare "--flag" in args and removes it.
    bool take_flag(std::string_view name);
};

struct Command {
    std::string name;     ///< first word: "print", "printer", "content", …
    std::string usage;    ///< one or more lines: "printer status [--printer URI|NAME] [--json]"
    std::string summary;  ///< one line for --help
    std::function<int(Context&)> run;  ///< exit code: 0 ok, 1 failure, 2 usage error
};

/// Registers a command at static-initialisation time (objects of kioskctl itself, so the
/// linker keeps them).
struct Register {
    explicit Register(Command c);
};

const std::vector<Command>& commands();

/// Prints "kioskctl: MESSAGE" to stderr and returns `code`.
int fail(const std::string& message, int code = 1);
int usage_error(const Command& c, const std::string& message);

}  // namespace kiosk::ctl
