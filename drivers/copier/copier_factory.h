// The one place that chooses the SANE scanner or the simulated one for copying.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "drivers/copier/copier.h"

namespace kiosk::copier {

/// The copier.* configuration keys as plain values (kiosk/app/device_settings.h reads them).
struct CopierSettings {
    std::string driver = "sim";  ///< copier.driver: sane, sim or none
    std::string device;          ///< copier.device: SANE device name ("" the first one found)
    /// copier.sane_options: "name=value" backend options set before every scan.
    std::vector<std::string> sane_options;
    std::string sim_marker;      ///< copier.sim_marker (tests)
    std::chrono::milliseconds sim_scan_time{0};
    std::chrono::milliseconds reconnect_interval{1000};
};

/// "sane" → SaneCopier (NoDevice until the device is there), "sim" → SimCopier,
/// "none" → Errc::NotFound (the kiosk runs without copying). InvalidInput on a bad setting.
Result<std::unique_ptr<Copier>> create_copier(const CopierSettings&);

}  // namespace kiosk::copier
