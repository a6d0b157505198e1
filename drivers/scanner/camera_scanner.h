// Camera QR scanner: V4L2 YUYV frames decoded in place as luminance (pixel stride 2). Untested here: no camera on the build machine.
#pragma once


#include "drivers/scanner/scanner.h"
#include "drivers/scanner/scanner_thread.h"

namespace kiosk::scanner {

/// The same code seen again within this long is one scan (a receipt held in front of the
/// camera is seen in every frame).
inline constexpr std::chrono::milliseconds kCameraRepeatHold{3000};

class CameraScanner final : public Scanner {
public:
    explicit CameraScanner(std::string device, int width = 1280, int height = 720)
        : m_device(std::move(device)), m_width(width), m_height(height) {}
    ~CameraScanner() override;
    ScannerState state() const override { return m_thread.state(); }
    void start(ScanListener listener) override;
    void stop() override;
    std::string describe() const override { return "camera " + m_device; }

private:
    void run(std::stop_token stop);
    Status capture(std::stop_token stop);
    std::string m_device;
    int m_width, m_height;
    ScannerThread m_thread{"camera " + m_device};
};

}  // namespace kiosk::scanner
