// CupsPrinter: Get-Printer-Attributes, Print-Job, Get-Job-Attributes, Get-Jobs and Cancel-Job over libcups.
#include "drivers/printer/cups_printer.h"

#include <cups/cups.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "base/log.h"
#include "base/secret.h"
#include "drivers/printer/status_mapping.h"

namespace kiosk::printer {
namespace {

constexpr const char* kTag = "printer";

struct HttpCloser {
    void operator()(http_t* h) const { httpClose(h); }
};
using Http = std::unique_ptr<http_t, HttpCloser>;
struct IppDeleter {
    void operator()(ipp_t* p) const { ippDelete(p); }
};
using Ipp = std::unique_ptr<ipp_t, IppDeleter>;

std::string attr_string(ipp_t* msg, const char* name, int i = 0) {
    ipp_attribute_t* a = ippFindAttribute(msg, name, IPP_TAG_ZERO);
    if (!a || i >= ippGetCount(a)) return {};
    const char* s = ippGetString(a, i, nullptr);
    return s ? s : "";
}

std::vector<std::string> attr_strings(ipp_t* msg, const char* name) {
    std::vector<std::string> out;
    ipp_attribute_t* a = ippFindAttribute(msg, name, IPP_TAG_ZERO);
    for (int i = 0; a && i < ippGetCount(a); ++i) {
        const char* s = ippGetString(a, i, nullptr);
        if (s) out.emplace_back(s);
    }
    return out;
}

JobState map_job_state(int s) {
    switch (s) {
    case IPP_JSTATE_PENDING: return JobState::Pending;
    case IPP_JSTATE_HELD: return JobState::Held;
    case IPP_JSTATE_PROCESSING: return JobState::Processing;
    case IPP_JSTATE_STOPPED: return JobState::Stopped;
    case IPP_JSTATE_CANCELED: return JobState::Canceled;
    case IPP_JSTATE_ABORTED: return JobState::Aborted;
    case IPP_JSTATE_COMPLETED: return JobState::Completed;
    default: return JobState::Unknown;
    }
}

/// "index=2;class=supplyThatIsConsumed;type=toner;…;level=75;" → type and level (PWG 5100.13).
void parse_supply(std::string_view v, Supply& out) {
    while (!v.empty()) {
        size_t semi = v.find(';');
        std::string_view item = v.substr(0, semi);
        size_t eq = item.find('=');
        if (eq != std::string_view::npos) {
            std::string_view key = item.substr(0, eq), val = item.substr(eq + 1);
            if (key == "type") out.type = std::string(val);
            if (key == "level") {
                int n = 0;
                bool ok = !val.empty() && val.size() < 6;
                for (char c : val) ok = ok && c >= '0' && c <= '9', n = n * 10 + (c - '0');
                out.level = ok && n <= 100 ? n : -1;
            }
        }
        if (semi == std::string_view::npos) break;
        v.remove_prefix(semi + 1);
    }
}

/// CUPS queues answer marker-names/marker-levels; IPP Everywhere printers printer-supply.
std::vector<Supply> read_supplies(ipp_t* resp) {
    std::vector<Supply> out;
    ipp_attribute_t* names = ippFindAttribute(resp, "marker-names", IPP_TAG_ZERO);
    ipp_attribute_t* levels = ippFindAttribute(resp, "marker-levels", IPP_TAG_INTEGER);
    if (names && levels) {
        auto types = attr_strings(resp, "marker-types");
        for (int i = 0; i < ippGetCount(names); ++i) {
            Supply s;
            const char* n = ippGetString(names, i, nullptr);
            s.name = n ? n : "";
            s.type = i < int(types.size()) ? types[i] : "";
            s.level = i < ippGetCount(levels) ? ippGetInteger(levels, i) : -1;
            if (s.level < 0 || s.level > 100) s.level = -1;
            out.push_back(std::move(s));
        }
        return out;
    }
    ipp_attribute_t* sup = ippFindAttribute(resp, "printer-supply", IPP_TAG_ZERO);
    auto desc = attr_strings(resp, "printer-supply-description");
    for (int i = 0; sup && i < ippGetCount(sup); ++i) {
        int len = 0;
        const void* data = ippGetOctetString(sup, i, &len);
        Supply s;
        if (data && len > 0) parse_supply(std::string_view(static_cast<const char*>(data), size_t(len)), s);
        s.name = i < int(desc.size()) ? desc[i] : s.type;
        out.push_back(std::move(s));
    }
    return out;
}

bool valid_queue_name(const std::string& name) {
    if (name.empty() || name.size() > 127) return false;
    for (unsigned char c : name)
        if (c <= ' ' || c == '/' || c == '#' || c == '\\' || c == '\'' || c == '"' || c == 127) return false;
    return true;
}

}  // namespace

CupsPrinter::CupsPrinter(Options o, std::shared_ptr<Clock> clock) : m_options(std::move(o)), m_clock(std::move(clock)) {}

Result<std::unique_ptr<CupsPrinter>> CupsPrinter::create(Options options, std::shared_ptr<Clock> clock) {
    if (options.destination.empty()) return make_error(Errc::InvalidInput, "printer destination is empty");
    if (options.poll_interval.count() < 50) return make_error(Errc::InvalidInput, "poll interval below 50 ms");
    std::unique_ptr<CupsPrinter> p(new CupsPrinter(options, std::move(clock)));
    const std::string& d = options.destination;
    if (d.find("://") != std::string::npos) {
        char scheme[32], user[256], host[256], resource[1024];
        int port = 0;
        if (httpSeparateURI(HTTP_URI_CODING_ALL, d.c_str(), scheme, sizeof scheme, user, sizeof user, host,
                            sizeof host, &port, resource, sizeof resource) < HTTP_URI_STATUS_OK)
            return make_error(Errc::InvalidInput, "not a valid printer URI: " + d);
        std::string sch = scheme;
        if (sch != "ipp" && sch != "ipps" && sch != "http" && sch != "https")
            return make_error(Errc::InvalidInput, "printer URI scheme must be ipp or ipps: " + d);
        p->m_endpoint.host = host;
        p->m_endpoint.port = port;
        p->m_endpoint.encrypt = sch == "ipps" || sch == "https";
        p->m_endpoint.resource = resource;
        p->m_endpoint.printer_uri = d;
    } else {
        if (!valid_queue_name(d)) return make_error(Errc::InvalidInput, "not a valid CUPS queue name: " + d);
        p->m_endpoint.host = cupsServer();
        p->m_endpoint.port = ippPort();
        p->m_endpoint.resource = "/printers/" + d;
        char uri[1024];
        httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0, "/printers/%s",
                         d.c_str());
        p->m_endpoint.printer_uri = uri;
    }
    p->m_endpoint.user = options.user;
    p->m_endpoint.timeout = options.request_timeout;
    p->m_status = unreachable_status("not asked yet");
    if (options.start_poller) p->m_poller = std::jthread([raw = p.get()](std::stop_token st) { raw->poll_loop(st); });
    return p;
}

CupsPrinter::~CupsPrinter() {
    m_poller.request_stop();
    if (m_poller.joinable()) m_poller.join();
}

namespace {

/// One request on a fresh connection. `answered` is false when the printer was not
/// reached or the reply never came (transport failure).
struct Exchange {
    Ipp response;
    bool connected = false;
    std::string error;
};

}  // namespace

// Opens a connection, sends `request` (consumed) and, if `file` is set, the document.
static Exchange do_request(const IppEndpoint& e, ipp_t* request, const char* file) {
    const std::string& host = e.host;
    const int port = e.port;
    const std::chrono::milliseconds timeout = e.timeout;
    Exchange ex;
    http_t* h = httpConnect2(host.c_str(), port, nullptr, AF_UNSPEC,
                             e.encrypt ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED, 1,
                             int(timeout.count()), nullptr);
    if (!h) {
        int err = errno;
        ippDelete(request);
        // In plain words (issue 19): libcups' last error string here was often stale
        // ("Host is down" for a refused connection).
        std::string where = host + ":" + std::to_string(port);
        if (err == ECONNREFUSED) ex.error = "connection refused by " + where + " (printer off, or nothing listens on that port)";
        else if (err == ETIMEDOUT || err == EHOSTUNREACH || err == ENETUNREACH || err == EHOSTDOWN)
            ex.error = "printer " + where + " unreachable (no answer on the network)";
        else ex.error = "cannot connect to " + where + ": " + (err ? std::strerror(err) : cupsLastErrorString());
        return ex;
    }
    Http http(h);
    ex.connected = true;
    // With no callback, libcups gives up once the timeout passes instead of waiting forever.
    httpSetTimeout(h, double(timeout.count()) / 1000.0, nullptr, nullptr);
    ipp_t* resp = file ? cupsDoFileRequest(h, request, e.resource.c_str(), file) : cupsDoRequest(h, request, e.resource.c_str());
    // libcups copied the document (a certificate) through a buffer on this thread's stack.
    if (file) scrub_stack();
    ex.response.reset(resp);
    if (!resp) {
        // A connection that was accepted but never answered reads "Success" in libcups'
        // string: say what happened instead.
        int herr = httpError(h);
        const char* last = cupsLastErrorString();
        bool says_nothing = !last || !*last || std::strcmp(last, "Success") == 0;
        if (herr == 0 && !says_nothing)
            ex.error = last;
        else if (herr == ETIMEDOUT || herr == EAGAIN || herr == 0)
            ex.error = "printer " + host + ":" + std::to_string(port) + " accepted the connection but did not answer within " +
                       std::to_string(timeout.count()) + " ms (hung)";
        else ex.error = std::string("printer connection failed: ") + std::strerror(herr);
    }
    return ex;
}

namespace {

/// How a refusal (an IPP status above successful-ok-events-complete) is reported.
enum class Refusal {
    Rejected,     ///< Errc::Rejected: the request itself was refused
    Unavailable,  ///< Errc::Unavailable: a printer that refuses it is as unusable as an unplugged one
    /// busy / not accepting jobs → DeviceNotReady (reached, but it did not take the job:
    /// ippeveprinter takes one job at a time and answers server-error-busy meanwhile),
    /// other server errors (0x05xx) → Unavailable, client errors (0x04xx) → Rejected.
    ByClass,
};

/// What one operation expects of the reply.
struct ReplyCheck {
    std::string refused_prefix;          ///< before ippErrorString() in the message of a refusal
    Refusal refusal = Refusal::Rejected;
    int job_id = 0;                      ///< > 0: client-error-not-found means NotFound for this job
    const char* file = nullptr;          ///< the document sent with the request
};

/// A request for `e`'s printer: printer-uri and requesting-user-name (when `with_user`)
/// first, as every operation here sends them.
ipp_t* new_request(ipp_op_t op, const IppEndpoint& e, bool with_user = true) {
    ipp_t* req = ippNewRequest(op);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, e.printer_uri.c_str());
    if (with_user) ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, e.user.c_str());
    return req;
}

/// Sends `request` (consumed) and checks the reply, the one place that does both for every
/// operation: not reached → Unavailable; reached but no reply → Io when a document went
/// with it (the printer may or may not have made the job), else Unavailable; a refusal →
/// NotFound for a job the printer does not know, else as `check.refusal` says.
Result<Ipp> call(const IppEndpoint& e, ipp_t* request, const ReplyCheck& check) {
    const std::string op = ippOpString(ippGetOperation(request));
    Exchange ex = do_request(e, request, check.file);
    if (!ex.connected) return make_error(Errc::Unavailable, ex.error);
    if (!ex.response) {
        if (check.file) return make_error(Errc::Io, "no reply to " + op + ": " + ex.error);
        return make_error(Errc::Unavailable, ex.error);
    }
    ipp_status_t code = ippGetStatusCode(ex.response.get());
    if (code <= IPP_STATUS_OK_EVENTS_COMPLETE) return std::move(ex.response);
    if (check.job_id > 0 && code == IPP_STATUS_ERROR_NOT_FOUND)
        return make_error(Errc::NotFound, "printer does not know job " + std::to_string(check.job_id));
    std::string msg = check.refused_prefix + ippErrorString(code);
    switch (check.refusal) {
    case Refusal::Rejected: return make_error(Errc::Rejected, msg);
    case Refusal::Unavailable: return make_error(Errc::Unavailable, msg);
    case Refusal::ByClass:
        if (code == IPP_STATUS_ERROR_BUSY || code == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS)
            return make_error(Errc::DeviceNotReady, msg);
        return make_error(code >= IPP_STATUS_ERROR_INTERNAL ? Errc::Unavailable : Errc::Rejected, msg);
    }
    return make_error(Errc::Rejected, msg);
}

}  // namespace

void CupsPrinter::poll_loop(std::stop_token st) {
    PrinterStatus last;
    bool first = true;
    while (!st.stop_requested()) {
        auto r = refresh_status();
        PrinterStatus now = status();
        StatusListener listener;
        {
            std::lock_guard lock(m_mutex);
            bool changed = first || !now.same_as(last) || m_listener_fresh;
            m_listener_fresh = false;
            if (changed) listener = m_listener;
        }
        if (first || !now.same_as(last)) {
            LOG_INFO(kTag) << m_endpoint.printer_uri << ": " << availability_name(now.availability) << " state=" << now.state
                           << " reasons=" << now.raw_reasons.size() << " " << now.state_message;
        }
        last = now;
        first = false;
        if (listener) listener(now);
        if (!m_clock->sleep_for(m_options.poll_interval, st)) break;
    }
}

PrinterStatus CupsPrinter::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void CupsPrinter::set_status_listener(StatusListener l) {
    std::lock_guard lock(m_mutex);
    m_listener = std::move(l);
    m_listener_fresh = true;
}

Result<PrinterStatus> CupsPrinter::refresh_status() {
    static const char* const kAttrs[] = {"printer-state",  "printer-state-reasons", "printer-state-message",
                                         "marker-names",   "marker-levels",         "marker-types",
                                         "printer-supply", "printer-supply-description"};
    ipp_t* req = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES, m_endpoint);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(kAttrs)), nullptr,
                  kAttrs);
    // A server that answers but does not know this printer (a CUPS queue deleted) leaves it
    // as unusable as an unplugged one.
    auto reply = call(m_endpoint, req, {"printer refused status request: ", Refusal::Unavailable});
    PrinterStatus s;
    std::optional<Error> err;
    if (!reply) {
        s = unreachable_status(reply.error().message);
        err = reply.error();
    } else {
        ipp_t* resp = reply->get();
        ipp_attribute_t* st = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM);
        int state = st ? ippGetInteger(st, 0) : IPP_PSTATE_IDLE;
        const char* state_name = state == IPP_PSTATE_PROCESSING ? "processing"
                                 : state == IPP_PSTATE_STOPPED  ? "stopped"
                                                                : "idle";
        s = make_status(state_name, attr_strings(resp, "printer-state-reasons"),
                        attr_string(resp, "printer-state-message"), read_supplies(resp));
    }
    s.updated = m_clock->wall_now();
    {
        std::lock_guard lock(m_mutex);
        m_status = s;
    }
    if (err) return *err;
    return s;
}

Result<Capabilities> CupsPrinter::capabilities() {
    static const char* const kAttrs[] = {"document-format-supported", "media-supported", "color-supported",
                                         "sides-supported", "copies-supported"};
    ipp_t* req = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES, m_endpoint, false);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(kAttrs)), nullptr,
                  kAttrs);
    Ipp reply = TRY(call(m_endpoint, req, {}));
    ipp_t* resp = reply.get();
    Capabilities c;
    c.document_formats = attr_strings(resp, "document-format-supported");
    c.media = attr_strings(resp, "media-supported");
    if (ipp_attribute_t* a = ippFindAttribute(resp, "color-supported", IPP_TAG_BOOLEAN)) c.color = ippGetBoolean(a, 0);
    for (const auto& s : attr_strings(resp, "sides-supported"))
        if (s.rfind("two-sided", 0) == 0) c.duplex = true;
    if (ipp_attribute_t* a = ippFindAttribute(resp, "copies-supported", IPP_TAG_RANGE)) {
        int upper = 1;
        ippGetRange(a, 0, &upper);
        c.max_copies = upper;
    }
    return c;
}

Result<int> CupsPrinter::submit(const PrintRequest& r) {
    if (r.file_path.empty()) return make_error(Errc::InvalidInput, "no file to print");
    if (r.copies < 1 || r.copies > 99) return make_error(Errc::InvalidInput, "copies must be 1..99");
    if (r.job_name.empty() || r.job_name.size() > 255) return make_error(Errc::InvalidInput, "job name must be 1..255 bytes");
    {
        std::ifstream f(r.file_path, std::ios::binary);
        char magic[5] = {};
        if (!f || !f.read(magic, 5) || std::memcmp(magic, "%PDF-", 5) != 0)
            return make_error(Errc::InvalidInput, "not a readable PDF: " + r.file_path);
    }
    ipp_t* req = new_request(IPP_OP_PRINT_JOB, m_endpoint);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, r.job_name.c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr, "application/pdf");
    if (r.copies > 1) ippAddInteger(req, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", r.copies);
    Ipp reply = TRY(call(m_endpoint, req, {"printer refused the job: ", Refusal::ByClass, 0, r.file_path.c_str()}));
    ipp_attribute_t* id = ippFindAttribute(reply.get(), "job-id", IPP_TAG_INTEGER);
    if (!id) return make_error(Errc::Protocol, "Print-Job reply has no job-id");
    return ippGetInteger(id, 0);
}

Result<JobStatus> CupsPrinter::job_status(int printer_job_id) {
    if (printer_job_id <= 0) return make_error(Errc::InvalidInput, "job id must be positive");
    static const char* const kAttrs[] = {"job-id", "job-state", "job-state-reasons", "job-state-message", "job-name"};
    ipp_t* req = new_request(IPP_OP_GET_JOB_ATTRIBUTES, m_endpoint);
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", printer_job_id);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(kAttrs)), nullptr,
                  kAttrs);
    Ipp reply = TRY(call(m_endpoint, req, {"", Refusal::Rejected, printer_job_id}));
    ipp_t* resp = reply.get();
    JobStatus js;
    js.printer_job_id = printer_job_id;
    ipp_attribute_t* st = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM);
    js.state = st ? map_job_state(ippGetInteger(st, 0)) : JobState::Unknown;
    js.reasons = attr_strings(resp, "job-state-reasons");
    js.message = attr_string(resp, "job-state-message");
    js.job_name = attr_string(resp, "job-name");
    return js;
}

Result<std::optional<JobStatus>> CupsPrinter::find_job(const std::string& job_name) {
    static const char* const kAttrs[] = {"job-id", "job-name", "job-state", "job-state-reasons"};
    ipp_t* req = new_request(IPP_OP_GET_JOBS, m_endpoint);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, "all");
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(kAttrs)), nullptr,
                  kAttrs);
    Ipp reply = TRY(call(m_endpoint, req, {}));
    ipp_t* resp = reply.get();
    std::optional<JobStatus> best;
    JobStatus cur;
    auto finish = [&] {
        if (cur.printer_job_id > 0 && cur.job_name == job_name && (!best || cur.printer_job_id > best->printer_job_id))
            best = cur;
        cur = JobStatus{};
    };
    for (ipp_attribute_t* a = ippFirstAttribute(resp); a; a = ippNextAttribute(resp)) {
        const char* name = ippGetName(a);
        if (!name) {  // separator between two jobs
            finish();
            continue;
        }
        if (ippGetGroupTag(a) != IPP_TAG_JOB) continue;
        if (!std::strcmp(name, "job-id")) cur.printer_job_id = ippGetInteger(a, 0);
        else if (!std::strcmp(name, "job-name")) cur.job_name = ippGetString(a, 0, nullptr) ? ippGetString(a, 0, nullptr) : "";
        else if (!std::strcmp(name, "job-state")) cur.state = map_job_state(ippGetInteger(a, 0));
        else if (!std::strcmp(name, "job-state-reasons"))
            for (int i = 0; i < ippGetCount(a); ++i)
                if (const char* s = ippGetString(a, i, nullptr)) cur.reasons.emplace_back(s);
    }
    finish();
    return best;
}

Status CupsPrinter::cancel(int printer_job_id) {
    if (printer_job_id <= 0) return make_error(Errc::InvalidInput, "job id must be positive");
    ipp_t* req = new_request(IPP_OP_CANCEL_JOB, m_endpoint);
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", printer_job_id);
    // Canceling a job that already finished is refused with not-possible: report it as such.
    TRY(call(m_endpoint, req, {"Cancel-Job: ", Refusal::Rejected, printer_job_id}));
    return {};
}

}  // namespace kiosk::printer
