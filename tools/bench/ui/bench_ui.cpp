// Benchmark of the UI: start to first frame beside Chromium (pairs run alternately, with one extra busy
// process), frame times in the four layouts, memory. Prints the load average: the machine is shared.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "base/log.h"
#include "kiosk/app/app.h"
#include "kiosk/screens/screen.h"
#include "tools/bench/bench_stats.h"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

// A screen of 40 Chinese rows that scrolls a little every frame, as a finger would.
class BenchListScreen final : public screens::Screen {
public:
    BenchListScreen(screens::ScreenContext& c, const std::map<std::string, std::string>&) : Screen(c) {}
    const char* name() const override { return "bench_list"; }
    void build() override {
        int y = add_header("办事指南");
        m_list = add<ui::ListView>(theme().px(150));
        m_list->bounds = {0, y, theme().width, theme().height - y};
        std::vector<ui::ListView::Row> rows;
        const char* names[] = {"不动产登记（首次登记）", "城镇职工基本养老保险参保登记", "个体工商户设立登记", "居民身份证换领",
                               "机动车驾驶证补领", "公共场所卫生许可", "建设工程消防设计审查", "住房公积金提取"};
        for (int i = 0; i < 40; ++i)
            rows.push_back({std::string(names[i % 8]) + " " + std::to_string(i + 1), "区自然资源局 · 2楼 12号窗口", [] {}, "2F"});
        m_list->set_rows(std::move(rows));
    }
    void on_tick(Clock::time_point) override {
        if (!m_list) return;
        m_offset = m_offset + 7 > m_list->max_offset() ? 0 : m_offset + 7;
        m_list->scroll_to(m_offset);
    }

private:
    ui::ListView* m_list = nullptr;
    double m_offset = 0;
};
KIOSK_SCREEN("bench_list", BenchListScreen)

int64_t thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

int64_t now_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

using Stats = kiosk::bench::Summary;
Stats stats(std::vector<double> v) { return kiosk::bench::summarize(std::move(v)); }
void print(const char* what, const char* unit, const Stats& s, size_t n) {
    std::printf("%-54s n=%-4zu median %8.2f %s  p10 %8.2f  p90 %8.2f  p99 %8.2f  min %8.2f  max %8.2f\n", what, n, s.median,
                unit, s.p10, s.p90, s.p99, s.min, s.max);
}

// CPU time (user + system) of the last process run() waited for, in ms: on a shared machine
// this is the cost of the work, where wall time also counts waiting for a core.
double g_last_cpu_ms = 0;

// Runs argv; returns stdout; `env` entries are added to the environment.
std::string run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {}, int* status = nullptr) {
    int fds[2];
    if (pipe(fds) != 0) return {};
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        int devnull = open("/dev/null", 1);
        dup2(devnull, 2);
        close(fds[0]);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> a;
        for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
        a.push_back(nullptr);
        execvp(a[0], a.data());
        _exit(127);
    }
    close(fds[1]);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, size_t(n));
    close(fds[0]);
    int st = 0;
    rusage ru{};
    wait4(pid, &st, 0, &ru);
    g_last_cpu_ms = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    if (status) *status = st;
    return out;
}

// Sum of a smaps_rollup field (kB, "Pss:" by default) of a process and all its descendants.
// PSS shares a library's pages among the processes that map it, so it reads higher on a quiet
// machine than beside other kiosks; "Rss:" and the private fields do not depend on neighbours.
long pss_tree_kb(pid_t root, const std::vector<std::string>& fields = {"Pss:"}) {
    std::map<pid_t, std::vector<pid_t>> children;
    for (const auto& e : fs::directory_iterator("/proc")) {
        pid_t pid = std::atoi(e.path().filename().c_str());
        if (pid <= 0) continue;
        std::ifstream st(e.path() / "stat");
        std::string line;
        std::getline(st, line);
        auto close_paren = line.rfind(')');
        if (close_paren == std::string::npos) continue;
        char state;
        int ppid = 0;
        std::sscanf(line.c_str() + close_paren + 2, "%c %d", &state, &ppid);
        children[ppid].push_back(pid);
    }
    long total = 0;
    std::vector<pid_t> todo{root};
    while (!todo.empty()) {
        pid_t p = todo.back();
        todo.pop_back();
        std::ifstream in("/proc/" + std::to_string(p) + "/smaps_rollup");
        for (std::string l; std::getline(in, l);)
            for (const auto& f : fields)
                if (l.rfind(f, 0) == 0) total += std::atol(l.c_str() + f.size());
        for (pid_t c : children[p]) todo.push_back(c);
    }
    return total;
}

pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        int devnull = open("/dev/null", 2);
        dup2(devnull, 1);
        dup2(devnull, 2);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> a;
        for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
        a.push_back(nullptr);
        execvp(a[0], a.data());
        _exit(127);
    }
    return pid;
}

void stop_group(pid_t pid) {
    kill(-pid, SIGTERM);
    usleep(300000);
    kill(-pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

double load_average() {
    double l = -1;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &l) != 1) l = -1;
        std::fclose(f);
    }
    return l;
}

// One process that keeps a core busy, as a kiosk is busy while its outbox syncs: the start-up
// target is "with one other busy process", on top of whatever else the machine runs.
pid_t start_busy_process() {
    pid_t pid = fork();
    if (pid == 0) {
        volatile unsigned long x = 0;
        for (;;) x = x + 1;
    }
    return pid;
}

// Start → first presented frame of one kiosk process, in ms (-1 when it did not report).
// The process's CPU time to its exit is in g_last_cpu_ms.
double kiosk_first_frame(const std::string& bin, const std::string& state, const std::vector<std::string>& env = {}) {
    int64_t t0 = now_ns();
    std::string out = run({bin + "/kiosk", "--headless", "--state-dir", state, "--exit-after-first-frame", "--set",
                           "log.level=off"},
                          env);
    long long t1 = 0;
    return std::sscanf(out.c_str(), "first-frame-ns %lld", &t1) == 1 ? double(t1 - t0) / 1e6 : -1;
}

}  // namespace

int main(int argc, char** argv) {
    int pairs = 7;
    bool with_x11 = false, busy = true;
    std::string against;  // another build's bin/ folder: its kiosk runs in every pair too (A/B)
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--x11") with_x11 = true;
        else if (a == "--against" && i + 1 < argc) against = argv[++i];
        else if (a == "--no-busy") busy = false;
        else if (a == "--help") {
            std::printf("usage: bench_ui [PAIRS] [--no-busy] [--x11] [--against BIN_DIR]\n"
                        "  PAIRS      kiosk/Chromium start-up pairs, run alternately (default 7)\n"
                        "  --no-busy  do not start the one extra busy process during start-up runs\n"
                        "  --x11      also measure PSS and start-up in an X11 window under Xvfb\n"
                        "  --against BIN_DIR  also start BIN_DIR/kiosk (another build, e.g. main's) in every pair\n"
                        "             and report this build's first frame and PSS as a ratio to it (A/B in one run)\n");
            return 0;
        } else pairs = std::max(1, std::atoi(a.c_str()));
    }
    std::string bin = std::string(KIOSK_BIN_DIR);
    std::string tmp = "/tmp/bench-ui-" + std::to_string(getpid());
    fs::create_directories(tmp + "/state");
    log::set_level(log::Level::Off);
    time_t now = time(nullptr);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    double load_before = load_average();
    std::printf("# bench_ui %s: %d pairs; machine: %ld cores; load average %.2f at start\n", date, pairs,
                sysconf(_SC_NPROCESSORS_ONLN), load_before);
    // The kiosks this benchmark starts run a demo on simulators (the built-in defaults are a hall's).
    std::ofstream(tmp + "/demo.toml") << "[kiosk]\nmode = \"demo\"\n[printer]\ndriver = \"sim\"\n[idcard]\ndriver = \"sim\"\n"
                                         "[scanner]\ndriver = \"sim\"\n[platform]\nurl = \"http://127.0.0.1:8480\"\n";
    setenv("KIOSK_CONFIG", (tmp + "/demo.toml").c_str(), 1);

    // 1. Process start → first presented frame (headless, software renderer), alternating with
    // Chromium showing the same home screen (A B A B …): both see the same machine, so the
    // ratio of each pair means something even when other engineers' builds come and go.
    // A second kiosk run per pair has glibc's M_PERTURB switched off (an LD_PRELOAD shim that
    // ignores mallopt(M_PERTURB)), to show that setting's share of start-up.
    std::string html = std::string(KIOSK_SOURCE_DIR) + "/tools/bench/ui/home.html";
    std::string shim = bin + "/../lib/libbench_ui_noperturb.so";
    bool chromium = access("/usr/bin/chromium", X_OK) == 0;
    if (!chromium)
        std::printf("# chromium is not installed, so there is no peer to compare with: it is a benchmark-only "
                    "peer, install it with\n#   apt-get install -y --no-install-recommends chromium xvfb\n");
    std::vector<std::string> common = {"/usr/bin/chromium", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                       "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                       "--disable-sync", "--hide-scrollbars"};
    pid_t hog = busy ? start_busy_process() : -1;
    kiosk_first_frame(bin, tmp + "/state");  // the font cache and state directory are made once
    std::vector<double> first, first_np, chrome_shot, ratios, kiosk_shot, first_cpu, first_np_cpu, chrome_cpu;
    std::vector<double> other, other_cpu, ab;
    if (!against.empty()) kiosk_first_frame(against, tmp + "/state");
    for (int i = 0; i < pairs; ++i) {
        double a = kiosk_first_frame(bin, tmp + "/state");
        if (a > 0) first.push_back(a), first_cpu.push_back(g_last_cpu_ms);
        if (!against.empty()) {
            double o = kiosk_first_frame(against, tmp + "/state");
            if (o > 0) other.push_back(o), other_cpu.push_back(g_last_cpu_ms);
            if (o > 0 && a > 0) ab.push_back(a / o);
            std::printf("pair %d: this build %7.1f ms, %s/kiosk %7.1f ms, ratio %.3f\n", i + 1, a, against.c_str(), o, a / o);
        }
        double a_np = access(shim.c_str(), R_OK) == 0 ? kiosk_first_frame(bin, tmp + "/state", {"LD_PRELOAD=" + shim}) : -1;
        if (a_np > 0) first_np.push_back(a_np), first_np_cpu.push_back(g_last_cpu_ms);
        std::ofstream(tmp + "/shot.ks") << "screenshot home\n";
        int64_t t = now_ns();
        run({bin + "/kiosk", "--headless", "--state-dir", tmp + "/state", "--script", tmp + "/shot.ks", "--screenshots",
             tmp + "/shots", "--set", "log.level=off"});
        kiosk_shot.push_back(double(now_ns() - t) / 1e6);
        if (!chromium) continue;
        auto args = common;
        args.insert(args.end(), {"--headless", "--user-data-dir=" + tmp + "/chrome" + std::to_string(i),
                                 "--window-size=1080,1920", "--screenshot=" + tmp + "/chrome.png", "file://" + html});
        t = now_ns();
        run(args);
        double b = double(now_ns() - t) / 1e6;
        chrome_shot.push_back(b);
        chrome_cpu.push_back(g_last_cpu_ms);
        if (a > 0) ratios.push_back(a / b);
        std::printf("pair %d: kiosk first frame %7.1f ms (M_PERTURB off %7.1f)  chromium screenshot %7.1f ms  ratio %.4f (1/%.0f)\n",
                    i + 1, a, a_np, b, a / b, b / a);
        fs::remove_all(tmp + "/chrome" + std::to_string(i));
    }
    if (hog > 0) {
        kill(hog, SIGKILL);
        waitpid(hog, nullptr, 0);
    }
    const char* busy_note = busy ? " +1 busy" : "";
    if (!first.empty())
        print((std::string("kiosk start -> first frame (headless)") + busy_note).c_str(), "ms", stats(first), first.size());
    if (!first_cpu.empty()) print("  its CPU time (whole process, to exit)", "ms", stats(first_cpu), first_cpu.size());
    if (!first_np.empty()) {
        print("  the same, M_PERTURB off (LD_PRELOAD shim)", "ms", stats(first_np), first_np.size());
        print("  its CPU time, M_PERTURB off", "ms", stats(first_np_cpu), first_np_cpu.size());
    }
    if (!other.empty()) {
        print("  the other build (--against), same pairs", "ms", stats(other), other.size());
        print("  its CPU time (whole process, to exit)", "ms", stats(other_cpu), other_cpu.size());
        auto r = stats(ab);
        std::printf("%-44s median %.3f  min %.3f  max %.3f\n", "ratio this build / other build, per pair", r.median, r.min, r.max);
    }
    print("kiosk --headless screenshot (start..PNG)", "ms", stats(kiosk_shot), kiosk_shot.size());
    if (!chrome_shot.empty()) {
        print("chromium --headless --screenshot (start..PNG)", "ms", stats(chrome_shot), chrome_shot.size());
        print("  its CPU time (all its processes)", "ms", stats(chrome_cpu), chrome_cpu.size());
        auto r = stats(ratios);
        std::printf("%-44s median %.4f (1/%.0f)  min %.4f  max %.4f\n", "ratio kiosk first frame / chromium, per pair",
                    r.median, 1 / r.median, r.min, r.max);
        std::printf("%-44s %.3f\n", "ratio kiosk/chromium screenshot (medians)", stats(kiosk_shot).median / stats(chrome_shot).median);
    }
    std::printf("# load average %.2f after the start-up runs\n", load_average());

    // 2. Frame times in this process, in the four layouts (portrait/landscape × normal/large
    // text): the home screen redrawn, and a 40-row Chinese list scrolling.
    long self_pss = 0;
    for (const char* orientation : {"portrait", "landscape"}) {
        for (bool large : {false, true}) {
            auto cfg = config::Config::demo();
            cfg.set_state_dir(tmp + "/state2");
            fs::create_directories(tmp + "/state2");
            (void)cfg.set("log.level=off");
            (void)cfg.set(std::string("display.orientation=") + orientation);
            (void)cfg.set(std::string("display.large_text=") + (large ? "true" : "false"));
            AppOptions opts;
            opts.headless = true;
            opts.assets_dir = std::string(KIOSK_SOURCE_DIR) + "/assets";
            auto vclock = std::make_shared<VirtualClock>();
            opts.clock = vclock;
            auto app = App::create(cfg, opts);
            if (!app) {
                std::fprintf(stderr, "cannot start the app: %s\n", app.error().message.c_str());
                return 1;
            }
            std::vector<double> cpu;
            auto frames = [&](int n) {
                std::vector<double> t;
                cpu.clear();
                for (int i = 0; i < n; ++i) {
                    vclock->advance(std::chrono::milliseconds(16));
                    int64_t a = now_ns(), ac = thread_cpu_ns();
                    (*app)->frame(true);
                    t.push_back(double(now_ns() - a) / 1e6);
                    cpu.push_back(double(thread_cpu_ns() - ac) / 1e6);
                }
                return t;
            };
            std::string layout = std::string(orientation) + (large ? ", large text" : "");
            frames(30);  // warm the glyph and line caches
            auto home = frames(300);
            print(("home screen frame (" + layout + ")").c_str(), "ms", stats(home), home.size());
            print("  its thread CPU time", "ms", stats(cpu), cpu.size());
            (*app)->navigate("bench_list");
            frames(30);
            auto list = frames(300);
            print(("40-row Chinese list, scrolling (" + layout + ")").c_str(), "ms", stats(list), list.size());
            print("  its thread CPU time", "ms", stats(cpu), cpu.size());
            if (self_pss == 0) self_pss = pss_tree_kb(getpid());
        }
    }
    std::printf("%-44s %ld kB (this process, after the first layout)\n", "steady PSS (in-process)", self_pss);

    // 3. The kiosk as its own process: PSS after it has settled on the home screen.
    std::string script = tmp + "/idle.ks";
    std::ofstream(script) << "expect \"证明打印\"\nwait 5\nwait-for \"不会出现的文字\" 4\n";
    auto settled = [&](const std::string& dir, const char* what) {
        pid_t k = spawn({dir + "/kiosk", "--headless", "--state-dir", tmp + "/state", "--script", script}, {});
        usleep(2500000);
        long pss = pss_tree_kb(k), rss = pss_tree_kb(k, {"Rss:"}), uss = pss_tree_kb(k, {"Private_Clean:", "Private_Dirty:"});
        stop_group(k);
        std::printf("%-44s PSS %ld kB  RSS %ld kB  USS %ld kB\n", what, pss, rss, uss);
    };
    settled(bin, "kiosk process (headless, home screen)");
    if (!against.empty()) settled(against, "  the other build (--against)");

    // 4. Under Xvfb (--x11): Chromium --kiosk and the kiosk in a real X11 window, PSS after they
    // settle, and the kiosk's start-up with a real window.
    if (with_x11 && chromium && access("/usr/bin/Xvfb", X_OK) == 0) {
        pid_t x = spawn({"/usr/bin/Xvfb", ":97", "-screen", "0", "1080x1920x24", "-nolisten", "tcp"}, {});
        usleep(800000);
        auto args = common;
        args.insert(args.end(), {"--kiosk", "--user-data-dir=" + tmp + "/chrome-kiosk", "file://" + html});
        pid_t c = spawn(args, {"DISPLAY=:97"});
        usleep(6000000);
        long chrome_pss = pss_tree_kb(c);
        stop_group(c);
        pid_t kw = spawn({bin + "/kiosk", "--state-dir", tmp + "/state", "--set", "display.fullscreen=false", "--set",
                          "log.level=off"},
                         {"DISPLAY=:97"});
        usleep(3000000);
        long kiosk_x_pss = pss_tree_kb(kw);
        stop_group(kw);
        std::vector<double> xfirst;
        for (int i = 0; i < std::max(3, pairs); ++i) {
            int64_t t0 = now_ns();
            std::string out = run({bin + "/kiosk", "--state-dir", tmp + "/state", "--set", "display.fullscreen=false",
                                   "--set", "log.level=off", "--exit-after-first-frame"},
                                  {"DISPLAY=:97"});
            long long t1 = 0;
            if (std::sscanf(out.c_str(), "first-frame-ns %lld", &t1) == 1) xfirst.push_back(double(t1 - t0) / 1e6);
        }
        stop_group(x);
        std::printf("%-44s %ld kB\n", "chromium --kiosk PSS (all processes, Xvfb)", chrome_pss);
        std::printf("%-44s %ld kB\n", "kiosk PSS (X11 window, Xvfb)", kiosk_x_pss);
        std::printf("%-44s %.3f\n", "ratio kiosk/chromium PSS", double(kiosk_x_pss) / double(chrome_pss));
        if (!xfirst.empty()) print("kiosk start -> first frame (X11 window, Xvfb)", "ms", stats(xfirst), xfirst.size());
    }
    std::printf("# load average %.2f at the end\n", load_average());
    fs::remove_all(tmp);
    return 0;
}
