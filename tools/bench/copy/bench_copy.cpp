// Benchmark: copying as the citizen feels it — tap "scan" to the preview on screen and tap "print"
// to the job accepted by the printer, for an ID card (300 dpi) and an A4 page (200 dpi), with
// SANE's test device and a real ippeveprinter; and the kiosk's memory high-water mark over a
// 20-page copy.
//   bench_copy [RUNS=5]
// Each run is a real headless kiosk process. The script takes a screenshot (a file with a time
// stamp) right before a tap and right after the awaited text, so each figure is the real-time
// span between the two as the kiosk's own steps see it (one frame of slack). Memory: the
// script writes UI dumps at the points of interest and this process reads /proc/PID/status
// of the kiosk the moment each dump appears.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "copy_rig.h"
#include "tools/bench/bench_stats.h"

using namespace kiosk::journeys::test;
using namespace kiosk::copy::test;

namespace {

using kiosk::bench::mtime_ms;

void report(const char* what, std::vector<double> v) {
    if (v.empty()) {
        std::printf("| %s | no successful run | | | |\n", what);
        return;
    }
    auto s = kiosk::bench::summarize(std::move(v));
    std::printf("| %s | %zu | %.0f | %.0f–%.0f | %.0f |\n", what, s.n, s.median, s.min, s.max, s.p90);
}

long status_kb(pid_t pid, const char* key) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::strlen(key));
    return -1;
}

/// Span between two screenshots of the last run, or -1.
double span(const Rig& rig, const char* a, const char* b) {
    double x = mtime_ms(rig.shot(a)), y = mtime_ms(rig.shot(b));
    return x > 0 && y > 0 ? y - x : -1;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    kiosk::copier::test::SaneTestDir sane;
    kiosk::printer::test::IppPrinter ipp;
    Rig rig;
    if (!ipp.started() || !rig.platform || !rig.card) {
        std::fprintf(stderr, "bench_copy: printer or simulators did not start\n");
        return 1;
    }
    rig.extra = sane_copier_args(ipp.uri(), {"test-picture=Grid"});
    std::vector<double> id_front, id_back, id_print, page_scan, page_print;
    for (int i = 0; i < runs; ++i) {
        int rc = rig.run(R"(
tap "复印"
wait-for "身份证复印" 10
tap "身份证复印"
expect "人像面朝下"
screenshot f0
tap "扫描人像面"
wait-for "扫描国徽面" 30
screenshot f1
tap "扫描国徽面"
wait-for "打印（1 页）" 30
screenshot b1
tap "打印（1 页）"
wait-for "正在打印，请稍候" 30
screenshot p1
wait-for "请取走您的复印件" 60
)", std::chrono::seconds(150));
        if (rc == 0) {
            id_front.push_back(span(rig, "f0", "f1"));
            id_back.push_back(span(rig, "f1", "b1"));
            id_print.push_back(span(rig, "b1", "p1"));
        } else {
            std::fprintf(stderr, "run %d (ID card) failed:\n%s\n", i, rig.log().c_str());
        }
        rc = rig.run(R"(
tap "复印"
wait-for "文件复印" 10
tap "文件复印"
screenshot s0
tap "扫描第 1 页"
wait-for "已扫描 1 页" 30
screenshot s1
tap "打印（1 页 × 1 份）"
wait-for "正在打印，请稍候" 30
screenshot s2
wait-for "请取走您的复印件" 60
)", std::chrono::seconds(150));
        if (rc == 0) {
            page_scan.push_back(span(rig, "s0", "s1"));
            page_print.push_back(span(rig, "s1", "s2"));
        } else {
            std::fprintf(stderr, "run %d (page) failed:\n%s\n", i, rig.log().c_str());
        }
    }

    // 20 pages: memory at the home screen, after 1 page, after 20, while printing, after the end.
    std::string script = "tap \"复印\"\nwait-for \"文件复印\" 10\ndump m-home\ntap \"文件复印\"\n";
    for (int p = 1; p <= 20; ++p) {
        script += "tap \"扫描第 " + std::to_string(p) + " 页\"\nwait-for \"已扫描 " + std::to_string(p) + " 页\" 30\n";
        if (p == 1) script += "dump m-1page\n";
    }
    script += "dump m-20pages\ntap \"打印（20 页 × 1 份）\"\nwait-for \"正在打印，请稍候\" 60\ndump m-printing\n"
              "wait-for \"请取走您的复印件\" 180\ntap \"完成，清除扫描内容\"\nwait 2\ndump m-end\n";
    const char* points[] = {"m-home", "m-1page", "m-20pages", "m-printing", "m-end"};
    std::vector<std::pair<long, long>> mem;  // RSS, high-water mark (kB)
    auto kiosk = rig.start(script);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(6);
    for (const char* point : points) {
        while (!file_exists(rig.dir / ("shots/" + std::string(point) + ".json")) && std::chrono::steady_clock::now() < deadline)
            usleep(2000);
        mem.push_back({status_kb(kiosk->pid(), "VmRSS:"), status_kb(kiosk->pid(), "VmHWM:")});
    }
    int rc = kiosk->wait(std::chrono::seconds(60));
    if (rc != 0) std::fprintf(stderr, "20-page copy failed:\n%s\n", rig.log().c_str());

    std::printf("bench_copy: %d runs, headless kiosk, SANE test device (%s, Grid picture), ippeveprinter, loopback\n", runs,
                kiosk::copier::test::SaneTestDir::device().c_str());
    std::printf("| what | n | median ms | min–max | p90 |\n|---|---|---|---|---|\n");
    report("ID card 300 dpi: tap 扫描人像面 → back prompt (front scanned, cropped)", id_front);
    report("ID card 300 dpi: tap 扫描国徽面 → preview with 打印", id_back);
    report("ID card: tap 打印 → job accepted (正在打印)", id_print);
    report("A4 page 200 dpi: tap 扫描第 1 页 → preview", page_scan);
    report("A4 page: tap 打印 → job accepted (正在打印)", page_print);
    std::printf("\n| 20-page copy, kiosk process | RSS MB | high-water MB |\n|---|---|---|\n");
    for (size_t i = 0; i < mem.size(); ++i)
        std::printf("| %s | %.1f | %.1f |\n", points[i], mem[i].first / 1024.0, mem[i].second / 1024.0);
    return rc == 0 && !id_front.empty() && !page_scan.empty() ? 0 : 1;
}
