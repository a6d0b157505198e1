// kioskctl admin set-pin: stores the technician PIN's Argon2id hash in the configuration file.
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include "command.h"
#include "base/secret.h"
#include "kiosk/config/technician_pin.h"

namespace kiosk::ctl {
namespace {

/// One line from stdin; with a terminal, prompted on stderr and not echoed. The PIN never comes
/// from argv: every user of the machine can read a process's arguments (ps, /proc/PID/cmdline).
/// Read a byte at a time with read(2) straight into wiped memory: std::cin would leave the
/// digits in stdio's buffer and a std::string, neither of which is wiped.
bool read_pin(const char* prompt, WipedString& out) {
    bool tty = ::isatty(0);
    termios old {};
    if (tty) {
        std::fprintf(stderr, "%s", prompt);
        std::fflush(stderr);
        ::tcgetattr(0, &old);
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(0, TCSAFLUSH, &quiet);
    }
    // A PIN has at most 12 digits: a longer line is refused by check_pin_rules, and reserving
    // beyond it keeps the string from growing (a grown WipedString wipes its old block anyway).
    out.reserve(64);
    bool got = false;
    for (char c = 0;;) {
        ssize_t n = ::read(0, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got = true;
        if (c == '\n') break;
        out.push_back(c);
        secure_wipe(&c, 1);
    }
    if (tty) {
        ::tcsetattr(0, TCSAFLUSH, &old);
        std::fprintf(stderr, "\n");
    }
    if (!out.empty() && out.back() == '\r') out.pop_back();
    return got;
}

void wipe(WipedString& s) {
    secure_wipe(s.data(), s.capacity());
    s.clear();
}

int run_admin(Context& ctx) {
    const Command* self = nullptr;
    for (const auto& c : commands())
        if (c.name == "admin") self = &c;
    if (ctx.args.empty() || ctx.args[0] != "set-pin")
        return usage_error(*self, ctx.args.empty() ? "missing subcommand" : "unknown subcommand '" + ctx.args[0] + "'");
    ctx.args.erase(ctx.args.begin());
    bool once = ctx.take_flag("pin-stdin");
    if (ctx.args.size() > 1) return usage_error(*self, "admin set-pin takes at most one FILE (the PIN is read from stdin)");
    // The file: admin set-pin FILE, else the global --config (or $KIOSK_CONFIG, /etc/kiosk/kiosk.toml).
    std::string file = ctx.args.empty() ? ctx.config.source() : ctx.args[0];
    if (file.empty()) return usage_error(*self, "no configuration file: give --config FILE (or admin set-pin FILE)");
    // The file must already be a valid configuration: a typo elsewhere in it is not ours to keep.
    if (auto cfg = config::Config::load(file); !cfg) return fail(cfg.error().message);

    WipedString pin, again;
    if (!read_pin("New technician PIN (6-12 digits): ", pin)) return fail("no PIN on stdin");
    if (!once) {
        if (!read_pin("The same PIN again: ", again)) {
            wipe(pin);
            return fail("the PIN was not repeated (give it twice on stdin, or use --pin-stdin)");
        }
        if (again != pin) {
            wipe(pin);
            wipe(again);
            return fail("the two PINs differ; nothing changed");
        }
        wipe(again);
    }
    auto hash = config::hash_pin(pin);
    wipe(pin);
    if (!hash) return fail(hash.error().message + "; nothing changed");
    if (auto r = config::set_string_in_file(file, "technician", "pin_hash", *hash); !r) return fail(r.error().message);
    // Read back what was written: the kiosk must be able to load it.
    auto check = config::Config::load(file);
    if (!check) return fail("the file no longer loads after the change: " + check.error().message);
    if (check->str("technician.pin_hash") != *hash) return fail(file + ": the PIN hash did not land in [technician]");
    std::printf("%s: technician PIN set (Argon2id); a running kiosk uses it after a restart\n", file.c_str());
    return 0;
}

const Register admin_cmd({"admin", "admin set-pin [FILE] [--pin-stdin]",
                          "Set the technician PIN (read from stdin twice, or once with --pin-stdin; never from the "
                          "command line) as an Argon2id hash in technician.pin_hash of FILE or --config",
                          run_admin});

}  // namespace
}  // namespace kiosk::ctl
