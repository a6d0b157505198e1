// The one place that chooses the real printer (CUPS/IPP) or the simulated one, and builds the print service.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "base/clock.h"
#include "drivers/printer/print_service.h"
#include "drivers/printer/printer.h"

namespace kiosk::printer {

/// The printer.* configuration keys, as plain values (drivers do not include kiosk/;
/// kiosk/app/device_settings.h fills this from a config::Config).
struct PrinterSettings {
    std::string driver = "sim";       ///< printer.driver: "sim", "cups" or "none"
    std::string uri;                  ///< printer.uri: CUPS queue name or ipp:// URI
    std::string sim_dir;              ///< printer.sim_dir, resolved to an absolute path
    std::string jobs_db;              ///< <state>/print-jobs.db
    std::chrono::milliseconds poll_interval{1000};  ///< printer.poll_interval_ms
    std::chrono::seconds job_timeout{120};          ///< printer.job_timeout_s
};

/// "cups" → CupsPrinter (poller started), "sim" → SimPrinter. "none" → Errc::NotFound
/// (the kiosk runs without printing).
Result<std::shared_ptr<Printer>> create_printer(const PrinterSettings&, std::shared_ptr<Clock> = system_clock());

/// create_printer + PrintService on `jobs_db` (recovery of old records starts at once).
Result<std::unique_ptr<PrintService>> create_print_service(const PrinterSettings&,
                                                           std::shared_ptr<Clock> = system_clock());

}  // namespace kiosk::printer
