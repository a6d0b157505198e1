// Test helper: runs tools/scanner-sim in a temp dir and talks to its control socket; collects scanner events.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "drivers/scanner/scanner.h"

namespace scanner_test {

/// A fresh temporary directory, removed with its contents on destruction.
struct TempDir {
    TempDir();
    ~TempDir();
    std::string path;
};

class SimProcess {
public:
    /// Starts scanner-sim with --link DIR/qrscanner --control DIR/ctl plus `extra` arguments
    /// and waits until it is ready.
    explicit SimProcess(const std::string& dir, std::vector<std::string> extra = {});
    ~SimProcess();
    /// Sends one control command; returns the reply line ("ok" or "error …").
    std::string command(const std::string& line);
    std::string link() const { return m_dir + "/qrscanner"; }

private:
    std::string m_dir;
    pid_t m_pid = -1;
};

/// Collects ScanEvents from a scanner thread; waits with generous deadlines.
class Events {
public:
    kiosk::scanner::ScanListener listener();
    /// Waits until `pred` holds over the events so far (10 s by default).
    bool wait(const std::function<bool(const std::vector<kiosk::scanner::ScanEvent>&)>& pred,
              std::chrono::milliseconds timeout = std::chrono::seconds(10));
    bool wait_state(kiosk::scanner::ScannerState s, size_t after = 0);
    bool wait_scans(size_t n);
    std::vector<std::string> scans();
    std::vector<kiosk::scanner::ScanEvent> all();

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<kiosk::scanner::ScanEvent> m_events;
};

}  // namespace scanner_test
