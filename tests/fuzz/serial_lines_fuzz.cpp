// libFuzzer target for the serial QR scanner's byte stream: line assembly with every terminator, stale gaps, the length cap, GB18030 conversion.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "drivers/scanner/serial_lines.h"

using namespace kiosk;
using namespace kiosk::scanner;

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    // Byte 0: terminator and charset; byte 1: how the stream is cut into reads. The rest is the wire.
    static const Terminator kTerms[] = {Terminator::CR, Terminator::LF, Terminator::CRLF, Terminator::TAB};
    Terminator term = kTerms[data[0] & 3];
    Charset cs = (data[0] & 4) ? Charset::Gb18030 : Charset::Utf8;
    size_t chunk = 1 + data[1] % 64;
    std::string_view wire(reinterpret_cast<const char*>(data + 2), size - 2);
    LineAssembler lines(term);
    Clock::time_point t{};
    for (size_t off = 0; off < wire.size(); off += chunk) {
        // Every eighth read comes after a pause longer than the stale gap.
        t += ((off / chunk) % 8 == 7) ? kSerialStaleGap + std::chrono::milliseconds(1) : std::chrono::milliseconds(2);
        for (const auto& code : lines.feed(wire.substr(off, chunk), t)) {
            require(!code.empty() && code.size() <= kMaxRawCodeBytes);
            for (char c : terminator_bytes(term)) require(code.find(c) == std::string::npos);
            auto utf8 = to_utf8(code, cs);
            if (utf8 && cs == Charset::Gb18030) {
                // What iconv accepted goes back to the same bytes.
                auto back = from_utf8(*utf8, Charset::Gb18030);
                require(back && *back == code);
            }
        }
    }
    return 0;
}
