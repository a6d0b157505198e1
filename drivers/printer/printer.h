// The printer interface: status, capabilities, print, job state, cancel. No CUPS type here.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace kiosk::printer {

/// The small set of kiosk states every printer-state / printer-state-reasons maps to.
enum class Availability {
    Ready,        ///< can print (maybe with a warning condition such as toner-low)
    Busy,         ///< printing someone's job; new jobs queue
    Unavailable,  ///< printing is impossible now: print buttons are disabled
};
const char* availability_name(Availability);  ///< "ready", "busy", "unavailable"

/// What is wrong or worth knowing, from printer-state-reasons (IPP) or the simulator.
enum class Condition {
    MediaEmpty,   ///< media-empty / media-needed: no paper
    MediaLow,
    MediaJam,
    DoorOpen,     ///< door-open / cover-open
    TonerLow,     ///< toner-low / marker-supply-low
    TonerEmpty,   ///< toner-empty / marker-supply-empty
    Offline,      ///< offline / unreachable: no answer from the printer
    Paused,
    Stopped,
    Attention,    ///< any other reason at error or warning severity
};

const char* condition_name(Condition);  ///< "media-empty", … (stable, for JSON and logs)
/// True for the conditions that make printing impossible (no paper, jam, door, no toner,
/// offline, paused, stopped). MediaLow, TonerLow and Attention only warn.
bool is_blocking(Condition);

/// RFC 8011 §5.4.12: a reason keyword may end in -report, -warning or -error; a keyword
/// without a suffix is an error.
enum class Severity { Report, Warning, Error };
const char* severity_name(Severity);

/// One printer-state-reasons keyword as the printer said it, split into its parts.
struct Reason {
    std::string keyword;    ///< without the suffix: "media-empty"
    Severity severity = Severity::Error;
    std::optional<Condition> condition;  ///< what the kiosk makes of it (none: ignored)
};

struct Supply {
    std::string name;  ///< "Black Toner"
    std::string type;  ///< "toner", "wasteToner", … ("" unknown)
    int level = -1;    ///< percent, -1 unknown
};

struct PrinterStatus {
    Availability availability = Availability::Unavailable;
    std::vector<Condition> conditions;     ///< each at most once, in the order of the enum
    std::vector<std::string> raw_reasons;  ///< as the printer said them, for technicians
    std::vector<Reason> reasons;           ///< raw_reasons parsed
    std::vector<Supply> supplies;
    std::string state;                     ///< "idle", "processing", "stopped", "unreachable"
    std::string state_message;             ///< printer-state-message, for technicians
    std::chrono::system_clock::time_point updated{};
    bool has(Condition c) const;
    bool can_print() const { return availability != Availability::Unavailable; }
    /// The first blocking condition, if any (what to tell the citizen).
    std::optional<Condition> blocking() const;
    /// Same state for the citizen and the health report (ignores times and messages).
    bool same_as(const PrinterStatus& o) const;
};

struct Capabilities {
    std::vector<std::string> document_formats;
    std::vector<std::string> media;
    bool color = false;
    bool duplex = false;
    int max_copies = 1;
};

/// What became of a job.
enum class JobState {
    Pending,     ///< accepted, waiting
    Held,
    Processing,  ///< printing
    Stopped,     ///< printing stopped by a printer fault (no paper mid-job); may resume
    Completed,   ///< printed: the citizen can take the paper
    Canceled,
    Aborted,     ///< the printer gave up (error)
    Unknown,     ///< the printer no longer knows the job
};
const char* job_state_name(JobState);
inline bool is_final(JobState s) {
    return s == JobState::Completed || s == JobState::Canceled || s == JobState::Aborted || s == JobState::Unknown;
}

struct PrintRequest {
    std::string file_path;  ///< a PDF
    std::string job_name;   ///< job-name on the printer; never personal data. PrintService
                            ///< puts its own job id in it so a job can be found after a crash.
    int copies = 1;
};

struct JobStatus {
    int printer_job_id = 0;
    JobState state = JobState::Unknown;
    std::string job_name;
    std::vector<std::string> reasons;  ///< job-state-reasons
    std::string message;               ///< job-state-message, for technicians
};

/// Unsolicited change of the printer's status, delivered on the driver's own thread.
using StatusListener = std::function<void(const PrinterStatus&)>;

/// A printer. Thread-safe: every method may be called from any thread.
class Printer {
public:
    virtual ~Printer() = default;
    /// Last known status; never blocks (a background poller refreshes it).
    virtual PrinterStatus status() const = 0;
    /// Called on the driver's poller thread whenever status().same_as() changes (and once
    /// with the first status after it is set). Keep it short: post to your own thread.
    virtual void set_status_listener(StatusListener) = 0;
    /// Asks the printer now (blocking); also refreshes the cached status.
    virtual Result<PrinterStatus> refresh_status() = 0;
    virtual Result<Capabilities> capabilities() = 0;
    /// Submits a job; returns the printer's job id once the printer has accepted it.
    /// Errc::Unavailable means the printer was not reached, so the job was certainly not
    /// accepted (safe to retry); Errc::DeviceNotReady means it answered "busy" or "not
    /// accepting jobs" (not accepted, retry later); Errc::Rejected / InvalidInput mean it
    /// refused the job; any other error leaves it unknown whether the job was accepted.
    virtual Result<int> submit(const PrintRequest&) = 0;
    /// Errc::NotFound when the printer does not know the job (any more).
    virtual Result<JobStatus> job_status(int printer_job_id) = 0;
    /// Finds the newest job with exactly this job-name among all jobs the printer still
    /// remembers (recovery after a crash between submitting and recording the job id).
    virtual Result<std::optional<JobStatus>> find_job(const std::string& job_name) = 0;
    virtual Status cancel(int printer_job_id) = 0;
    /// A stable name for the destination ("ipp://127.0.0.1:8631/ipp/print", "sim:/var/…").
    virtual std::string destination() const = 0;
};

}  // namespace kiosk::printer
