// PrintService: the worker that submits, follows, times out, cancels and recovers print jobs.
#include "drivers/printer/print_service.h"

#include <cstdio>
#include <filesystem>
#include <random>

#include "base/log.h"

namespace kiosk::printer {
namespace {
constexpr const char* kTag = "print";

bool valid_kind(const std::string& name) {
    if (name.empty() || name.size() > 40) return false;
    for (unsigned char c : name)
        if (!(std::isalnum(c) || c == '-' || c == '_')) return false;
    return true;
}
}  // namespace

std::string new_job_id() {
    std::random_device rd;
    unsigned char b[16];
    for (auto& x : b) x = static_cast<unsigned char>(rd());
    b[6] = (b[6] & 0x0f) | 0x40;  // RFC 4122 version 4, variant 1
    b[8] = (b[8] & 0x3f) | 0x80;
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}

PrintService::PrintService(std::shared_ptr<Printer> p, Options o, std::shared_ptr<Clock> c)
    : m_printer(std::move(p)), m_options(std::move(o)), m_clock(std::move(c)) {}

Result<std::unique_ptr<PrintService>> PrintService::create(std::shared_ptr<Printer> printer, Options options,
                                                           std::shared_ptr<Clock> clock) {
    if (!printer) return make_error(Errc::InvalidInput, "print service needs a printer");
    if (options.db_path.empty()) return make_error(Errc::InvalidInput, "print service needs a database path");
    if (options.max_submit_attempts < 1) options.max_submit_attempts = 1;
    // Open (and migrate) once here so a broken database fails start-up, not the first job.
    TRY(JobStore::open(options.db_path));
    std::unique_ptr<PrintService> s(new PrintService(std::move(printer), std::move(options), std::move(clock)));
    s->m_worker = std::jthread([raw = s.get()](std::stop_token st) { raw->run(st); });
    return s;
}

PrintService::~PrintService() {
    m_worker.request_stop();
    if (m_worker.joinable()) m_worker.join();
}

void PrintService::set_listener(JobListener l) {
    std::lock_guard lock(m_mutex);
    m_listener = std::move(l);
}

Result<std::string> PrintService::print(PrintOrder order, JobListener progress) {
    if (!valid_kind(order.name)) return make_error(Errc::InvalidInput, "job name must be 1-40 of [A-Za-z0-9_-]");
    if (order.copies < 1 || order.copies > 99) return make_error(Errc::InvalidInput, "copies must be 1..99");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(order.file_path, ec))
        return make_error(Errc::NotFound, "no such file: " + order.file_path);
    Active a;
    a.record.id = new_job_id();
    a.record.name = order.name;
    a.record.printer_job_name = order.name + "-" + a.record.id;
    a.record.destination = m_printer->destination();
    a.record.copies = order.copies;
    a.record.phase = JobPhase::Sending;
    a.file_path = std::move(order.file_path);
    a.progress = std::move(progress);
    a.started = m_clock->now();
    std::string id = a.record.id;
    {
        std::lock_guard lock(m_mutex);
        m_active.emplace(id, std::move(a));
        m_queue.push_back(id);
    }
    m_wake.notify_all();
    return id;
}

Status PrintService::cancel(const std::string& id) {
    {
        std::lock_guard lock(m_mutex);
        auto it = m_active.find(id);
        if (it == m_active.end()) return make_error(Errc::NotFound, "no print job in progress with id " + id);
        it->second.cancel_requested = true;
        m_kick = true;
    }
    m_wake.notify_all();
    return {};
}

Result<std::optional<JobRecord>> PrintService::job(const std::string& id) {
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_active.find(id); it != m_active.end()) return std::optional<JobRecord>(it->second.record);
        if (auto it = m_finished.find(id); it != m_finished.end()) return std::optional<JobRecord>(it->second);
    }
    auto store = TRY(JobStore::open(m_options.db_path));
    return store.get(id);
}

Result<JobRecord> PrintService::wait(const std::string& id, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(m_mutex);
    while (true) {
        if (auto it = m_finished.find(id); it != m_finished.end()) return it->second;
        if (m_active.find(id) == m_active.end()) {
            lock.unlock();
            auto r = TRY(job(id));
            if (!r) return make_error(Errc::NotFound, "no print job " + id);
            if (is_final(r->phase)) return *r;
            lock.lock();
        }
        if (m_changed.wait_until(lock, deadline) == std::cv_status::timeout && std::chrono::steady_clock::now() >= deadline)
            return make_error(Errc::Timeout, "print job " + id + " not finished in time");
    }
}

Result<std::vector<JobRecord>> PrintService::history(size_t limit) {
    auto store = TRY(JobStore::open(m_options.db_path));
    return store.recent(limit);
}

Result<std::vector<JobRecord>> PrintService::recent_failures(size_t limit) {
    auto store = TRY(JobStore::open(m_options.db_path));
    return store.recent(limit, true);
}

bool PrintService::recovery_done() const {
    std::lock_guard lock(m_mutex);
    return m_recovered;
}

// Stores the new phase, makes it visible to job()/wait(), then tells the listeners.
void PrintService::set_phase(JobStore& store, Active& a, JobPhase phase, std::string reason) {
    a.record.phase = phase;
    if (!reason.empty()) a.record.reason = std::move(reason);
    if (phase != JobPhase::Stopped) a.record.stopped_by.reset();
    a.record.updated_ms = m_clock->wall_ms();
    if (auto st = store.update(a.record); !st) {
        LOG_ERROR(kTag) << "cannot record job " << a.record.id << ": " << st.error().message;
    }
    if (is_final(phase)) {
        LOG_INFO(kTag) << "job " << a.record.id << " (" << a.record.name << ", printer job " << a.record.printer_job_id
                       << ") " << phase_name(phase) << (a.record.reason.empty() ? "" : ": ") << a.record.reason;
    }
    publish(a);
}

// job() sees the new record first, then the listeners hear of it, and only then does
// wait() return for a final phase (so a caller of wait() never races its own callback).
void PrintService::publish(Active& a) {
    JobListener global;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_active.find(a.record.id); it != m_active.end()) {
            it->second.record = a.record;
            it->second.fresh = a.fresh;
            it->second.cancel_sent = a.cancel_sent;
        }
        global = m_listener;
    }
    if (a.progress) a.progress(a.record);
    if (global) global(a.record);
    if (is_final(a.record.phase)) {
        std::lock_guard lock(m_mutex);
        m_finished[a.record.id] = a.record;
        m_active.erase(a.record.id);
    }
    m_changed.notify_all();
}

void PrintService::submit(JobStore& store, Active& a) {
    a.record.created_ms = a.record.updated_ms = m_clock->wall_ms();
    // The record exists before the printer hears of the job: a crash from here on leaves
    // a trace that recovery settles by asking the printer.
    if (auto st = store.insert(a.record); !st) {
        a.record.reason = "cannot record the job: " + st.error().message;
        a.record.phase = JobPhase::Failed;
        LOG_ERROR(kTag) << a.record.reason;
        publish(a);
        return;
    }
    publish(a);  // Sending
    a.fresh = false;
    PrintRequest req{a.file_path, a.record.printer_job_name, a.record.copies};
    int unreachable = 0;
    for (int attempt = 1;; ++attempt) {
        {
            std::lock_guard lock(m_mutex);
            if (auto it = m_active.find(a.record.id); it != m_active.end() && it->second.cancel_requested)
                return set_phase(store, a, JobPhase::Canceled, "canceled before it reached the printer");
        }
        a.record.attempts = attempt;
        auto r = m_printer->submit(req);
        if (r) {
            a.record.printer_job_id = *r;
            a.record.printer_state = JobState::Pending;
            return set_phase(store, a, JobPhase::Printing);
        }
        const Error& e = r.error();
        // Not reached, or reached and told "busy / not now": the printer did not take the
        // job, so trying again cannot print it twice. A busy printer is waited for (up to
        // the job timeout); an unreachable one is tried max_submit_attempts times.
        const bool busy = e.code == Errc::DeviceNotReady;
        if (busy || e.code == Errc::Unavailable) {
            if (!busy) ++unreachable;
            if (m_clock->now() - a.started >= m_options.job_timeout)
                return set_phase(store, a, JobPhase::Failed, "printer did not take the job in time, not printed: " + e.message);
            if (unreachable < m_options.max_submit_attempts) {
                std::unique_lock lock(m_mutex);
                m_wake.wait_for(lock, m_worker.get_stop_token(), m_options.retry_delay, [] { return false; });
                if (m_worker.get_stop_token().stop_requested()) return;  // stays Sending; recovery settles it
                continue;
            }
            return set_phase(store, a, JobPhase::Failed,
                             "printer unreachable after " + std::to_string(attempt) + " attempts, not printed: " + e.message);
        }
        if (e.code == Errc::Rejected || e.code == Errc::InvalidInput || e.code == Errc::NotFound)
            return set_phase(store, a, JobPhase::Failed, "printer refused the job, not printed: " + e.message);
        // No clear answer: the printer may have the job. Never submit again; look it up.
        LOG_WARN(kTag) << "job " << a.record.id << ": " << e.message << "; looking it up on the printer";
        auto found = m_printer->find_job(a.record.printer_job_name);
        if (found && *found) {
            a.record.printer_job_id = (*found)->printer_job_id;
            a.record.printer_state = (*found)->state;
            return set_phase(store, a, JobPhase::Printing);
        }
        if (found) return set_phase(store, a, JobPhase::Failed, "no reply and the printer does not have the job, not printed: " + e.message);
        // Cannot ask now: follow() keeps looking it up by name.
        return publish(a);
    }
}

void PrintService::follow(JobStore& store, Active& a) {
    const JobPhase old_phase = a.record.phase;
    const auto old_stop = a.record.stopped_by;
    const int old_id = a.record.printer_job_id;
    const bool recovering = a.from_recovery;

    if (a.record.printer_job_id == 0) {
        // Sent (or being sent) when the kiosk stopped, or no reply: find it by our name.
        auto found = m_printer->find_job(a.record.printer_job_name);
        if (!found) {
            a.record.stopped_by = Condition::Offline;
        } else if (!*found) {
            return set_phase(store, a, JobPhase::NeedsAttention,
                             "not found on the printer after an interrupted submission: probably not printed, check");
        } else {
            a.record.printer_job_id = (*found)->printer_job_id;
            LOG_INFO(kTag) << "job " << a.record.id << " found on the printer as job " << a.record.printer_job_id;
        }
    }
    if (a.record.printer_job_id > 0) {
        if (a.cancel_requested && !a.cancel_sent) {
            auto c = m_printer->cancel(a.record.printer_job_id);
            // Rejected: it finished already; the state below tells how.
            if (c || c.error().code != Errc::Unavailable) a.cancel_sent = true;
        }
        auto js = m_printer->job_status(a.record.printer_job_id);
        if (!js) {
            if (js.error().code == Errc::NotFound)
                return set_phase(store, a, JobPhase::NeedsAttention,
                                 "the printer no longer knows job " + std::to_string(a.record.printer_job_id) +
                                     ": it may or may not have printed");
            a.record.phase = JobPhase::Stopped;
            a.record.stopped_by = Condition::Offline;
        } else {
            a.record.printer_state = js->state;
            switch (js->state) {
            case JobState::Completed: return set_phase(store, a, JobPhase::Done, "");
            case JobState::Canceled:
                return set_phase(store, a, JobPhase::Canceled, a.cancel_requested ? "canceled by the kiosk" : "canceled at the printer");
            case JobState::Aborted:
                return set_phase(store, a, JobPhase::Failed,
                                 "aborted by the printer" + (js->message.empty() ? std::string() : ": " + js->message));
            case JobState::Unknown:
                return set_phase(store, a, JobPhase::NeedsAttention, "the printer reports an unknown job state");
            default: break;
            }
            // Pending or processing but the printer cannot print (no paper mid-job: IPP
            // printers often keep the job "processing" and say so in printer-state-reasons).
            auto blocking = m_printer->status().blocking();
            if (js->state == JobState::Stopped || js->state == JobState::Held || blocking) {
                a.record.phase = JobPhase::Stopped;
                a.record.stopped_by = blocking.value_or(Condition::Attention);
            } else {
                a.record.phase = JobPhase::Printing;
                a.record.stopped_by.reset();
            }
        }
    }
    if (m_clock->now() - a.started >= m_options.job_timeout) {
        // Stalled: cancel it so it cannot come out later for the next citizen.
        std::string why = "stalled for " + std::to_string(m_options.job_timeout.count()) + " s";
        if (a.record.stopped_by) why += std::string(" (") + condition_name(*a.record.stopped_by) + ")";
        if (a.record.printer_job_id == 0) return set_phase(store, a, JobPhase::NeedsAttention, why + ", printer unreachable");
        auto c = m_printer->cancel(a.record.printer_job_id);
        if (c) return set_phase(store, a, JobPhase::Failed, why + "; canceled, not printed");
        return set_phase(store, a, JobPhase::NeedsAttention, why + "; could not cancel: " + c.error().message);
    }
    if (a.record.phase != old_phase || a.record.stopped_by != old_stop || a.record.printer_job_id != old_id || recovering) {
        a.from_recovery = false;
        set_phase(store, a, a.record.phase);
    } else {
        std::lock_guard lock(m_mutex);
        if (auto it = m_active.find(a.record.id); it != m_active.end()) it->second.cancel_sent = a.cancel_sent;
    }
}

void PrintService::recover(JobStore& store) {
    auto rows = store.unfinished();
    if (!rows) {
        LOG_ERROR(kTag) << "cannot read unfinished print jobs: " << rows.error().message;
        return;
    }
    for (auto& r : *rows) {
        Active a;
        a.record = std::move(r);
        a.fresh = false;
        a.from_recovery = true;
        a.started = m_clock->now();
        LOG_INFO(kTag) << "recovering job " << a.record.id << " (" << phase_name(a.record.phase) << ", printer job "
                       << a.record.printer_job_id << ")";
        if (a.record.destination != m_printer->destination()) {
            set_phase(store, a, JobPhase::NeedsAttention, "was sent to " + a.record.destination + ", printer changed since");
            continue;
        }
        std::lock_guard lock(m_mutex);
        m_active.emplace(a.record.id, std::move(a));
    }
}

void PrintService::run(std::stop_token st) {
    auto opened = JobStore::open(m_options.db_path);
    if (!opened) {
        LOG_ERROR(kTag) << "print service stopped: " << opened.error().message;
        return;
    }
    JobStore store = std::move(*opened);
    recover(store);
    bool first_pass = true;
    while (!st.stop_requested()) {
        while (true) {
            Active a;
            {
                std::lock_guard lock(m_mutex);
                if (m_queue.empty()) break;
                auto it = m_active.find(m_queue.front());
                m_queue.pop_front();
                if (it == m_active.end()) continue;
                a = it->second;
            }
            submit(store, a);
            if (st.stop_requested()) return;
        }
        std::vector<Active> snapshot;
        {
            std::lock_guard lock(m_mutex);
            for (auto& [id, a] : m_active)
                if (!a.fresh) snapshot.push_back(a);
        }
        for (auto& a : snapshot) {
            if (st.stop_requested()) return;
            follow(store, a);
        }
        if (first_pass) {
            std::lock_guard lock(m_mutex);
            m_recovered = true;
            first_pass = false;
            m_changed.notify_all();
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, st, m_options.poll_interval, [&] { return !m_queue.empty() || m_kick; });
        m_kick = false;
    }
}

}  // namespace kiosk::printer
