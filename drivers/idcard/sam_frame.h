// The SAM serial frame protocol (docs/idcard.md, "The SAM serial protocol"): build, check and parse frames.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/secret.h"

namespace kiosk::idcard::sam {

/// Frame bytes: a card's reply carries its text block (UCS-2LE name, ID number, address),
/// so every buffer of the codec is locked and zeroed when freed or reused.
using Bytes = std::vector<std::uint8_t, WipingAllocator<std::uint8_t>>;

inline constexpr std::uint8_t kPreamble[5] = {0xAA, 0xAA, 0xAA, 0x96, 0x69};
inline constexpr std::size_t kHeadSize = 7;  ///< preamble + LEN
/// Largest LEN we accept: text+photo+fingerprint reply is 3 + 6 + 256 + 1024 + 1024 + 1.
/// Anything larger is garbage that happens to follow a preamble.
inline constexpr std::size_t kMaxLen = 2600;

/// Commands as CMD, PARA (docs/idcard.md, "Commands").
enum class Command : std::uint16_t {
    ResetSam = 0x10FF,
    SamStatus = 0x11FF,
    ReadSamId = 0x12FF,
    FindCard = 0x2001,
    SelectCard = 0x2002,
    ReadTextPhoto = 0x3001,
    ReadTextPhotoFinger = 0x3010,
    ReadAddedAddress = 0x3003,
};

/// Status byte SW3 of a reply (docs/idcard.md, "Status byte SW3"); SW1 = SW2 = 0.
enum class Sw3 : std::uint8_t {
    Success = 0x90,
    ItemEmpty = 0x91,
    CardFound = 0x9F,
    ChecksumError = 0x10,
    LengthError = 0x11,
    CommandError = 0x21,
    NotPermitted = 0x23,
    Unrecognised = 0x24,
    CardAuthSamFailed = 0x31,
    SamAuthCardFailed = 0x32,
    VerifyError = 0x33,
    UnknownCardType = 0x40,
    ReadCardFailed = 0x41,
    RandomFailed = 0x47,
    SamSelfTestFailed = 0x60,
    SamNotAuthorised = 0x66,
    FindCardFailed = 0x80,
    SelectCardFailed = 0x81,
};

/// Every SW3 the spec lists, in its order.
std::span<const Sw3> all_sw3();
/// "success", "card-read-failed", …; "unknown-XX" for a code the spec does not list.
std::string sw3_name(std::uint8_t sw3);
/// Parses a name from sw3_name() or two hex digits ("41"); nullopt otherwise.
std::optional<std::uint8_t> parse_sw3(std::string_view text);
/// True for 90, 91 and 9F: the command itself worked.
bool sw3_is_ok(std::uint8_t sw3);

/// XOR of `bytes`.
std::uint8_t xor_of(std::span<const std::uint8_t> bytes);

/// A whole frame: preamble, LEN, `body`, CHK.
Bytes build_frame(std::span<const std::uint8_t> body);
/// A request frame: CMD PARA [args].
Bytes build_request(Command cmd, std::span<const std::uint8_t> args = {});
/// A reply frame: 00 00 SW3 data (what a reader sends; used by idcard-sim and tests).
Bytes build_reply(std::uint8_t sw3, std::span<const std::uint8_t> data = {});

/// A received frame's body: the bytes between LEN and CHK.
struct Frame {
    Bytes body;
};

/// A parsed reply.
struct Reply {
    std::uint8_t sw1 = 0, sw2 = 0, sw3 = 0;
    Bytes data;
};
/// Interprets a frame body as a reply (needs SW1 SW2 SW3).
Result<Reply> parse_reply(const Frame& frame);
/// Interprets a frame body as a request: CMD, PARA and the remaining argument bytes.
struct Request {
    std::uint8_t cmd = 0, para = 0;
    Bytes args;
};
Result<Request> parse_request(const Frame& frame);

/// Incremental receiver: feed bytes as they arrive (any split), take whole frames out.
/// Bytes before a preamble are dropped (counted in discarded()); a frame with a bad
/// checksum or an impossible LEN is reported once as an error and the parser resumes
/// searching for the next preamble just after the bad one's start.
class FrameParser {
public:
    void feed(std::span<const std::uint8_t> bytes);
    /// The next complete frame, an error for a bad one, or nullopt when more bytes are needed.
    std::optional<Result<Frame>> next();
    /// Bytes still needed to finish the frame in progress (at least 1 when unknown).
    std::size_t wanted() const;
    std::size_t discarded() const { return m_discarded; }
    std::size_t buffered() const { return m_buf.size(); }
    /// Drops (and zeroes) everything buffered.
    void clear();

private:
    Bytes m_buf;
    std::size_t m_discarded = 0;
};

/// Parses exactly one complete frame (used by the fuzzer and tests); trailing bytes are an error.
Result<Frame> parse_frame(std::span<const std::uint8_t> bytes);

/// The `30 01` / `30 10` reply data split into its blocks.
struct CardBlocks {
    Bytes text;         ///< 256 bytes
    Bytes photo;        ///< opaque (1024)
    Bytes fingerprint;  ///< opaque, may be empty
};
Result<CardBlocks> split_card_data(std::span<const std::uint8_t> data, bool with_fingerprint);

/// Formats the 16 bytes of a `12 FF` reply as `%02u.%02u-%08u-%010u-%010u`.
Result<std::string> format_sam_id(std::span<const std::uint8_t> data);

}  // namespace kiosk::idcard::sam
