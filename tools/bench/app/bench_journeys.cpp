// Benchmark: card placed → certificate list on screen, and print tap → paper-out message (simulators on loopback).
// Each run is a real kiosk process; the script takes a screenshot (a file with a time stamp)
// right before the action and right after the awaited text, so the figure is the real-time
// span between the two, measured by the kiosk's own steps (with one frame of slack).
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "journey_rig.h"
#include "tools/bench/bench_stats.h"

using namespace kiosk::journeys::test;

namespace {

using kiosk::bench::mtime_ms;

void report(const char* what, std::vector<double> v) {
    if (v.empty()) {
        std::printf("%-40s no successful run\n", what);
        return;
    }
    auto s = kiosk::bench::summarize(std::move(v));
    std::printf("%-40s n=%zu median %.1f ms  min %.1f  p90 %.1f  max %.1f\n", what, s.n, s.median, s.min, s.p90, s.max);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    std::vector<double> list_ms, paper_ms;
    Rig rig;
    if (!rig.platform || !rig.card) {
        std::fprintf(stderr, "bench_journeys: simulators did not start\n");
        return 1;
    }
    for (int i = 0; i < runs; ++i) {
        int rc = rig.run(R"(
tap "证明打印"
expect "请将身份证放在感应区"
screenshot t0
card wang
wait-for "请核对您的身份" 10
tap "是我本人，查询我的证明"
wait-for "社保参保证明" 10
screenshot t1
card-remove
)");
        double a = mtime_ms(rig.shot("t0")), b = mtime_ms(rig.shot("t1"));
        if (rc == 0 && a > 0 && b > 0) list_ms.push_back(b - a);
        else std::fprintf(stderr, "run %d (list) failed:\n%s\n", i, rig.log().c_str());

        rc = rig.run(R"(
tap "证明打印"
card wang
wait-for "请核对您的身份" 10
tap "是我本人，查询我的证明"
wait-for "社保参保证明" 10
tap "社保参保证明"
wait-for "打印（共 1 页，免费）" 10
screenshot p0
tap "打印（共 1 页，免费）"
printer media-empty
wait-for "打印机缺纸，打印暂停" 10
screenshot p1
printer ok
wait-for "请取走您的证明" 10
card-remove
)");
        a = mtime_ms(rig.shot("p0"));
        b = mtime_ms(rig.shot("p1"));
        if (rc == 0 && a > 0 && b > 0) paper_ms.push_back(b - a);
        else std::fprintf(stderr, "run %d (paper) failed:\n%s\n", i, rig.log().c_str());
    }
    std::printf("bench_journeys: %d runs, kiosk headless, platform-sim + idcard-sim (pty, 115200 Bd) + sim printer on loopback\n", runs);
    report("card placed -> certificate list", list_ms);
    report("print tap -> paper-out message", paper_ms);
    return list_ms.empty() || paper_ms.empty() ? 1 : 0;
}
