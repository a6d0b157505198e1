// SimIdCardReader: placement by name, parsing through the real text-block parser, event thread.
#include "drivers/idcard/sim_reader.h"

#include "drivers/idcard/text_block.h"

namespace kiosk::idcard {

using K = ReaderEvent::Kind;

Result<std::unique_ptr<SimIdCardReader>> SimIdCardReader::create(const std::string& cards_path) {
    auto cards = TRY(load_cards(cards_path));
    return std::make_unique<SimIdCardReader>(std::move(cards));
}

SimIdCardReader::SimIdCardReader(std::vector<CardRecord> cards) : m_cards(std::move(cards)) {}

SimIdCardReader::~SimIdCardReader() { stop(); }

ReaderState SimIdCardReader::state() const { return m_thread.state(); }

void SimIdCardReader::start(ReaderListener listener) {
    m_thread.start(std::move(listener), [this](std::stop_token st) { run(st); });
}

// The loop waits on m_cv with the stop token, which wakes it: no notify needed.
void SimIdCardReader::stop() { m_thread.stop(); }

void SimIdCardReader::post(ReaderEvent e) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(e));
    }
    m_cv.notify_all();
}

Status SimIdCardReader::place(const std::string& card_name) {
    const CardRecord* card = nullptr;
    for (const auto& c : m_cards)
        if (c.key == card_name) card = &c;
    if (!card) return make_error(Errc::NotFound, "idcard-sim: no card named '" + card_name + "'");
    remove();
    std::string fail;
    {
        std::lock_guard lock(m_mutex);
        m_card_present = true;
        fail.swap(m_fail_next);
    }
    if (!fail.empty()) {
        post(ReaderEvent{K::ReadFailed, nullptr, ReaderState::Ready, fail});
        return {};
    }
    auto block = TRY(encode_text_block(*card));
    auto id = std::make_shared<Identity>();
    auto st = parse_text_block(block, *id);
    secure_wipe(block.data(), block.size());
    if (!st) {
        post(ReaderEvent{K::CardInvalid, nullptr, ReaderState::Ready, st.error().message});
        return {};
    }
    auto photo = demo_photo(card->key);
    id->photo.assign(photo.begin(), photo.end());
    std::string layout = card_type_name(id->type);
    post(ReaderEvent{K::CardRead, std::move(id), ReaderState::Ready, std::move(layout)});
    return {};
}

void SimIdCardReader::remove() {
    bool was;
    {
        std::lock_guard lock(m_mutex);
        was = m_card_present;
        m_card_present = false;
    }
    if (was) post(ReaderEvent{K::CardRemoved, nullptr, ReaderState::Ready, ""});
}

void SimIdCardReader::fail_next_read(std::string message) {
    std::lock_guard lock(m_mutex);
    m_fail_next = message.empty() ? "simulated read failure" : std::move(message);
}

void SimIdCardReader::set_state(ReaderState s) {
    if (!m_thread.set_state(s)) return;
    post(ReaderEvent{K::StateChanged, nullptr, s, "simulated"});
}

std::vector<std::string> SimIdCardReader::card_names() const {
    std::vector<std::string> names;
    for (const auto& c : m_cards) names.push_back(c.key);
    return names;
}

void SimIdCardReader::run(std::stop_token stop) {
    post(ReaderEvent{K::StateChanged, nullptr, state(), "simulated reader"});
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested()) {
        m_cv.wait(lock, stop, [&] { return !m_queue.empty(); });
        while (!m_queue.empty()) {
            ReaderEvent e = std::move(m_queue.front());
            m_queue.pop_front();
            lock.unlock();
            m_thread.emit(e);
            lock.lock();
        }
    }
}

}  // namespace kiosk::idcard
