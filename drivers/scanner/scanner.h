// The QR scanner interface: every scanner (serial, HID wedge, camera, simulated) yields text.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"

namespace kiosk::scanner {

/// Ready: codes can arrive. NoDevice: nothing at the configured port/id (unplugged; the
/// driver keeps looking and goes Ready by itself). Fault: present but unusable (grab
/// refused, bad configuration).
enum class ScannerState { Ready, NoDevice, Fault };
const char* scanner_state_name(ScannerState);

struct ScanEvent {
    /// Scanned: a whole code arrived. Unreadable: a code arrived but could not be turned
    /// into text (bytes invalid in the configured charset, Alt+numpad keys); the UI may say
    /// "please scan again". StateChanged: unsolicited status change.
    enum class Kind { Scanned, Unreadable, StateChanged } kind;
    std::string text;  ///< Scanned: the payload (UTF-8 as far as the scanner's charset goes); check it with classify_payload
    ScannerState state = ScannerState::Ready;
    std::string message;  ///< for technicians and logs; never the payload
    std::chrono::steady_clock::time_point received{};  ///< when the last byte/key of the code arrived
};

/// Called on the scanner's own thread (SimScanner: on the thread that calls inject()).
/// Must not block; the UI posts the event to its own thread (SDL_PushEvent) and returns.
using ScanListener = std::function<void(const ScanEvent&)>;

class Scanner {
public:
    virtual ~Scanner() = default;
    /// Cached; never blocks.
    virtual ScannerState state() const = 0;
    /// Starts delivering events to `listener` (the current state first, as StateChanged).
    /// Calling start twice without stop is an error the driver ignores.
    virtual void start(ScanListener listener) = 0;
    /// Stops and joins the driver's thread; no event is delivered after it returns.
    virtual void stop() = 0;
    /// "serial /dev/qrscanner 9600 UTF-8 CR" — for logs and kioskctl.
    virtual std::string describe() const = 0;
};

/// Everything the factory needs: plain values of the scanner.* configuration keys, filled by
/// kiosk/app/device_settings.h (drivers do not see kiosk/config).
struct ScannerSettings {
    std::string driver = "sim";     ///< sim, serial, hid, window, camera, none
    std::string port = "/dev/qrscanner";
    int baud = 9600;
    std::string charset = "UTF-8";  ///< UTF-8 or GB18030
    std::string terminator = "CR";  ///< CR, LF, CRLF or TAB
    std::string hid_device;         ///< "vvvv:pppp" (hex) or a /dev/input path
    bool camera_enabled = false;
    std::string camera_device = "/dev/video0";
    std::vector<std::string> allowed_hosts = {"127.0.0.1", "localhost"};
    int wedge_max_gap_ms = 50;
};

/// The one place that picks the real device or its fake. driver "sim" gives a SimScanner,
/// "window" a WindowWedgeScanner (the UI feeds it keys), "none" a scanner that stays
/// NoDevice. With camera_enabled, the camera is added next to the chosen driver (driver
/// "camera" is the camera alone). InvalidInput on a bad option.
Result<std::unique_ptr<Scanner>> create_scanner(const ScannerSettings& settings,
                                                std::shared_ptr<Clock> clock = system_clock());

}  // namespace kiosk::scanner
