// ScannerThread: the device thread of a scanner that reads on its own (camera, HID, serial), its state changes logged and announced once.
#pragma once

#include <string>
#include <utility>

#include "base/device_thread.h"
#include "base/log.h"
#include "drivers/scanner/scanner.h"

namespace kiosk::scanner {

/// A scanner starts NoDevice; its loop announces that first state itself (announce_start),
/// then every change once.
class ScannerThread : public DeviceThread<ScannerState, ScanEvent> {
public:
    /// `who` names the scanner in the log ("camera /dev/video0", "/dev/ttyACM0").
    explicit ScannerThread(std::string who) : DeviceThread(ScannerState::NoDevice), m_who(std::move(who)) {}

    /// The first state is always announced, even the initial NoDevice.
    void announce_start() const { emit(ScanEvent{ScanEvent::Kind::StateChanged, {}, state(), "starting"}); }

    /// Stores `s`; when it changed, logs it and announces it with `message`.
    void change_state(ScannerState s, const std::string& message) {
        if (!set_state(s)) return;
        LOG_INFO("scanner") << m_who << ": " << scanner_state_name(s) << (message.empty() ? "" : " (") << message
                            << (message.empty() ? "" : ")");
        emit(ScanEvent{ScanEvent::Kind::StateChanged, {}, s, message});
    }

private:
    std::string m_who;
};

}  // namespace kiosk::scanner
