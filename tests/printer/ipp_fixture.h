// Test fixture: a real ippeveprinter on 127.0.0.1 (private D-Bus, free port, own spool dir).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace kiosk::printer::test {

/// What the printer's -c command does with each job.
enum class JobScript {
    Complete,     ///< reads the document, exits 0: the job completes in ~50 ms
    Slow,         ///< sleeps 3 s, then completes (a job in flight)
    OutOfPaper,   ///< says "STATE: +media-empty,media-needed", "ERROR: Out of paper", exits 1
};

/// Starts dbus-daemon and ippeveprinter in a fresh temp dir; stops both (by pid) when
/// destroyed. Every instance has its own port and dirs, so tests run in parallel.
class IppPrinter {
public:
    explicit IppPrinter(JobScript = JobScript::Complete, const std::string& name = "KioskTest");
    ~IppPrinter();
    IppPrinter(const IppPrinter&) = delete;
    IppPrinter& operator=(const IppPrinter&) = delete;

    bool started() const { return m_ready; }
    std::string uri() const;
    int port() const { return m_port; }
    const std::string& dir() const { return m_dir; }
    const std::string& spool_dir() const { return m_spool; }
    /// Files in the spool dir ending in `suffix`.
    std::vector<std::string> spooled(const std::string& suffix = ".pdf") const;
    /// The media web form: level of the main tray in sheets (0: empty).
    bool set_main_tray_level(int sheets);
    /// The supplies web form: black toner percent.
    bool set_toner_level(int percent);
    /// Stops the printer (SIGTERM, then waits).
    void stop();
    /// The log of ippeveprinter (stderr), for failure messages.
    std::string log() const;

private:
    bool http_get(const std::string& path);
    std::string m_dir, m_spool;
    int m_port = 0;
    int m_dbus_pid = 0;
    int m_printer_pid = 0;
    bool m_ready = false;
};

/// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();
/// A new empty temp dir.
std::string make_temp_dir(const std::string& prefix);
/// Polls `pred` every 20 ms until it is true or `deadline` passes.
template <class F>
bool eventually(F pred, std::chrono::milliseconds deadline = std::chrono::seconds(15));

std::string test_pdf(const std::string& name = "one-page.pdf");

}  // namespace kiosk::printer::test

#include <thread>
template <class F>
bool kiosk::printer::test::eventually(F pred, std::chrono::milliseconds deadline) {
    auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return pred();
}
