// Scanner benchmark: code written to a pty → ScanEvent delivered by SerialScanner; decoding a 1280x720 YUYV camera frame.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "drivers/scanner/qr_decode.h"
#include "drivers/scanner/serial_scanner.h"
#include "tools/bench/bench_stats.h"

extern char** environ;

using namespace kiosk::scanner;
using Clock = std::chrono::steady_clock;

namespace {

void report(const char* what, std::vector<double> ms) {
    auto s = kiosk::bench::summarize(std::move(ms));
    std::printf("%-44s n=%-4zu median %8.3f ms  p90 %8.3f  p99 %8.3f  min %8.3f  max %8.3f\n", what, s.n, s.median, s.p90,
                s.p99, s.min, s.max);
}

int bench_pty(int iterations) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) return std::perror("posix_openpt"), 1;
    std::string slave = ptsname(master);
    int hold = open(slave.c_str(), O_RDWR | O_NOCTTY);  // keep the pty alive, raw
    termios tio{};
    tcgetattr(hold, &tio);
    cfmakeraw(&tio);
    tcsetattr(hold, TCSANOW, &tio);

    std::mutex m;
    std::condition_variable cv;
    int received = 0;
    bool ready = false;
    Clock::time_point got;
    auto s = SerialScanner::create(SerialScannerOptions{slave, 9600, Charset::Utf8, Terminator::CR});
    if (!s) return std::fprintf(stderr, "%s\n", s.error().message.c_str()), 1;
    (*s)->start([&](const ScanEvent& e) {
        std::lock_guard lock(m);
        if (e.kind == ScanEvent::Kind::StateChanged) ready = e.state == ScannerState::Ready;
        else {
            ++received;
            got = Clock::now();
        }
        cv.notify_all();
    });
    {
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, std::chrono::seconds(5), [&] { return ready; })) return std::fprintf(stderr, "not ready\n"), 1;
    }
    const std::string code = "ZWCASE:1:SL20261120000123:8K3Q\r";
    std::vector<double> ms;
    for (int i = 0; i < iterations; ++i) {
        auto t0 = Clock::now();
        if (write(master, code.data(), code.size()) != static_cast<ssize_t>(code.size())) return std::perror("write"), 1;
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, std::chrono::seconds(5), [&] { return received == i + 1; })) return std::fprintf(stderr, "lost code\n"), 1;
        ms.push_back(std::chrono::duration<double, std::milli>(got - t0).count());
        lock.unlock();
        usleep(2000);  // codes arrive one by one, as from a hand-held scanner
    }
    (*s)->stop();
    close(hold);
    close(master);
    report("pty write -> ScanEvent (serial, 31-byte code)", ms);
    std::printf("%-44s (a real 9600-baud line adds %.1f ms of wire time for those 32 bytes)\n", "", 32 * 10 * 1000.0 / 9600);
    return 0;
}

/// The whole path as a technician sees it: `scan` on scanner-sim's control socket, the sim
/// writing at 9600 baud pace, SerialScanner reading the pty, the event delivered.
int bench_sim(const std::string& bin_dir, int iterations) {
    char tmpl[] = "/tmp/bench-scanner-XXXXXX";
    if (!mkdtemp(tmpl)) return 1;
    std::string dir = tmpl, link = dir + "/qrscanner", ctl = dir + "/ctl", sim = bin_dir + "/scanner-sim";
    std::vector<std::string> args = {sim, "--link", link, "--control", ctl, "--baud", "9600"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, sim.c_str(), &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) return std::fprintf(stderr, "cannot start %s\n", sim.c_str()), 1;
    int fd = -1;
    for (int i = 0; i < 500 && fd < 0; ++i) {
        usleep(10000);
        int s = socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::snprintf(a.sun_path, sizeof a.sun_path, "%s", ctl.c_str());
        if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) fd = s;
        else close(s);
    }
    auto finish = [&](int code) {
        if (fd >= 0) close(fd);
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
        rmdir(dir.c_str());
        return code;
    };
    if (fd < 0) return finish(1);

    std::mutex m;
    std::condition_variable cv;
    int received = 0;
    bool ready = false;
    Clock::time_point got;
    auto s = SerialScanner::create(SerialScannerOptions{link, 9600, Charset::Utf8, Terminator::CR});
    if (!s) return finish(1);
    (*s)->start([&](const ScanEvent& e) {
        std::lock_guard lock(m);
        if (e.kind == ScanEvent::Kind::StateChanged) ready = e.state == ScannerState::Ready;
        else {
            ++received;
            got = Clock::now();
        }
        cv.notify_all();
    });
    {
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, std::chrono::seconds(5), [&] { return ready; })) return finish(1);
    }
    std::vector<double> ms;
    const std::string cmd = "scan ZWCASE:1:SL20261120000123:8K3Q\n";
    for (int i = 0; i < iterations; ++i) {
        auto t0 = Clock::now();
        if (write(fd, cmd.data(), cmd.size()) != static_cast<ssize_t>(cmd.size())) return finish(1);
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, std::chrono::seconds(5), [&] { return received == i + 1; })) return finish(1);
        ms.push_back(std::chrono::duration<double, std::milli>(got - t0).count());
        lock.unlock();
        char reply[64];
        if (read(fd, reply, sizeof reply) <= 0) return finish(1);  // "ok" comes after the paced write
    }
    (*s)->stop();
    report("scanner-sim at 9600 baud -> ScanEvent", ms);
    return finish(0);
}

std::vector<uint8_t> yuyv_frame(const LumaImage* code, int ox, int oy, unsigned seed) {
    const int w = 1280, h = 720;
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0, 6);
    std::vector<uint8_t> f(static_cast<size_t>(w) * h * 2);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double lum = 150 + 40 * std::sin(x * 0.01) * std::cos(y * 0.013);  // a scene, not a flat wall
            int rx = x - ox, ry = y - oy;
            if (code && rx >= 0 && ry >= 0 && rx < code->width && ry < code->height)
                lum = 30 + code->pixels[static_cast<size_t>(ry) * code->width + rx] * 0.75;
            f[(static_cast<size_t>(y) * w + x) * 2] = static_cast<uint8_t>(std::clamp(lum + noise(rng), 0.0, 255.0));
            f[(static_cast<size_t>(y) * w + x) * 2 + 1] = 128;
        }
    return f;
}

int bench_decode(int iterations) {
    auto code = encode_qr("https://zwfw.example.gov.cn/case/SL20261118000045?from=kiosk", 5, 4, 2);
    if (!code) return 1;
    for (bool with_code : {true, false}) {
        for (bool harder : {false, true}) {
            std::vector<double> ms;
            for (int i = 0; i < iterations; ++i) {
                auto frame = yuyv_frame(with_code ? &*code : nullptr, 100 + (i * 97) % 800, 60 + (i * 53) % 300, i);
                LumaView v{frame.data(), 1280, 720, 2560, 2};
                auto t0 = Clock::now();
                auto r = decode_luminance(v, DecodeOptions{.try_harder = harder});
                auto t1 = Clock::now();
                if (r.ok() != with_code) return std::fprintf(stderr, "unexpected decode result (code=%d)\n", with_code), 1;
                ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            }
            std::string what = std::string("decode 1280x720 YUYV, ") + (with_code ? "code" : "no code") +
                               (harder ? ", try-harder" : ", camera mode");
            report(what.c_str(), ms);
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int n = argc > 1 ? std::atoi(argv[1]) : 200;
    if (int rc = bench_pty(n)) return rc;
    // scanner-sim sits next to this program in build/bin.
    std::string self = argv[0];
    std::string bin_dir = self.find('/') == std::string::npos ? "." : self.substr(0, self.rfind('/'));
    if (int rc = bench_sim(bin_dir, std::max(20, n / 4))) return std::fprintf(stderr, "scanner-sim benchmark failed\n"), rc;
    return bench_decode(std::max(10, n / 4));
}
