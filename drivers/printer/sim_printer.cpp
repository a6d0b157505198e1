// SimPrinter: jobs advance on the injected clock; faults are set by tests and the demo.
#include "drivers/printer/sim_printer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "drivers/printer/status_mapping.h"

namespace kiosk::printer {
namespace fs = std::filesystem;

namespace {

const char* reason_keyword(Condition c) {
    switch (c) {
    case Condition::MediaEmpty: return "media-empty-error";
    case Condition::MediaLow: return "media-low-report";
    case Condition::MediaJam: return "media-jam-error";
    case Condition::DoorOpen: return "door-open-error";
    case Condition::TonerLow: return "toner-low-report";
    case Condition::TonerEmpty: return "toner-empty-error";
    case Condition::Offline: return "offline-report";
    case Condition::Paused: return "paused";
    case Condition::Stopped: return "stopped";
    case Condition::Attention: return "other-warning";
    }
    return "other-warning";
}

std::string safe_name(const std::string& name) {
    std::string out;
    for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return out.substr(0, 80);
}

}  // namespace

SimPrinter::SimPrinter(Options o, std::shared_ptr<Clock> clock) : m_options(std::move(o)), m_clock(std::move(clock)) {}

Result<std::unique_ptr<SimPrinter>> SimPrinter::create(Options options, std::shared_ptr<Clock> clock) {
    if (options.dir.empty()) return make_error(Errc::InvalidInput, "simulated printer needs a folder");
    if (options.tick.count() <= 0) return make_error(Errc::InvalidInput, "tick must be positive");
    std::error_code ec;
    fs::create_directories(fs::path(options.dir) / ".spool", ec);
    if (ec) return make_error(Errc::Io, "cannot create " + options.dir + ": " + ec.message());
    std::unique_ptr<SimPrinter> p(new SimPrinter(std::move(options), std::move(clock)));
    p->m_thread = std::jthread([raw = p.get()](std::stop_token st) { raw->run(st); });
    return p;
}

SimPrinter::~SimPrinter() {
    m_thread.request_stop();
    if (m_thread.joinable()) m_thread.join();
}

void SimPrinter::set_conditions(std::vector<Condition> c) {
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    std::lock_guard lock(m_mutex);
    m_conditions = std::move(c);
}

void SimPrinter::abort_next_job(std::string message) {
    std::lock_guard lock(m_mutex);
    m_abort_next = true;
    m_abort_message = std::move(message);
}

void SimPrinter::forget_jobs() {
    std::lock_guard lock(m_mutex);
    m_jobs.clear();
}

bool SimPrinter::offline() const {
    return std::find(m_conditions.begin(), m_conditions.end(), Condition::Offline) != m_conditions.end();
}

PrinterStatus SimPrinter::compute_status() const {
    if (offline()) return unreachable_status("simulated printer is offline");
    std::vector<std::string> reasons;
    for (Condition c : m_conditions) reasons.emplace_back(reason_keyword(c));
    bool busy = std::any_of(m_jobs.begin(), m_jobs.end(), [](const auto& kv) { return !is_final(kv.second.status.state); });
    bool stopped = std::find(m_conditions.begin(), m_conditions.end(), Condition::Stopped) != m_conditions.end();
    auto s = make_status(stopped ? "stopped" : busy ? "processing" : "idle", reasons,
                         busy ? "Printing." : "Idle.", {Supply{"Black Toner", "toner", 80}});
    if (std::find(m_conditions.begin(), m_conditions.end(), Condition::TonerLow) != m_conditions.end())
        s.supplies[0].level = 5;
    if (std::find(m_conditions.begin(), m_conditions.end(), Condition::TonerEmpty) != m_conditions.end())
        s.supplies[0].level = 0;
    s.updated = m_clock->wall_now();
    return s;
}

PrinterStatus SimPrinter::status() const {
    std::lock_guard lock(m_mutex);
    return compute_status();
}

void SimPrinter::set_status_listener(StatusListener l) {
    std::lock_guard lock(m_mutex);
    m_listener = std::move(l);
    m_listener_fresh = true;
}

Result<PrinterStatus> SimPrinter::refresh_status() {
    std::lock_guard lock(m_mutex);
    if (offline()) return make_error(Errc::Unavailable, "simulated printer is offline");
    return compute_status();
}

Result<Capabilities> SimPrinter::capabilities() {
    Capabilities c;
    c.document_formats = {"application/pdf"};
    c.media = {"iso_a4_210x297mm"};
    c.max_copies = 99;
    return c;
}

Result<int> SimPrinter::submit(const PrintRequest& r) {
    if (r.copies < 1 || r.copies > 99) return make_error(Errc::InvalidInput, "copies must be 1..99");
    if (r.job_name.empty()) return make_error(Errc::InvalidInput, "job name is empty");
    {
        std::lock_guard lock(m_mutex);
        if (offline()) return make_error(Errc::Unavailable, "simulated printer is offline");
    }
    std::ifstream in(r.file_path, std::ios::binary);
    char magic[5] = {};
    if (!in || !in.read(magic, 5) || std::string(magic, 5) != "%PDF-")
        return make_error(Errc::Rejected, "not a readable PDF: " + r.file_path);
    std::lock_guard lock(m_mutex);
    int id = m_next_id++;
    Job job;
    job.status.printer_job_id = id;
    job.status.state = JobState::Pending;
    job.status.job_name = r.job_name;
    job.spool_path = (fs::path(m_options.dir) / ".spool" / (std::to_string(id) + ".pdf")).string();
    std::error_code ec;
    fs::copy_file(r.file_path, job.spool_path, fs::copy_options::overwrite_existing, ec);
    if (ec) return make_error(Errc::Io, "cannot spool " + r.file_path + ": " + ec.message());
    // copy_file copies the source's mode, and a memfd (how the kiosk hands over certificates)
    // is 0777: the printed copy is the kiosk user's alone, like every file it writes.
    fs::permissions(job.spool_path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
    m_jobs.emplace(id, std::move(job));
    return id;
}

Result<JobStatus> SimPrinter::job_status(int id) {
    std::lock_guard lock(m_mutex);
    if (offline()) return make_error(Errc::Unavailable, "simulated printer is offline");
    auto it = m_jobs.find(id);
    if (it == m_jobs.end()) return make_error(Errc::NotFound, "printer does not know job " + std::to_string(id));
    return it->second.status;
}

Result<std::optional<JobStatus>> SimPrinter::find_job(const std::string& name) {
    std::lock_guard lock(m_mutex);
    if (offline()) return make_error(Errc::Unavailable, "simulated printer is offline");
    std::optional<JobStatus> best;
    for (const auto& [id, job] : m_jobs)
        if (job.status.job_name == name) best = job.status;
    return best;
}

Status SimPrinter::cancel(int id) {
    std::lock_guard lock(m_mutex);
    if (offline()) return make_error(Errc::Unavailable, "simulated printer is offline");
    auto it = m_jobs.find(id);
    if (it == m_jobs.end()) return make_error(Errc::NotFound, "printer does not know job " + std::to_string(id));
    if (is_final(it->second.status.state)) return make_error(Errc::Rejected, "job already finished");
    it->second.status.state = JobState::Canceled;
    it->second.status.reasons = {"job-canceled-by-user"};
    std::error_code ec;
    fs::remove(it->second.spool_path, ec);
    return {};
}

void SimPrinter::step(std::chrono::nanoseconds elapsed) {
    if (offline()) return;
    // One job prints at a time, oldest first.
    auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [](const auto& kv) { return !is_final(kv.second.status.state); });
    if (it == m_jobs.end()) return;
    Job& job = it->second;
    std::optional<Condition> blocking;
    for (Condition c : m_conditions)
        if (is_blocking(c)) blocking = blocking ? blocking : c;
    if (blocking) {
        job.status.state = JobState::Stopped;
        job.status.reasons = {"printer-stopped", condition_name(*blocking)};
        job.status.message = std::string("Stopped: ") + condition_name(*blocking);
        return;
    }
    job.status.state = JobState::Processing;
    job.status.reasons = {"job-printing"};
    job.status.message = "Printing.";
    job.printed += elapsed;
    if (job.printed < m_options.job_duration) return;
    std::error_code ec;
    if (m_abort_next) {
        m_abort_next = false;
        job.status.state = JobState::Aborted;
        job.status.reasons = {"aborted-by-system"};
        job.status.message = m_abort_message;
        fs::remove(job.spool_path, ec);
        return;
    }
    auto out = fs::path(m_options.dir) / (std::to_string(it->first) + "-" + safe_name(job.status.job_name) + ".pdf");
    fs::rename(job.spool_path, out, ec);
    job.status.state = ec ? JobState::Aborted : JobState::Completed;
    job.status.reasons = {ec ? "aborted-by-system" : "job-completed-successfully"};
    job.status.message = ec ? "cannot write " + out.string() : "Completed.";
}

void SimPrinter::run(std::stop_token st) {
    auto last_time = m_clock->now();
    PrinterStatus last;
    bool first = true;
    while (!st.stop_requested()) {
        StatusListener listener;
        PrinterStatus now;
        {
            std::lock_guard lock(m_mutex);
            auto t = m_clock->now();
            step(t - last_time);
            last_time = t;
            now = compute_status();
            bool changed = first || !now.same_as(last) || m_listener_fresh;
            m_listener_fresh = false;
            if (changed) listener = m_listener;
        }
        last = now;
        first = false;
        if (listener) listener(now);
        if (!m_clock->sleep_for(m_options.tick, st)) break;
    }
}

}  // namespace kiosk::printer
