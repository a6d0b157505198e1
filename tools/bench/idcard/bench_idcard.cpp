// Benchmark: card placed on idcard-sim → identity delivered by the real serial driver (115200 baud).
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "drivers/idcard/serial_reader.h"
#include "drivers/idcard/sim_control.h"
#include "tools/bench/bench_stats.h"

using namespace kiosk::idcard;
using namespace std::chrono;

namespace {

struct Waiter {
    std::mutex m;
    std::condition_variable cv;
    int reads = 0, removals = 0;
    steady_clock::time_point last_read;
    void on(const ReaderEvent& e) {
        std::lock_guard l(m);
        if (e.kind == ReaderEvent::Kind::CardRead) {
            last_read = steady_clock::now();
            ++reads;
        }
        if (e.kind == ReaderEvent::Kind::CardRemoved) ++removals;
        cv.notify_all();
    }
    bool wait(int& counter, int target) {
        std::unique_lock l(m);
        return cv.wait_for(l, seconds(10), [&] { return counter >= target; });
    }
};


}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::atoi(argv[1]) : 40;
    int poll_ms = argc > 2 ? std::atoi(argv[2]) : 150;
    std::string bin = std::string(KIOSK_BIN_DIR) + "/idcard-sim";
    char tmpl[] = "/tmp/idcard-bench-XXXXXX";
    std::string dir = mkdtemp(tmpl);
    auto sim = SimProcess::launch({dir, bin, {}});
    if (!sim) {
        std::fprintf(stderr, "bench: %s\n", sim.error().message.c_str());
        return 1;
    }
    SerialReaderOptions o;
    o.transport.path = sim->link();
    o.poll_interval = milliseconds(poll_ms);
    SerialIdCardReader reader(o);
    Waiter w;
    reader.start([&](const ReaderEvent& e) { w.on(e); });
    std::vector<double> ms;
    std::srand(12345);
    for (int i = 0; i < runs; ++i) {
        // A citizen lays the card down at a random moment relative to the poll cycle.
        std::this_thread::sleep_for(milliseconds(100 + std::rand() % 400));
        auto t0 = steady_clock::now();
        if (!sim->send("place wang")) return 1;
        if (!w.wait(w.reads, i + 1)) {
            std::fprintf(stderr, "bench: no CardRead in run %d\n", i);
            return 1;
        }
        ms.push_back(duration<double, std::milli>(w.last_read - t0).count());
        if (!sim->send("remove") || !w.wait(w.removals, i + 1)) return 1;
    }
    reader.stop();
    // Floor: a 30 01 reply is 1295 bytes = 112 ms on the wire at 115200 baud (8N1), plus
    // find and select; the rest is the wait for the next poll (uniform in 0 … poll interval).
    std::printf("idcard: card placed -> identity delivered (idcard-sim on a pty, 115200 baud, paced; poll %d ms), %d runs\n",
                poll_ms, runs);
    auto s = kiosk::bench::summarize(ms);
    std::printf("  median %.1f ms  p10 %.1f ms  p90 %.1f ms  min %.1f ms  max %.1f ms\n", s.median, s.p10, s.p90, s.min,
                s.max);
    sim->terminate();
    std::system(("rm -rf '" + dir + "'").c_str());
    return 0;
}
