// What device output means to the kiosk: raw driver events in, typed events for the screens out (the one place that decides).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "drivers/idcard/idcard_reader.h"
#include "drivers/scanner/scanner.h"
#include "kiosk/screens/screen.h"

namespace kiosk {

class Session;

/// A driver's own event on its way from the driver's thread to the UI thread, unclassified.
using DeviceInput = std::variant<idcard::ReaderEvent, scanner::ScanEvent>;

/// The rules the app applies to device output (read once from the configuration).
struct InputRules {
    std::vector<std::string> allowed_hosts;  ///< scanner.allowed_hosts
};

/// Turns raw device output into the event screens see. On the UI thread. A card read puts
/// the identity into `session` (screens get only a masked view); an app login code puts the
/// token there (screens learn only that there is one); scanned text is classified with
/// `rules` (allowed hosts, the payload limits of docs/scanner.md). nullopt: nothing for the
/// screens (a scanner's state change).
std::optional<screens::AppEvent> classify_device_input(DeviceInput input, Session& session, const InputRules& rules);

}  // namespace kiosk
