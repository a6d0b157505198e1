// SamTransport: request/reply over SerialPort, deadlines scaled to the baud rate, probing.
#include "drivers/idcard/sam_transport.h"

#include <cstdio>

#include "base/log.h"

namespace kiosk::idcard {
namespace {

using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

std::string cmd_text(sam::Command c) {
    char buf[8];
    auto v = static_cast<unsigned>(c);
    std::snprintf(buf, sizeof buf, "%02X %02X", v >> 8, v & 0xFF);
    return buf;
}

/// Time `bytes` take on the wire at `baud` (10 bits a byte for 8N1).
milliseconds wire_time(std::size_t bytes, int baud) {
    return milliseconds(static_cast<long>(bytes * 10 * 1000 / static_cast<std::size_t>(baud > 0 ? baud : 9600)) + 1);
}

}  // namespace

Result<SamTransport> SamTransport::open(const TransportOptions& options) {
    if (options.path.empty()) return make_error(Errc::InvalidInput, "idcard: no serial port configured");
    if (options.baud != 0 && !SerialPort::baud_supported(options.baud))
        return make_error(Errc::InvalidInput, "idcard: unsupported baud " + std::to_string(options.baud));
    const int first = options.baud ? options.baud : kProbeBauds[0];
    SamTransport t;
    t.m_options = options;
    t.m_port = TRY(SerialPort::open(options.path, first));
    std::vector<int> rates;
    if (options.baud) rates.push_back(options.baud);
    else rates.assign(std::begin(kProbeBauds), std::end(kProbeBauds));
    for (int rate : rates) {
        if (rate != t.m_port.baud()) TRY(t.m_port.set_baud(rate));
        t.m_parser.clear();
        auto r = t.exchange(sam::Command::SamStatus, {}, options.baud ? options.reply_timeout : options.probe_timeout);
        if (r) {
            t.m_sam_status = r->sw3;
            LOG_INFO("idcard") << "reader on " << options.path << " answers at " << rate << " baud, SAM "
                               << sam::sw3_name(r->sw3);
            return t;
        }
        if (r.error().code == Errc::Unavailable) return r.error();
        LOG_DEBUG("idcard") << "no SAM answer at " << rate << " baud: " << r.error().message;
        t.m_dirty = true;
    }
    return make_error(Errc::Timeout, "idcard: no SAM answers on " + options.path +
                                         (options.baud ? " at " + std::to_string(options.baud) + " baud" : " at any baud 115200…9600"));
}

Result<sam::Reply> SamTransport::transact(sam::Command cmd, std::span<const std::uint8_t> args) {
    return exchange(cmd, args, m_options.reply_timeout);
}

Result<sam::Reply> SamTransport::transact(sam::Command cmd, milliseconds reply_timeout) {
    return exchange(cmd, {}, reply_timeout);
}

Result<std::uint8_t> SamTransport::check_sam() {
    auto r = TRY(transact(sam::Command::SamStatus));
    m_sam_status = r.sw3;
    return r.sw3;
}

void SamTransport::resync() {
    // After a timeout a late reply (or the rest of a truncated one) may still arrive: wait
    // for the line to fall quiet so it cannot be taken for the answer to the next request.
    std::uint8_t buf[512];
    auto until = steady::now() + milliseconds(3000);
    while (steady::now() < until) {
        auto n = m_port.read_some(buf, milliseconds(120));
        if (!n) break;
    }
    secure_wipe(buf, sizeof buf);
    m_port.flush();
    m_parser.clear();
    m_dirty = false;
}

Result<sam::Reply> SamTransport::exchange(sam::Command cmd, std::span<const std::uint8_t> args, milliseconds timeout) {
    if (!m_port.is_open()) return make_error(Errc::Unavailable, "idcard: port closed");
    if (m_dirty) resync();
    m_port.flush();
    m_parser.clear();
    auto req = sam::build_request(cmd, args);
    if (auto st = m_port.write_all(req, milliseconds(1000)); !st) return st.error();

    auto deadline = steady::now() + timeout + wire_time(req.size(), m_port.baud());
    bool head_seen = false;
    // The receive buffer sees the card's text block: zeroed on every way out.
    std::uint8_t buf[1536];
    struct WipeOnExit {
        std::uint8_t* p;
        std::size_t n;
        ~WipeOnExit() { secure_wipe(p, n); }
    } wipe_buf{buf, sizeof buf};
    for (;;) {
        while (auto f = m_parser.next()) {
            if (!*f) {
                m_dirty = true;
                return make_error(Errc::Protocol, "idcard: reply to " + cmd_text(cmd) + ": " + f->error().message);
            }
            auto reply = sam::parse_reply(f->value());
            secure_wipe(f->value().body.data(), f->value().body.size());
            if (!reply) m_dirty = true;
            return reply;
        }
        if (!head_seen && m_parser.buffered() >= sam::kHeadSize) {
            // The head tells how long the rest takes on the wire; allow for it twice over.
            head_seen = true;
            deadline = steady::now() + timeout + 2 * wire_time(m_parser.wanted(), m_port.baud());
        }
        auto now = steady::now();
        if (now >= deadline) {
            m_dirty = true;
            if (m_parser.buffered() > 0)
                return make_error(Errc::Timeout, "idcard: truncated reply to " + cmd_text(cmd) + " (" +
                                                     std::to_string(m_parser.buffered()) + " bytes, " +
                                                     std::to_string(m_parser.wanted()) + " missing)");
            return make_error(Errc::Timeout, "idcard: no reply to " + cmd_text(cmd) + " within " +
                                                 std::to_string(timeout.count()) + " ms");
        }
        auto n = m_port.read_some(buf, std::chrono::duration_cast<milliseconds>(deadline - now));
        if (!n) {
            if (n.error().code == Errc::Timeout) continue;
            return n.error();
        }
        m_parser.feed(std::span<const std::uint8_t>(buf, *n));
    }
}

}  // namespace kiosk::idcard
