// The scanner factory (the only place that picks a real scanner or a fake) and small shared pieces.
#include "drivers/scanner/scanner.h"

#include "drivers/scanner/camera_scanner.h"
#include "drivers/scanner/hid_scanner.h"
#include "drivers/scanner/serial_scanner.h"
#include "drivers/scanner/sim_scanner.h"
#include "drivers/scanner/window_wedge_scanner.h"

namespace kiosk::scanner {

const char* scanner_state_name(ScannerState s) {
    switch (s) {
        case ScannerState::Ready: return "ready";
        case ScannerState::NoDevice: return "no-device";
        case ScannerState::Fault: return "fault";
    }
    return "?";
}

void WindowWedgeScanner::start(ScanListener listener) {
    m_listener = std::move(listener);
    if (m_listener) m_listener(ScanEvent{ScanEvent::Kind::StateChanged, {}, ScannerState::Ready, "window wedge"});
}

std::vector<WedgeKey> WindowWedgeScanner::deliver(std::vector<WedgeOutput> outputs) {
    std::vector<WedgeKey> typing;
    for (auto& o : outputs) {
        if (o.kind == WedgeOutput::Kind::Typing) {
            typing.insert(typing.end(), o.keys.begin(), o.keys.end());
        } else if (m_listener) {
            m_listener(ScanEvent{ScanEvent::Kind::Scanned, std::move(o.code), ScannerState::Ready, {},
                                 std::chrono::steady_clock::now()});
        }
    }
    return typing;
}

namespace {

/// scanner.driver = none: no scanner fitted.
class NullScanner final : public Scanner {
public:
    ScannerState state() const override { return ScannerState::NoDevice; }
    void start(ScanListener l) override {
        if (l) l(ScanEvent{ScanEvent::Kind::StateChanged, {}, ScannerState::NoDevice, "no scanner configured"});
    }
    void stop() override {}
    std::string describe() const override { return "none"; }
};

/// A scanner plus the camera: both deliver to the same listener; the state is the main one's.
class PairScanner final : public Scanner {
public:
    PairScanner(std::unique_ptr<Scanner> main, std::unique_ptr<Scanner> camera)
        : m_main(std::move(main)), m_camera(std::move(camera)) {}
    ScannerState state() const override { return m_main->state(); }
    void start(ScanListener l) override {
        m_main->start(l);
        // Camera state changes are technician news, not the UI's: only its codes go through.
        m_camera->start([l](const ScanEvent& e) {
            if (e.kind != ScanEvent::Kind::StateChanged && l) l(e);
        });
    }
    void stop() override {
        m_camera->stop();
        m_main->stop();
    }
    std::string describe() const override { return m_main->describe() + " + " + m_camera->describe(); }

private:
    std::unique_ptr<Scanner> m_main, m_camera;
};

}  // namespace

Result<std::unique_ptr<Scanner>> create_scanner(const ScannerSettings& o, std::shared_ptr<Clock> clock) {
    std::unique_ptr<Scanner> main;
    if (o.driver == "sim") {
        main = std::make_unique<SimScanner>();
    } else if (o.driver == "serial") {
        auto charset = TRY(parse_charset(o.charset));
        auto term = TRY(parse_terminator(o.terminator));
        main = TRY(SerialScanner::create(SerialScannerOptions{o.port, o.baud, charset, term}, clock));
    } else if (o.driver == "hid") {
        main = TRY(HidScanner::create(o.hid_device));
    } else if (o.driver == "window") {
        main = std::make_unique<WindowWedgeScanner>(WedgeOptions{std::chrono::milliseconds(o.wedge_max_gap_ms)});
    } else if (o.driver == "camera") {
        if (!o.camera_enabled) return make_error(Errc::InvalidInput, "scanner.driver is camera but scanner.camera_enabled is false");
        return std::unique_ptr<Scanner>(std::make_unique<CameraScanner>(o.camera_device));
    } else if (o.driver == "none") {
        main = std::make_unique<NullScanner>();
    } else {
        return make_error(Errc::InvalidInput, "unknown scanner.driver '" + o.driver + "'");
    }
    if (o.camera_enabled) return std::unique_ptr<Scanner>(std::make_unique<PairScanner>(std::move(main), std::make_unique<CameraScanner>(o.camera_device)));
    return main;
}

}  // namespace kiosk::scanner
