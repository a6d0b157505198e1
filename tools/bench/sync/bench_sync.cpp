// Sync benchmark: durable enqueue rate (single and batched) and draining a 100,000-record backlog to platform-sim.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "base/log.h"
#include "kiosk/sync/uploader.h"
#include "tools/bench/bench_stats.h"

using namespace kiosk;
using namespace kiosk::sync;
using Clk = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {
long rss_kb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

void report(const char* what, std::vector<double> v, const char* unit) {
    auto s = kiosk::bench::summarize(std::move(v));
    std::printf("%-44s median %10.1f %s   min %10.1f   max %10.1f   (n=%zu)\n", what, s.median, unit, s.min, s.max, s.n);
}

Record rec(int i) { return {"usage", Priority::Usage, "", "{\"event\":\"bench\",\"screen\":\"home\",\"n\":" + std::to_string(i) + "}", {}}; }

std::string fresh_dir(const std::string& base, const std::string& name) {
    std::string d = base + "/" + name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}
}  // namespace

int main(int argc, char** argv) {
    log::set_level(log::Level::Warn);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::string base = argc > 1 ? argv[1] : "/tmp/kiosk-bench-sync";
    fs::create_directories(base);
    int runs = 3;

    // 1. one record a transaction (synchronous=FULL: one fsync each)
    std::vector<double> single, batched;
    for (int r = 0; r < runs; ++r) {
        auto dir = fresh_dir(base, "single");
        auto ob = Outbox::open(dir + "/outbox.db", {}).value();
        const int n = 500;
        auto t0 = Clk::now();
        for (int i = 0; i < n; ++i) (void)ob->post(rec(i));
        single.push_back(n / std::chrono::duration<double>(Clk::now() - t0).count());
    }
    report("enqueue, 1 record/transaction", single, "rec/s");
    for (int r = 0; r < runs; ++r) {
        auto dir = fresh_dir(base, "batched");
        auto ob = Outbox::open(dir + "/outbox.db", {}).value();
        const int n = 50000, per = 100;
        auto t0 = Clk::now();
        for (int i = 0; i < n; i += per) {
            std::vector<Record> b;
            for (int k = 0; k < per; ++k) b.push_back(rec(i + k));
            (void)ob->post_many(b);
        }
        batched.push_back(n / std::chrono::duration<double>(Clk::now() - t0).count());
    }
    report("enqueue, 100 records/transaction", batched, "rec/s");

    // 2. drain 100,000 records to platform-sim on loopback
    std::string sim_exe = fs::path(argv[0]).parent_path().string() + "/platform-sim";
    std::vector<double> drain_s, rss_growth;
    for (int r = 0; r < 3; ++r) {
        auto dir = fresh_dir(base, "drain");
        auto simdir = fresh_dir(base, "sim");
        {
            auto ob = Outbox::open(dir + "/outbox.db", {}).value();
            for (int i = 0; i < 100000; i += 1000) {
                std::vector<Record> b;
                for (int k = 0; k < 1000; ++k) b.push_back(rec(i + k));
                (void)ob->post_many(b);
            }
        }
        std::string port_file = simdir + "/port";
        pid_t pid = fork();
        if (pid == 0) {
            int nul = open("/dev/null", O_WRONLY);
            dup2(nul, 1);
            execl(sim_exe.c_str(), sim_exe.c_str(), "--port", "0", "--data", (simdir + "/data").c_str(), "--port-file", port_file.c_str(), (char*)nullptr);
            _exit(127);
        }
        for (int i = 0; i < 500 && !fs::exists(port_file); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        int port = std::stoi(std::string(std::istreambuf_iterator<char>(std::ifstream(port_file).rdbuf()), {}));
        PlatformSettings ps;
        ps.base_url = "http://127.0.0.1:" + std::to_string(port);
        ps.kiosk_id = "bench";
        UploaderOptions uo;
        uo.databases = {dir + "/outbox.db"};
        uo.batch_size = 200;  // the default of outbox.batch_size
        auto up = Uploader::create(ps, uo).value();
        std::atomic<bool> done{false};
        long rss_start = rss_kb(), rss_peak = rss_start;
        std::vector<long> samples;
        std::thread sampler([&] {
            while (!done) {
                long v = rss_kb();
                samples.push_back(v);
                rss_peak = std::max(rss_peak, v);
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
        auto t0 = Clk::now();
        auto res = up->drain_now();
        double secs = std::chrono::duration<double>(Clk::now() - t0).count();
        done = true;
        sampler.join();
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
        if (!res.complete) std::printf("drain incomplete: %s\n", res.error.c_str());
        drain_s.push_back(secs);
        long first_quarter = samples.empty() ? rss_start : samples[samples.size() / 4];
        long last = samples.empty() ? rss_start : samples.back();
        rss_growth.push_back(double(last - first_quarter));
        std::printf("  drain run %d: %.2f s, %lld uploaded, RSS start %ld kB, at 25%% %ld kB, end %ld kB, peak %ld kB\n", r + 1, secs,
                    (long long)res.uploaded, rss_start, first_quarter, last, rss_peak);
    }
    report("drain 100,000 records (batch 200)", drain_s, "s");
    report("RSS change from 25% to end of drain", rss_growth, "kB");
    fs::remove_all(base);
    return 0;
}
