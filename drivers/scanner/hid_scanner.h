// USB HID keyboard-wedge QR scanner read with libevdev, grabbed exclusively, chosen by vendor:product or path.
#pragma once

#include <cstdint>

#include "drivers/scanner/hid_decoder.h"
#include "drivers/scanner/scanner.h"
#include "drivers/scanner/scanner_thread.h"

namespace kiosk::scanner {

/// How often a missing device is looked for again.
inline constexpr std::chrono::milliseconds kHidRescanInterval{1000};

/// scanner.hid_device: "0c2e:0b61" (hex vendor:product) or a path such as
/// /dev/input/by-id/usb-…-event-kbd.
struct HidSelector {
    std::string path;  ///< set when chosen by path
    uint16_t vendor = 0, product = 0;
};
Result<HidSelector> parse_hid_selector(std::string_view text);
/// Scans /dev/input/event* (or returns the path) for the device; NotFound when absent.
Result<std::string> find_hid_device(const HidSelector& selector, const std::string& input_dir = "/dev/input");

class HidScanner final : public Scanner {
public:
    static Result<std::unique_ptr<HidScanner>> create(const std::string& selector);
    ~HidScanner() override;
    ScannerState state() const override { return m_thread.state(); }
    void start(ScanListener listener) override;
    void stop() override;
    std::string describe() const override { return "hid " + m_selector_text; }

private:
    HidScanner(HidSelector selector, std::string text) : m_selector(std::move(selector)), m_selector_text(std::move(text)) {}
    void run(std::stop_token stop);
    void read_device(int fd, std::stop_token stop);
    HidSelector m_selector;
    std::string m_selector_text;
    ScannerThread m_thread{"hid " + m_selector_text};
};

}  // namespace kiosk::scanner
