// The window wedge as a Scanner: the UI feeds it keys, scanned codes come out as ScanEvents, typing comes back.
#pragma once

#include <mutex>

#include "drivers/scanner/scanner.h"
#include "drivers/scanner/window_wedge.h"

namespace kiosk::scanner {

/// Lives on the UI thread: feed() and poll() call the listener synchronously for a scan
/// and return the keys that are a person's typing, to be handled as usual.
class WindowWedgeScanner final : public Scanner {
public:
    explicit WindowWedgeScanner(WedgeOptions options = {}) : m_wedge(options) {}
    ScannerState state() const override { return ScannerState::Ready; }
    void start(ScanListener listener) override;
    void stop() override { m_listener = nullptr; }
    std::string describe() const override { return "window wedge"; }

    std::vector<WedgeKey> feed(const WedgeKey& key) { return deliver(m_wedge.feed(key)); }
    std::vector<WedgeKey> poll(std::chrono::milliseconds now) { return deliver(m_wedge.poll(now)); }

private:
    std::vector<WedgeKey> deliver(std::vector<WedgeOutput> outputs);
    WindowWedge m_wedge;
    ScanListener m_listener;
};

}  // namespace kiosk::scanner
