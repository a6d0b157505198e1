// Reads ScannerOptions from the kiosk configuration (header-only so the driver library does not depend on kiosk/).
#pragma once

#include "drivers/scanner/scanner.h"

namespace kiosk::scanner {

/// `Config` is kiosk::config::Config (any type with str/integer/boolean/list works).
template <class Config>
ScannerOptions scanner_options_from(const Config& c) {
    ScannerOptions o;
    o.driver = c.str("scanner.driver");
    o.port = c.str("scanner.port");
    o.baud = static_cast<int>(c.integer("scanner.baud"));
    o.charset = c.str("scanner.charset");
    o.terminator = c.str("scanner.terminator");
    o.hid_device = c.str("scanner.hid_device");
    o.camera_enabled = c.boolean("scanner.camera_enabled");
    o.camera_device = c.str("scanner.camera_device");
    o.allowed_hosts = c.list("scanner.allowed_hosts");
    o.wedge_max_gap_ms = static_cast<int>(c.integer("scanner.wedge_max_gap_ms"));
    return o;
}

}  // namespace kiosk::scanner
