// The SAM frame codec against the frames written out in the spec.
#include <doctest/doctest.h>

#include <cstdio>
#include <set>

#include "drivers/idcard/sam_frame.h"

using namespace kiosk::idcard::sam;
using kiosk::Errc;

namespace {
const Bytes kPre = {0xAA, 0xAA, 0xAA, 0x96, 0x69};
Bytes with_preamble(Bytes rest) {
    Bytes f = kPre;
    f.insert(f.end(), rest.begin(), rest.end());
    return f;
}
}  // namespace

TEST_CASE("request frames match the spec's command table byte for byte") {
    CHECK(build_request(Command::ResetSam) == with_preamble({0x00, 0x03, 0x10, 0xFF, 0xEC}));
    CHECK(build_request(Command::SamStatus) == with_preamble({0x00, 0x03, 0x11, 0xFF, 0xED}));
    CHECK(build_request(Command::ReadSamId) == with_preamble({0x00, 0x03, 0x12, 0xFF, 0xEE}));
    CHECK(build_request(Command::FindCard) == with_preamble({0x00, 0x03, 0x20, 0x01, 0x22}));
    CHECK(build_request(Command::SelectCard) == with_preamble({0x00, 0x03, 0x20, 0x02, 0x21}));
    CHECK(build_request(Command::ReadTextPhoto) == with_preamble({0x00, 0x03, 0x30, 0x01, 0x32}));
    CHECK(build_request(Command::ReadTextPhotoFinger) == with_preamble({0x00, 0x03, 0x30, 0x10, 0x23}));
    CHECK(build_request(Command::ReadAddedAddress) == with_preamble({0x00, 0x03, 0x30, 0x03, 0x30}));
}

TEST_CASE("the spec's example replies parse: no card and card found") {
    auto none = parse_frame(with_preamble({0x00, 0x04, 0x00, 0x00, 0x80, 0x84}));
    REQUIRE(none.ok());
    auto r = parse_reply(none.value());
    REQUIRE(r.ok());
    CHECK(r->sw3 == 0x80);
    CHECK(r->data.empty());
    CHECK(sw3_name(r->sw3) == "find-card-failed");

    auto found = parse_frame(with_preamble({0x00, 0x08, 0x00, 0x00, 0x9F, 0x00, 0x00, 0x00, 0x00, 0x97}));
    REQUIRE(found.ok());
    auto f = parse_reply(found.value());
    REQUIRE(f.ok());
    CHECK(f->sw3 == 0x9F);
    CHECK(f->data.size() == 4);
    CHECK(build_reply(0x9F, Bytes(4, 0)) == with_preamble({0x00, 0x08, 0x00, 0x00, 0x9F, 0x00, 0x00, 0x00, 0x00, 0x97}));
}

TEST_CASE("a whole 30 01 reply is 1295 bytes with LEN 0x0508") {
    Bytes data = {0x01, 0x00, 0x04, 0x00};
    data.resize(4 + 256 + 1024, 0x20);
    auto frame = build_reply(0x90, data);
    CHECK(frame.size() == 1295);
    CHECK(frame[5] == 0x05);
    CHECK(frame[6] == 0x08);
    auto parsed = parse_frame(frame);
    REQUIRE(parsed.ok());
    auto blocks = split_card_data(parse_reply(parsed.value())->data, false);
    REQUIRE(blocks.ok());
    CHECK(blocks->text.size() == 256);
    CHECK(blocks->photo.size() == 1024);
}

TEST_CASE("a frame whose XOR is wrong is refused with a checksum error") {
    auto f = with_preamble({0x00, 0x04, 0x00, 0x00, 0x80, 0x85});
    auto r = parse_frame(f);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::Protocol);
    CHECK(r.error().message.find("checksum") != std::string::npos);
}

TEST_CASE("every SW3 of the spec has its own name and parses back") {
    std::set<std::string> names;
    for (Sw3 s : all_sw3()) {
        auto code = static_cast<std::uint8_t>(s);
        auto name = sw3_name(code);
        char fallback[16];
        std::snprintf(fallback, sizeof fallback, "unknown-%02X", code);
        CHECK(name != fallback);
        names.insert(name);
        CHECK(parse_sw3(name) == code);
    }
    CHECK(names.size() == 18);
    CHECK(sw3_name(0x55) == "unknown-55");
    CHECK(parse_sw3("41") == std::uint8_t{0x41});
    CHECK_FALSE(parse_sw3("nonsense").has_value());
}

TEST_CASE("the parser assembles a frame fed one byte at a time") {
    FrameParser p;
    auto frame = build_reply(0x90, Bytes{1, 2, 3});
    for (std::size_t i = 0; i + 1 < frame.size(); ++i) {
        p.feed(std::span(&frame[i], 1));
        CHECK_FALSE(p.next().has_value());
    }
    p.feed(std::span(&frame.back(), 1));
    auto f = p.next();
    REQUIRE(f.has_value());
    REQUIRE(f->ok());
    CHECK(f->value().body == Bytes{0x00, 0x00, 0x90, 1, 2, 3});
}

TEST_CASE("the parser resynchronises on the preamble after garbage and a broken frame") {
    FrameParser p;
    Bytes stream = {0x00, 0x13, 0xAA, 0xAA, 0x96};  // noise with a false start
    auto bad = build_reply(0x90, Bytes{9, 9});
    bad.back() ^= 1;
    stream.insert(stream.end(), bad.begin(), bad.end());
    stream.insert(stream.end(), {0xAA, 0xAA});  // another false start
    auto good = build_reply(0x9F, Bytes(4, 0));
    stream.insert(stream.end(), good.begin(), good.end());
    p.feed(stream);
    auto first = p.next();
    REQUIRE(first.has_value());
    CHECK_FALSE(first->ok());  // the broken frame, reported once
    std::optional<kiosk::Result<Frame>> second;
    while ((second = p.next()) && !second->ok()) {}
    REQUIRE(second.has_value());
    REQUIRE(second->ok());
    CHECK(parse_reply(second->value())->sw3 == 0x9F);
    CHECK(p.discarded() > 0);
}

TEST_CASE("an impossible length after a preamble is an error, not a huge allocation") {
    FrameParser p;
    p.feed(with_preamble({0xFF, 0xFF, 0x00}));
    auto r = p.next();
    REQUIRE(r.has_value());
    CHECK_FALSE(r->ok());
}

TEST_CASE("card data whose lengths disagree with its size is refused") {
    Bytes data = {0x01, 0x00, 0x04, 0x00, 0x20};
    CHECK_FALSE(split_card_data(data, false).ok());
    Bytes fp = {0x01, 0x00, 0x04, 0x00, 0x00, 0x10};
    fp.resize(6 + 256 + 1024 + 16);
    CHECK(split_card_data(fp, true).ok());
    CHECK(split_card_data(fp, true)->fingerprint.size() == 16);
}

TEST_CASE("the SAM id formats as the spec's printf pattern") {
    Bytes d = {0x05, 0x00, 0x01, 0x00, 0x39, 0x30, 0x00, 0x00, 0x40, 0xE2, 0x01, 0x00, 0x15, 0xCD, 0x5B, 0x07};
    auto s = format_sam_id(d);
    REQUIRE(s.ok());
    CHECK(*s == "05.01-00012345-0000123456-0123456789");
}
