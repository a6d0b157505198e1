// PlatformClient: protocol v1 requests and strict parsing of the replies.
#include "kiosk/sync/platform_client.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>

namespace kiosk::sync {

using nlohmann::json;

namespace {
bool valid_chars(std::string_view s, size_t min, size_t max, bool allow_dash, bool allow_lower) {
    if (s.size() < min || s.size() > max) return false;
    for (char c : s) {
        bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (allow_dash && (c == '-' || c == '_')) ||
                  (allow_lower && c >= 'a' && c <= 'z');
        if (!ok) return false;
    }
    return true;
}

Result<json> parse_json(std::string_view body, const char* what) {
    json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return make_error(Errc::Protocol, std::string(what) + ": reply is not a JSON object");
    return j;
}

std::string str_field(const json& j, const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int64_t int_field(const json& j, const char* name, int64_t fallback = 0) {
    auto it = j.find(name);
    return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}
}  // namespace

Error http_error(long status, const std::string& what) {
    std::string m = what + ": HTTP " + std::to_string(status);
    if (status == 404 || status == 410) return make_error(Errc::NotFound, m);
    if (status >= 400 && status < 500 && status != 408 && status != 429) return make_error(Errc::Rejected, m);
    if (status == 408) return make_error(Errc::Timeout, m);
    if (status >= 500 || status == 429) return make_error(Errc::Unavailable, m);
    return make_error(Errc::Protocol, m + " (unexpected)");
}

Result<Manifest> parse_manifest(std::string_view body) {
    auto j = TRY(parse_json(body, "manifest"));
    Manifest m;
    m.version = str_field(j, "version");
    m.created_ms = int_field(j, "created_ms");
    if (m.version.empty() || m.version.size() > 64) return make_error(Errc::Protocol, "manifest: missing version");
    auto files = j.find("files");
    if (files == j.end() || !files->is_array()) return make_error(Errc::Protocol, "manifest: missing files");
    for (const auto& f : *files) {
        if (!f.is_object()) return make_error(Errc::Protocol, "manifest: a file entry is not an object");
        ManifestFile mf{str_field(f, "path"), str_field(f, "sha256"), int_field(f, "size", -1)};
        const auto& p = mf.path;
        bool bad = p.empty() || p.size() > 200 || p.front() == '/' || p.back() == '/' || p.find("//") != std::string::npos ||
                   p.find('\\') != std::string::npos || p == ".." || p.rfind("../", 0) == 0 ||
                   p.find("/../") != std::string::npos || (p.size() >= 3 && p.compare(p.size() - 3, 3, "/..") == 0) ||
                   p.find("/./") != std::string::npos || p.rfind("./", 0) == 0;
        for (unsigned char c : p)
            if (c < 0x20 || c == 0x7f) bad = true;
        if (bad) return make_error(Errc::Protocol, "manifest: unsafe path '" + p + "'");
        if (mf.sha256.size() != 64 || !valid_chars(mf.sha256, 64, 64, false, true))
            return make_error(Errc::Protocol, "manifest: bad sha256 for " + p);
        if (mf.size < 0) return make_error(Errc::Protocol, "manifest: bad size for " + p);
        m.files.push_back(std::move(mf));
    }
    return m;
}

Result<std::vector<RecordAck>> parse_acks(std::string_view body, const std::vector<StoredRecord>& sent) {
    auto j = TRY(parse_json(body, "records"));
    auto results = j.find("results");
    if (results == j.end() || !results->is_array() || results->size() != sent.size())
        return make_error(Errc::Protocol, "records: reply does not acknowledge every record");
    std::vector<RecordAck> acks;
    acks.reserve(sent.size());
    for (size_t i = 0; i < sent.size(); ++i) {
        const auto& r = (*results)[i];
        if (!r.is_object()) return make_error(Errc::Protocol, "records: ack is not an object");
        RecordAck a{str_field(r, "key"), RecordAck::Status::Accepted, str_field(r, "reason")};
        if (a.key != sent[i].key) return make_error(Errc::Protocol, "records: ack " + std::to_string(i) + " is for another key");
        std::string st = str_field(r, "status");
        if (st == "accepted") a.status = RecordAck::Status::Accepted;
        else if (st == "duplicate") a.status = RecordAck::Status::Duplicate;
        else if (st == "rejected") a.status = RecordAck::Status::Rejected;
        else return make_error(Errc::Protocol, "records: unknown ack status '" + st.substr(0, 20) + "'");
        acks.push_back(std::move(a));
    }
    return acks;
}

Result<std::unique_ptr<PlatformClient>> PlatformClient::create(PlatformSettings settings) {
    std::optional<Sealer> sealer;
    if (!settings.seal_public_key.empty()) sealer = TRY(Sealer::create(settings.seal_public_key));
    auto http = TRY(HttpClient::create(std::move(settings)));
    return std::unique_ptr<PlatformClient>(new PlatformClient(std::move(http), std::move(sealer)));
}

Result<CaseStatus> PlatformClient::case_status(const std::string& case_no, const std::string& query_code) {
    if (!valid_chars(case_no, 6, 32, true, false) || case_no.find('_') != std::string::npos)
        return make_error(Errc::InvalidInput, "case number must be 6-32 of [0-9A-Z-]");
    if (!valid_chars(query_code, 4, 12, false, false)) return make_error(Errc::InvalidInput, "query code must be 4-12 of [0-9A-Z]");
    auto resp = TRY(m_http->request("GET", "/api/v1/cases/" + case_no, {}, {"X-Query-Code: " + query_code}, 1u << 20));
    if (resp.status != 200) return http_error(resp.status, "case status");
    auto j = TRY(parse_json(std::string_view(resp.body.data(), resp.body.size()), "case status"));
    CaseStatus cs;
    cs.case_no = str_field(j, "case_no");
    cs.service = str_field(j, "service");
    // English is optional everywhere (docs/platform-protocol.md): a missing or malformed
    // English text leaves the Chinese to be shown, it never costs the citizen the answer.
    cs.service_en = str_field(j, "service_en");
    cs.state = str_field(j, "state");
    cs.window = str_field(j, "window");
    cs.floor = int(int_field(j, "floor"));
    if (cs.case_no != case_no || cs.state.empty()) return make_error(Errc::Protocol, "case status: reply for another case or without state");
    if (auto miss = j.find("missing"); miss != j.end()) {
        if (!miss->is_array()) return make_error(Errc::Protocol, "case status: missing is not a list");
        for (const auto& d : *miss) {
            if (!d.is_string() || d.get_ref<const std::string&>().empty())
                return make_error(Errc::Protocol, "case status: a missing document is not a name");
            cs.missing.push_back(d.get<std::string>());
        }
        if (auto en = j.find("missing_en"); en != j.end() && en->is_array() && en->size() == cs.missing.size()) {
            for (const auto& d : *en) cs.missing_en.push_back(d.is_string() ? d.get<std::string>() : std::string());
        }
    }
    auto tl = j.find("timeline");
    if (tl == j.end() || !tl->is_array()) return make_error(Errc::Protocol, "case status: missing timeline");
    for (const auto& e : *tl) {
        if (!e.is_object()) return make_error(Errc::Protocol, "case status: timeline entry is not an object");
        cs.timeline.push_back({str_field(e, "state"), int_field(e, "at_ms"), str_field(e, "text"), str_field(e, "text_en")});
    }
    return cs;
}

Result<std::vector<CertificateInfo>> PlatformClient::query_certificates(const WipedString& body) {
    auto resp = TRY(m_http->request("POST", "/api/v1/certificates/query", std::string_view(body.data(), body.size()), {}, 1u << 20));
    if (resp.status != 200) return http_error(resp.status, "certificates");
    auto j = TRY(parse_json(std::string_view(resp.body.data(), resp.body.size()), "certificates"));
    auto list = j.find("certificates");
    if (list == j.end() || !list->is_array()) return make_error(Errc::Protocol, "certificates: missing list");
    std::vector<CertificateInfo> out;
    for (const auto& c : *list) {
        if (!c.is_object()) return make_error(Errc::Protocol, "certificates: entry is not an object");
        CertificateInfo ci{str_field(c, "id"), str_field(c, "title"), str_field(c, "issuer"), str_field(c, "title_en"),
                           str_field(c, "issuer_en"), int(int_field(c, "pages", 1)), int_field(c, "issued_ms")};
        if (!valid_chars(ci.id, 8, 128, true, true) || ci.title.empty())
            return make_error(Errc::Protocol, "certificates: entry without a valid id or title");
        out.push_back(std::move(ci));
    }
    return out;
}

Result<std::vector<CertificateInfo>> PlatformClient::certificates_for(const Secret& id_number, const Secret& name) {
    if (!m_sealer) return make_error(Errc::InvalidInput, "platform.seal_public_key is not configured");
    // Built in a wiping buffer: the clear identity exists only here, then only sealed.
    WipedString plain = "{\"id_number\":";
    plain += json(std::string(id_number.reveal())).dump().c_str();
    plain += ",\"name\":";
    plain += json(std::string(name.reveal())).dump().c_str();
    plain += "}";
    WipedString body = "{\"identity_sealed\":\"";
    body += m_sealer->seal(std::string_view(plain.data(), plain.size())).c_str();
    body += "\"}";
    return query_certificates(body);
}

Result<std::vector<CertificateInfo>> PlatformClient::certificates_for_login(const Secret& login_token) {
    if (!valid_chars(login_token.reveal(), 16, 512, true, true)) return make_error(Errc::InvalidInput, "login token must be 16-512 base64url characters");
    WipedString body = "{\"login_token\":\"";
    body.append(login_token.reveal().data(), login_token.size());
    body += "\"}";
    return query_certificates(body);
}

Result<Secret> PlatformClient::fetch_certificate(const std::string& id) {
    if (!valid_chars(id, 8, 128, true, true)) return make_error(Errc::InvalidInput, "certificate id has unexpected characters");
    auto resp = TRY(m_http->request("GET", "/api/v1/certificates/" + id, {}, {}, 32u << 20));
    if (resp.status != 200) return http_error(resp.status, "certificate");
    if (resp.body.size() < 8 || resp.body.compare(0, 5, "%PDF-") != 0) return make_error(Errc::Protocol, "certificate: reply is not a PDF");
    return Secret(std::string_view(resp.body.data(), resp.body.size()));
}

Result<CallStaffReply> PlatformClient::call_staff(const std::string& key, const std::string& location, const std::string& reason) {
    json req = {{"key", key}, {"location", location}, {"reason", reason}};
    auto resp = TRY(m_http->request("POST", "/api/v1/call-staff", req.dump(), {}, 1u << 16));
    if (resp.status != 200) return http_error(resp.status, "call staff");
    auto j = TRY(parse_json(std::string_view(resp.body.data(), resp.body.size()), "call staff"));
    CallStaffReply r{str_field(j, "ticket"), str_field(j, "status") == "duplicate"};
    if (r.ticket.empty()) return make_error(Errc::Protocol, "call staff: reply without a ticket");
    return r;
}

Result<UploadReply> PlatformClient::upload(const std::vector<StoredRecord>& batch) {
    // Built by hand: payloads are JSON already (checked at enqueue), so they are copied,
    // not parsed and printed again, which keeps a 100,000-record drain cheap.
    std::string body = "{\"kiosk_id\":" + json(settings().kiosk_id).dump() + ",\"records\":[";
    for (size_t i = 0; i < batch.size(); ++i) {
        const auto& r = batch[i];
        if (i) body += ',';
        body += "{\"key\":" + json(r.key).dump() + ",\"kind\":" + json(r.kind).dump() + ",\"class\":\"" +
                priority_name(r.priority) + "\",\"created_ms\":" + std::to_string(r.created_ms);
        body += r.sealed ? ",\"sealed\":\"" + r.payload + "\"}" : ",\"payload\":" + r.payload + "}";
    }
    body += "]}";
    auto resp = TRY(m_http->request("POST", "/api/v1/records", body, {}, 8u << 20));
    UploadReply out;
    out.status = resp.status;
    if (auto ra = resp.header("retry-after"); !ra.empty()) {
        // Delta-seconds only (RFC 9110 10.2.3); an HTTP-date is ignored. Clamped before
        // anything multiplies it: strtol saturates at LONG_MAX on overflow.
        char* end = nullptr;
        errno = 0;
        long v = std::strtol(ra.c_str(), &end, 10);
        if (end != ra.c_str() && *end == '\0' && v >= 0) out.retry_after_s = (errno == ERANGE || v > kMaxRetryAfterS) ? kMaxRetryAfterS : v;
    }
    if (resp.status == 200) {
        out.acks = TRY(parse_acks(std::string_view(resp.body.data(), resp.body.size()), batch));
        return out;
    }
    // An error body is read only for what it names; a body that is not the protocol's (a
    // proxy's HTML page, say) blames nothing.
    json err = json::parse(resp.body.data(), resp.body.data() + resp.body.size(), nullptr, false);
    if (err.is_object()) {
        out.error_message = (str_field(err, "error") + ": " + str_field(err, "message")).substr(0, 200);
        std::string key = str_field(err, "key");
        if ((resp.status == 400 || resp.status == 422) && !key.empty())
            for (const auto& r : batch)
                if (r.key == key) out.blamed_key = key;
    }
    return out;
}

Result<std::vector<RemoteCommand>> PlatformClient::heartbeat(const DeviceHealth& h, int64_t sent_ms) {
    json req = {{"kiosk_id", settings().kiosk_id},
                {"sent_ms", sent_ms},
                {"uptime_s", h.uptime_s},
                {"app_version", h.app_version},
                {"content_version", h.content_version},
                {"free_disk_mb", h.free_disk_mb},
                {"printer", {{"state", h.printer_state}, {"reasons", h.printer_reasons}}},
                {"idcard_reader", h.idcard_reader},
                {"scanner", h.scanner},
                {"outbox", {{"depth", h.outbox_depth}, {"dead_letters", h.dead_letters}, {"alarm", h.outbox_alarm}, {"online", h.online}}}};
    json conditions = json::array();
    for (const auto& c : h.conditions) conditions.push_back({{"id", c.id}, {"detail", c.detail}, {"since_ms", c.since_ms}});
    req["health"] = {{"conditions", conditions},
                     {"free_disk_mb", h.free_disk_mb},
                     {"config", {{"source", h.config_source}, {"fallback", h.config_fallback}}},
                     {"paused_services", h.paused_services}};
    auto resp = TRY(m_http->request("POST", "/api/v1/heartbeat", req.dump(), {}, 1u << 20));
    if (resp.status != 200) return http_error(resp.status, "heartbeat");
    auto j = TRY(parse_json(std::string_view(resp.body.data(), resp.body.size()), "heartbeat"));
    std::vector<RemoteCommand> out;
    auto cmds = j.find("commands");
    if (cmds == j.end()) return out;
    if (!cmds->is_array()) return make_error(Errc::Protocol, "heartbeat: commands is not a list");
    for (const auto& c : *cmds) {
        if (!c.is_object()) continue;
        RemoteCommand rc{str_field(c, "id"), str_field(c, "kind"), str_field(c, "text"), int_field(c, "until_ms")};
        if (!rc.kind.empty()) out.push_back(std::move(rc));
    }
    return out;
}

Result<ManifestReply> PlatformClient::manifest(const std::string& etag) {
    std::vector<std::string> hdrs;
    if (!etag.empty()) hdrs.push_back("If-None-Match: " + etag);
    auto resp = TRY(m_http->request("GET", "/api/v1/content/manifest", {}, hdrs, 4u << 20));
    ManifestReply out;
    if (resp.status == 304) {
        out.not_modified = true;
        out.etag = etag;
        return out;
    }
    if (resp.status != 200) return http_error(resp.status, "manifest");
    out.etag = resp.header("etag");
    out.signature = resp.header("x-signature");
    out.body.assign(resp.body.data(), resp.body.size());
    if (out.signature.empty()) return make_error(Errc::Corrupt, "manifest: no X-Signature");
    return out;
}

Result<std::string> PlatformClient::content_file(const std::string& path, size_t max_size) {
    std::string escaped;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.') escaped += char(c);
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            escaped += buf;
        }
    }
    auto resp = TRY(m_http->request("GET", "/api/v1/content/files/" + escaped, {}, {}, max_size));
    if (resp.status != 200) return http_error(resp.status, "content file " + path);
    return std::string(resp.body.data(), resp.body.size());
}

}  // namespace kiosk::sync
