// platform-sim routes: records with dedup, content, heartbeat, cases, certificates, faults, stats.
#include "sim.h"

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kiosk/sync/crypto.h"

namespace kiosk::sim {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

void reply_json(httplib::Response& res, int status, const json& j) {
    res.status = status;
    res.set_content(j.dump(), "application/json");
}

void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
    reply_json(res, status, {{"error", code}, {"message", message}});
}

const std::vector<std::string> kKinds = {"print-audit", "technician-audit", "rating", "call-staff", "health", "usage", "test"};
const std::vector<std::string> kClasses = {"call-staff", "audit", "rating", "health", "usage"};
bool one_of(const std::string& s, const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), s) != v.end(); }
}  // namespace

Result<std::unique_ptr<Sim>> Sim::create(SimOptions options) {
    std::unique_ptr<Sim> sim(new Sim(std::move(options)));
    TRY(sim->load());
    return sim;
}

Result<void> Sim::load() {
    fs::path a(m_options.assets_dir);
    m_keys.seal_pk = trim(read_file(a / "keys/seal.pub"));
    m_keys.seal_sk = trim(read_file(a / "keys/seal.key"));
    m_keys.content_sk = trim(read_file(a / "keys/content.key"));
    if (m_keys.seal_pk.empty() || m_keys.seal_sk.empty() || m_keys.content_sk.empty())
        return make_error(Errc::NotFound, "demo keys missing in " + (a / "keys").string() + " (run platform-sim --make-demo-assets)");
    m_identities = json::parse(read_file(a / "identities.json"), nullptr, false);
    m_cases = json::parse(read_file(a / "cases.json"), nullptr, false);
    if (m_identities.is_discarded() || m_cases.is_discarded()) return make_error(Errc::InvalidInput, "identities.json or cases.json is not JSON");
    std::error_code ec;
    fs::create_directories(m_options.data_dir, ec);
    // The simulator's own store needs no power-loss durability: NORMAL keeps a 100,000-record drain fast.
    m_db = TRY(db::Database::open(m_options.data_dir + "/sim.db", db::Durability::Normal));
    TRY(m_db->exec(R"sql(
CREATE TABLE IF NOT EXISTS records(key TEXT PRIMARY KEY, kind TEXT NOT NULL, class TEXT NOT NULL, kiosk_id TEXT,
  created_ms INTEGER, received_ms INTEGER NOT NULL, payload TEXT NOT NULL, was_sealed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO counters VALUES('received', 0), ('duplicates', 0);
)sql"));
    return {};
}

std::optional<Fault> Sim::take_fault(const std::string& path) {
    std::lock_guard lock(m_mutex);
    if (m_fault.count <= 0 || path.rfind(m_fault.prefix, 0) != 0) return std::nullopt;
    --m_fault.count;
    return m_fault;
}

json Sim::records_batch(const json& req, const std::string& kiosk_id) {
    json results = json::array();
    std::lock_guard lock(m_mutex);
    auto& db = *m_db;
    auto tx = db::Transaction::begin(db);
    auto ins = db.prepare("INSERT OR IGNORE INTO records(key, kind, class, kiosk_id, created_ms, received_ms, payload, was_sealed) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
    if (!tx || !ins) return json();
    int64_t received = 0, dups = 0;
    for (const auto& r : req["records"]) {
        ++received;
        json ack = {{"key", r.is_object() && r.contains("key") && r["key"].is_string() ? r["key"] : json("")}};
        auto reject = [&](const std::string& why) {
            ack["status"] = "rejected";
            ack["reason"] = why;
            results.push_back(ack);
        };
        if (!r.is_object() || !r.contains("key") || !r["key"].is_string() || r["key"].get<std::string>().empty() ||
            r["key"].get<std::string>().size() > 200) {
            reject("missing or bad key");
            continue;
        }
        std::string kind = r.value("kind", ""), cls = r.value("class", "");
        if (!one_of(kind, kKinds)) {
            reject("unknown kind");
            continue;
        }
        if (!one_of(cls, kClasses)) {
            reject("unknown class");
            continue;
        }
        std::string payload;
        bool sealed = r.contains("sealed");
        if (sealed) {
            if (!r["sealed"].is_string()) {
                reject("sealed is not a string");
                continue;
            }
            auto plain = sync::unseal(r["sealed"].get<std::string>(), m_keys.seal_pk, m_keys.seal_sk);
            if (!plain || !json::accept(plain->reveal())) {
                reject("sealed payload does not open");
                continue;
            }
            payload = std::string(plain->reveal());
        } else if (r.contains("payload") && r["payload"].is_object()) {
            payload = r["payload"].dump();
        } else {
            reject("no payload");
            continue;
        }
        ins->reset()
            .bind(1, r["key"].get<std::string>())
            .bind(2, kind)
            .bind(3, cls)
            .bind(4, kiosk_id)
            .bind(5, r.value("created_ms", int64_t(0)))
            .bind(6, now_ms())
            .bind(7, payload)
            .bind(8, sealed ? 1 : 0);
        if (!ins->run()) {
            reject("store failed");
            continue;
        }
        bool fresh = db.changes() == 1;
        dups += !fresh;
        ack["status"] = fresh ? "accepted" : "duplicate";
        results.push_back(ack);
    }
    (void)db.exec("UPDATE counters SET value=value+" + std::to_string(received) + " WHERE name='received'");
    (void)db.exec("UPDATE counters SET value=value+" + std::to_string(dups) + " WHERE name='duplicates'");
    if (!tx->commit()) return json();
    return json{{"results", results}};
}

Result<std::pair<std::string, std::string>> Sim::manifest() {
    fs::path root(m_options.content_dir);
    if (!fs::is_directory(root)) return make_error(Errc::NotFound, "no content dir " + root.string());
    std::vector<std::string> paths;
    for (auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) paths.push_back(fs::relative(e.path(), root).generic_string());
    std::sort(paths.begin(), paths.end());
    json files = json::array();
    std::string all;
    for (const auto& p : paths) {
        std::string data = read_file(root / p);
        std::string h = sync::sha256_hex(data);
        all += p + ":" + h + "\n";
        files.push_back({{"path", p}, {"sha256", h}, {"size", data.size()}});
    }
    std::string version = "sim-" + sync::sha256_hex(all).substr(0, 12);
    json bundle_manifest = json::parse(read_file(root / "manifest.json"), nullptr, false);
    if (bundle_manifest.is_object() && bundle_manifest.contains("version") && bundle_manifest["version"].is_string())
        version = bundle_manifest["version"].get<std::string>() + "+" + version.substr(4, 8);
    std::string body = json{{"version", version}, {"created_ms", 0}, {"files", files}}.dump(1);
    auto sig = TRY(sync::sign(body, m_keys.content_sk));
    return std::make_pair(body, sig);
}

void Sim::install(httplib::Server& s) {
    // Faults and authentication apply to the protocol routes only, never to /sim/.
    // The pre-routing handler only decides: httplib has not read a request's body when it
    // runs, and a reply sent from there left the body unread on a kept-alive connection,
    // where it was parsed as the next request (414s; issue 19). The decision waits in
    // m_early for this thread; the route (wrapped by `api`) then does nothing and the
    // post-routing handler, which runs after the body was read, writes the reply.
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
        if (req.path.rfind("/api/v1/", 0) != 0) return httplib::Server::HandlerResponse::Unhandled;
        std::optional<Early> early;
        if (!m_options.token.empty() && req.get_header_value("Authorization") != "Bearer " + m_options.token) {
            early = Early{401, "unauthorized", "bad or missing bearer token"};
        } else if (auto f = take_fault(req.path)) {
            if (f->kind == "500") {
                early = Early{500, "internal", "injected fault"};
            } else if (f->kind == "429" || f->kind == "503") {
                early = Early{std::stoi(f->kind), "busy", "injected fault", f->retry_after_s};
            } else if (f->kind == "404") {
                early = Early{404, "not-found", "injected fault"};
            } else if (f->kind == "blame-record") {
                early = Early{422, "invalid-record", "injected fault: the batch's last record", -1, true};
            } else if (f->kind == "latency") {
                std::this_thread::sleep_for(std::chrono::milliseconds(f->ms));
            } else {
                // Response-shaping faults: the route runs, the reply is spoiled afterwards.
                std::lock_guard lock(m_mutex);
                m_pending_shape[std::this_thread::get_id()] = f->kind;
            }
        }
        if (early) {
            std::lock_guard lock(m_mutex);
            m_early[std::this_thread::get_id()] = *early;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    s.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        std::string kind;
        std::optional<Early> early;
        {
            std::lock_guard lock(m_mutex);
            if (auto it = m_early.find(std::this_thread::get_id()); it != m_early.end()) {
                early = it->second;
                m_early.erase(it);
            }
            auto it = m_pending_shape.find(std::this_thread::get_id());
            if (it != m_pending_shape.end()) {
                kind = it->second;
                m_pending_shape.erase(it);
            }
        }
        if (early) {
            json body = {{"error", early->code}, {"message", early->message}};
            if (early->blame_last) {
                // Names the last record of the batch, as docs/platform-protocol.md describes.
                json j = json::parse(req.body, nullptr, false);
                if (j.is_object() && j.contains("records") && j["records"].is_array() && !j["records"].empty() &&
                    j["records"].back().is_object() && j["records"].back().contains("key"))
                    body["key"] = j["records"].back()["key"];
            }
            res.status = early->status;
            res.headers.clear();
            if (early->retry_after_s >= 0) res.set_header("Retry-After", std::to_string(early->retry_after_s));
            res.set_content(body.dump(), "application/json");
            // The server computed Content-Length before this handler ran: correct it.
            res.headers.erase("Content-Length");
            res.set_header("Content-Length", std::to_string(res.body.size()));
            return;
        }
        if (kind.empty()) return;
        if (kind == "malformed-json") {
            res.set_content("{\"results\": [ this is not json", "application/json");
            // The server computed Content-Length before this handler ran: correct it.
            res.headers.erase("Content-Length");
            res.set_header("Content-Length", std::to_string(res.body.size()));
        } else if (kind == "bad-signature") {
            res.set_header("X-Signature", sync::base64_encode(std::string(64, 'x')));
        } else if (kind == "tamper-file" && !res.body.empty()) {
            res.body[res.body.size() / 2] ^= 0x20;
        } else if (kind == "drop-mid-body") {
            auto body = std::make_shared<std::string>(std::move(res.body));
            std::string type = res.get_header_value("Content-Type");
            res.body.clear();
            res.set_content_provider(body->size(), type.empty() ? "application/octet-stream" : type.c_str(),
                                     [body](size_t offset, size_t, httplib::DataSink& sink) {
                                         if (offset > 0) return false;  // after the first half: drop
                                         sink.write(body->data(), std::max<size_t>(1, body->size() / 2));
                                         return true;
                                     });
        }
    });
    // A protocol route does nothing when an early reply (fault, 401) waits for this request.
    auto api = [this](std::function<void(const httplib::Request&, httplib::Response&)> h) {
        return [this, h](const httplib::Request& req, httplib::Response& res) {
            {
                std::lock_guard lock(m_mutex);
                if (m_early.count(std::this_thread::get_id())) return;
            }
            h(req, res);
        };
    };

    s.Post("/api/v1/records", api([this](const httplib::Request& req, httplib::Response& res) {
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("records") || !j["records"].is_array())
            return reply_error(res, 400, "malformed", "records batch is not valid JSON");
        if (j["records"].size() > 5000) return reply_error(res, 413, "too-large", "at most 5000 records a batch");
        json out = records_batch(j, req.get_header_value("X-Kiosk-Id"));
        if (out.is_null()) return reply_error(res, 500, "store", "could not store the batch");
        reply_json(res, 200, out);
    }));

    s.Get("/api/v1/content/manifest", api([this](const httplib::Request& req, httplib::Response& res) {
        auto m = manifest();
        if (!m) return reply_error(res, 404, "no-content", m.error().message);
        std::string etag = "\"" + sync::sha256_hex(m->first).substr(0, 16) + "\"";
        res.set_header("ETag", etag);
        if (req.get_header_value("If-None-Match") == etag) {
            res.status = 304;
            return;
        }
        res.set_header("X-Signature", m->second);
        res.set_content(m->first, "application/json");
    }));

    s.Get(R"(/api/v1/content/files/(.+))", api([this](const httplib::Request& req, httplib::Response& res) {
        std::string rel = req.matches[1];
        if (rel.find("..") != std::string::npos) return reply_error(res, 400, "bad-path", "no ..");
        fs::path p = fs::path(m_options.content_dir) / rel;
        if (!fs::is_regular_file(p)) return reply_error(res, 404, "not-found", "no such file");
        res.set_content(read_file(p), "application/octet-stream");
    }));

    s.Post("/api/v1/heartbeat", api([this](const httplib::Request& req, httplib::Response& res) {
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return reply_error(res, 400, "malformed", "heartbeat is not JSON");
        std::lock_guard lock(m_mutex);
        m_last_heartbeat = j;
        json cmds = json::array();
        for (auto& c : m_commands) cmds.push_back(c);
        m_commands.clear();
        reply_json(res, 200, {{"commands", cmds}});
    }));

    s.Get(R"(/api/v1/cases/([0-9A-Z-]{6,32}))", api([this](const httplib::Request& req, httplib::Response& res) {
        std::string no = req.matches[1], code = req.get_header_value("X-Query-Code");
        for (const auto& c : m_cases["cases"]) {
            if (c.value("case_no", "") == no && c.value("query_code", "") == code && !code.empty()) {
                json out = c;
                out.erase("query_code");
                return reply_json(res, 200, out);
            }
        }
        reply_error(res, 404, "not-found", "no such case or wrong query code");
    }));

    s.Post("/api/v1/certificates/query", api([this](const httplib::Request& req, httplib::Response& res) {
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return reply_error(res, 400, "malformed", "not JSON");
        std::string id_number;
        if (j.contains("identity_sealed") && j["identity_sealed"].is_string()) {
            auto plain = sync::unseal(j["identity_sealed"].get<std::string>(), m_keys.seal_pk, m_keys.seal_sk);
            if (!plain) return reply_error(res, 400, "unseal", "identity does not open with the platform key");
            json ident = json::parse(plain->reveal(), nullptr, false);
            if (!ident.is_object() || !ident.contains("id_number") || !ident["id_number"].is_string())
                return reply_error(res, 400, "malformed", "sealed identity without id_number");
            id_number = ident["id_number"].get<std::string>();
        } else if (j.contains("login_token") && j["login_token"].is_string()) {
            auto logins = m_identities["logins"];
            auto it = logins.find(j["login_token"].get<std::string>());
            if (it == logins.end()) return reply_error(res, 404, "unknown-login", "unknown or expired login code");
            id_number = it->get<std::string>();
        } else {
            return reply_error(res, 400, "malformed", "identity_sealed or login_token required");
        }
        json list = json::array();
        std::lock_guard lock(m_mutex);
        for (const auto& person : m_identities["identities"]) {
            if (person.value("id_number", "") != id_number) continue;
            for (const auto& c : person["certificates"]) {
                std::string id = sync::random_hex(16);
                m_issued[id] = {(fs::path(m_options.assets_dir) / c["file"].get<std::string>()).string(), now_ms() + 600000};
                json entry = {{"id", id}, {"title", c["title"]}, {"issuer", c["issuer"]}, {"pages", c["pages"]}, {"issued_ms", c["issued_ms"]}};
                // The optional English (docs/platform-protocol.md), when the demo data has it.
                for (const char* k : {"title_en", "issuer_en"})
                    if (c.contains(k)) entry[k] = c[k];
                list.push_back(std::move(entry));
            }
        }
        reply_json(res, 200, {{"certificates", list}});
    }));

    s.Get(R"(/api/v1/certificates/([A-Za-z0-9_-]{8,128}))", api([this](const httplib::Request& req, httplib::Response& res) {
        std::string file;
        {
            std::lock_guard lock(m_mutex);
            auto it = m_issued.find(req.matches[1]);
            if (it == m_issued.end() || it->second.expires_ms < now_ms()) return reply_error(res, 410, "gone", "unknown, used or expired id");
            file = it->second.file;
            m_issued.erase(it);  // one-time
        }
        res.set_content(read_file(file), "application/pdf");
    }));

    s.Post("/api/v1/call-staff", api([this](const httplib::Request& req, httplib::Response& res) {
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("key") || !j["key"].is_string())
            return reply_error(res, 400, "malformed", "call-staff needs a key");
        json rec = {{"key", j["key"]}, {"kind", "call-staff"}, {"class", "call-staff"}, {"created_ms", now_ms()},
                    {"payload", {{"location", j.value("location", "")}, {"reason", j.value("reason", "")}}}};
        json out = records_batch(json{{"records", json::array({rec})}}, req.get_header_value("X-Kiosk-Id"));
        if (out.is_null()) return reply_error(res, 500, "store", "could not store");
        std::lock_guard lock(m_mutex);
        reply_json(res, 200, {{"ticket", "T-" + std::to_string(++m_ticket_seq)}, {"status", out["results"][0]["status"]}});
    }));

    // --- simulator control ---
    s.Post("/sim/faults", [this](const httplib::Request& req, httplib::Response& res) {
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return reply_error(res, 400, "malformed", "not JSON");
        Fault f;
        f.kind = j.value("kind", "");
        f.count = j.value("count", 1);
        f.ms = j.value("ms", 0);
        f.retry_after_s = j.value("retry_after_s", 1LL);
        f.prefix = j.value("prefix", std::string("/api/v1/"));
        static const std::vector<std::string> kinds = {"latency", "500", "429", "503", "404", "blame-record", "drop-mid-body", "malformed-json",
                                                       "bad-signature", "tamper-file", "reset"};
        if (!one_of(f.kind, kinds)) return reply_error(res, 400, "bad-kind", "unknown fault kind");
        if (f.kind == "reset") f.count = 0;
        std::lock_guard lock(m_mutex);
        m_fault = f;
        reply_json(res, 200, {{"ok", true}});
    });
    s.Get("/sim/stats", [this](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(m_mutex);
        json out = {{"received", 0}, {"unique", 0}, {"duplicates", 0}, {"by_kind", json::object()}};
        if (auto st = m_db->prepare("SELECT name, value FROM counters")) {
            while (st->step().value_or(false)) out[st->text(0)] = st->int64(1);
        }
        if (auto st = m_db->prepare("SELECT kind, count(*) FROM records GROUP BY kind")) {
            int64_t unique = 0;
            while (st->step().value_or(false)) {
                out["by_kind"][st->text(0)] = st->int64(1);
                unique += st->int64(1);
            }
            out["unique"] = unique;
        }
        reply_json(res, 200, out);
    });
    s.Get("/sim/records", [this](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(m_mutex);
        auto st = m_db->prepare("SELECT key, kind, class, payload, was_sealed, created_ms FROM records WHERE key=?1");
        if (!st) return reply_error(res, 500, "store", "prepare");
        st->bind(1, req.get_param_value("key"));
        if (!st->step().value_or(false)) return reply_error(res, 404, "not-found", "no such record");
        json p = json::parse(st->text(3), nullptr, false);
        reply_json(res, 200, {{"key", st->text(0)}, {"kind", st->text(1)}, {"class", st->text(2)}, {"payload", p},
                              {"was_sealed", st->int64(4) != 0}, {"created_ms", st->int64(5)}});
    });
    s.Get("/sim/keys", [this](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(m_mutex);
        auto st = m_db->prepare("SELECT key FROM records ORDER BY key");
        std::string out;
        if (st) while (st->step().value_or(false)) out += st->text(0) + "\n";
        res.set_content(out, "text/plain");
    });
    s.Post("/sim/commands", [this](const httplib::Request& req, httplib::Response& res) {
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("kind")) return reply_error(res, 400, "malformed", "needs kind");
        std::lock_guard lock(m_mutex);
        j["id"] = "c-" + std::to_string(++m_command_seq);
        m_commands.push_back(j);
        reply_json(res, 200, {{"id", j["id"]}});
    });
    s.Get("/sim/heartbeats", [this](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(m_mutex);
        reply_json(res, 200, m_last_heartbeat.is_null() ? json::object() : m_last_heartbeat);
    });
}

}  // namespace kiosk::sim
