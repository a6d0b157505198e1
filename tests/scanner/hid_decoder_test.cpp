// HID wedge decoding through evtest-format event logs and hand-built key sequences.
#include <doctest/doctest.h>

#include <linux/input-event-codes.h>

#include <fstream>
#include <sstream>

#include "drivers/scanner/hid_decoder.h"

using namespace kiosk::scanner;
using namespace std::chrono;

namespace {

struct Ev {
    uint16_t code;
    int32_t value;
    steady_clock::time_point t;
};

/// Reads EV_KEY lines of an evtest log: "Event: time S.US, type 1 (EV_KEY), code C (...), value V".
std::vector<Ev> read_evtest(const std::string& name) {
    std::ifstream in(std::string(KIOSK_TEST_DATA) + "/qr/hid/" + name);
    REQUIRE_MESSAGE(in.good(), name);
    std::vector<Ev> out;
    std::string line;
    while (std::getline(in, line)) {
        long sec = 0, usec = 0;
        int type = 0, code = 0, value = 0;
        auto tpos = line.find("time "), ty = line.find("type "), cp = line.find("code "), vp = line.find("value ");
        if (tpos == std::string::npos || ty == std::string::npos || cp == std::string::npos || vp == std::string::npos) continue;
        if (std::sscanf(line.c_str() + tpos, "time %ld.%ld", &sec, &usec) != 2) continue;
        std::sscanf(line.c_str() + ty, "type %d", &type);
        if (type != EV_KEY) continue;
        std::sscanf(line.c_str() + cp, "code %d", &code);
        std::sscanf(line.c_str() + vp, "value %d", &value);
        out.push_back({static_cast<uint16_t>(code), value, steady_clock::time_point(seconds(sec) + microseconds(usec))});
    }
    return out;
}

std::vector<HidDecoded> decode_all(HidDecoder& d, const std::vector<Ev>& evs) {
    std::vector<HidDecoded> out;
    for (const auto& e : evs)
        if (auto r = d.feed(e.code, e.value, e.t)) out.push_back(*r);
    return out;
}

struct Typist {
    steady_clock::time_point t{seconds(1000)};
    std::vector<Ev> evs;
    void key(uint16_t code, int32_t value, milliseconds gap = milliseconds(3)) {
        evs.push_back({code, value, t});
        t += gap;
    }
    void tap(uint16_t code) {
        key(code, 1);
        key(code, 0);
    }
};

}  // namespace

TEST_CASE("an evtest log of three codes decodes to the three texts with Enter, KP-Enter and Tab terminators") {
    HidDecoder d;
    auto out = decode_all(d, read_evtest("three-codes.evtest"));
    REQUIRE(out.size() == 3);
    CHECK(out[0].kind == HidDecoded::Kind::Code);
    CHECK(out[0].text == "ZWCASE:1:SL20261120000123:8K3Q");
    CHECK(out[1].text == "ZWLOGIN:1:demo-login-wang-0001abcd");
    CHECK(out[2].text == "https://127.0.0.1:8443/case?id=SL-1&x=%7E");
}

TEST_CASE("a stale half code is dropped by timing and the next whole code comes out alone") {
    HidDecoder d;
    auto out = decode_all(d, read_evtest("stale-half-code.evtest"));
    REQUIRE(out.size() == 1);
    CHECK(out[0].text == "ZWCASE:1:SL20261118000045:Q7P2");
    CHECK(d.stale_dropped() == 1);
}

TEST_CASE("right shift, caps lock and shifted symbols follow a US layout") {
    Typist k;
    k.key(KEY_RIGHTSHIFT, 1);
    k.tap(KEY_A);
    k.tap(KEY_SLASH);
    k.key(KEY_RIGHTSHIFT, 0);
    k.tap(KEY_A);
    k.tap(KEY_CAPSLOCK);
    k.tap(KEY_B);
    k.tap(KEY_1);
    k.key(KEY_LEFTSHIFT, 1);
    k.tap(KEY_C);  // caps + shift: lower case
    k.tap(KEY_APOSTROPHE);
    k.key(KEY_LEFTSHIFT, 0);
    k.tap(KEY_KP7);
    k.tap(KEY_ENTER);
    HidDecoder d;
    auto out = decode_all(d, k.evs);
    REQUIRE(out.size() == 1);
    CHECK(out[0].text == "A?aB1c\"7");
}

TEST_CASE("auto-repeat and key-up events do not type") {
    Typist k;
    k.key(KEY_X, 1);
    k.key(KEY_X, 2);
    k.key(KEY_X, 2);
    k.key(KEY_X, 0);
    k.tap(KEY_ENTER);
    HidDecoder d;
    auto out = decode_all(d, k.evs);
    REQUIRE(out.size() == 1);
    CHECK(out[0].text == "x");
}

TEST_CASE("a code typed with Alt+numpad is dropped as unreadable, and the next code is clean") {
    Typist k;
    k.tap(KEY_A);
    k.key(KEY_LEFTALT, 1);
    k.tap(KEY_KP2);
    k.tap(KEY_KP0);
    k.key(KEY_LEFTALT, 0);
    k.tap(KEY_ENTER);
    k.tap(KEY_B);
    k.tap(KEY_ENTER);
    HidDecoder d;
    auto out = decode_all(d, k.evs);
    REQUIRE(out.size() == 2);
    CHECK(out[0].kind == HidDecoded::Kind::Dropped);
    CHECK(out[0].why == "alt-numpad sequence");
    CHECK(out[1].kind == HidDecoded::Kind::Code);
    CHECK(out[1].text == "b");
}

TEST_CASE("a terminator alone yields nothing and a custom terminator set is honoured") {
    Typist k;
    k.tap(KEY_ENTER);
    k.tap(KEY_A);
    k.tap(KEY_ENTER);  // not a terminator below: unmapped, the code is dropped
    k.tap(KEY_B);
    k.tap(KEY_TAB);
    HidDecoder tab_only({KEY_TAB});
    auto out = decode_all(tab_only, k.evs);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == HidDecoded::Kind::Dropped);

    HidDecoder d;
    out = decode_all(d, k.evs);
    REQUIRE(out.size() == 2);
    CHECK(out[0].text == "a");
    CHECK(out[1].text == "b");
}

TEST_CASE("an endless code without terminator is capped and dropped as too long") {
    Typist k;
    for (size_t i = 0; i < kHidMaxCodeChars + 10; ++i) k.tap(KEY_7);
    k.tap(KEY_ENTER);
    HidDecoder d;
    auto out = decode_all(d, k.evs);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == HidDecoded::Kind::Dropped);
    CHECK(out[0].why == "too long");
}

TEST_CASE("reset after dropped events forgets shift and the half code") {
    Typist k;
    k.key(KEY_LEFTSHIFT, 1);
    k.tap(KEY_A);
    HidDecoder d;
    decode_all(d, k.evs);
    d.reset();
    Typist k2;
    k2.tap(KEY_B);
    k2.tap(KEY_ENTER);
    auto out = decode_all(d, k2.evs);
    REQUIRE(out.size() == 1);
    CHECK(out[0].text == "b");
}
