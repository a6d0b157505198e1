// The one place that chooses the real serial reader, the in-memory simulated one, or none.
#pragma once

#include <memory>
#include <string>

#include "drivers/idcard/idcard_reader.h"

namespace kiosk::idcard {

/// Plain values from the [idcard] section of the configuration, filled by kiosk/app/device_settings.h
/// (drivers do not see kiosk/config).
struct ReaderSettings {
    std::string driver = "sim";  ///< idcard.driver: sim, serial or none
    std::string port;            ///< idcard.port
    int baud = 0;                ///< idcard.baud (0 probes)
    std::string sim_cards;       ///< idcard.sim_cards (empty: assets/demo/cards.json)
};

/// Builds the reader the configuration asks for; nullptr for "none". A SimIdCardReader is
/// returned as such (dynamic_cast to reach place()/remove() from the demo script runner).
Result<std::unique_ptr<IdCardReader>> create_reader(const ReaderSettings& settings);

}  // namespace kiosk::idcard
