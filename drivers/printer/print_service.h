// PrintService: owns print jobs end to end: record first, submit, follow, time out, cancel, recover.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "drivers/printer/job_store.h"
#include "drivers/printer/printer.h"

namespace kiosk::printer {

/// Called with the job's record every time its phase (or stop reason) changes, on the
/// service's worker thread. Keep it short: post to your own thread.
using JobListener = std::function<void(const JobRecord&)>;

struct PrintOrder {
    std::string file_path;  ///< a PDF; must stay readable until the phase is Printing
    std::string name;       ///< a kind ("certificate", "form"): never personal data
    int copies = 1;
};

class PrintService {
public:
    struct Options {
        std::string db_path;                          ///< <state>/print-jobs.db
        std::chrono::seconds job_timeout{120};        ///< printer.job_timeout_s
        std::chrono::milliseconds poll_interval{500}; ///< how often a job's state is asked
        /// Submissions tried while the printer cannot be reached at all (never accepted,
        /// so a retry cannot double a print), `retry_delay` apart. A printer that answers
        /// "busy" (one job at a time) is asked again every `retry_delay` until job_timeout.
        int max_submit_attempts = 3;
        std::chrono::milliseconds retry_delay{500};
    };

    /// Opens the database and starts the worker, whose first task is to settle every
    /// unfinished record left by an earlier run (see recover()).
    static Result<std::unique_ptr<PrintService>> create(std::shared_ptr<Printer>, Options,
                                                        std::shared_ptr<Clock> = system_clock());
    ~PrintService();

    /// Every job update (also of jobs recovered at start-up), on the worker thread.
    void set_listener(JobListener);

    /// Queues a job and returns our id at once (never blocks on the printer or the disk).
    /// The record is written (phase Sending) before the printer is contacted; `progress`
    /// then gets Sending → Printing → [Stopped →] Done, or Failed / Canceled / NeedsAttention.
    Result<std::string> print(PrintOrder, JobListener progress = {});
    /// Asks the printer to cancel the job (citizen left). Asynchronous; the job ends Canceled
    /// (or Done if it had already printed). NotFound for an unknown or finished job.
    Status cancel(const std::string& id);

    /// The job's record now (from memory while in progress, else from the database).
    Result<std::optional<JobRecord>> job(const std::string& id);
    /// Blocks until the job is final or `timeout` passes (Errc::Timeout). For kioskctl/tests.
    Result<JobRecord> wait(const std::string& id, std::chrono::milliseconds timeout);
    /// Newest first, for `kioskctl printer jobs` and the health report.
    Result<std::vector<JobRecord>> history(size_t limit = 50);
    /// Failed and NeedsAttention jobs, newest first (health report).
    Result<std::vector<JobRecord>> recent_failures(size_t limit = 10);
    /// True once the start-up recovery has settled (or is following) every old record.
    bool recovery_done() const;

    Printer& printer() { return *m_printer; }
    std::shared_ptr<Printer> printer_ptr() { return m_printer; }

private:
    struct Active {
        JobRecord record;
        std::string file_path;
        JobListener progress;
        Clock::time_point started;
        bool cancel_requested = false;
        bool cancel_sent = false;
        bool from_recovery = false;
        bool fresh = true;  ///< not yet submitted (false for recovered records)
    };
    PrintService(std::shared_ptr<Printer>, Options, std::shared_ptr<Clock>);
    void run(std::stop_token);
    void recover(JobStore&);
    void submit(JobStore&, Active&);
    void follow(JobStore&, Active&);
    void set_phase(JobStore&, Active&, JobPhase, std::string reason = {});
    void publish(Active&);

    std::shared_ptr<Printer> m_printer;
    Options m_options;
    std::shared_ptr<Clock> m_clock;

    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;     ///< worker: new work
    std::condition_variable m_changed;      ///< waiters: a record changed
    std::deque<std::string> m_queue;        ///< ids waiting to be submitted
    std::map<std::string, Active> m_active; ///< every job not yet final
    std::map<std::string, JobRecord> m_finished;  ///< final records of this run (for wait)
    JobListener m_listener;
    bool m_recovered = false;
    bool m_kick = false;  ///< cancel() asks the worker to act now
    std::jthread m_worker;
};

/// A fresh id of ours: 32 random hex digits as 8-4-4-4-12.
std::string new_job_id();

}  // namespace kiosk::printer
