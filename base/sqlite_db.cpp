// SQLite wrapper implementation.
#include "sqlite_db.h"

#include <sqlite3.h>

namespace kiosk::db {

namespace {
Error sql_error(sqlite3* db, std::string_view what) {
    int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    Errc errc = (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB ? Errc::Corrupt
              : (code & 0xff) == SQLITE_BUSY ? Errc::Timeout
              : (code & 0xff) == SQLITE_CONSTRAINT ? Errc::InvalidInput
              : Errc::Io;
    return make_error(errc, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}
}  // namespace

Result<Database> Database::open(const std::string& path, Durability durability) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    Database db(raw, path);
    if (rc != SQLITE_OK) return sql_error(raw, "open " + path);
    sqlite3_busy_timeout(raw, 5000);  // another process (kioskctl) may hold the write lock briefly
    sqlite3_extended_result_codes(raw, 1);
    TRY(db.exec("PRAGMA foreign_keys=ON"));
    if (path != ":memory:") {
        auto st = TRY(db.prepare("PRAGMA journal_mode=WAL"));
        TRY(st.step());
    }
    TRY(db.exec(durability == Durability::Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"));
    return db;
}

Database::Database(Database&& o) noexcept : m_db(o.m_db), m_path(std::move(o.m_path)) { o.m_db = nullptr; }
Database& Database::operator=(Database&& o) noexcept {
    if (this != &o) {
        if (m_db) sqlite3_close_v2(m_db);
        m_db = o.m_db;
        m_path = std::move(o.m_path);
        o.m_db = nullptr;
    }
    return *this;
}
Database::~Database() {
    if (m_db) sqlite3_close_v2(m_db);
}

Status Database::exec(std::string_view sql) {
    std::string s(sql);
    char* msg = nullptr;
    if (sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string m = msg ? msg : "error";
        sqlite3_free(msg);
        return sql_error(m_db, "exec");
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), int(sql.size()), &st, nullptr) != SQLITE_OK)
        return sql_error(m_db, "prepare " + std::string(sql.substr(0, 60)));
    return Statement(st, m_db);
}

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }
std::string Database::last_error() const { return m_db ? sqlite3_errmsg(m_db) : ""; }

Status Database::migrate(const std::vector<std::string>& migrations) {
    auto st = TRY(prepare("PRAGMA user_version"));
    TRY(st.step());
    int64_t version = st.int64(0);
    for (size_t i = size_t(version); i < migrations.size(); ++i) {
        auto tx = TRY(Transaction::begin(*this));
        TRY(exec(migrations[i]));
        TRY(exec("PRAGMA user_version=" + std::to_string(i + 1)));
        TRY(tx.commit());
    }
    return {};
}

Statement::Statement(Statement&& o) noexcept : m_stmt(o.m_stmt), m_db(o.m_db) { o.m_stmt = nullptr; }
Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        if (m_stmt) sqlite3_finalize(m_stmt);
        m_stmt = o.m_stmt;
        m_db = o.m_db;
        o.m_stmt = nullptr;
    }
    return *this;
}
Statement::~Statement() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int i, int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}
Statement& Statement::bind(int i, double v) {
    sqlite3_bind_double(m_stmt, i, v);
    return *this;
}
Statement& Statement::bind(int i, std::string_view t) {
    sqlite3_bind_text(m_stmt, i, t.data(), int(t.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind_blob(int i, const void* d, size_t n) {
    sqlite3_bind_blob(m_stmt, i, d, int(n), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind_null(int i) {
    sqlite3_bind_null(m_stmt, i);
    return *this;
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sql_error(m_db, "step");
}

Status Statement::run() {
    for (;;) {
        bool row = TRY(step());
        if (!row) break;
    }
    sqlite3_reset(m_stmt);
    return {};
}

Statement& Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return *this;
}

int64_t Statement::int64(int c) const { return sqlite3_column_int64(m_stmt, c); }
double Statement::real(int c) const { return sqlite3_column_double(m_stmt, c); }
std::string Statement::text(int c) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, c));
    return p ? std::string(p, size_t(sqlite3_column_bytes(m_stmt, c))) : std::string();
}
std::vector<unsigned char> Statement::blob(int c) const {
    auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt, c));
    return p ? std::vector<unsigned char>(p, p + sqlite3_column_bytes(m_stmt, c)) : std::vector<unsigned char>();
}
bool Statement::is_null(int c) const { return sqlite3_column_type(m_stmt, c) == SQLITE_NULL; }

Result<Transaction> Transaction::begin(Database& db) {
    TRY(db.exec("BEGIN IMMEDIATE"));
    return Transaction(&db);
}
Transaction::~Transaction() {
    if (m_db) (void)m_db->exec("ROLLBACK");
}
Status Transaction::commit() {
    Database* db = m_db;
    m_db = nullptr;
    return db->exec("COMMIT");
}

}  // namespace kiosk::db
