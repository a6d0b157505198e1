// PinLock: the technician PIN pad's failure count and lock, in a small SQLite file of the state dir.
#include "technician_lock.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

namespace {
const std::vector<std::string> kMigrations = {
    "CREATE TABLE pin_lock(id INTEGER PRIMARY KEY CHECK (id = 1), failures INTEGER NOT NULL,"
    " locked_at_ms INTEGER NOT NULL, locked_until_ms INTEGER NOT NULL);"
    "INSERT INTO pin_lock VALUES (1, 0, 0, 0);",
};
}  // namespace

Result<std::unique_ptr<PinLock>> PinLock::open(const std::string& path, const Clock& clock) {
    // Only the kiosk user reads it (it says when the pad opens again; no PIN is in it). Made
    // 0600 before SQLite opens it, so its -wal and -shm files (which copy its mode) are too.
    if (int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) {
        ::fchmod(fd, 0600);
        ::close(fd);
    }
    auto db = TRY(db::Database::open(path, db::Durability::Full));
    TRY(db.migrate(kMigrations));
    return std::unique_ptr<PinLock>(new PinLock(std::move(db), clock));
}

Status PinLock::save(int failures, int64_t locked_at, int64_t until) {
    auto st = TRY(m_db.prepare("UPDATE pin_lock SET failures = ?, locked_at_ms = ?, locked_until_ms = ? WHERE id = 1"));
    st.bind(1, failures).bind(2, locked_at).bind(3, until);
    return st.run();
}

Result<PinLock::State> PinLock::load() {
    auto st = TRY(m_db.prepare("SELECT failures, locked_at_ms, locked_until_ms FROM pin_lock WHERE id = 1"));
    if (!TRY(st.step())) return make_error(Errc::Internal, "technician.db: no lock row");
    State s;
    s.failures = int(st.int64(0));
    int64_t at = st.int64(1), until = st.int64(2);
    int64_t now = m_clock.wall_ms();
    if (until > 0 && at > now) {
        // The clock went back behind the lock's start: the lock starts again from now.
        at = now;
        until = now + std::chrono::duration_cast<std::chrono::milliseconds>(kPinLockout).count();
        TRY(save(s.failures, at, until));
    }
    s.locked = until > now;
    s.locked_until_ms = s.locked ? until : 0;
    s.attempts_left = s.locked ? 0 : std::max(0, kPinAttempts - s.failures);
    return s;
}

Result<PinLock::State> PinLock::state() {
    std::lock_guard lock(m_mutex);
    return load();
}

Result<PinLock::State> PinLock::record_failure() {
    std::lock_guard lock(m_mutex);
    State s = TRY(load());
    if (s.locked) return s;
    int failures = s.failures + 1;
    int64_t now = m_clock.wall_ms();
    if (failures >= kPinAttempts) {
        int64_t until = now + std::chrono::duration_cast<std::chrono::milliseconds>(kPinLockout).count();
        TRY(save(0, now, until));  // after the lock, five new tries
    } else {
        TRY(save(failures, 0, 0));
    }
    return load();
}

Status PinLock::record_success() {
    std::lock_guard lock(m_mutex);
    return save(0, 0, 0);
}

}  // namespace kiosk
