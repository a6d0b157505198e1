// Serial QR scanner (ttyACM/ttyUSB or a pty): codes end with a terminator, text in UTF-8 or GB18030; survives unplug.
#pragma once

#include <atomic>
#include <mutex>
#include <thread>

#include "drivers/scanner/scanner.h"
#include "drivers/scanner/serial_lines.h"

namespace kiosk::scanner {

/// How often a vanished port is looked for again: a replugged scanner is back in under a second.
inline constexpr std::chrono::milliseconds kSerialReopenInterval{500};
/// Longest wait in one read, so stop() returns quickly.
inline constexpr std::chrono::milliseconds kSerialReadSlice{100};

struct SerialScannerOptions {
    std::string port;
    int baud = 9600;
    Charset charset = Charset::Utf8;
    Terminator terminator = Terminator::CR;
};

class SerialScanner final : public Scanner {
public:
    /// InvalidInput for an unsupported baud rate or an empty port; the port itself is
    /// opened by the thread (a missing device is NoDevice, not an error).
    static Result<std::unique_ptr<SerialScanner>> create(SerialScannerOptions options,
                                                         std::shared_ptr<Clock> clock = system_clock());
    ~SerialScanner() override;
    ScannerState state() const override { return m_state.load(); }
    void start(ScanListener listener) override;
    void stop() override;
    std::string describe() const override;

private:
    SerialScanner(SerialScannerOptions options, std::shared_ptr<Clock> clock);
    void run(std::stop_token stop);
    void set_state(ScannerState s, const std::string& message);
    SerialScannerOptions m_opt;
    std::shared_ptr<Clock> m_clock;
    std::atomic<ScannerState> m_state{ScannerState::NoDevice};
    ScanListener m_listener;
    std::jthread m_thread;
};

}  // namespace kiosk::scanner
