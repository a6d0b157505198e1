// Reads the printer.* keys of config::Config into PrinterSettings (header-only; lives in kiosk/app because drivers never include kiosk/).
#pragma once

#include "drivers/printer/printer_factory.h"
#include "kiosk/config/config.h"

namespace kiosk::printer {

/// Header-only; callers (the app's device factory, kioskctl) link kiosk_printer and kiosk_config.
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
