// Test helpers for technician mode: a configuration with a PIN set by the real kioskctl, and the audit records in the outbox.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_process.h"

namespace kiosk::test {

/// The PIN the technician tests set; written only through kioskctl admin set-pin's stdin.
inline const std::string kTechnicianPin = "246813";

/// Writes DIR/kiosk.toml (a demo configuration) and sets kTechnicianPin in it with
/// `kioskctl admin set-pin --pin-stdin`; returns the file's path ("" on failure).
inline std::string technician_config(const TempDir& dir) {
    std::string path = dir / "kiosk.toml";
    write_file(path, "# a test kiosk\n[kiosk]\nmode = \"demo\"\n");
    auto r = run_process_with_input({std::string(KIOSK_BIN_DIR) + "/kioskctl", "admin", "set-pin", path, "--pin-stdin"},
                                    kTechnicianPin + "\n");
    return r.exit_code == 0 ? path : std::string();
}

/// One line of sqlite3's output per row (trailing newline removed).
inline std::string sql(const std::string& db, const std::string& query) {
    auto r = run_process({"/usr/bin/sqlite3", db, query});
    std::string out = r.output;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

/// The payloads of the technician-audit records queued in `outbox_db`, oldest first.
inline std::vector<nlohmann::json> audit_records(const std::string& outbox_db) {
    std::vector<nlohmann::json> out;
    std::string rows = sql(outbox_db, "SELECT payload FROM outbox WHERE kind = 'technician-audit' ORDER BY id");
    size_t p = 0;
    while (p < rows.size()) {
        size_t q = rows.find('\n', p);
        if (q == std::string::npos) q = rows.size();
        out.push_back(nlohmann::json::parse(rows.substr(p, q - p), nullptr, false));
        p = q + 1;
    }
    return out;
}

/// How many audit records have "event" == `event`.
inline int count_events(const std::vector<nlohmann::json>& records, const std::string& event) {
    int n = 0;
    for (const auto& r : records)
        if (r.is_object() && r.value("event", "") == event) ++n;
    return n;
}

}  // namespace kiosk::test
