// bench_guide_screens: frame time of opening an item page (build + first draw) and of the frames after it,
// headless in-process, on the demo content; the four layouts (portrait, landscape, each with normal and large text),
// wall time and the UI thread's CPU time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "kiosk/app/app.h"
#include "tools/bench/bench_stats.h"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// This thread's CPU time: the frame's own work, whatever the machine's load makes it wait.
double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

void report(const char* what, std::vector<double> v) {
    auto s = kiosk::bench::summarize(std::move(v));
    std::printf("%-52s n=%-4zu median %6.2f ms  p90 %6.2f  p99 %6.2f  max %6.2f  over 8 ms: %zu\n", what, s.n, s.median,
                s.p90, s.p99, s.max, s.over(8.0));
}

int run(const std::string& state, const std::string& orientation, bool large, const std::vector<std::string>& codes) {
    auto cfg = config::Config::demo();
    cfg.set_state_dir(state);
    (void)cfg.set("log.level=off");
    (void)cfg.set("display.orientation=" + orientation);
    (void)cfg.set(std::string("display.large_text=") + (large ? "true" : "false"));
    AppOptions opts;
    opts.headless = true;
    opts.assets_dir = std::string(KIOSK_SOURCE_DIR) + "/assets";
    auto clock = std::make_shared<VirtualClock>();
    opts.clock = clock;
    auto app = App::create(cfg, opts);
    if (!app) {
        std::fprintf(stderr, "cannot start the app: %s\n", app.error().message.c_str());
        return 1;
    }
    App& a = **app;
    double last_cpu = 0;  // CPU time of the last frame()
    auto frame = [&] {
        clock->advance(std::chrono::milliseconds(16));
        double t0 = now_ms(), c0 = cpu_ms();
        a.frame(true);
        last_cpu = cpu_ms() - c0;
        return now_ms() - t0;
    };
    for (int i = 0; i < 30; ++i) frame();
    std::vector<double> cold, warm, after, build, cold_cpu, warm_cpu;
    for (int pass = 0; pass < 3; ++pass)
        for (const auto& code : codes) {
            a.go_home();
            frame();
            a.navigate("item", {{"code", code}});
            double b0 = now_ms(), bc0 = cpu_ms();
            if (a.screen()) a.screen()->ensure_built();  // the layout part of the opening frame
            double b = now_ms() - b0, bc = cpu_ms() - bc0;
            if (pass > 0) build.push_back(b);
            double t = frame() + b;  // the frame that builds and draws the page
            (pass == 0 ? cold : warm).push_back(t);
            (pass == 0 ? cold_cpu : warm_cpu).push_back(last_cpu + bc);
            for (int i = 0; i < 3; ++i) after.push_back(frame());
        }
    std::string tag = " (" + orientation + (large ? ", large text)" : ")");
    report(("open item, first time" + tag).c_str(), cold);
    report("  its thread CPU time", cold_cpu);
    report(("open item, again" + tag).c_str(), warm);
    report("  its thread CPU time", warm_cpu);
    report(("frames after opening" + tag).c_str(), after);
    report(("  of which build() (layout, SQLite, QR), warm" + tag).c_str(), build);
    return 0;
}

}  // namespace

int main() {
    std::string tmp = (fs::temp_directory_path() / ("bench-guide-screens-" + std::to_string(getpid()))).string();
    fs::create_directories(tmp + "/state");
    std::string cmd = std::string(KIOSK_BIN_DIR) + "/kioskctl --config " + std::string(KIOSK_SOURCE_DIR) + "/assets/demo/kiosk.toml --state-dir " + tmp + "/state content import " +
                      KIOSK_SOURCE_DIR + "/assets/content > /dev/null";
    if (std::system(cmd.c_str()) != 0) {
        std::fprintf(stderr, "cannot import the demo content: %s\n", cmd.c_str());
        return 1;
    }
    std::vector<std::string> codes;
    std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/assets/content/items.json");
    auto items = nlohmann::json::parse(in, nullptr, false);
    for (const auto& it : items["items"]) codes.push_back(it["code"]);
    std::printf("bench_guide_screens: %zu items of the demo content, 1 pass cold + 2 warm, frame(true) = build + draw\n",
                codes.size());
    double load = -1;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) load = -1;
        std::fclose(f);
    }
    std::printf("# load average %.2f at start\n", load);
    int rc = 0;
    for (const char* o : {"portrait", "landscape"})
        for (bool large : {false, true})
            if (rc == 0) rc = run(tmp + "/state", o, large, codes);
    fs::remove_all(tmp);
    return rc;
}
