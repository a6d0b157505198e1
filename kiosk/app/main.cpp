// kiosk: the self-service kiosk program (windowed, fullscreen, or headless with a script).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/health.h"
#include "base/log.h"
#include "kiosk/app/app.h"
#include "kiosk/app/script.h"
#include "kiosk/content/content_data.h"

namespace {

void usage() {
    std::printf(
        "usage: kiosk [options]\n\n"
        "  --config FILE          configuration (TOML); see config/kiosk.example.toml\n"
        "  --set section.key=V    override any configuration key (repeatable)\n"
        "  --state-dir DIR        where databases and content live (also $KIOSK_STATE_DIR)\n"
        "  --headless             no display: SDL's offscreen driver, software renderer\n"
        "  --script FILE          run a script of steps (docs/scripts.md) with a virtual clock, then exit\n"
        "  --screenshots DIR      where `screenshot` steps write PNGs (default: the state dir's screenshots/)\n"
        "  --dump FILE            write the final screen as JSON (widgets, text, bounds)\n"
        "  --start-time T         with --script: the virtual clock's wall time at start, \"YYYY-MM-DD HH:MM\"\n"
        "                         Beijing time (what the home band says at 22:10 on a weekday, on a holiday)\n"
        "  --verbose              print each script step\n"
        "  --check-layout         with --script: check the layout rules after every step (docs/scripts.md)\n"
        "  --exit-after-first-frame  print the monotonic time of the first presented frame and exit (benchmarks)\n"
        "  --log-level L          debug, info, warn, error, off\n"
        "  --version, --help\n");
}

}  // namespace

int main(int argc, char** argv) {
    using namespace kiosk;
    // Personal data (ID cards, certificates) lives in this process's memory: no core dump
    // may carry it to disk, and other users' processes may not read it.
    rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    // Everything this process creates (state dir, databases, print records, screenshots) is
    // for its own user only, whoever started it: systemd's UMask=0077 covers the unit, this
    // covers a technician's shell and the tests (issue 12).
    umask(0077);
    std::string config_path, script_path, screenshots, dump_path, state_dir, start_time;
    std::vector<std::string> sets;
    bool headless = false, verbose = false, first_frame_only = false, check_layout = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "kiosk: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--help" || a == "-h") return usage(), 0;
        if (a == "--version") return std::printf("kiosk %s\n", KIOSK_VERSION), 0;
        if (a == "--config") config_path = value();
        else if (a == "--set") sets.push_back(value());
        else if (a.rfind("--set=", 0) == 0) sets.push_back(a.substr(6));
        else if (a == "--state-dir") state_dir = value();
        else if (a == "--headless") headless = true;
        else if (a == "--script") script_path = value();
        else if (a == "--screenshots") screenshots = value();
        else if (a == "--start-time") start_time = value();
        else if (a == "--dump") dump_path = value();
        else if (a == "--verbose") verbose = true;
        else if (a == "--check-layout") check_layout = true;
        else if (a == "--exit-after-first-frame") first_frame_only = true;
        else if (a == "--log-level") {
            log::Level l;
            if (!log::parse_level(value(), l)) return std::fprintf(stderr, "kiosk: bad --log-level\n"), 2;
            sets.push_back("log.level=" + std::string(argv[i]));
        } else {
            std::fprintf(stderr, "kiosk: unknown option %s (see kiosk --help)\n", a.c_str());
            return 2;
        }
    }
    if (config_path.empty())
        if (const char* env = std::getenv("KIOSK_CONFIG"); env && *env) config_path = env;
    // A configuration that fails leaves the kiosk on the last good one with a technician
    // banner; with none, a 暂停服务 screen that names the problem. Never a dead screen: under
    // Restart=always an exit here shows the citizen nothing at all (issue 19).
    std::string out_of_service;
    auto loaded = config::load_for_kiosk(config_path, sets, state_dir);
    if (!loaded) {
        out_of_service = loaded.error().message;
        std::fprintf(stderr, "kiosk: configuration error (out of service until it is fixed):\n%s\n", out_of_service.c_str());
        // Run the screen only: no devices, no platform, on defaults.
        config::KioskConfig k{config::Config::defaults()};
        for (const char* off : {"printer.driver=none", "idcard.driver=none", "scanner.driver=none", "copier.driver=none"}) (void)k.config.set(off);
        for (const auto& o : sets)
            if (o.rfind("display.", 0) == 0 || o.rfind("log.", 0) == 0 || o.rfind("paths.", 0) == 0) (void)k.config.set(o);
        if (!state_dir.empty()) k.config.set_state_dir(state_dir);
        loaded = std::move(k);
    } else if (loaded->fallback) {
        std::fprintf(stderr, "kiosk: configuration error, running on the last good configuration:\n%s\n", loaded->problem.c_str());
    }
    auto cfg = Result<config::Config>(std::move(loaded->config));
    bool fallback = loaded->fallback;
    std::string problem = loaded->problem;
    if (!state_dir.empty()) cfg->set_state_dir(state_dir);
    log::Level level;
    log::parse_level(cfg->str("log.level"), level);
    log::set_level(level);
    if (fallback) health::raise("config.fallback", config_path + " failed; running on " + config::last_good_path(cfg->state_dir()) + ": " + problem);
    if (!out_of_service.empty()) health::raise("config.invalid", out_of_service);

    Script script;
    if (!script_path.empty()) {
        auto s = load_script(script_path);
        if (!s) {
            std::fprintf(stderr, "kiosk: %s\n", s.error().message.c_str());
            return 2;
        }
        script = std::move(s.value());
    }
    std::error_code ec;
    std::filesystem::create_directories(cfg->state_dir(), ec);
    if (ec) {
        std::fprintf(stderr, "kiosk: state directory %s: %s (use --state-dir or KIOSK_STATE_DIR)\n",
                     cfg->state_dir().c_str(), ec.message().c_str());
        return 2;
    }
    // A state dir made by an older version (or by hand) may be 0755: personal data and print
    // records live under it, so it is closed to other users at every start.
    if (struct stat st{}; ::stat(cfg->state_dir().c_str(), &st) == 0 && (st.st_mode & 077) && st.st_uid == ::geteuid())
        ::chmod(cfg->state_dir().c_str(), 0700);
    if (!config_path.empty() && !fallback && out_of_service.empty()) {
        if (auto st = config::save_last_good(config_path, cfg->state_dir()); !st)
            LOG_WARN("config") << "last good configuration not saved: " << st.error().message;
    }

    AppOptions opts;
    opts.headless = headless;
    opts.out_of_service = out_of_service;
    if (fallback) opts.config_problem = problem;
    opts.assets_dir = config::find_assets_dir(*cfg, std::string(KIOSK_SOURCE_DIR) + "/assets");
    LOG_INFO("startup") << "assets: " << opts.assets_dir << ", mode: " << cfg->str("kiosk.mode");
    std::shared_ptr<VirtualClock> vclock;
    if (!start_time.empty() && script_path.empty()) {
        std::fprintf(stderr, "kiosk: --start-time needs --script (the real clock cannot be set)\n");
        return 2;
    }
    if (!script_path.empty()) {
        auto wall = std::chrono::system_clock::now();
        if (!start_time.empty()) {
            int64_t unix_s = 0;
            if (!content::detail::parse_beijing_time(start_time, unix_s)) {
                std::fprintf(stderr, "kiosk: --start-time '%s' is not \"YYYY-MM-DD HH:MM\"\n", start_time.c_str());
                return 2;
            }
            wall = std::chrono::system_clock::time_point(std::chrono::seconds(unix_s));
        }
        vclock = std::make_shared<VirtualClock>(wall);
        opts.clock = vclock;
    }
    if (screenshots.empty()) screenshots = cfg->state_path("paths.screenshots_dir");
    auto app = App::create(std::move(cfg.value()), opts);
    if (!app) {
        std::fprintf(stderr, "kiosk: cannot start: %s\n", app.error().message.c_str());
        return 1;
    }
    int rc = 0;
    if (first_frame_only) {
        // For tools/bench/ui: the monotonic time at which the first frame was presented.
        (*app)->frame(true);
        timespec ts{};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        std::printf("first-frame-ns %lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
        std::fflush(stdout);
        return 0;
    }
    if (!script_path.empty()) {
        ScriptOptions so;
        so.screenshots_dir = screenshots;
        so.verbose = verbose;
        so.check_layout = check_layout;
        auto r = run_script(**app, *vclock, script, so);
        if (!r) {
            std::fprintf(stderr, "kiosk: script failed: %s\n", r.error().message.c_str());
            rc = 1;
        }
    } else {
        rc = (*app)->run();
    }
    if (!dump_path.empty()) {
        FILE* f = std::fopen(dump_path.c_str(), "w");
        if (f) {
            std::fputs((*app)->dump().dump(2).c_str(), f);
            std::fclose(f);
        }
    }
    return rc;
}
