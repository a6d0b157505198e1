// Serial QR scanner: a thread that opens the port, splits codes, converts the charset and reopens after an unplug.
#include "drivers/scanner/serial_scanner.h"

#include <array>

#include "base/log.h"
#include "drivers/serial/serial_port.h"

namespace kiosk::scanner {

Result<std::unique_ptr<SerialScanner>> SerialScanner::create(SerialScannerOptions options, std::shared_ptr<Clock> clock) {
    if (options.port.empty()) return make_error(Errc::InvalidInput, "scanner.port is empty");
    if (!SerialPort::baud_supported(options.baud))
        return make_error(Errc::InvalidInput, "scanner.baud " + std::to_string(options.baud) + " is not a standard rate");
    return std::unique_ptr<SerialScanner>(new SerialScanner(std::move(options), std::move(clock)));
}

SerialScanner::SerialScanner(SerialScannerOptions options, std::shared_ptr<Clock> clock)
    : m_opt(std::move(options)), m_clock(std::move(clock)) {}

SerialScanner::~SerialScanner() { stop(); }

std::string SerialScanner::describe() const {
    return "serial " + m_opt.port + " " + std::to_string(m_opt.baud) + " " + charset_name(m_opt.charset) + " " +
           terminator_name(m_opt.terminator);
}

void SerialScanner::start(ScanListener listener) {
    m_thread.start(std::move(listener), [this](std::stop_token st) { run(st); });
}

void SerialScanner::stop() { m_thread.stop(); }

void SerialScanner::run(std::stop_token stop) {
    LineAssembler lines(m_opt.terminator);
    std::array<uint8_t, 512> buf{};
    m_thread.announce_start();
    while (!stop.stop_requested()) {
        auto opened = SerialPort::open(m_opt.port, m_opt.baud);
        if (!opened) {
            m_thread.change_state(ScannerState::NoDevice, opened.error().message);
            m_clock->sleep_for(kSerialReopenInterval, stop);
            continue;
        }
        SerialPort port = std::move(opened.value());
        lines.reset();
        m_thread.change_state(ScannerState::Ready, {});
        while (!stop.stop_requested()) {
            auto n = port.read_some(buf, kSerialReadSlice);
            if (!n) {
                if (n.error().code == Errc::Timeout) continue;
                m_thread.change_state(ScannerState::NoDevice, n.error().message);
                break;
            }
            auto now = m_clock->now();
            std::string_view bytes(reinterpret_cast<const char*>(buf.data()), *n);
            for (auto& raw : lines.feed(bytes, now)) {
                auto text = to_utf8(raw, m_opt.charset);
                if (!m_thread.listening()) continue;
                if (text)
                    m_thread.emit(ScanEvent{ScanEvent::Kind::Scanned, std::move(*text), ScannerState::Ready, {}, now});
                else
                    m_thread.emit(ScanEvent{ScanEvent::Kind::Unreadable, {}, ScannerState::Ready, text.error().message, now});
            }
        }
        port.close();
        // A vanished device takes a moment to reappear; do not spin on open().
        if (!stop.stop_requested()) m_clock->sleep_for(kSerialReopenInterval, stop);
    }
}

}  // namespace kiosk::scanner
