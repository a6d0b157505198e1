// The serial reader loop: device recovery, SAM status, one read per placement, removal detection.
#include "drivers/idcard/serial_reader.h"

#include "base/log.h"
#include "drivers/idcard/text_block.h"

namespace kiosk::idcard {
namespace {

using K = ReaderEvent::Kind;

/// Consecutive I/O failures while idle before the link is reopened and re-probed.
constexpr int kErrorsBeforeReopen = 3;

}  // namespace

SerialIdCardReader::SerialIdCardReader(SerialReaderOptions options) : m_options(std::move(options)) {
    if (!m_options.clock) m_options.clock = system_clock();
    if (m_options.read_attempts < 1) m_options.read_attempts = 1;
    if (m_options.removal_misses < 1) m_options.removal_misses = 1;
}

SerialIdCardReader::~SerialIdCardReader() { stop(); }

void SerialIdCardReader::start(ReaderListener listener) {
    m_thread.start(std::move(listener), [this](std::stop_token st) { run(st); });
}

void SerialIdCardReader::stop() {
    m_thread.stop();
    m_transport.reset();
}

void SerialIdCardReader::set_state(ReaderState s, const std::string& message) {
    // The first state is always reported, even the initial NoDevice.
    bool changed = m_thread.set_state(s);
    if (m_state_reported && !changed) return;
    m_state_reported = true;
    LOG_INFO("idcard") << "reader " << reader_state_name(s) << (message.empty() ? "" : ": ") << message;
    ReaderEvent e{K::StateChanged};
    e.state = s;
    e.message = message;
    m_thread.emit(e);
}

void SerialIdCardReader::lost_device(const Error& e) {
    m_transport.reset();
    m_baud = 0;
    if (m_phase == Phase::Present) {
        m_phase = Phase::Idle;
        m_thread.emit(ReaderEvent{K::CardRemoved, nullptr, ReaderState::NoDevice, "reader vanished"});
    }
    set_state(ReaderState::NoDevice, e.message);
}

Result<bool> SerialIdCardReader::card_present() {
    auto f = TRY(m_transport->transact(sam::Command::FindCard));
    if (f.sw3 == static_cast<std::uint8_t>(sam::Sw3::CardFound)) return true;
    // After a read the card answers find only once it has left and come back (spec: "the
    // card must leave the field before the next find succeeds"); select still reaches it.
    auto s = TRY(m_transport->transact(sam::Command::SelectCard));
    return s.sw3 == static_cast<std::uint8_t>(sam::Sw3::Success);
}

ReaderEvent SerialIdCardReader::read_card() {
    auto fail = [](std::string msg) { return ReaderEvent{K::ReadFailed, nullptr, ReaderState::Ready, std::move(msg)}; };
    auto sel = m_transport->transact(sam::Command::SelectCard);
    if (!sel) return fail(sel.error().message);
    if (sel->sw3 != static_cast<std::uint8_t>(sam::Sw3::Success))
        return fail("select card: SW3 " + sam::sw3_name(sel->sw3));
    const auto cmd = m_options.with_fingerprint ? sam::Command::ReadTextPhotoFinger : sam::Command::ReadTextPhoto;
    auto rd = m_transport->transact(cmd);
    if (!rd) return fail(rd.error().message);
    if (rd->sw3 != static_cast<std::uint8_t>(sam::Sw3::Success)) {
        secure_wipe(rd->data.data(), rd->data.size());
        return fail("read card: SW3 " + sam::sw3_name(rd->sw3));
    }
    auto blocks = sam::split_card_data(rd->data, m_options.with_fingerprint);
    secure_wipe(rd->data.data(), rd->data.size());
    if (!blocks) return fail(blocks.error().message);
    auto id = std::make_shared<Identity>();
    auto st = parse_text_block(blocks->text, *id);
    secure_wipe(blocks->text.data(), blocks->text.size());
    if (!st) {
        secure_wipe(blocks->photo.data(), blocks->photo.size());
        secure_wipe(blocks->fingerprint.data(), blocks->fingerprint.size());
        return ReaderEvent{K::CardInvalid, nullptr, ReaderState::Ready, st.error().message};
    }
    id->photo.assign(blocks->photo.begin(), blocks->photo.end());
    id->fingerprint.assign(blocks->fingerprint.begin(), blocks->fingerprint.end());
    secure_wipe(blocks->photo.data(), blocks->photo.size());
    secure_wipe(blocks->fingerprint.data(), blocks->fingerprint.size());
    std::string layout = card_type_name(id->type);
    return ReaderEvent{K::CardRead, std::move(id), ReaderState::Ready, std::move(layout)};
}

void SerialIdCardReader::run(std::stop_token stop) {
    auto& clock = *m_options.clock;
    auto sam_checked = clock.now();
    while (!stop.stop_requested()) {
        if (!m_transport) {
            auto t = SamTransport::open(m_options.transport);
            if (!t) {
                set_state(ReaderState::NoDevice, t.error().message);
                clock.sleep_for(m_options.reconnect_interval, stop);
                continue;
            }
            m_transport.emplace(std::move(t.value()));
            m_baud = m_transport->baud();
            m_errors = 0;
            m_phase = Phase::Idle;
            sam_checked = clock.now();
        }
        if (m_transport->sam_status() != static_cast<std::uint8_t>(sam::Sw3::Success)) {
            set_state(ReaderState::Fault, "SAM status " + sam::sw3_name(m_transport->sam_status()));
            if (!clock.sleep_for(std::chrono::seconds(1), stop)) break;
            auto s = m_transport->check_sam();
            if (!s && s.error().code == Errc::Unavailable) lost_device(s.error());
            continue;
        }
        set_state(ReaderState::Ready, "");

        if (m_phase == Phase::Idle) {
            auto found = m_transport->transact(sam::Command::FindCard);
            if (found && found->sw3 == static_cast<std::uint8_t>(sam::Sw3::CardFound)) {
                m_errors = 0;
                ReaderEvent ev{K::ReadFailed};
                for (int attempt = 1; attempt <= m_options.read_attempts && !stop.stop_requested(); ++attempt) {
                    ev = read_card();
                    if (ev.kind != K::ReadFailed || m_transport->unplugged()) break;
                    LOG_WARN("idcard") << "read attempt " << attempt << " failed: " << ev.message;
                    if (attempt < m_options.read_attempts) {
                        auto again = m_transport->transact(sam::Command::FindCard);
                        if (!again || again->sw3 != static_cast<std::uint8_t>(sam::Sw3::CardFound)) {
                            if (!again && again.error().code == Errc::Unavailable) break;
                            // The card may still be there but halted: select alone decides.
                        }
                    }
                }
                if (m_transport->unplugged()) {
                    lost_device(make_error(Errc::Unavailable, ev.message));
                    continue;
                }
                m_phase = Phase::Present;
                m_misses = 0;
                m_thread.emit(std::move(ev));
                continue;
            }
            if (!found) {
                if (found.error().code == Errc::Unavailable) {
                    lost_device(found.error());
                    continue;
                }
                if (++m_errors >= kErrorsBeforeReopen) {
                    LOG_WARN("idcard") << "reopening the link: " << found.error().message;
                    m_transport.reset();
                    set_state(ReaderState::NoDevice, found.error().message);
                    continue;
                }
            } else {
                m_errors = 0;
            }
        } else {
            auto present = card_present();
            if (!present) {
                if (present.error().code == Errc::Unavailable) {
                    lost_device(present.error());
                    continue;
                }
            } else if (*present) {
                m_misses = 0;
            } else if (++m_misses >= m_options.removal_misses) {
                m_phase = Phase::Idle;
                m_thread.emit(ReaderEvent{K::CardRemoved, nullptr, ReaderState::Ready, ""});
            }
        }
        // Re-ask the SAM its status now and then so a SAM fault shows as reader state.
        if (clock.now() - sam_checked > std::chrono::seconds(10)) {
            sam_checked = clock.now();
            auto s = m_transport->check_sam();
            if (!s && s.error().code == Errc::Unavailable) {
                lost_device(s.error());
                continue;
            }
        }
        clock.sleep_for(m_options.poll_interval, stop);
    }
}

}  // namespace kiosk::idcard
