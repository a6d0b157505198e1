// SimCopier: a scanner in memory for the demo and tests: an ID card on a white lid or a printed page, and every fault on demand.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "drivers/copier/copier.h"

namespace kiosk::copier {

/// 64 bytes derived from `seed`: the simulator writes them into one row of every image,
/// so a test can look for the scan in a process's memory without the bytes being anywhere
/// else (the configuration holds only the seed).
std::array<uint8_t, 64> sim_marker(std::string_view seed);

class SimCopier final : public Copier {
public:
    struct Options {
        std::string marker_seed;                 ///< copier.sim_marker: "" writes no marker
        std::chrono::milliseconds scan_time{0};  ///< how long a scan takes (Busy meanwhile)
        /// Where the card lies on the glass, from the corner (the citizen is never exact).
        double card_x_mm = 4, card_y_mm = 3;
    };
    explicit SimCopier(Options);

    CopierStatus status() const override;
    void set_listener(CopierListener) override;
    Result<ScanImage> scan(const ScanRequest&) override;
    double glass_width_mm() const override { return 216; }
    double glass_height_mm() const override { return 297; }
    std::string describe() const override { return "sim"; }

    /// Faults: "ok", "no-device", "cover-open", "jammed", "busy", "gone-next" (the next
    /// scan fails half-way and the device disappears until "ok"), "no-card" (an empty
    /// lid). InvalidInput for anything else.
    Status set_condition(const std::string&);

private:
    void set_state(CopierState, const std::string& message);
    Options m_options;
    mutable std::mutex m_mutex;
    CopierStatus m_status;
    CopierListener m_listener;
    bool m_gone_next = false;
    bool m_no_card = false;
    int m_scans = 0;
};

}  // namespace kiosk::copier
