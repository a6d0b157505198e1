// Serial byte stream → codes: each terminator, split reads, stale half-codes, overflow, GB18030.
#include <doctest/doctest.h>

#include "drivers/scanner/serial_lines.h"

using namespace kiosk::scanner;
using namespace std::chrono;
using TP = kiosk::Clock::time_point;

namespace {
TP at(int ms) { return TP(milliseconds(ms)); }
}

TEST_CASE("each configured terminator ends a code") {
    for (auto [term, bytes] : {std::pair{Terminator::CR, "A1\rB2\r"}, std::pair{Terminator::LF, "A1\nB2\n"},
                               std::pair{Terminator::CRLF, "A1\r\nB2\r\n"}, std::pair{Terminator::TAB, "A1\tB2\t"}}) {
        LineAssembler a(term);
        CHECK(a.feed(bytes, at(0)) == std::vector<std::string>{"A1", "B2"});
        CHECK_FALSE(a.has_partial());
    }
}

TEST_CASE("a CRLF scanner read with CR configured gives no empty codes, and TAB mode keeps CR inside the code") {
    LineAssembler cr(Terminator::CR);
    CHECK(cr.feed("X\r\nY\r\n", at(0)) == std::vector<std::string>{"X", "Y"});
    LineAssembler tab(Terminator::TAB);
    CHECK(tab.feed("X\rY\t", at(0)) == std::vector<std::string>{"X\rY"});
}

TEST_CASE("a code split over several reads is joined") {
    LineAssembler a(Terminator::CRLF);
    CHECK(a.feed("ZWCASE:1:SL2026", at(0)).empty());
    CHECK(a.feed("1120000123:8K3Q\r", at(5)) == std::vector<std::string>{"ZWCASE:1:SL20261120000123:8K3Q"});
    CHECK(a.feed("\n", at(6)).empty());
    CHECK(a.feed("NEXT\r\n", at(10)) == std::vector<std::string>{"NEXT"});
}

TEST_CASE("a half code left stale is dropped before the next code") {
    LineAssembler a(Terminator::CR);
    CHECK(a.feed("ZWCASE:1:SL20", at(0)).empty());
    auto out = a.feed("ZWCASE:1:SL20261120000123:8K3Q\r", at(0) + kSerialStaleGap + milliseconds(1));
    CHECK(out == std::vector<std::string>{"ZWCASE:1:SL20261120000123:8K3Q"});
    CHECK(a.dropped() == 1);
}

TEST_CASE("an over-long code is dropped up to its terminator and the next code survives") {
    LineAssembler a(Terminator::CR);
    CHECK(a.feed(std::string(kMaxRawCodeBytes + 100, 'x'), at(0)).empty());
    CHECK(a.feed("tail\rOK\r", at(1)) == std::vector<std::string>{"OK"});
    CHECK(a.dropped() == 1);
}

TEST_CASE("GB18030 converts to UTF-8 and back, and bytes GB18030 does not define fail") {
    std::string utf8 = "办事指南 ZWCASE";
    auto gb = from_utf8(utf8, Charset::Gb18030);
    REQUIRE(gb.ok());
    CHECK(*gb != utf8);
    CHECK(gb->substr(0, 2) == "\xb0\xec");  // 办 in GB2312/GB18030
    auto back = to_utf8(*gb, Charset::Gb18030);
    REQUIRE(back.ok());
    CHECK(*back == utf8);
    auto bad = to_utf8("\x81\x30", Charset::Gb18030);  // a four-byte sequence cut short
    CHECK_FALSE(bad.ok());
    CHECK(to_utf8("\xff\xfe", Charset::Utf8).value() == "\xff\xfe");  // UTF-8 passes through; payload rules judge it
}

TEST_CASE("terminator and charset names parse and unknown names are refused") {
    CHECK(parse_terminator("CRLF").value() == Terminator::CRLF);
    CHECK_FALSE(parse_terminator("ETX").ok());
    CHECK(parse_charset("GB18030").value() == Charset::Gb18030);
    CHECK_FALSE(parse_charset("Big5").ok());
}
