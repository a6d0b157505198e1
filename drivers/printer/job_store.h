// The print-job records in SQLite (<state>/print-jobs.db): written before a job is submitted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/sqlite_db.h"
#include "drivers/printer/printer.h"

namespace kiosk::printer {

/// Where a job of ours stands. The first three are in progress; the rest are final.
enum class JobPhase {
    Sending,         ///< record written, being handed to the printer
    Printing,        ///< the printer accepted it (pending or processing)
    Stopped,         ///< the printer holds it (no paper, door open…); resumes when fixed
    Done,            ///< printed: the citizen can take the paper
    Failed,          ///< not printed (refused, unreachable, aborted, stalled and canceled)
    Canceled,        ///< canceled by us (citizen left) or at the printer
    NeedsAttention,  ///< we cannot tell whether it printed: staff must look
};
const char* phase_name(JobPhase);  ///< stored in the database: "sending", "printing", …
std::optional<JobPhase> parse_phase(std::string_view);
inline bool is_final(JobPhase p) { return p >= JobPhase::Done; }

/// One job of ours. Holds no personal data: `name` is a kind ("certificate", "form").
struct JobRecord {
    std::string id;                ///< our id, UUID-like
    std::string name;              ///< what the UI called it
    std::string printer_job_name;  ///< job-name sent to the printer (name + id)
    std::string destination;       ///< Printer::destination() when submitted
    int printer_job_id = 0;        ///< 0 until the printer accepted the job
    JobPhase phase = JobPhase::Sending;
    JobState printer_state = JobState::Unknown;  ///< last job-state the printer reported
    std::optional<Condition> stopped_by;          ///< while Stopped: why (not stored)
    std::string reason;            ///< why it failed / needs attention, for technicians
    int copies = 1;
    int attempts = 0;              ///< submissions tried (retries only when never accepted)
    int64_t created_ms = 0;        ///< wall clock
    int64_t updated_ms = 0;
};

/// Thin storage layer. One instance per thread (it owns its SQLite connection).
class JobStore {
public:
    static Result<JobStore> open(const std::string& path);
    Status insert(const JobRecord&);
    Status update(const JobRecord&);
    Result<std::optional<JobRecord>> get(const std::string& id);
    /// Records not in a final phase, oldest first.
    Result<std::vector<JobRecord>> unfinished();
    /// Newest first. `only_problems`: Failed and NeedsAttention only.
    Result<std::vector<JobRecord>> recent(size_t limit, bool only_problems = false);

private:
    explicit JobStore(db::Database db) : m_db(std::move(db)) {}
    Result<std::vector<JobRecord>> query(const std::string& where_order_limit, const std::string& bind_text = {});
    db::Database m_db;
};

}  // namespace kiosk::printer
