// The offline outbox: records for the platform, committed in SQLite with the change they report.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/secret.h"
#include "base/sqlite_db.h"
#include "kiosk/sync/crypto.h"

namespace kiosk::sync {

/// Priority class of a record. The numeric order is the upload order (call-staff first);
/// eviction goes the other way round and never touches audit records.
enum class Priority : int { CallStaff = 0, Audit = 1, Rating = 2, Health = 3, Usage = 4 };
inline constexpr int kPriorityCount = 5;
const char* priority_name(Priority);  ///< "call-staff", "audit", "rating", "health", "usage"
std::optional<Priority> parse_priority(std::string_view);

/// One record to queue.
struct Record {
    std::string kind;                  ///< "print-audit", "rating", "call-staff", "health", "usage", …
    Priority priority = Priority::Usage;
    std::string key;                   ///< idempotency key; empty: one is generated
    std::string payload;               ///< a JSON object, sent as is (no personal data here)
    Secret personal;                   ///< a JSON object with personal data: sealed before it is stored
};

/// A queued record as stored (payload is JSON text, or base64 sealed box when `sealed`).
struct StoredRecord {
    int64_t id = 0;
    std::string key, kind;
    Priority priority = Priority::Usage;
    int64_t created_ms = 0;
    std::string payload;
    bool sealed = false;
};

struct DeadLetter {
    StoredRecord record;
    std::string reason;
    int64_t dead_ms = 0;
};

struct OutboxLimits {
    int64_t max_records = 200000;
    int64_t max_age_days = 60;
};

struct OutboxStats {
    int64_t depth = 0;
    std::array<int64_t, kPriorityCount> by_class{};  ///< indexed by Priority
    std::array<int64_t, kPriorityCount> evicted{};   ///< records dropped by the caps, ever
    int64_t dead_letters = 0;
    int64_t oldest_ms = 0;  ///< created_ms of the oldest queued record (0: empty)
    bool alarm = false;     ///< full of records that may not be dropped (audit): technician needed
};

/// The durable count of queued records kept beside an outbox database (`<path>.count`,
/// written atomically): so that a file found empty where records were expected is reported
/// as a loss instead of passing for an empty queue (issue 19). 0 when there is none.
int64_t read_expected_depth(const std::string& db_path);
bool write_expected_depth(const std::string& db_path, int64_t depth);

/// Creates the outbox tables in `db` if missing. Any database may hold them (so a module
/// can commit its own change and the record in one transaction of its own file); the
/// uploader drains every database it is given.
Status ensure_outbox_schema(db::Database& db);

/// The producing side. Thread-safe: post() serialises on an internal connection;
/// enqueue() uses the caller's connection.
class Outbox {
public:
    struct Options {
        std::string kiosk_id = "kiosk";
        OutboxLimits limits;
        std::string seal_public_key_b64;  ///< needed only for records with personal data
        std::shared_ptr<Clock> clock = system_clock();
    };
    /// Opens (creating) the outbox database at `path` (WAL, synchronous=FULL). A damaged
    /// file is quarantined (db::Database::open_checked); a new or emptied file where the
    /// durable count says records were waiting raises the health condition `db.outbox.lost`.
    static Result<std::unique_ptr<Outbox>> open(const std::string& path, Options options);

    /// Queues `record` on `db` inside the caller's open Transaction, so the local change
    /// and its record commit (or roll back) together. `db` must hold the outbox schema
    /// (ensure_outbox_schema). Personal data is sealed here, before it reaches SQLite.
    /// Re-queuing an existing key is a no-op. Returns the record's key.
    Result<std::string> enqueue(db::Database& db, const Record& record) const;
    /// Queues one record in its own durable transaction on the outbox database.
    Result<std::string> post(const Record& record);
    /// Queues many records in one transaction (usage bursts, load tests).
    Status post_many(const std::vector<Record>& records);

    const std::string& path() const { return m_path; }
    const Options& options() const { return m_options; }

private:
    Outbox(std::string path, Options options, db::Database db, std::optional<Sealer> sealer)
        : m_path(std::move(path)), m_options(std::move(options)), m_db(std::move(db)), m_sealer(std::move(sealer)) {}
    /// Writes the durable count (see write_expected_depth); `force` writes now.
    void note_depth(bool force);
    int64_t m_written_depth = -1;
    std::chrono::steady_clock::time_point m_written_at{};
    std::string m_path;
    Options m_options;
    std::mutex m_mutex;
    db::Database m_db;
    std::optional<Sealer> m_sealer;
};

/// The consuming side (uploader, kioskctl): one connection, one thread.
class OutboxQueue {
public:
    static Result<OutboxQueue> open(const std::string& path);
    explicit OutboxQueue(db::Database db) : m_db(std::move(db)) {}

    /// Up to `n` records in upload order (priority class, then age).
    Result<std::vector<StoredRecord>> take_batch(int n);
    /// Deletes acknowledged records.
    Status remove(const std::vector<int64_t>& ids);
    /// Moves records the platform refused for good to the dead-letter table.
    Status dead_letter(const std::vector<std::pair<int64_t, std::string>>& id_reasons, int64_t now_ms);
    Result<std::vector<DeadLetter>> dead_letters(int limit = 1000);
    /// Puts every dead letter back in the queue; returns how many.
    Result<int64_t> retry_dead_letters();
    Result<OutboxStats> stats();
    /// Applies the size and age caps (ages on the age clock, advanced from `clock`);
    /// updates the alarm flag.
    Status enforce_caps(const OutboxLimits& limits, const Clock& clock);
    db::Database& db() { return m_db; }

private:
    db::Database m_db;
};

/// The outbox's age clock in `db` (milliseconds of age, kept in outbox_meta), advanced to
/// now and returned. It moves by the wall time passed since its last advance by any process,
/// but never more than the steady time passed (same boot), so an NTP step after a bad RTC
/// does not make fresh records old (issue 19), and time switched off does not count.
Result<int64_t> advance_age_clock(db::Database& db, const Clock& clock);

/// Applies the caps on `db` (used by enqueue and OutboxQueue): drops records older than
/// max_age_days of age clock (`age_ms` is its current value) and, over max_records, the oldest of the lowest class first (usage, health,
/// rating, call-staff); audit records are never dropped — the alarm is raised instead.
Status enforce_outbox_caps(db::Database& db, const OutboxLimits& limits, int64_t age_ms);

}  // namespace kiosk::sync
