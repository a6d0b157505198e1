// Outbox storage: schema, durable enqueue with sealing, batches, acks, caps and dead letters.
#include "kiosk/sync/outbox.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/health.h"
#include "base/log.h"

namespace kiosk::sync {

namespace {
constexpr const char* kNames[kPriorityCount] = {"call-staff", "audit", "rating", "health", "usage"};
// Eviction order under the size cap: least valuable first. Audit is absent on purpose: a
// print audit record is evidence and is never dropped (2026-11: issue 6).
constexpr Priority kEvictionOrder[] = {Priority::Usage, Priority::Health, Priority::Rating, Priority::CallStaff};

Result<int64_t> scalar(db::Database& db, std::string_view sql) {
    auto st = TRY(db.prepare(sql));
    if (!TRY(st.step())) return int64_t(0);
    return st.is_null(0) ? int64_t(0) : st.int64(0);
}

Status set_meta(db::Database& db, std::string_view key, int64_t value) {
    auto st = TRY(db.prepare("INSERT INTO outbox_meta(key, value) VALUES(?1, ?2) "
                             "ON CONFLICT(key) DO UPDATE SET value=excluded.value"));
    st.bind(1, key).bind(2, value);
    return st.run();
}

Status add_meta(db::Database& db, std::string_view key, int64_t delta) {
    auto st = TRY(db.prepare("INSERT INTO outbox_meta(key, value) VALUES(?1, ?2) "
                             "ON CONFLICT(key) DO UPDATE SET value=value+excluded.value"));
    st.bind(1, key).bind(2, delta);
    return st.run();
}

Result<std::optional<int64_t>> get_meta(db::Database& db, std::string_view key) {
    auto st = TRY(db.prepare("SELECT value FROM outbox_meta WHERE key=?1"));
    st.bind(1, key);
    if (!TRY(st.step())) return std::optional<int64_t>{};
    return std::optional<int64_t>(st.int64(0));
}

// This boot of the machine, as a number: steady-clock readings are comparable between
// processes only within one boot. 0 when unknown (then no reading is ever trusted).
int64_t boot_number() {
    static const int64_t n = [] {
        std::ifstream f("/proc/sys/kernel/random/boot_id");
        std::string id;
        std::getline(f, id);
        int64_t v = 0;
        int digits = 0;
        for (char c : id) {
            if (digits == 15) break;
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) continue;
            v = v * 16 + d;
            ++digits;
        }
        return v;
    }();
    return n;
}

// The durable count beside the database (<path>.count): how many records were queued when
// it was last written. It lives outside the SQLite file on purpose — what it guards against
// is that file being emptied or replaced.
std::string count_path(const std::string& db_path) { return db_path + ".count"; }
}  // namespace

int64_t read_expected_depth(const std::string& db_path) {
    FILE* f = std::fopen(count_path(db_path).c_str(), "r");
    if (!f) return 0;
    long long n = 0;
    if (std::fscanf(f, "depth %lld", &n) != 1) n = 0;
    std::fclose(f);
    return n > 0 ? int64_t(n) : 0;
}

bool write_expected_depth(const std::string& db_path, int64_t depth) {
    if (db_path.empty() || db_path == ":memory:") return false;
    std::string tmp = count_path(db_path) + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    std::string text = "depth " + std::to_string(depth) + "\n";
    bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    return ok && std::rename(tmp.c_str(), count_path(db_path).c_str()) == 0;
}

namespace {
StoredRecord read_record(const db::Statement& st) {
    StoredRecord r;
    r.id = st.int64(0);
    r.key = st.text(1);
    r.kind = st.text(2);
    r.priority = Priority(std::clamp<int64_t>(st.int64(3), 0, kPriorityCount - 1));
    r.created_ms = st.int64(4);
    r.payload = st.text(5);
    r.sealed = st.int64(6) != 0;
    return r;
}
}  // namespace

const char* priority_name(Priority p) {
    int i = int(p);
    return i >= 0 && i < kPriorityCount ? kNames[i] : "?";
}

std::optional<Priority> parse_priority(std::string_view s) {
    for (int i = 0; i < kPriorityCount; ++i)
        if (s == kNames[i]) return Priority(i);
    return std::nullopt;
}

Status ensure_outbox_schema(db::Database& db) {
    TRY(db.exec(R"sql(
CREATE TABLE IF NOT EXISTS outbox(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  prio INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  payload TEXT NOT NULL,
  sealed INTEGER NOT NULL DEFAULT 0,
  created_age_ms INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS outbox_upload_order ON outbox(prio, id);
CREATE TABLE IF NOT EXISTS outbox_dead(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  prio INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  payload TEXT NOT NULL,
  sealed INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL,
  dead_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
)sql"));
    // Files from before the age clock: their records start aging at the upgrade (age 0 on a
    // clock that starts at 0), which keeps them longer, never shorter.
    if (TRY(scalar(db, "SELECT count(*) FROM pragma_table_info('outbox') WHERE name='created_age_ms'")) == 0)
        TRY(db.exec("ALTER TABLE outbox ADD COLUMN created_age_ms INTEGER NOT NULL DEFAULT 0"));
    return {};
}

Result<int64_t> advance_age_clock(db::Database& db, const Clock& clock) {
    using namespace std::chrono;
    int64_t wall = clock.wall_ms();
    int64_t steady = duration_cast<milliseconds>(clock.now().time_since_epoch()).count();
    int64_t boot = boot_number();
    int64_t age = TRY(get_meta(db, "age.ms")).value_or(0);
    auto last_wall = TRY(get_meta(db, "age.wall_ms"));
    auto last_steady = TRY(get_meta(db, "age.steady_ms"));
    auto last_boot = TRY(get_meta(db, "age.boot"));
    // Time passed is what both clocks agree on: the wall clock (shared by every process
    // and across restarts) bounded by the steady clock (immune to NTP steps). A wall step
    // forward counts no more than the steady time that really passed; a step back counts 0;
    // across a reboot nothing counts, so a kiosk that was off does not age its records.
    if (last_wall && last_steady && last_boot && boot != 0 && *last_boot == boot)
        age += std::clamp<int64_t>(wall - *last_wall, 0, std::max<int64_t>(0, steady - *last_steady));
    TRY(set_meta(db, "age.ms", age));
    TRY(set_meta(db, "age.wall_ms", wall));
    TRY(set_meta(db, "age.steady_ms", steady));
    TRY(set_meta(db, "age.boot", boot));
    return age;
}

Status enforce_outbox_caps(db::Database& db, const OutboxLimits& limits, int64_t age_ms) {
    // Age cap: evictable records older than max_age_days (on the outbox's age clock, not the
    // wall clock: issue 19) go, oldest class rules do not matter.
    int64_t cutoff = age_ms - limits.max_age_days * 86400LL * 1000LL;
    for (Priority p : kEvictionOrder) {
        auto st = TRY(db.prepare("DELETE FROM outbox WHERE prio=?1 AND created_age_ms<?2"));
        st.bind(1, int(p)).bind(2, cutoff);
        TRY(st.run());
        if (int n = db.changes(); n > 0) TRY(add_meta(db, std::string("evicted.") + priority_name(p), n));
    }
    int64_t count = TRY(scalar(db, "SELECT count(*) FROM outbox"));
    for (Priority p : kEvictionOrder) {
        if (count <= limits.max_records) break;
        auto st = TRY(db.prepare("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE prio=?1 ORDER BY id LIMIT ?2)"));
        st.bind(1, int(p)).bind(2, count - limits.max_records);
        TRY(st.run());
        int n = db.changes();
        if (n > 0) {
            count -= n;
            TRY(add_meta(db, std::string("evicted.") + priority_name(p), n));
            LOG_WARN("outbox") << "size cap: evicted " << n << " " << priority_name(p) << " records";
        }
    }
    // Full with nothing left to evict: only audit records remain, and they are never dropped.
    bool alarm = count >= limits.max_records &&
                 TRY(scalar(db, "SELECT count(*) FROM outbox WHERE prio=" + std::to_string(int(Priority::Audit)))) == count;
    int64_t was = TRY(scalar(db, "SELECT value FROM outbox_meta WHERE key='alarm'"));
    if (alarm != (was != 0)) {
        TRY(set_meta(db, "alarm", alarm ? 1 : 0));
        if (alarm) LOG_ERROR("outbox") << "outbox full of records that may not be dropped (" << count << ")";
        else LOG_INFO("outbox") << "outbox below its cap again";
    }
    return {};
}

// --- Outbox (producer) ---------------------------------------------------------------

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& path, Options options) {
    if (!options.clock) options.clock = system_clock();
    std::optional<Sealer> sealer;
    if (!options.seal_public_key_b64.empty()) sealer = TRY(Sealer::create(options.seal_public_key_b64));
    db::OpenCheck check;
    auto db = TRY(db::Database::open_checked(path, db::Durability::Full, &check));
    TRY(ensure_outbox_schema(db));
    // A new (or quarantined) file where the count file says records were waiting: they are
    // lost, and someone must know (issue 19: a file truncated to 0 bytes lost 300 silently).
    int64_t expected = read_expected_depth(path);
    if (check.fresh && expected > 0) {
        health::raise("db.outbox.lost", std::to_string(expected) + " queued records were expected in " + path +
                                            (check.quarantined ? " (damaged, moved to " + check.moved_to + ")" : " (the file was empty)"));
    }
    auto out = std::unique_ptr<Outbox>(new Outbox(path, std::move(options), std::move(db), std::move(sealer)));
    out->note_depth(true);
    return out;
}

void Outbox::note_depth(bool force) {
    auto now = std::chrono::steady_clock::now();
    // The transition to "records waiting" is written at once; later changes at most once a
    // second (the count is for the loss report; its being non-zero is what matters).
    if (!force && m_written_depth > 0 && now - m_written_at < std::chrono::seconds(1)) return;
    auto n = scalar(m_db, "SELECT count(*) FROM outbox");
    if (!n) return;
    if (!force && *n == m_written_depth) return;
    if (write_expected_depth(m_path, *n)) {
        m_written_depth = *n;
        m_written_at = now;
    }
}

Result<std::string> Outbox::enqueue(db::Database& db, const Record& record) const {
    if (record.kind.empty()) return make_error(Errc::InvalidInput, "outbox record without a kind");
    if (int(record.priority) < 0 || int(record.priority) >= kPriorityCount)
        return make_error(Errc::InvalidInput, "outbox record with an unknown priority class");
    bool personal = !record.personal.empty();
    if (personal && !m_sealer)
        return make_error(Errc::InvalidInput, "record with personal data but no platform.seal_public_key configured");
    if (!personal && (record.payload.empty() || record.payload.front() != '{' || !nlohmann::json::accept(record.payload)))
        return make_error(Errc::InvalidInput, "outbox payload must be a JSON object");
    std::string key = record.key.empty() ? m_options.kiosk_id + "-" + random_hex(16) : record.key;
    // Sealed here, in memory: the clear text never reaches SQLite, its journal or the WAL.
    std::string stored = personal ? m_sealer->seal(record.personal.reveal()) : record.payload;
    int64_t age = TRY(advance_age_clock(db, *m_options.clock));
    auto st = TRY(db.prepare("INSERT OR IGNORE INTO outbox(key, kind, prio, created_ms, payload, sealed, created_age_ms) "
                             "VALUES(?1,?2,?3,?4,?5,?6,?7)"));
    st.bind(1, key).bind(2, record.kind).bind(3, int(record.priority)).bind(4, m_options.clock->wall_ms())
        .bind(5, stored).bind(6, personal ? 1 : 0).bind(7, age);
    TRY(st.run());
    // Cheap upper bound of the row count (ids are dense apart from deletions); only when it
    // crosses the cap do we pay for a real count and eviction.
    int64_t span = TRY(scalar(db, "SELECT (SELECT max(id) FROM outbox) - (SELECT min(id) FROM outbox) + 1"));
    if (span > m_options.limits.max_records) TRY(enforce_outbox_caps(db, m_options.limits, age));
    return key;
}

Result<std::string> Outbox::post(const Record& record) {
    std::lock_guard lock(m_mutex);
    auto tx = TRY(db::Transaction::begin(m_db));
    auto key = TRY(enqueue(m_db, record));
    TRY(tx.commit());
    // No count write here: a single post is the citizen's latency path, and the uploader,
    // woken by every post, writes the count on its pass (OutboxQueue::stats).
    return key;
}

Status Outbox::post_many(const std::vector<Record>& records) {
    std::lock_guard lock(m_mutex);
    auto tx = TRY(db::Transaction::begin(m_db));
    for (const auto& r : records) TRY(enqueue(m_db, r));
    TRY(tx.commit());
    note_depth(false);
    return {};
}

// --- OutboxQueue (consumer) ----------------------------------------------------------

Result<OutboxQueue> OutboxQueue::open(const std::string& path) {
    auto db = TRY(db::Database::open(path, db::Durability::Full));
    TRY(ensure_outbox_schema(db));
    return OutboxQueue(std::move(db));
}

Result<std::vector<StoredRecord>> OutboxQueue::take_batch(int n) {
    auto st = TRY(m_db.prepare("SELECT id, key, kind, prio, created_ms, payload, sealed FROM outbox ORDER BY prio, id LIMIT ?1"));
    st.bind(1, n);
    std::vector<StoredRecord> out;
    while (TRY(st.step())) out.push_back(read_record(st));
    return out;
}

Status OutboxQueue::remove(const std::vector<int64_t>& ids) {
    if (ids.empty()) return {};
    auto tx = TRY(db::Transaction::begin(m_db));
    auto st = TRY(m_db.prepare("DELETE FROM outbox WHERE id=?1"));
    for (int64_t id : ids) {
        st.reset().bind(1, id);
        TRY(st.run());
    }
    TRY(tx.commit());
    if (auto n = scalar(m_db, "SELECT count(*) FROM outbox")) (void)write_expected_depth(m_db.path(), *n);
    return {};
}

Status OutboxQueue::dead_letter(const std::vector<std::pair<int64_t, std::string>>& id_reasons, int64_t now_ms) {
    if (id_reasons.empty()) return {};
    auto tx = TRY(db::Transaction::begin(m_db));
    auto ins = TRY(m_db.prepare("INSERT OR REPLACE INTO outbox_dead(id, key, kind, prio, created_ms, payload, sealed, reason, dead_ms) "
                                "SELECT id, key, kind, prio, created_ms, payload, sealed, ?2, ?3 FROM outbox WHERE id=?1"));
    auto del = TRY(m_db.prepare("DELETE FROM outbox WHERE id=?1"));
    for (const auto& [id, reason] : id_reasons) {
        ins.reset().bind(1, id).bind(2, reason).bind(3, now_ms);
        TRY(ins.run());
        del.reset().bind(1, id);
        TRY(del.run());
    }
    TRY(tx.commit());
    if (auto n = scalar(m_db, "SELECT count(*) FROM outbox")) (void)write_expected_depth(m_db.path(), *n);
    return {};
}

Result<std::vector<DeadLetter>> OutboxQueue::dead_letters(int limit) {
    auto st = TRY(m_db.prepare("SELECT id, key, kind, prio, created_ms, payload, sealed, reason, dead_ms FROM outbox_dead ORDER BY id LIMIT ?1"));
    st.bind(1, limit);
    std::vector<DeadLetter> out;
    while (TRY(st.step())) out.push_back({read_record(st), st.text(7), st.int64(8)});
    return out;
}

Result<int64_t> OutboxQueue::retry_dead_letters() {
    auto tx = TRY(db::Transaction::begin(m_db));
    // A retried record starts a new life on the age clock: the technician gave it one.
    TRY(m_db.exec("INSERT OR IGNORE INTO outbox(key, kind, prio, created_ms, payload, sealed, created_age_ms) "
                  "SELECT key, kind, prio, created_ms, payload, sealed, "
                  "COALESCE((SELECT value FROM outbox_meta WHERE key='age.ms'), 0) FROM outbox_dead ORDER BY id"));
    TRY(m_db.exec("DELETE FROM outbox_dead"));
    int64_t n = m_db.changes();
    TRY(tx.commit());
    return n;
}

Result<OutboxStats> OutboxQueue::stats() {
    OutboxStats s;
    auto st = TRY(m_db.prepare("SELECT prio, count(*), min(created_ms) FROM outbox GROUP BY prio"));
    while (TRY(st.step())) {
        int p = int(st.int64(0));
        if (p < 0 || p >= kPriorityCount) continue;
        s.by_class[p] = st.int64(1);
        s.depth += st.int64(1);
        int64_t oldest = st.int64(2);
        if (s.oldest_ms == 0 || oldest < s.oldest_ms) s.oldest_ms = oldest;
    }
    s.dead_letters = TRY(scalar(m_db, "SELECT count(*) FROM outbox_dead"));
    auto meta = TRY(m_db.prepare("SELECT key, value FROM outbox_meta"));
    while (TRY(meta.step())) {
        std::string k = meta.text(0);
        if (k == "alarm") s.alarm = meta.int64(1) != 0;
        else if (k.rfind("evicted.", 0) == 0)
            if (auto p = parse_priority(std::string_view(k).substr(8))) s.evicted[int(*p)] = meta.int64(1);
    }
    // The durable count follows what the uploader sees on every pass (written on change only).
    if (s.depth != read_expected_depth(m_db.path())) (void)write_expected_depth(m_db.path(), s.depth);
    return s;
}

Status OutboxQueue::enforce_caps(const OutboxLimits& limits, const Clock& clock) {
    auto tx = TRY(db::Transaction::begin(m_db));
    int64_t age = TRY(advance_age_clock(m_db, clock));
    TRY(enforce_outbox_caps(m_db, limits, age));
    return tx.commit();
}

}  // namespace kiosk::sync
