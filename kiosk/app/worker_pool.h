// A small pool of background threads for requests the UI thread must not wait on.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk {

class WorkerPool {
public:
    explicit WorkerPool(int threads);
    ~WorkerPool();  ///< finishes queued work, then joins
    void submit(std::function<void()> task);

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::function<void()>> m_tasks;
    std::vector<std::thread> m_threads;
    bool m_stop = false;
};

}  // namespace kiosk
