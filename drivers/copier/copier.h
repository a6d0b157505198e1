// The copier's scanner interface: status, capabilities, scan an area of the glass into wiped memory. No SANE type here.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "drivers/copier/scan_image.h"

namespace kiosk::copier {

/// The small set of states a scanner is in, as the printer's (XFS4IoT-like): what the
/// kiosk tells the citizen and reports to the platform.
enum class CopierState {
    Ready,      ///< can scan
    Busy,       ///< scanning (ours) or the device said SANE_STATUS_DEVICE_BUSY
    NoDevice,   ///< not found or gone; the driver keeps looking and goes Ready by itself
    CoverOpen,  ///< the last scan stopped: lid / cover open (retrying is allowed)
    Jammed,     ///< the last scan stopped: document jammed (ADF, document camera)
    Error,      ///< present but failing (I/O error, refused option)
};
const char* copier_state_name(CopierState);  ///< "ready", "busy", "no-device", "cover-open", "jammed", "error"
/// True when a scan can be tried now (CoverOpen and Jammed are the last scan's outcome:
/// the citizen closes the lid and tries again).
bool can_scan(CopierState);

struct CopierStatus {
    CopierState state = CopierState::NoDevice;
    std::string device;   ///< the SANE device name in use ("test:0"), "" when none
    std::string message;  ///< for technicians (sane_strstatus, open errors); never image data
};

enum class ColorMode { Gray, Color };

/// An area of the glass, from its registration corner (top left as the citizen sees it).
struct ScanRequest {
    double x_mm = 0, y_mm = 0;
    double width_mm = 210, height_mm = 297;
    int dpi = 200;
    ColorMode mode = ColorMode::Color;
};

/// Unsolicited status change, on the driver's thread. Keep it short: post to your own thread.
using CopierListener = std::function<void(const CopierStatus&)>;

/// A flatbed or document camera. Thread-safe; scan() blocks (call it from a worker).
class Copier {
public:
    virtual ~Copier() = default;
    /// Last known status; never blocks.
    virtual CopierStatus status() const = 0;
    /// Called whenever status().state changes (and once at once with the current status).
    virtual void set_listener(CopierListener) = 0;
    /// Scans the area. The image lives in wiped, never-swapped-to-disk-by-us memory.
    /// Errors: DeviceNotReady (no device, cover open, jammed, busy: see status()),
    /// HardwareError (gone or failed mid-scan), InvalidInput (area outside the glass,
    /// unsupported dpi), Canceled.
    virtual Result<ScanImage> scan(const ScanRequest&) = 0;
    /// The glass in mm (0 × 0 when unknown / no device).
    virtual double glass_width_mm() const = 0;
    virtual double glass_height_mm() const = 0;
    /// "sane test:0", "sim" — for logs and kioskctl.
    virtual std::string describe() const = 0;
};

}  // namespace kiosk::copier
