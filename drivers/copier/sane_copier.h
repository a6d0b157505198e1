// SaneCopier: a flatbed or document camera through SANE (libsane), with reconnect when the device comes back.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "drivers/copier/copier.h"

namespace kiosk::copier {

class SaneCopier final : public Copier {
public:
    struct Options {
        std::string device;  ///< SANE device name ("genesys:libusb:001:004", "test:0"); "" the first found
        /// Backend options set before every scan, as name=value ("source=Flatbed"); the
        /// tests set the test backend's "test-picture" and "read-return-value" this way.
        std::vector<std::pair<std::string, std::string>> extra_options;
        /// How soon a missing device is looked for again; each look that finds nothing doubles
        /// the wait, up to look_interval_max (a look is sane_open or sane_get_devices on the
        /// running SANE: about 10 ms, and SANE 1.2.1's backends keep ~150 B of every device list).
        std::chrono::milliseconds reconnect_interval{1000};
        std::chrono::milliseconds look_interval_max{30000};
        /// While the device is missing, SANE is restarted (sane_exit + sane_init: dll.conf and
        /// every backend's configuration read again, for backends that only find devices when
        /// they start) at most this often. A restart costs ~0.75 s of CPU and SANE 1.2.1's
        /// backends leak ~72 KB on each (docs/copier.md), so it must stay rare.
        std::chrono::milliseconds restart_interval{std::chrono::minutes(30)};
    };
    /// How often the device was looked for and SANE started, since create (diagnostics, tests).
    struct Looks {
        unsigned looks = 0;
        unsigned starts = 0;
    };
    /// SANE keeps global state (sane_init/sane_exit): one SaneCopier a process
    /// (Errc::DeviceNotReady for a second one). A missing device is not an error: the
    /// copier starts NoDevice and keeps looking.
    static Result<std::unique_ptr<SaneCopier>> create(Options);
    ~SaneCopier() override;

    CopierStatus status() const override;
    void set_listener(CopierListener) override;
    Result<ScanImage> scan(const ScanRequest&) override;
    double glass_width_mm() const override;
    double glass_height_mm() const override;
    std::string describe() const override;
    Looks looks() const;

private:
    explicit SaneCopier(Options);
    void run(std::stop_token);
    Status open_locked();   // m_sane held
    void close_locked();    // m_sane held
    Result<ScanImage> scan_locked(const ScanRequest&);
    void set_status(CopierState, std::string message, std::string device = "\x01");

    Options m_options;
    mutable std::mutex m_mutex;  // m_status, m_listener
    CopierStatus m_status;
    CopierListener m_listener;
    std::mutex m_sane;           // every libsane call (SANE is not thread-safe)
    void* m_handle = nullptr;    // SANE_Handle
    bool m_inited = false;
    std::chrono::steady_clock::time_point m_started;  // the last sane_init (m_sane held)
    Looks m_looks;               // m_mutex
    bool m_decided = false;      // the running scan's failure set the state (m_sane held)
    double m_glass_w = 0, m_glass_h = 0;
    std::condition_variable_any m_wake;
    std::jthread m_thread;
};

}  // namespace kiosk::copier
