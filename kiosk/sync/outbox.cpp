// Outbox storage: schema, durable enqueue with sealing, batches, acks, caps and dead letters.
#include "kiosk/sync/outbox.h"

#include <nlohmann/json.hpp>

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
    return db.exec(R"sql(
CREATE TABLE IF NOT EXISTS outbox(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  prio INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  payload TEXT NOT NULL,
  sealed INTEGER NOT NULL DEFAULT 0);
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
)sql");
}

Status enforce_outbox_caps(db::Database& db, const OutboxLimits& limits, int64_t now_ms) {
    // Age cap: evictable records older than max_age_days go, oldest class rules do not matter.
    int64_t cutoff = now_ms - limits.max_age_days * 86400LL * 1000LL;
    for (Priority p : kEvictionOrder) {
        auto st = TRY(db.prepare("DELETE FROM outbox WHERE prio=?1 AND created_ms<?2"));
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
    auto db = TRY(db::Database::open(path, db::Durability::Full));
    TRY(ensure_outbox_schema(db));
    return std::unique_ptr<Outbox>(new Outbox(path, std::move(options), std::move(db), std::move(sealer)));
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
    auto st = TRY(db.prepare("INSERT OR IGNORE INTO outbox(key, kind, prio, created_ms, payload, sealed) VALUES(?1,?2,?3,?4,?5,?6)"));
    st.bind(1, key).bind(2, record.kind).bind(3, int(record.priority)).bind(4, m_options.clock->wall_ms())
        .bind(5, stored).bind(6, personal ? 1 : 0);
    TRY(st.run());
    // Cheap upper bound of the row count (ids are dense apart from deletions); only when it
    // crosses the cap do we pay for a real count and eviction.
    int64_t span = TRY(scalar(db, "SELECT (SELECT max(id) FROM outbox) - (SELECT min(id) FROM outbox) + 1"));
    if (span > m_options.limits.max_records) TRY(enforce_outbox_caps(db, m_options.limits, m_options.clock->wall_ms()));
    return key;
}

Result<std::string> Outbox::post(const Record& record) {
    std::lock_guard lock(m_mutex);
    auto tx = TRY(db::Transaction::begin(m_db));
    auto key = TRY(enqueue(m_db, record));
    TRY(tx.commit());
    return key;
}

Status Outbox::post_many(const std::vector<Record>& records) {
    std::lock_guard lock(m_mutex);
    auto tx = TRY(db::Transaction::begin(m_db));
    for (const auto& r : records) TRY(enqueue(m_db, r));
    return tx.commit();
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
    return tx.commit();
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
    return tx.commit();
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
    TRY(m_db.exec("INSERT OR IGNORE INTO outbox(key, kind, prio, created_ms, payload, sealed) "
                  "SELECT key, kind, prio, created_ms, payload, sealed FROM outbox_dead ORDER BY id"));
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
    return s;
}

Status OutboxQueue::enforce_caps(const OutboxLimits& limits, int64_t now_ms) {
    auto tx = TRY(db::Transaction::begin(m_db));
    TRY(enforce_outbox_caps(m_db, limits, now_ms));
    return tx.commit();
}

}  // namespace kiosk::sync
