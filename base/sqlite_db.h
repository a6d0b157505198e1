// A thin RAII layer over SQLite: open with pragmas, prepared statements, transactions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::db {

enum class Durability {
    Full,    ///< synchronous=FULL: what must not be lost (outbox, print records)
    Normal,  ///< synchronous=NORMAL: rebuildable data (content, caches)
};

class Statement;

/// One connection. Not shared between threads: each thread opens its own.
class Database {
public:
    /// Opens (creating) `path` in WAL mode with a busy timeout. ":memory:" works.
    static Result<Database> open(const std::string& path, Durability = Durability::Full);
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    Database(const Database&) = delete;
    ~Database();

    /// Runs one or more statements without results.
    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    int64_t last_insert_rowid() const;
    int changes() const;
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }
    /// Applies `migrations[i]` for every i >= PRAGMA user_version, each in a transaction.
    Status migrate(const std::vector<std::string>& migrations);
    std::string last_error() const;

private:
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::string m_path;
};

/// A prepared statement. bind() indices start at 1, column() indices at 0.
class Statement {
public:
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    Statement(const Statement&) = delete;
    ~Statement();

    Statement& bind(int i, int64_t v);
    Statement& bind(int i, int v) { return bind(i, int64_t(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view text);
    Statement& bind(int i, const char* text) { return bind(i, std::string_view(text)); }
    Statement& bind_blob(int i, const void* data, size_t n);
    Statement& bind_null(int i);
    /// Steps once: true when a row is ready, false when done; error on failure.
    Result<bool> step();
    /// Steps to completion (INSERT/UPDATE/DELETE).
    Status run();
    Statement& reset();

    int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    std::vector<unsigned char> blob(int col) const;
    bool is_null(int col) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* s, sqlite3* db) : m_stmt(s), m_db(db) {}
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back when destroyed without commit().
class Transaction {
public:
    static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }
    ~Transaction();
    Status commit();

private:
    explicit Transaction(Database* db) : m_db(db) {}
    Database* m_db;
};

}  // namespace kiosk::db
