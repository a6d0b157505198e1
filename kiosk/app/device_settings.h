// The one place that reads the printer.*, idcard.*, scanner.* and copier.* keys into each driver's settings struct (header-only: kioskctl uses it too).
#pragma once

#include <string>

#include "drivers/copier/copier_factory.h"
#include "drivers/idcard/reader_factory.h"
#include "drivers/printer/printer_factory.h"
#include "drivers/scanner/scanner.h"
#include "kiosk/config/keys.h"

namespace kiosk {

// Every driver follows one pattern: `<driver>::XxxSettings` (plain values, no kiosk/ type) and
// `<driver>::create_xxx(settings)`; only this file turns the configuration into settings, with
// typed keys (kiosk/config/keys.h), so a misspelt key does not compile.

inline printer::PrinterSettings printer_settings(const config::Config& c) {
    using namespace config::keys;
    printer::PrinterSettings s;
    s.driver = get(c, printer_driver);
    s.uri = get(c, printer_uri);
    s.sim_dir = c.state_path(printer_sim_dir.name);
    s.jobs_db = c.state_dir() + "/print-jobs.db";
    s.poll_interval = std::chrono::milliseconds(get(c, printer_poll_interval_ms));
    s.job_timeout = std::chrono::seconds(get(c, printer_job_timeout_s));
    return s;
}

inline idcard::ReaderSettings reader_settings(const config::Config& c) {
    using namespace config::keys;
    idcard::ReaderSettings s;
    s.driver = get(c, idcard_driver);
    s.port = get(c, idcard_port);
    s.baud = static_cast<int>(get(c, idcard_baud));
    s.sim_cards = get(c, idcard_sim_cards);
    return s;
}

inline scanner::ScannerSettings scanner_settings(const config::Config& c) {
    using namespace config::keys;
    scanner::ScannerSettings s;
    s.driver = get(c, scanner_driver);
    s.port = get(c, scanner_port);
    s.baud = static_cast<int>(get(c, scanner_baud));
    s.charset = get(c, scanner_charset);
    s.terminator = get(c, scanner_terminator);
    s.hid_device = get(c, scanner_hid_device);
    s.camera_enabled = get(c, scanner_camera_enabled);
    s.camera_device = get(c, scanner_camera_device);
    s.allowed_hosts = get(c, scanner_allowed_hosts);
    s.wedge_max_gap_ms = static_cast<int>(get(c, scanner_wedge_max_gap_ms));
    return s;
}

inline copier::CopierSettings copier_settings(const config::Config& c) {
    using namespace config::keys;
    copier::CopierSettings s;
    s.driver = get(c, copier_driver);
    s.device = get(c, copier_device);
    s.sane_options = get(c, copier_sane_options);
    s.sim_marker = get(c, copier_sim_marker);
    return s;
}

/// All three, plus the demo's hook: the control socket of an idcard-sim (idcard.sim_control).
struct DeviceSettings {
    printer::PrinterSettings printer;
    idcard::ReaderSettings idcard;
    scanner::ScannerSettings scanner;
    std::string idcard_sim_control;
};

inline DeviceSettings device_settings(const config::Config& c) {
    return {printer_settings(c), reader_settings(c), scanner_settings(c), get(c, config::keys::idcard_sim_control)};
}

}  // namespace kiosk
