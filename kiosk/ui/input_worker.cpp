// InputWorker: a one-slot job queue on one thread; stale jobs and results are dropped and wiped.
#include "kiosk/ui/input_worker.h"

#include "base/secret.h"

namespace kiosk::ui {

InputWorker::InputWorker() : m_thread([this] { run(); }) {}

InputWorker::~InputWorker() {
    {
        std::lock_guard<std::mutex> g(m_mutex);
        m_stop = true;
        m_job = nullptr;
        if (m_result) wipe(m_result->second);
        m_result.reset();
    }
    m_cv.notify_all();
    m_thread.join();
}

void InputWorker::wipe(std::vector<std::string>& v) {
    for (auto& s : v) secure_wipe(s.data(), s.capacity());
    v.clear();
}

uint64_t InputWorker::post(Job job) {
    Job dropped;
    uint64_t ticket;
    {
        std::lock_guard<std::mutex> g(m_mutex);
        ticket = m_next++;
        dropped = std::move(m_job);  // destroyed outside the lock
        m_job = std::move(job);
        m_job_ticket = ticket;
        m_newest = ticket;
        if (m_result) wipe(m_result->second);
        m_result.reset();
    }
    m_cv.notify_one();
    return ticket;
}

InputWorker::State InputWorker::take(uint64_t ticket, std::vector<std::string>& out) {
    std::lock_guard<std::mutex> g(m_mutex);
    if (m_result && m_result->first == ticket) {
        out = std::move(m_result->second);
        m_result.reset();
        return State::Done;
    }
    if ((m_job && m_job_ticket == ticket) || m_running == ticket) return State::Pending;
    return State::Gone;
}

void InputWorker::cancel(uint64_t ticket) {
    Job dropped;
    {
        std::lock_guard<std::mutex> g(m_mutex);
        if (m_job && m_job_ticket == ticket) dropped = std::move(m_job), m_job = nullptr;
        if (m_result && m_result->first == ticket) wipe(m_result->second), m_result.reset();
        if (m_newest == ticket) m_newest = 0;
    }
    m_idle_cv.notify_all();
}

void InputWorker::clear() {
    Job dropped;
    {
        std::lock_guard<std::mutex> g(m_mutex);
        dropped = std::move(m_job);
        m_job = nullptr;
        m_newest = 0;
        if (m_result) wipe(m_result->second);
        m_result.reset();
    }
    m_idle_cv.notify_all();
}

bool InputWorker::busy() const {
    std::lock_guard<std::mutex> g(m_mutex);
    return m_job || m_running != 0 || m_result.has_value();
}

void InputWorker::wait_idle() {
    std::unique_lock<std::mutex> g(m_mutex);
    m_idle_cv.wait(g, [this] { return !m_job && m_running == 0; });
}

void InputWorker::run() {
    std::unique_lock<std::mutex> g(m_mutex);
    for (;;) {
        m_cv.wait(g, [this] { return m_stop || m_job; });
        if (m_stop) return;
        Job job = std::move(m_job);
        m_job = nullptr;
        m_running = m_job_ticket;
        g.unlock();
        std::vector<std::string> out = job();
        job = nullptr;  // wipes what it captured, outside the lock
        g.lock();
        uint64_t done = m_running;
        m_running = 0;
        if (done == m_newest && !m_stop) {
            if (m_result) wipe(m_result->second);
            m_result = std::make_pair(done, std::move(out));
        } else {
            wipe(out);  // a newer job was posted, or this one cancelled: nobody wants it
        }
        m_idle_cv.notify_all();
    }
}

}  // namespace kiosk::ui
