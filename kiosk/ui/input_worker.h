// One background thread for the text entry's lookups (handwriting recognition, pinyin candidates), so no frame waits for them.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::ui {

/// Runs one lookup at a time on its own thread. The UI thread posts a job and gets a ticket;
/// on a later frame it takes the result of that ticket. Only the newest job matters: posting
/// replaces a job not yet started (its closure is dropped, which wipes what it captured), and
/// the result of any job but the newest is wiped instead of kept (a stale answer for fewer
/// strokes or fewer letters must never reach the row).
///
/// What a job captures is a citizen's input: capture it in something that wipes itself.
class InputWorker {
public:
    using Job = std::function<std::vector<std::string>()>;
    enum class State { Pending, Done, Gone };

    InputWorker();
    ~InputWorker();  ///< drops a waiting job, lets a running one end, joins
    InputWorker(const InputWorker&) = delete;
    InputWorker& operator=(const InputWorker&) = delete;

    /// Queues `job` (replacing any job not yet started); returns its ticket (never 0).
    uint64_t post(Job job);
    /// Pending: `ticket` waits or runs. Done: its result is moved into `out`. Gone: it was
    /// replaced, cancelled or cleared (post it again if it is still wanted).
    State take(uint64_t ticket, std::vector<std::string>& out);
    /// Forgets `ticket`: a waiting job is dropped, a running one's result wiped when it ends.
    void cancel(uint64_t ticket);
    /// Forgets everything (the session wipe): no job waits, no result is kept.
    void clear();
    /// True while a job waits or runs, or a result waits to be taken.
    bool busy() const;
    /// Blocks until no job waits or runs (a condition variable, no polling): the script runner
    /// calls it before each step so scripted runs see every lookup's answer.
    void wait_idle();

private:
    void run();
    static void wipe(std::vector<std::string>& v);

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;       ///< a job was posted, or stop
    std::condition_variable m_idle_cv;  ///< a job ended
    Job m_job;                          ///< waiting to run (empty: none)
    uint64_t m_job_ticket = 0;
    uint64_t m_running = 0;             ///< ticket of the job running now (0: none)
    uint64_t m_newest = 0;              ///< the last ticket posted and not cancelled
    uint64_t m_next = 1;
    std::optional<std::pair<uint64_t, std::vector<std::string>>> m_result;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace kiosk::ui
