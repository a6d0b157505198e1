// Fault (issue 12): the window wedge held keys without a cap, so a stuck key or a flooding device grew it without end.
#include <doctest/doctest.h>

#include "drivers/scanner/window_wedge.h"

using namespace kiosk::scanner;
using namespace std::chrono;

namespace {
WedgeKey text(char c, long ms) { return WedgeKey{WedgeKey::Kind::Text, std::string(1, c), 0, milliseconds(ms)}; }
WedgeKey enter(long ms) { return WedgeKey{WedgeKey::Kind::Enter, "", 13, milliseconds(ms)}; }

/// Feeds `n` keys 2 ms apart (scanner speed) from `t`, then Enter; returns every output.
std::vector<WedgeOutput> burst(WindowWedge& w, const std::string& s, long& t) {
    std::vector<WedgeOutput> out;
    for (char c : s) {
        auto o = w.feed(text(c, t));
        out.insert(out.end(), o.begin(), o.end());
        t += 2;
    }
    auto o = w.feed(enter(t));
    out.insert(out.end(), o.begin(), o.end());
    t += 2;
    return out;
}
}  // namespace

TEST_CASE("a burst of a million keys at scanner speed is dropped, not held or handed on as a code") {
    WindowWedge w;
    long t = 1000;
    std::string flood(1'000'000, 'A');
    std::vector<WedgeOutput> out;
    std::size_t most_held = 0;
    for (char c : flood) {
        auto o = w.feed(text(c, t));
        out.insert(out.end(), o.begin(), o.end());
        most_held = std::max(most_held, w.held_bytes());
        t += 2;
    }
    auto o = w.feed(enter(t));
    out.insert(out.end(), o.begin(), o.end());
    CHECK(most_held <= WedgeOptions{}.max_length);
    for (const auto& x : out) {
        CHECK(x.kind != WedgeOutput::Kind::Scanned);
        CHECK(x.code.size() <= WedgeOptions{}.max_length);
    }
    CHECK(w.overflows() == 1);
    CHECK_FALSE(w.holding());
}

TEST_CASE("after a dropped flood the next scan is read as usual") {
    WindowWedge w;
    long t = 1000;
    burst(w, std::string(50'000, 'B'), t);
    t += 500;  // the scanner pauses between codes
    auto out = burst(w, "ZWCASE:1:SL20261120000123:8K3Q", t);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == WedgeOutput::Kind::Scanned);
    CHECK(out[0].code == "ZWCASE:1:SL20261120000123:8K3Q");
}

TEST_CASE("a code of exactly the cap is still a scan") {
    WedgeOptions opt;
    opt.max_length = 64;
    WindowWedge w(opt);
    long t = 1000;
    auto out = burst(w, std::string(64, 'C'), t);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == WedgeOutput::Kind::Scanned);
    CHECK(out[0].code.size() == 64);
}
