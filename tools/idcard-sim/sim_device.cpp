// The simulated SAM: replies to every command of the spec, card placement, armed faults.
#include "sim_device.h"

#include <sstream>

#include "drivers/serial/serial_port.h"

namespace kiosk::idcard::sim {
namespace {

using sam::Bytes;

constexpr std::uint8_t kOk = 0x90;
constexpr std::uint8_t kFound = 0x9F;

Output reply(std::uint8_t sw3, const Bytes& data = {}) { return Output{sam::build_reply(sw3, data)}; }

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> w;
    for (std::string s; in >> s;) w.push_back(s);
    return w;
}

const int kBaudCodes[] = {115200, 57600, 38400, 19200, 9600};

}  // namespace

std::string SimDevice::status() const {
    std::string s = "ok placed=" + (m_placed ? m_placed->key : std::string("none"));
    s += " halted=" + std::string(m_halted ? "yes" : "no");
    s += " baud=" + std::to_string(m_baud);
    s += " reads=" + std::to_string(m_reads);
    return s;
}

/// Takes one use of the armed fault when it concerns this stage: SW3 80 hits find, 81
/// select, every other fault the card-data read (stage 0x30).
bool SimDevice::consume(std::uint8_t stage) {
    if (m_fault.kind == Fault::Kind::None) return false;
    std::uint8_t fault_stage = 0x30;
    if (m_fault.kind == Fault::Kind::Sw3 && m_fault.sw3 == 0x80) fault_stage = 0x20;
    if (m_fault.kind == Fault::Kind::Sw3 && m_fault.sw3 == 0x81) fault_stage = 0x21;
    if (fault_stage != stage) return false;
    // times reaching 0 means "used up": handle() clears it once this reply is built.
    if (m_fault.times > 0) --m_fault.times;
    return true;
}

Output SimDevice::card_data(bool with_fingerprint) {
    auto text = encode_text_block(*m_placed).value_or(std::vector<std::uint8_t>(256, 0x20));
    auto photo = demo_photo(m_placed->key);
    Bytes d;
    auto be16 = [&](std::size_t v) {
        d.push_back(static_cast<std::uint8_t>(v >> 8));
        d.push_back(static_cast<std::uint8_t>(v & 0xFF));
    };
    be16(text.size());
    be16(photo.size());
    if (with_fingerprint) be16(0);
    d.insert(d.end(), text.begin(), text.end());
    d.insert(d.end(), photo.begin(), photo.end());
    return reply(kOk, d);
}

Output SimDevice::handle(const Result<sam::Frame>& frame) {
    if (!frame) return reply(0x10);  // checksum error in the request
    auto req = sam::parse_request(frame.value());
    if (!req) return reply(0x11);
    const std::uint16_t cmd = static_cast<std::uint16_t>(req->cmd << 8 | req->para);
    auto done = [&](Output o) {
        if (m_fault.kind != Fault::Kind::None && m_fault.times == 0) m_fault = Fault{};
        return o;
    };
    switch (cmd) {
        case 0x10FF: return reply(kOk);
        case 0x11FF: return reply(m_sam_status);
        case 0x12FF: return reply(kOk, Bytes{0x05, 0x00, 0x01, 0x00, 0x39, 0x30, 0x00, 0x00, 0x40, 0xE2, 0x01, 0x00, 0x15, 0xCD, 0x5B, 0x07});
        case 0x2001:
            if (consume(0x20)) return done(reply(0x80));
            if (m_placed && !m_halted) return reply(kFound, Bytes(4, 0));
            return reply(0x80);
        case 0x2002:
            if (consume(0x21)) return done(reply(0x81));
            if (m_placed) return reply(kOk, Bytes{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88});
            return reply(0x81);
        case 0x3001:
        case 0x3010: {
            if (!m_placed) return reply(0x41);
            Output out = card_data(cmd == 0x3010);
            if (consume(0x30)) return done(apply_read_faults(std::move(out)));
            m_halted = true;
            ++m_reads;
            return out;
        }
        case 0x3003: return reply(0x91);
        case 0x6000:
        case 0x6001:
        case 0x6002:
        case 0x6003:
        case 0x6004: {
            Output o = reply(kOk);
            o.new_baud = kBaudCodes[req->para];
            return o;
        }
        case 0x61FF: return reply(kOk);
        default: return reply(0x21);
    }
}

Output SimDevice::apply_read_faults(Output out) {
    switch (m_fault.kind) {
        case Fault::Kind::Checksum: out.bytes.back() ^= 0x5A; break;
        case Fault::Kind::Truncate: out.bytes.resize(out.bytes.size() / 2); break;
        case Fault::Kind::Sw3: out = reply(m_fault.sw3); break;
        case Fault::Kind::Slow:
            out.delay_ms = m_fault.ms;
            m_halted = true;
            ++m_reads;
            break;
        case Fault::Kind::Garbage: {
            // Line noise, including a false start of the preamble, before a good reply.
            Bytes noise{0x00, 0xFF, 0xAA, 0xAA, 0x13, 0xAA, 0xAA, 0xAA, 0x96, 0x00, 0x07, 0x42};
            out.bytes.insert(out.bytes.begin(), noise.begin(), noise.end());
            m_halted = true;
            ++m_reads;
            break;
        }
        case Fault::Kind::None: break;
    }
    return out;
}

std::string SimDevice::control(const std::string& line) {
    auto w = words(line);
    if (w.empty()) return "error: empty command";
    const std::string& c = w[0];
    if (c == "place") {
        if (w.size() != 2) return "error: usage: place NAME";
        for (const auto& card : m_cards)
            if (card.key == w[1]) {
                m_placed = &card;
                m_halted = false;
                return "ok";
            }
        return "error: no card named '" + w[1] + "'";
    }
    if (c == "remove") {
        m_placed = nullptr;
        m_halted = false;
        return "ok";
    }
    if (c == "status") return status();
    if (c == "cards") {
        std::string s = "ok";
        for (const auto& card : m_cards) s += " " + card.key;
        return s;
    }
    if (c == "baud") {
        if (w.size() != 2) return "error: usage: baud N";
        int b = std::atoi(w[1].c_str());
        if (!SerialPort::baud_supported(b)) return "error: unsupported baud '" + w[1] + "'";
        m_baud = b;
        return "ok";
    }
    if (c == "fault") {
        if (w.size() < 2) return "error: usage: fault checksum|truncate|garbage|sw3 CODE|slow MS|sam CODE|clear [xN|always]";
        Fault f;
        std::size_t next = 2;
        const std::string& k = w[1];
        if (k == "clear") {
            m_fault = Fault{};
            m_sam_status = kOk;
            return "ok";
        }
        if (k == "checksum") f.kind = Fault::Kind::Checksum;
        else if (k == "truncate") f.kind = Fault::Kind::Truncate;
        else if (k == "garbage") f.kind = Fault::Kind::Garbage;
        else if (k == "sw3" || k == "sam") {
            if (w.size() < 3) return "error: usage: fault " + k + " CODE";
            auto code = sam::parse_sw3(w[2]);
            if (!code) return "error: unknown SW3 '" + w[2] + "'";
            if (k == "sam") {
                m_sam_status = *code;
                return "ok";
            }
            f.kind = Fault::Kind::Sw3;
            f.sw3 = *code;
            next = 3;
        } else if (k == "slow") {
            if (w.size() < 3) return "error: usage: fault slow MS";
            f.kind = Fault::Kind::Slow;
            f.ms = std::atoi(w[2].c_str());
            if (f.ms <= 0 || f.ms > 60000) return "error: slow needs 1…60000 ms";
            next = 3;
        } else {
            return "error: unknown fault '" + k + "'";
        }
        if (w.size() > next) {
            if (w[next] == "always") f.times = -1;
            else if (w[next].size() > 1 && w[next][0] == 'x') f.times = std::atoi(w[next].c_str() + 1);
            else return "error: repeat must be xN or always";
            if (f.times == 0) return "error: repeat must be at least x1";
        }
        m_fault = f;
        return "ok";
    }
    return "error: unknown command '" + c + "'";
}

}  // namespace kiosk::idcard::sim
