// Benchmark: a simulated day in one kiosk process — N citizen sessions of mixed journeys over
// H hours of virtual time against the simulators; RSS, peak RSS, threads and open file
// descriptors sampled at every virtual hour, to show they stay flat (issue 11).
//   bench_soak [SESSIONS=2000] [HOURS=24]
// The kiosk runs one generated script (docs/scripts.md). Idle time between sessions is the
// script's `wait`, which advances the virtual clock frame by frame, so idle wipes, attract mode,
// heartbeats' timers and content checks run as in a day. At each virtual hour the script writes
// a UI dump (`dump hNN`); this process sees the file appear and samples /proc/PID of the kiosk
// at that moment. Networking (platform-sim), the ID-card reader (idcard-sim on a pty) and the
// sync threads run in real time.
#include <dirent.h>
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

#include "journey_rig.h"

using namespace kiosk::journeys::test;

namespace {

/// One journey of a citizen, from the home screen back to it.
struct Journey {
    const char* name;
    std::string steps;
};

// The mix: certificates and case status are what the 24-hour zone is used for most; every
// tenth session is walked away from and ends with the idle wipe.
const Journey kJourneys[] = {
    {"certificate print", std::string(kCertificatePrintSteps) + R"(wait-for "请取走您的证明" 20
card-remove
tap "完成，清除我的信息"
expect-screen home
)"},
    {"case scanned", R"(tap "办件查询"
scan ZWCASE:1:SL20261120000123:8K3Q
wait-for "带我去 21 号窗口" 10
tap "完成，清除我的信息"
expect-screen home
)"},
    {"guide search", R"(tap "办事指南"
type bdcdj
expect "不动产登记资料查询"
tap "不动产抵押权首次登记"
expect-screen item
tap "首页"
)"},
    {"rating", R"(tap "好差评"
tap "满意"
tap "指引清楚"
tap "提交评价"
expect "感谢您的评价！"
tap "返回首页"
)"},
    {"case typed", R"(tap "办件查询"
type SL20261101000777
tap "下一项"
type M4X9
tap "查询"
wait-for "需要补充材料" 10
tap "完成，清除我的信息"
expect-screen home
)"},
    {"map", R"(tap "楼层导航"
tap "电梯"
expect "电梯在服务台后方"
tap "首页"
)"},
    {"form print", R"(tap "办事指南"
type bdcdj
tap "不动产抵押权首次登记"
tap "表格（1）"
tap "不动产登记申请书"
expect-screen form_preview
tap "打印表格"
wait-for "请取走您的表格" 15
tap "首页"
)"},
    {"call staff", R"(tap "呼叫帮办"
tap "需要帮助打印"
tap "呼叫工作人员"
wait-for "工作人员正在赶来" 20
tap "返回首页"
)"},
    {"hall info, English", R"(tap "English"
expect "Certificates"
tap "中文"
tap "大厅信息"
expect "9:00"
tap "首页"
)"},
    {"walked away", R"(tap "办事指南"
type gjj
wait 75
expect-not "gjj"
)"},
};
constexpr int kJourneyCount = int(sizeof(kJourneys) / sizeof(kJourneys[0]));
// Virtual seconds a journey spends in explicit waits (the walked-away one waits for the wipe).
double journey_wait_s(int j) { return j == kJourneyCount - 1 ? 75.0 : 0.0; }

struct Sample {
    int hour = 0;
    double real_s = 0;
    long rss_kb = 0, hwm_kb = 0, threads = 0, fds = 0;
};

long status_field(pid_t pid, const char* key) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::strlen(key));
    return -1;
}

long open_fds(pid_t pid) {
    std::string path = "/proc/" + std::to_string(pid) + "/fd";
    DIR* d = ::opendir(path.c_str());
    if (!d) return -1;
    long n = 0;
    while (auto* e = ::readdir(d))
        if (e->d_name[0] != '.') ++n;
    ::closedir(d);
    return n;
}

std::string hour_name(int h) {
    char b[16];
    std::snprintf(b, sizeof b, "h%02d", h);
    return b;
}

}  // namespace

int main(int argc, char** argv) {
    int sessions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2000;
    int hours = argc > 2 ? std::max(1, std::atoi(argv[2])) : 24;
    Rig rig;
    if (!rig.platform || !rig.card) {
        std::fprintf(stderr, "bench_soak: simulators did not start\n");
        return 1;
    }
    // Sessions spread evenly over the day; the gap after each is what is left of its share.
    double share_s = double(hours) * 3600.0 / sessions;
    std::string script = "expect \"证明打印\"\ndump " + hour_name(0) + "\n";
    double virtual_s = 0;
    int next_hour = 1;
    for (int i = 0; i < sessions; ++i) {
        int j = i % kJourneyCount;
        script += "# session " + std::to_string(i + 1) + ": " + kJourneys[j].name + "\n" + kJourneys[j].steps;
        double used = journey_wait_s(j);
        double gap = std::max(1.0, share_s - used);
        char w[32];
        std::snprintf(w, sizeof w, "wait %.1f\n", gap);
        script += w;
        virtual_s += used + gap;
        while (next_hour <= hours && virtual_s >= next_hour * 3600.0) script += "dump " + hour_name(next_hour++) + "\n";
    }
    while (next_hour <= hours) script += "dump " + hour_name(next_hour++) + "\n";
    script += "dump end\n";

    auto t0 = std::chrono::steady_clock::now();
    auto kiosk = rig.start(script);
    std::vector<Sample> samples;
    int want = 0;
    // 2,000 sessions take a while in real time; allow an hour per 500 sessions.
    auto deadline = t0 + std::chrono::minutes(10 + sessions / 500 * 60);
    while (std::chrono::steady_clock::now() < deadline) {
        bool ended = file_exists(rig.dir / "shots/end.json");
        if (want <= hours && file_exists(rig.dir / ("shots/" + hour_name(want) + ".json"))) {
            Sample s;
            s.hour = want;
            s.real_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            s.rss_kb = status_field(kiosk->pid(), "VmRSS:");
            s.hwm_kb = status_field(kiosk->pid(), "VmHWM:");
            s.threads = status_field(kiosk->pid(), "Threads:");
            s.fds = open_fds(kiosk->pid());
            samples.push_back(s);
            std::fprintf(stderr, "hour %2d at %7.1f s real: RSS %ld kB, peak %ld kB, %ld threads, %ld fds\n", s.hour,
                         s.real_s, s.rss_kb, s.hwm_kb, s.threads, s.fds);
            ++want;
            continue;
        }
        if (ended) break;
        usleep(5000);
    }
    int rc = kiosk->wait(std::chrono::seconds(60));
    double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (rc != 0) std::fprintf(stderr, "bench_soak: the kiosk's script failed (exit %d):\n%s\n", rc, rig.log().c_str());

    std::printf("bench_soak: %d sessions (%d journeys in turn) over %d virtual hours, one kiosk process, "
                "platform-sim + idcard-sim (pty) + sim printer on loopback; %.0f s real\n",
                sessions, kJourneyCount, hours, total_s);
    std::printf("| virtual hour | RSS (MB) | peak RSS (MB) | threads | open fds |\n|---|---|---|---|---|\n");
    for (const auto& s : samples)
        std::printf("| %d | %.1f | %.1f | %ld | %ld |\n", s.hour, s.rss_kb / 1024.0, s.hwm_kb / 1024.0, s.threads, s.fds);
    if (samples.size() >= 3) {
        // Flat means: after the first hour (fonts, content, first journeys warm up), RSS and fds
        // of the last hour are those of hour 1 within noise.
        const auto& a = samples[1];
        const auto& b = samples.back();
        std::printf("hour 1 -> hour %d: RSS %+.1f MB (%+.1f %%), fds %+ld, threads %+ld\n", b.hour,
                    (b.rss_kb - a.rss_kb) / 1024.0, 100.0 * double(b.rss_kb - a.rss_kb) / double(a.rss_kb), b.fds - a.fds,
                    b.threads - a.threads);
    }
    return rc == 0 && int(samples.size()) == hours + 1 ? 0 : 1;
}
