// SerialIdCardReader: the reader loop (find → select → read) over the SAM serial protocol.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "base/clock.h"
#include "base/device_thread.h"
#include "drivers/idcard/idcard_reader.h"
#include "drivers/idcard/sam_transport.h"

namespace kiosk::idcard {

struct SerialReaderOptions {
    TransportOptions transport;
    /// How often to look for a card. A citizen needs about a second to lay a card down; 150 ms
    /// keeps the delay unnoticeable while the SAM idles most of the time.
    std::chrono::milliseconds poll_interval{150};
    /// How often to look for the device path again after it vanished (USB re-enumeration
    /// takes a few hundred ms; udev recreates the /dev/idcard link after that).
    std::chrono::milliseconds reconnect_interval{250};
    /// Attempts of find → select → read for one placement before ReadFailed (a card laid
    /// down at an angle often fails once).
    int read_attempts = 2;
    /// Polls in a row that must miss the card before CardRemoved (one miss can be a glitch).
    int removal_misses = 2;
    /// Read the fingerprint too (command 30 10) instead of text + photo (30 01).
    bool with_fingerprint = false;
    std::shared_ptr<Clock> clock = system_clock();
};

class SerialIdCardReader final : public IdCardReader {
public:
    explicit SerialIdCardReader(SerialReaderOptions options);
    ~SerialIdCardReader() override;
    ReaderState state() const override { return m_thread.state(); }
    void start(ReaderListener listener) override;
    void stop() override;
    /// Baud rate the reader answered at (0 while no device), for diagnostics.
    int baud() const { return m_baud.load(); }

private:
    enum class Phase { Idle, Present };
    void run(std::stop_token stop);
    void set_state(ReaderState s, const std::string& message);
    /// One find → select → read; returns the event to report.
    ReaderEvent read_card();
    /// True while the card is still in the field (find 9F or select 90); error on I/O failure.
    Result<bool> card_present();
    void lost_device(const Error& e);

    SerialReaderOptions m_options;
    std::optional<SamTransport> m_transport;
    std::atomic<int> m_baud{0};
    bool m_state_reported = false;
    Phase m_phase = Phase::Idle;
    int m_misses = 0;
    int m_errors = 0;
    DeviceThread<ReaderState, ReaderEvent> m_thread{ReaderState::NoDevice};
};

}  // namespace kiosk::idcard
