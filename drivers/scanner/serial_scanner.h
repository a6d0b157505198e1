// Serial QR scanner (ttyACM/ttyUSB or a pty): codes end with a terminator, text in UTF-8 or GB18030; survives unplug.
#pragma once

#include <mutex>

#include "drivers/scanner/scanner.h"
#include "drivers/scanner/scanner_thread.h"
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
    ScannerState state() const override { return m_thread.state(); }
    void start(ScanListener listener) override;
    void stop() override;
    std::string describe() const override;

private:
    SerialScanner(SerialScannerOptions options, std::shared_ptr<Clock> clock);
    void run(std::stop_token stop);
    SerialScannerOptions m_opt;
    std::shared_ptr<Clock> m_clock;
    ScannerThread m_thread{m_opt.port};
};

}  // namespace kiosk::scanner
