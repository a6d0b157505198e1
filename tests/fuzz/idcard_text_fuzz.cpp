// Fuzz target: the 256-byte ID card text block parser and the UCS-2 decoder.
#include <cstddef>
#include <cstdint>

#include "drivers/idcard/text_block.h"

using namespace kiosk::idcard;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::span<const std::uint8_t> in(data, size);
    (void)ucs2le_to_utf8(in);
    // Pad or cut to a block so most inputs reach the layout parsers; the last byte picks the
    // layout flag so every layout is explored.
    std::uint8_t block[kTextBlockSize] = {};
    for (std::size_t i = 0; i < kTextBlockSize && i < size; ++i) block[i] = data[i];
    if (size > 0) {
        static const std::uint8_t flags[] = {' ', 'J', 'I', 'Y'};
        block[248] = flags[data[size - 1] % 4];
        block[249] = 0;
    }
    Identity id;
    (void)parse_text_block(block, id);
    (void)parse_text_block(in, id);
    if (size >= 17) (void)gb11643_check_char(std::string_view(reinterpret_cast<const char*>(data), 17));
    return 0;
}
