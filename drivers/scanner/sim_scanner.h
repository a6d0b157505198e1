// In-memory simulated scanner: the UI, the demo and tests inject codes with inject(text).
#pragma once

#include <mutex>

#include "drivers/scanner/scanner.h"

namespace kiosk::scanner {

/// Events are delivered synchronously on the thread that calls inject()/set_state(), so
/// tests need no waiting. Before start() or after stop() injected codes are dropped, as a
/// real scanner's would be.
class SimScanner final : public Scanner {
public:
    ScannerState state() const override;
    void start(ScanListener listener) override;
    void stop() override;
    std::string describe() const override { return "sim"; }

    /// A code as a scanner would deliver it. Returns false when not started.
    bool inject(const std::string& text);
    /// A code that could not be read (wrong charset), for the UI's "please scan again".
    bool inject_unreadable(const std::string& message);
    /// Unplug (NoDevice), fault, or back to Ready.
    void set_state(ScannerState s, const std::string& message = {});

private:
    mutable std::mutex m_mutex;
    ScanListener m_listener;
    ScannerState m_state = ScannerState::Ready;
};

}  // namespace kiosk::scanner
