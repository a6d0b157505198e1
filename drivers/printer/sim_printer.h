// SimPrinter: a printer that writes each job's PDF into a folder, with scriptable faults.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/clock.h"
#include "drivers/printer/printer.h"

namespace kiosk::printer {

/// For the demo and UI tests. A job is accepted at once, prints for `job_duration` of
/// clock time, then its PDF appears in `dir` as "<job-id>-<job-name>.pdf". Faults are set
/// with set_conditions(): a blocking condition (MediaEmpty, MediaJam, DoorOpen,
/// TonerEmpty, Paused) holds the printing job in Stopped until it is cleared, Offline
/// makes every request fail with Errc::Unavailable, abort_next_job() makes the next job
/// to finish end Aborted.
class SimPrinter final : public Printer {
public:
    struct Options {
        std::string dir;
        std::chrono::milliseconds job_duration{800};
        /// How often the simulated printer moves on (clock time).
        std::chrono::milliseconds tick{25};
    };
    static Result<std::unique_ptr<SimPrinter>> create(Options, std::shared_ptr<Clock> = system_clock());
    ~SimPrinter() override;

    // --- scripting (tests, demo) ---
    void set_conditions(std::vector<Condition>);
    void abort_next_job(std::string message = "Out of paper");
    /// Forgets every job, as a printer that was power-cycled does.
    void forget_jobs();

    PrinterStatus status() const override;
    void set_status_listener(StatusListener) override;
    Result<PrinterStatus> refresh_status() override;
    Result<Capabilities> capabilities() override;
    Result<int> submit(const PrintRequest&) override;
    Result<JobStatus> job_status(int printer_job_id) override;
    Result<std::optional<JobStatus>> find_job(const std::string& job_name) override;
    Status cancel(int printer_job_id) override;
    std::string destination() const override { return "sim:" + m_options.dir; }

private:
    struct Job {
        JobStatus status;
        std::string spool_path;  ///< copy of the document made at submit
        std::chrono::nanoseconds printed{0};
    };
    SimPrinter(Options, std::shared_ptr<Clock>);
    void run(std::stop_token);
    void step(std::chrono::nanoseconds elapsed);     ///< with m_mutex held
    PrinterStatus compute_status() const;            ///< with m_mutex held
    bool offline() const;                            ///< with m_mutex held

    Options m_options;
    std::shared_ptr<Clock> m_clock;
    mutable std::mutex m_mutex;
    std::vector<Condition> m_conditions;
    std::map<int, Job> m_jobs;
    int m_next_id = 1;
    bool m_abort_next = false;
    std::string m_abort_message;
    StatusListener m_listener;
    bool m_listener_fresh = false;
    std::jthread m_thread;
};

}  // namespace kiosk::printer
