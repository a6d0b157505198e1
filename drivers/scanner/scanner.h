// The QR scanner interface: every scanner (serial, HID wedge, camera, simulated) yields text.
#pragma once

#include <functional>
#include <string>

#include "drivers/common/result.h"

namespace kiosk::scanner {

enum class ScannerState { Ready, NoDevice, Fault };
const char* scanner_state_name(ScannerState);

struct ScanEvent {
    enum class Kind { Scanned, StateChanged } kind;
    std::string text;  ///< the decoded payload (UTF-8); validate with payload rules before use
    ScannerState state = ScannerState::Ready;
    std::string message;
};

using ScanListener = std::function<void(const ScanEvent&)>;

class Scanner {
public:
    virtual ~Scanner() = default;
    virtual ScannerState state() const = 0;
    virtual void start(ScanListener) = 0;
    virtual void stop() = 0;
    virtual std::string describe() const = 0;
};

}  // namespace kiosk::scanner
