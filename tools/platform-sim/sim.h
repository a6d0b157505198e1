// platform-sim: a development implementation of platform protocol v1 (docs/platform-protocol.md).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "base/sqlite_db.h"

namespace httplib { class Server; }

namespace kiosk::sim {

struct SimOptions {
    std::string data_dir;     ///< sim.db lives here
    std::string assets_dir;   ///< identities.json, cases.json, keys/, certificates/
    std::string content_dir;  ///< the content bundle served to kiosks
    std::string token;        ///< required bearer token; empty: any (or none) accepted
};

/// A fault applied to the next `count` /api/v1/ requests whose path starts with `prefix`.
struct Fault {
    std::string kind;  ///< latency, 500, 429, 503, 404, blame-record, drop-mid-body, malformed-json, bad-signature, tamper-file
    int count = 0;
    int ms = 0;
    long long retry_after_s = 1;  ///< wide: tests send values that overflow a kiosk that multiplies them
    std::string prefix = "/api/v1/";
};

class Sim {
public:
    static Result<std::unique_ptr<Sim>> create(SimOptions options);
    /// Registers every route on `server` (plain or TLS).
    void install(httplib::Server& server);

private:
    explicit Sim(SimOptions o) : m_options(std::move(o)) {}
    struct Key {
        std::string seal_pk, seal_sk, content_sk;
    };
    Result<void> load();
    std::optional<Fault> take_fault(const std::string& path);
    nlohmann::json records_batch(const nlohmann::json& req, const std::string& kiosk_id);
    Result<std::pair<std::string, std::string>> manifest();  // body, signature

    SimOptions m_options;
    Key m_keys;
    nlohmann::json m_identities, m_cases;
    std::mutex m_mutex;  // guards everything below
    std::optional<db::Database> m_db;
    Fault m_fault;
    struct Issued {
        std::string file;
        int64_t expires_ms;
    };
    std::map<std::string, Issued> m_issued;
    std::vector<nlohmann::json> m_commands;
    std::map<std::thread::id, std::string> m_pending_shape;  // reply faults for the request on this thread
    /// A reply decided before the body was read (fault, 401), written after it was.
    struct Early {
        int status = 500;
        std::string code, message;
        long long retry_after_s = -1;
        bool blame_last = false;  ///< name the batch's last record in the body ("key")
    };
    std::map<std::thread::id, Early> m_early;
    nlohmann::json m_last_heartbeat;
    int64_t m_command_seq = 0, m_ticket_seq = 0;
};

/// Writes demo key pairs (when absent) and the certificate PDFs named in identities.json.
Status make_demo_assets(const std::string& assets_dir);

}  // namespace kiosk::sim
