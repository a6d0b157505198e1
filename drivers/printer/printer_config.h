// Reads the printer.* keys of config::Config into PrinterSettings (header-only, for the app and kioskctl).
#pragma once

#include "drivers/printer/printer_factory.h"
#include "kiosk/config/config.h"

namespace kiosk::printer {

/// Kept header-only so kiosk_printer itself never links kiosk_config (drivers do not
/// depend on kiosk/); callers link both.
inline PrinterSettings printer_settings(const config::Config& c) {
    PrinterSettings s;
    s.driver = c.str("printer.driver");
    s.uri = c.str("printer.uri");
    s.sim_dir = c.state_path("printer.sim_dir");
    s.jobs_db = c.state_dir() + "/print-jobs.db";
    s.poll_interval = std::chrono::milliseconds(c.integer("printer.poll_interval_ms"));
    s.job_timeout = std::chrono::seconds(c.integer("printer.job_timeout_s"));
    return s;
}

}  // namespace kiosk::printer
