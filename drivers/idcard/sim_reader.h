// SimIdCardReader: an in-memory reader for the windowed demo and UI tests (no pty needed).
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "base/device_thread.h"
#include "drivers/idcard/demo_cards.h"
#include "drivers/idcard/idcard_reader.h"

namespace kiosk::idcard {

/// Cards from a cards.json are "placed" and "removed" by calls; the reader encodes the card's
/// text block and parses it back with the real parser, so a "bad" card gives CardInvalid as
/// the serial reader would. Events arrive on the reader's own thread, in call order.
class SimIdCardReader final : public IdCardReader {
public:
    static Result<std::unique_ptr<SimIdCardReader>> create(const std::string& cards_path = default_cards_path());
    explicit SimIdCardReader(std::vector<CardRecord> cards);
    ~SimIdCardReader() override;

    ReaderState state() const override;
    void start(ReaderListener listener) override;
    void stop() override;

    /// Lays the named card on the reader (removing any other first). NotFound for an unknown name.
    Status place(const std::string& card_name);
    /// Lifts the card; CardRemoved follows if a card was there.
    void remove();
    /// The next placement fails with ReadFailed (as a card lifted mid-read would).
    void fail_next_read(std::string message);
    /// Simulates the reader vanishing (NoDevice) or coming back (Ready).
    void set_state(ReaderState s);
    std::vector<std::string> card_names() const;

private:
    void run(std::stop_token stop);
    void post(ReaderEvent e);

    std::vector<CardRecord> m_cards;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    std::deque<ReaderEvent> m_queue;
    bool m_card_present = false;
    std::string m_fail_next;
    DeviceThread<ReaderState, ReaderEvent> m_thread{ReaderState::Ready};
};

}  // namespace kiosk::idcard
