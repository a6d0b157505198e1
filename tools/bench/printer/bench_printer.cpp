// Printer benchmark: tap on Print → job accepted by a real ippeveprinter; status change → listener called.
#include <algorithm>
#include <cstdlib>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <condition_variable>
#include <vector>

#include "base/log.h"
#include "drivers/printer/cups_printer.h"
#include "drivers/printer/print_service.h"
#include "ipp_fixture.h"
#include "tools/bench/bench_stats.h"

using namespace kiosk;
using namespace kiosk::printer;
using namespace kiosk::printer::test;
using namespace std::chrono;

static void report(const char* what, std::vector<double> ms) {
    auto s = kiosk::bench::summarize(std::move(ms));
    std::printf("%-44s n=%zu  median %.2f ms  p90 %.2f  p99 %.2f  min %.2f  max %.2f\n", what, s.n, s.median, s.p90, s.p99,
                s.min, s.max);
}

int main(int argc, char** argv) {
    int n = argc > 1 ? std::atoi(argv[1]) : 30;
    log::set_level(log::Level::Warn);
    IppPrinter ipp;
    if (!ipp.started()) {
        std::fprintf(stderr, "ippeveprinter did not start\n");
        return 1;
    }
    // 1. Tap on Print → the printer accepted the job (PrintService: record written with
    //    synchronous=FULL, Print-Job sent, job id stored). One job at a time: ippeveprinter
    //    answers "busy" while it prints, so each job is waited for before the next tap.
    std::string dir = make_temp_dir("kiosk-bench-printer");
    std::shared_ptr<Printer> p = CupsPrinter::create({.destination = ipp.uri()}).value();
    auto svc = PrintService::create(p, {.db_path = dir + "/print-jobs.db", .poll_interval = milliseconds(20)}).value();
    std::vector<double> accept;
    for (int i = 0; i < n; ++i) {
        std::mutex m;
        std::condition_variable cv;
        bool accepted = false;
        auto t0 = steady_clock::now();
        steady_clock::time_point t1;
        auto id = svc->print({test_pdf(), "bench", 1}, [&](const JobRecord& r) {
            if (std::getenv("BENCH_TRACE"))
                std::fprintf(stderr, "  %s %.3f ms\n", phase_name(r.phase), duration<double, std::milli>(steady_clock::now() - t0).count());
            if (r.phase == JobPhase::Printing || is_final(r.phase)) {
                std::lock_guard lock(m);
                if (!accepted) t1 = steady_clock::now();
                accepted = true;
                cv.notify_all();
            }
        });
        {
            std::unique_lock lock(m);
            cv.wait_for(lock, seconds(10), [&] { return accepted; });
        }
        accept.push_back(duration<double, std::milli>(t1 - t0).count());
        auto done = svc->wait(*id, seconds(20));
        if (!done || done->phase != JobPhase::Done) {
            std::fprintf(stderr, "job %d did not complete\n", i);
            return 1;
        }
    }
    report("tap on Print -> job accepted (PrintService)", accept);

    // 2. Status change on the printer (web form: tray empty / refilled) → listener called,
    //    with the default poll interval of 1000 ms.
    auto watcher = CupsPrinter::create({.destination = ipp.uri(), .poll_interval = milliseconds(1000)}).value();
    std::mutex m;
    std::condition_variable cv;
    bool want_empty = false;
    bool seen = false;
    watcher->set_status_listener([&](const PrinterStatus& s) {
        std::lock_guard lock(m);
        if (s.has(Condition::MediaEmpty) == want_empty) {
            seen = true;
            cv.notify_all();
        }
    });
    std::this_thread::sleep_for(milliseconds(300));
    std::vector<double> change;
    int rounds = std::max(10, n / 2);
    for (int i = 0; i < rounds; ++i) {
        {
            std::lock_guard lock(m);
            want_empty = !want_empty;
            seen = false;
        }
        auto t0 = steady_clock::now();
        ipp.set_main_tray_level(want_empty ? 0 : 250);
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, seconds(5), [&] { return seen; })) {
            std::fprintf(stderr, "status change %d not heard\n", i);
            return 1;
        }
        change.push_back(duration<double, std::milli>(steady_clock::now() - t0).count());
        lock.unlock();
        // Land the next change at a random point of the poll cycle.
        std::this_thread::sleep_for(milliseconds(137 * (i % 7)));
    }
    report("status change -> listener (poll 1000 ms)", change);
    svc.reset();
    std::filesystem::remove_all(dir);
    return 0;
}
