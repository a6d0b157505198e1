// idcard-sim's protocol half: a SAM with cards placed and faults injected; no I/O here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "drivers/idcard/demo_cards.h"
#include "drivers/idcard/sam_frame.h"

namespace kiosk::idcard::sim {

/// A fault armed for the next replies (see docs/idcard.md "idcard-sim").
struct Fault {
    enum class Kind { None, Checksum, Truncate, Sw3, Slow, Garbage } kind = Kind::None;
    std::uint8_t sw3 = 0;
    int ms = 0;
    int times = 1;  ///< replies it still applies to; -1 = until `fault clear`
};

/// What to send back for one request.
struct Output {
    sam::Bytes bytes;
    int delay_ms = 0;
    int new_baud = 0;  ///< non-zero: switch to this rate after sending (command 60)
};

class SimDevice {
public:
    explicit SimDevice(std::vector<CardRecord> cards) : m_cards(std::move(cards)) {}

    /// The reply to one request frame (or to a frame that failed its checksum).
    Output handle(const Result<sam::Frame>& frame);
    /// Runs a control command other than unplug/replug/quit; returns "ok…" or "error: …".
    std::string control(const std::string& line);

    int baud() const { return m_baud; }
    void set_baud(int b) { m_baud = b; }
    std::string status() const;

private:
    bool consume(std::uint8_t sw3_stage);
    Output card_data(bool with_fingerprint);
    Output apply_read_faults(Output out);

    std::vector<CardRecord> m_cards;
    const CardRecord* m_placed = nullptr;
    bool m_halted = false;  ///< read once; find fails until the card leaves (spec "Behaviour")
    Fault m_fault;
    std::uint8_t m_sam_status = 0x90;
    int m_baud = 115200;
    int m_reads = 0;
};

}  // namespace kiosk::idcard::sim
