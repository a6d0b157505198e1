// The printer interface: status, capabilities, print, job state, cancel. No CUPS type here.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "drivers/common/result.h"

namespace kiosk::printer {

/// The small set of kiosk states every printer-state / printer-state-reasons maps to.
enum class Availability {
    Ready,        ///< can print (maybe with a warning condition such as toner-low)
    Busy,         ///< printing someone's job; new jobs queue
    Unavailable,  ///< printing is impossible now: print buttons are disabled
};

/// What is wrong or worth knowing, from printer-state-reasons (IPP) or the simulator.
enum class Condition {
    MediaEmpty,   ///< media-empty / media-needed: no paper
    MediaLow,
    MediaJam,
    DoorOpen,     ///< door-open / cover-open
    TonerLow,     ///< toner-low / marker-supply-low
    TonerEmpty,   ///< toner-empty / marker-supply-empty
    Offline,      ///< offline-report / unreachable: no answer from the printer
    Paused,
    Stopped,
    Attention,    ///< any other reason at error or warning severity
};

const char* condition_name(Condition);  ///< "media-empty", … (stable, for JSON and logs)

struct Supply {
    std::string name;  ///< "black toner"
    int level = -1;    ///< percent, -1 unknown
};

struct PrinterStatus {
    Availability availability = Availability::Unavailable;
    std::vector<Condition> conditions;
    std::vector<std::string> raw_reasons;  ///< as the printer said them, for technicians
    std::vector<Supply> supplies;
    std::string state_message;            ///< printer-state-message, for technicians
    std::chrono::system_clock::time_point updated{};
    bool has(Condition c) const;
    bool can_print() const { return availability != Availability::Unavailable; }
};

struct Capabilities {
    std::vector<std::string> document_formats;
    std::vector<std::string> media;
    bool color = false;
    bool duplex = false;
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
    std::string job_name;   ///< shown in the printer's queue; never personal data
    std::string our_job_id; ///< the kiosk's own id for the job (also the idempotency key)
    int copies = 1;
};

struct JobStatus {
    int printer_job_id = 0;
    JobState state = JobState::Unknown;
    std::vector<std::string> reasons;  ///< job-state-reasons
    std::string message;
};

/// Unsolicited change of the printer's status, delivered on the driver's thread.
using StatusListener = std::function<void(const PrinterStatus&)>;

class Printer {
public:
    virtual ~Printer() = default;
    /// Last known status; never blocks (a background poller refreshes it).
    virtual PrinterStatus status() const = 0;
    virtual void set_status_listener(StatusListener) = 0;
    /// Asks the printer now (blocking); also refreshes the cached status.
    virtual Result<PrinterStatus> refresh_status() = 0;
    virtual Result<Capabilities> capabilities() = 0;
    /// Submits a job; returns the printer's job id once the printer has accepted it.
    virtual Result<int> submit(const PrintRequest&) = 0;
    virtual Result<JobStatus> job_status(int printer_job_id) = 0;
    virtual Status cancel(int printer_job_id) = 0;
    /// A stable name for the destination ("ipp://127.0.0.1:8631/ipp/print", "sim:/var/…").
    virtual std::string destination() const = 0;
};

}  // namespace kiosk::printer
