// Shared bits of the printer fault tests: a CupsPrinter + PrintService on a temp database.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "drivers/printer/cups_printer.h"
#include "drivers/printer/print_service.h"
#include "ipp_fixture.h"

namespace kiosk::printer::test {

/// Records every phase (and stop reason) a job goes through.
struct PhaseLog {
    std::mutex m;
    std::vector<JobRecord> seen;
    JobListener listener() {
        return [this](const JobRecord& r) {
            std::lock_guard lock(m);
            seen.push_back(r);
        };
    }
    bool saw(JobPhase p, std::optional<Condition> by = std::nullopt) {
        std::lock_guard lock(m);
        for (auto& r : seen)
            if (r.phase == p && (!by || r.stopped_by == by)) return true;
        return false;
    }
};

struct Rig {
    std::string dir = make_temp_dir("kiosk-printsvc");
    std::shared_ptr<Printer> printer;
    std::unique_ptr<PrintService> service;
    explicit Rig(const std::string& uri, std::chrono::milliseconds poll = std::chrono::milliseconds(200),
                 std::chrono::seconds timeout = std::chrono::seconds(60)) {
        auto p = CupsPrinter::create({.destination = uri, .poll_interval = poll,
                                      .request_timeout = std::chrono::milliseconds(2000)});
        if (p) printer = std::move(*p);
        start_service(timeout);
    }
    void start_service(std::chrono::seconds timeout = std::chrono::seconds(60)) {
        PrintService::Options o;
        o.db_path = dir + "/print-jobs.db";
        o.poll_interval = std::chrono::milliseconds(100);
        o.job_timeout = timeout;
        o.retry_delay = std::chrono::milliseconds(100);
        auto s = PrintService::create(printer, o);
        if (s) service = std::move(*s);
    }
    ~Rig() {
        service.reset();
        printer.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

}  // namespace kiosk::printer::test
