// CupsPrinter: the real printer through libcups, a named CUPS queue or a direct IPP URI.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "base/clock.h"
#include "drivers/printer/printer.h"

namespace kiosk::printer {

/// Where a CupsPrinter's requests go and what every request carries (plain values: no
/// libcups type in this header).
struct IppEndpoint {
    std::string host;         ///< host name or socket path to connect to
    int port = 631;
    bool encrypt = false;
    std::string resource;     ///< "/ipp/print", "/printers/NAME"
    std::string printer_uri;  ///< printer-uri operation attribute
    std::string user;         ///< requesting-user-name
    std::chrono::milliseconds timeout{5000};
};

/// Talks IPP to a printer (IPP Everywhere needs no driver) or to a CUPS queue. Every
/// request opens its own short connection, so calls from several threads never share a
/// libcups connection. A poller thread refreshes the cached status.
class CupsPrinter final : public Printer {
public:
    struct Options {
        /// "ipp://host:port/ipp/print", "ipps://…", or a CUPS queue name ("Kiosk_A4"),
        /// which is reached on the CUPS server libcups is configured for (CUPS_SERVER).
        std::string destination;
        std::chrono::milliseconds poll_interval{1000};
        /// How long one IPP request may take before the printer counts as unreachable.
        std::chrono::milliseconds request_timeout{5000};
        /// requesting-user-name sent with every request: a role, never a person.
        std::string user = "kiosk";
        bool start_poller = true;
    };

    static Result<std::unique_ptr<CupsPrinter>> create(Options, std::shared_ptr<Clock> = system_clock());
    ~CupsPrinter() override;

    PrinterStatus status() const override;
    void set_status_listener(StatusListener) override;
    Result<PrinterStatus> refresh_status() override;
    Result<Capabilities> capabilities() override;
    Result<int> submit(const PrintRequest&) override;
    Result<JobStatus> job_status(int printer_job_id) override;
    Result<std::optional<JobStatus>> find_job(const std::string& job_name) override;
    Status cancel(int printer_job_id) override;
    std::string destination() const override { return m_endpoint.printer_uri; }

private:
    CupsPrinter(Options, std::shared_ptr<Clock>);
    void poll_loop(std::stop_token);

    Options m_options;
    std::shared_ptr<Clock> m_clock;
    IppEndpoint m_endpoint;

    mutable std::mutex m_mutex;
    PrinterStatus m_status;
    StatusListener m_listener;
    bool m_listener_fresh = false;  ///< a new listener gets the current status once
    std::jthread m_poller;
};

}  // namespace kiosk::printer
