// JobStore: the print_jobs table; every write is a synchronous=FULL transaction.
#include "drivers/printer/job_store.h"

#include <array>

namespace kiosk::printer {

namespace {
constexpr std::array kPhaseNames{"sending", "printing", "stopped", "completed", "failed", "canceled", "needs-attention"};
constexpr std::array kJobStates{JobState::Pending, JobState::Held,     JobState::Processing, JobState::Stopped,
                                JobState::Completed, JobState::Canceled, JobState::Aborted,   JobState::Unknown};

JobState parse_job_state(const std::string& s) {
    for (JobState js : kJobStates)
        if (s == job_state_name(js)) return js;
    return JobState::Unknown;
}

const std::vector<std::string> kMigrations = {
    R"(CREATE TABLE print_jobs(
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        printer_job_name TEXT NOT NULL,
        destination TEXT NOT NULL,
        printer_job_id INTEGER NOT NULL DEFAULT 0,
        phase TEXT NOT NULL,
        printer_state TEXT NOT NULL DEFAULT 'unknown',
        reason TEXT NOT NULL DEFAULT '',
        copies INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL);
       CREATE INDEX print_jobs_phase ON print_jobs(phase);
       CREATE INDEX print_jobs_created ON print_jobs(created_ms);)",
    // 2026-12-05 (issue 19): one owner per job. kioskctl and the kiosk share this journal;
    // recovery takes over only its own owner's rows. Older rows were the kiosk's.
    R"(ALTER TABLE print_jobs ADD COLUMN owner TEXT NOT NULL DEFAULT 'kiosk';)",
};

constexpr const char* kColumns =
    "id, name, printer_job_name, destination, printer_job_id, phase, printer_state, reason, copies, attempts, "
    "created_ms, updated_ms, owner";
}  // namespace

const char* phase_name(JobPhase p) { return kPhaseNames[size_t(p)]; }

std::optional<JobPhase> parse_phase(std::string_view s) {
    for (size_t i = 0; i < kPhaseNames.size(); ++i)
        if (s == kPhaseNames[i]) return JobPhase(i);
    return std::nullopt;
}

Result<JobStore> JobStore::open(const std::string& path) {
    auto db = TRY(db::Database::open(path, db::Durability::Full));
    TRY(db.migrate(kMigrations));
    return JobStore(std::move(db));
}

Result<JobStore> JobStore::open_checked(const std::string& path) {
    auto db = TRY(db::Database::open_checked(path, db::Durability::Full));
    TRY(db.migrate(kMigrations));
    return JobStore(std::move(db));
}

Status JobStore::insert(const JobRecord& r) {
    auto st = TRY(m_db.prepare(std::string("INSERT INTO print_jobs(") + kColumns +
                               ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    st.bind(1, r.id).bind(2, r.name).bind(3, r.printer_job_name).bind(4, r.destination).bind(5, r.printer_job_id);
    st.bind(6, phase_name(r.phase)).bind(7, job_state_name(r.printer_state)).bind(8, r.reason).bind(9, r.copies);
    st.bind(10, r.attempts).bind(11, r.created_ms).bind(12, r.updated_ms).bind(13, r.owner.empty() ? "kiosk" : r.owner);
    return st.run();
}

Status JobStore::update(const JobRecord& r) {
    auto st = TRY(m_db.prepare(
        "UPDATE print_jobs SET printer_job_id=?, phase=?, printer_state=?, reason=?, attempts=?, updated_ms=? "
        "WHERE id=?"));
    st.bind(1, r.printer_job_id).bind(2, phase_name(r.phase)).bind(3, job_state_name(r.printer_state));
    st.bind(4, r.reason).bind(5, r.attempts).bind(6, r.updated_ms).bind(7, r.id);
    TRY(st.run());
    if (m_db.changes() != 1) return make_error(Errc::NotFound, "no print job " + r.id);
    return {};
}

Result<std::vector<JobRecord>> JobStore::query(const std::string& tail, const std::string& bind_text) {
    auto st = TRY(m_db.prepare(std::string("SELECT ") + kColumns + " FROM print_jobs " + tail));
    if (!bind_text.empty()) st.bind(1, bind_text);
    std::vector<JobRecord> out;
    while (TRY(st.step())) {
        JobRecord r;
        r.id = st.text(0);
        r.name = st.text(1);
        r.printer_job_name = st.text(2);
        r.destination = st.text(3);
        r.printer_job_id = int(st.int64(4));
        // A phase this version does not know (a newer kiosk wrote it) needs a person.
        r.phase = parse_phase(st.text(5)).value_or(JobPhase::NeedsAttention);
        r.printer_state = parse_job_state(st.text(6));
        r.reason = st.text(7);
        r.copies = int(st.int64(8));
        r.attempts = int(st.int64(9));
        r.created_ms = st.int64(10);
        r.updated_ms = st.int64(11);
        r.owner = st.text(12);
        out.push_back(std::move(r));
    }
    return out;
}

Result<std::optional<JobRecord>> JobStore::get(const std::string& id) {
    auto rows = TRY(query("WHERE id=?", id));
    if (rows.empty()) return std::optional<JobRecord>{};
    return std::optional<JobRecord>(std::move(rows.front()));
}

Result<std::vector<JobRecord>> JobStore::unfinished(const std::string& owner) {
    return query("WHERE phase IN ('sending','printing','stopped') AND owner=? ORDER BY created_ms, rowid", owner);
}

Result<std::vector<JobRecord>> JobStore::recent(size_t limit, bool only_problems) {
    std::string where = only_problems ? "WHERE phase IN ('failed','needs-attention') " : "";
    return query(where + "ORDER BY created_ms DESC, rowid DESC LIMIT " + std::to_string(limit));
}

}  // namespace kiosk::printer
