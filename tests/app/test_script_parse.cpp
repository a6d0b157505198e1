// Script parsing: every step of the documented format, and errors with line numbers.
#include <doctest/doctest.h>

#include "kiosk/app/script.h"

using namespace kiosk;

TEST_CASE("every documented step parses") {
    auto s = parse_script(
        "# a comment\n"
        "tap 100 200\n"
        "tap \"证明打印\"\n"
        "type SL2026 1123\n"
        "wait 1.5\n"
        "wait-for \"完成\" 20\n"
        "card wang\n"
        "card-remove\n"
        "scan ZWCASE:1:SL20261120000123:8K3Q\n"
        "printer media-empty\n"
        "screenshot home\n"
        "dump home\n"
        "expect \"请取走\"\n"
        "expect-not \"王测试\"\n"
        "expect-screen home\n"
        "drag 500 1500 500 500 0.2\n",
        "t.ks");
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
    REQUIRE(s->steps.size() == 15);
    CHECK(s->steps[0].line == 2);
    CHECK(s->steps[1].args[0] == "证明打印");
    CHECK(s->steps[2].args[0] == "SL2026 1123");  // type takes the rest of the line
    CHECK(s->steps[7].args[0] == "ZWCASE:1:SL20261120000123:8K3Q");
}

TEST_CASE("quoted text keeps escaped quotes and a missing quote is an error") {
    auto s = parse_script("expect \"he said \\\"hi\\\"\"\n", "t.ks");
    REQUIRE(s.ok());
    CHECK(s->steps[0].args[0] == "he said \"hi\"");
    auto bad = parse_script("expect \"open\n", "t.ks");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "t.ks:1: unterminated quoted text");
}

TEST_CASE("wrong arguments name the line and the usage") {
    auto s = parse_script("tap\ntap 10\ntap x y\nwait -1\ncard\nexpect a b c\n", "t.ks");
    REQUIRE_FALSE(s.ok());
    const auto& m = s.error().message;
    CHECK(m.find("t.ks:1: usage: tap X Y") != std::string::npos);
    CHECK(m.find("t.ks:2: tap needs X Y") != std::string::npos);
    CHECK(m.find("t.ks:3: tap X Y needs two numbers") != std::string::npos);
    CHECK(m.find("t.ks:4: wait: SECONDS") != std::string::npos);
    CHECK(m.find("t.ks:5: usage: card NAME") != std::string::npos);
    CHECK(m.find("t.ks:6: usage: expect") != std::string::npos);
}

TEST_CASE("hold takes X Y SECONDS as numbers and names the line otherwise") {
    auto s = parse_script("hold 40 60 5\nhold 40 60 0.5\n", "t.ks");
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
    CHECK(s->steps[0].args == std::vector<std::string>{"40", "60", "5"});
    for (const char* bad : {"hold 40 60\n", "hold 40 sixty 5\n", "hold 40 60 -1\n", "hold 40 60 5 6\n"}) {
        auto r = parse_script(bad, "t.ks");
        REQUIRE_FALSE(r.ok());
        CHECK_MESSAGE(r.error().message.find("t.ks:1") != std::string::npos, bad);
    }
}
