// SAM frame codec: building, checksum, the incremental parser with preamble resync, SW3 names.
#include "drivers/idcard/sam_frame.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

namespace kiosk::idcard::sam {
namespace {

struct Sw3Info {
    Sw3 code;
    const char* name;
};

constexpr std::array<Sw3Info, 18> kSw3 = {{
    {Sw3::Success, "success"},
    {Sw3::ItemEmpty, "item-empty"},
    {Sw3::CardFound, "card-found"},
    {Sw3::ChecksumError, "checksum-error"},
    {Sw3::LengthError, "length-error"},
    {Sw3::CommandError, "command-error"},
    {Sw3::NotPermitted, "not-permitted"},
    {Sw3::Unrecognised, "unrecognised-error"},
    {Sw3::CardAuthSamFailed, "card-auth-sam-failed"},
    {Sw3::SamAuthCardFailed, "sam-auth-card-failed"},
    {Sw3::VerifyError, "verify-error"},
    {Sw3::UnknownCardType, "unknown-card-type"},
    {Sw3::ReadCardFailed, "read-card-failed"},
    {Sw3::RandomFailed, "random-failed"},
    {Sw3::SamSelfTestFailed, "sam-self-test-failed"},
    {Sw3::SamNotAuthorised, "sam-not-authorised"},
    {Sw3::FindCardFailed, "find-card-failed"},
    {Sw3::SelectCardFailed, "select-card-failed"},
}};

constexpr std::array<Sw3, 18> kAllSw3 = [] {
    std::array<Sw3, 18> a{};
    for (std::size_t i = 0; i < kSw3.size(); ++i) a[i] = kSw3[i].code;
    return a;
}();

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::uint16_t be16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }

}  // namespace

std::span<const Sw3> all_sw3() { return kAllSw3; }

std::string sw3_name(std::uint8_t sw3) {
    for (const auto& s : kSw3)
        if (static_cast<std::uint8_t>(s.code) == sw3) return s.name;
    char buf[16];
    std::snprintf(buf, sizeof buf, "unknown-%02X", sw3);
    return buf;
}

std::optional<std::uint8_t> parse_sw3(std::string_view text) {
    for (const auto& s : kSw3)
        if (text == s.name) return static_cast<std::uint8_t>(s.code);
    if (text.size() == 2 && hex_digit(text[0]) >= 0 && hex_digit(text[1]) >= 0)
        return static_cast<std::uint8_t>(hex_digit(text[0]) * 16 + hex_digit(text[1]));
    return std::nullopt;
}

bool sw3_is_ok(std::uint8_t sw3) { return sw3 == 0x90 || sw3 == 0x91 || sw3 == 0x9F; }

std::uint8_t xor_of(std::span<const std::uint8_t> bytes) {
    std::uint8_t x = 0;
    for (auto b : bytes) x ^= b;
    return x;
}

Bytes build_frame(std::span<const std::uint8_t> body) {
    const std::size_t len = body.size() + 1;
    Bytes f(std::begin(kPreamble), std::end(kPreamble));
    f.push_back(static_cast<std::uint8_t>(len >> 8));
    f.push_back(static_cast<std::uint8_t>(len & 0xFF));
    f.insert(f.end(), body.begin(), body.end());
    f.push_back(xor_of(std::span(f).subspan(5)));
    return f;
}

Bytes build_request(Command cmd, std::span<const std::uint8_t> args) {
    Bytes body{static_cast<std::uint8_t>(static_cast<std::uint16_t>(cmd) >> 8),
               static_cast<std::uint8_t>(static_cast<std::uint16_t>(cmd) & 0xFF)};
    body.insert(body.end(), args.begin(), args.end());
    return build_frame(body);
}

Bytes build_reply(std::uint8_t sw3, std::span<const std::uint8_t> data) {
    Bytes body{0x00, 0x00, sw3};
    body.insert(body.end(), data.begin(), data.end());
    return build_frame(body);
}

Result<Reply> parse_reply(const Frame& frame) {
    if (frame.body.size() < 3)
        return make_error(Errc::Protocol, "sam: reply of " + std::to_string(frame.body.size()) + " bytes has no SW1 SW2 SW3");
    Reply r;
    r.sw1 = frame.body[0];
    r.sw2 = frame.body[1];
    r.sw3 = frame.body[2];
    r.data.assign(frame.body.begin() + 3, frame.body.end());
    return r;
}

Result<Request> parse_request(const Frame& frame) {
    if (frame.body.size() < 2)
        return make_error(Errc::Protocol, "sam: request of " + std::to_string(frame.body.size()) + " bytes has no CMD PARA");
    Request r;
    r.cmd = frame.body[0];
    r.para = frame.body[1];
    r.args.assign(frame.body.begin() + 2, frame.body.end());
    return r;
}

namespace {
/// vector::erase moves the rest down and leaves the old bytes past the new end: zero them.
void erase_front(Bytes& b, std::size_t n) {
    const std::size_t old = b.size();
    b.erase(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n));
    secure_wipe(b.data() + b.size(), old - b.size());
}
}  // namespace

void FrameParser::clear() {
    secure_wipe(m_buf.data(), m_buf.size());
    m_buf.clear();
}

void FrameParser::feed(std::span<const std::uint8_t> bytes) {
    m_buf.insert(m_buf.end(), bytes.begin(), bytes.end());
}

std::size_t FrameParser::wanted() const {
    if (m_buf.size() < kHeadSize) return kHeadSize - m_buf.size();
    if (!std::equal(std::begin(kPreamble), std::end(kPreamble), m_buf.begin())) return 1;
    std::size_t total = kHeadSize + be16(&m_buf[5]);
    return total > m_buf.size() ? total - m_buf.size() : 1;
}

std::optional<Result<Frame>> FrameParser::next() {
    // Find the preamble; keep a partial preamble at the end of the buffer.
    auto it = std::search(m_buf.begin(), m_buf.end(), std::begin(kPreamble), std::end(kPreamble));
    if (it == m_buf.end()) {
        std::size_t keep = 0;
        for (std::size_t k = std::min<std::size_t>(4, m_buf.size()); k > 0; --k)
            if (std::equal(m_buf.end() - static_cast<std::ptrdiff_t>(k), m_buf.end(), std::begin(kPreamble))) {
                keep = k;
                break;
            }
        m_discarded += m_buf.size() - keep;
        erase_front(m_buf, m_buf.size() - keep);
        return std::nullopt;
    }
    if (it != m_buf.begin()) {
        m_discarded += static_cast<std::size_t>(it - m_buf.begin());
        erase_front(m_buf, static_cast<std::size_t>(it - m_buf.begin()));
    }
    if (m_buf.size() < kHeadSize) return std::nullopt;
    const std::size_t len = be16(&m_buf[5]);
    auto drop_preamble = [&] {
        // Resume the search one byte further: the real frame may start inside this one.
        m_discarded += 1;
        erase_front(m_buf, 1);
    };
    if (len < 2 || len > kMaxLen) {
        drop_preamble();
        return Result<Frame>(make_error(Errc::Protocol, "sam: impossible frame length " + std::to_string(len)));
    }
    if (m_buf.size() < kHeadSize + len) return std::nullopt;
    auto span = std::span(m_buf).subspan(5, 2 + len);
    if (xor_of(span) != 0) {
        drop_preamble();
        return Result<Frame>(make_error(Errc::Protocol, "sam: bad frame checksum (length " + std::to_string(len) + ")"));
    }
    Frame f;
    f.body.assign(m_buf.begin() + kHeadSize, m_buf.begin() + static_cast<std::ptrdiff_t>(kHeadSize + len - 1));
    erase_front(m_buf, kHeadSize + len);
    return Result<Frame>(std::move(f));
}

Result<Frame> parse_frame(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < kHeadSize) return make_error(Errc::Protocol, "sam: frame shorter than its head");
    if (!std::equal(std::begin(kPreamble), std::end(kPreamble), bytes.begin()))
        return make_error(Errc::Protocol, "sam: frame does not start with the preamble");
    const std::size_t len = be16(&bytes[5]);
    if (len < 2 || len > kMaxLen) return make_error(Errc::Protocol, "sam: impossible frame length " + std::to_string(len));
    if (bytes.size() < kHeadSize + len) return make_error(Errc::Protocol, "sam: truncated frame");
    if (bytes.size() > kHeadSize + len) return make_error(Errc::Protocol, "sam: bytes after the frame");
    if (xor_of(bytes.subspan(5)) != 0) return make_error(Errc::Protocol, "sam: bad frame checksum");
    Frame f;
    f.body.assign(bytes.begin() + kHeadSize, bytes.end() - 1);
    return f;
}

Result<CardBlocks> split_card_data(std::span<const std::uint8_t> data, bool with_fingerprint) {
    const std::size_t nlen = with_fingerprint ? 3 : 2;
    if (data.size() < nlen * 2) return make_error(Errc::Protocol, "sam: card data too short for its block lengths");
    std::size_t lens[3] = {0, 0, 0};
    for (std::size_t i = 0; i < nlen; ++i) lens[i] = be16(&data[i * 2]);
    if (lens[0] != 256) return make_error(Errc::Protocol, "sam: text block length " + std::to_string(lens[0]) + ", expected 256");
    if (lens[1] > 1024) return make_error(Errc::Protocol, "sam: photo length " + std::to_string(lens[1]) + " exceeds 1024");
    if (lens[2] > 1024) return make_error(Errc::Protocol, "sam: fingerprint length exceeds 1024");
    const std::size_t need = nlen * 2 + lens[0] + lens[1] + lens[2];
    if (data.size() != need)
        return make_error(Errc::Protocol, "sam: card data is " + std::to_string(data.size()) + " bytes, lengths say " + std::to_string(need));
    CardBlocks b;
    auto p = data.begin() + static_cast<std::ptrdiff_t>(nlen * 2);
    b.text.assign(p, p + static_cast<std::ptrdiff_t>(lens[0]));
    p += static_cast<std::ptrdiff_t>(lens[0]);
    b.photo.assign(p, p + static_cast<std::ptrdiff_t>(lens[1]));
    p += static_cast<std::ptrdiff_t>(lens[1]);
    b.fingerprint.assign(p, p + static_cast<std::ptrdiff_t>(lens[2]));
    return b;
}

Result<std::string> format_sam_id(std::span<const std::uint8_t> d) {
    if (d.size() != 16) return make_error(Errc::Protocol, "sam: SAM id must be 16 bytes");
    auto le16 = [&](std::size_t o) { return static_cast<unsigned>(d[o] | d[o + 1] << 8); };
    auto le32 = [&](std::size_t o) {
        return static_cast<unsigned long>(d[o]) | static_cast<unsigned long>(d[o + 1]) << 8 |
               static_cast<unsigned long>(d[o + 2]) << 16 | static_cast<unsigned long>(d[o + 3]) << 24;
    };
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02u.%02u-%08lu-%010lu-%010lu", le16(0), le16(2), le32(4), le32(8), le32(12));
    return std::string(buf);
}

}  // namespace kiosk::idcard::sam
