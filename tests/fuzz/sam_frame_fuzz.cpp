// Fuzz target: the SAM frame parser fed arbitrary bytes in arbitrary splits, and reply decoding.
#include <cstddef>
#include <cstdint>

#include "drivers/idcard/sam_frame.h"

using namespace kiosk::idcard::sam;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::span<const std::uint8_t> in(data, size);
    // Whole-frame parsing.
    if (auto f = parse_frame(in); f.ok())
        if (auto r = parse_reply(f.value()); r.ok()) {
            (void)split_card_data(r->data, false);
            (void)split_card_data(r->data, true);
            (void)format_sam_id(r->data);
        }
    // Incremental parsing: the first byte chooses the chunk size, as reads split a stream.
    if (size == 0) return 0;
    std::size_t chunk = 1 + data[0] % 64;
    FrameParser p;
    for (std::size_t off = 1; off < size; off += chunk) {
        p.feed(in.subspan(off, std::min(chunk, size - off)));
        while (auto f = p.next()) {
            if (f->ok()) {
                (void)parse_reply(f->value());
                (void)parse_request(f->value());
            }
        }
        (void)p.wanted();
    }
    return 0;
}
