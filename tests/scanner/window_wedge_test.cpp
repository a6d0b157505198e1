// Window wedge: scanner bursts become codes, a person's typing is handed back in order.
#include <doctest/doctest.h>

#include "drivers/scanner/window_wedge.h"
#include "drivers/scanner/window_wedge_scanner.h"

using namespace kiosk::scanner;
using namespace std::chrono;

namespace {
WedgeKey text(const std::string& s, int ms) { return WedgeKey{WedgeKey::Kind::Text, s, 0, milliseconds(ms)}; }
WedgeKey enter(int ms) { return WedgeKey{WedgeKey::Kind::Enter, "", 13, milliseconds(ms)}; }

std::vector<WedgeOutput> type(WindowWedge& w, const std::string& s, int start_ms, int gap_ms, bool with_enter) {
    std::vector<WedgeOutput> out;
    int t = start_ms;
    for (char c : s) {
        auto o = w.feed(text(std::string(1, c), t));
        out.insert(out.end(), o.begin(), o.end());
        t += gap_ms;
    }
    if (with_enter) {
        auto o = w.feed(enter(t));
        out.insert(out.end(), o.begin(), o.end());
    }
    return out;
}

std::string typed_text(const std::vector<WedgeOutput>& outs) {
    std::string s;
    for (const auto& o : outs)
        if (o.kind == WedgeOutput::Kind::Typing)
            for (const auto& k : o.keys) s += k.kind == WedgeKey::Kind::Enter ? "⏎" : k.text;
    return s;
}
}  // namespace

TEST_CASE("keys 8 ms apart ending with Enter are one scanned code and nothing is typed") {
    WindowWedge w;
    auto out = type(w, "ZWCASE:1:SL20261120000123:8K3Q", 1000, 8, true);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == WedgeOutput::Kind::Scanned);
    CHECK(out[0].code == "ZWCASE:1:SL20261120000123:8K3Q");
    CHECK_FALSE(w.holding());
}

TEST_CASE("a person typing 150 ms a key gets every key back in order, Enter included") {
    WindowWedge w;
    auto out = type(w, "12345678", 1000, 150, true);
    auto rest = w.poll(milliseconds(5000));
    out.insert(out.end(), rest.begin(), rest.end());
    CHECK(typed_text(out) == "12345678⏎");
    for (const auto& o : out) CHECK(o.kind == WedgeOutput::Kind::Typing);
}

TEST_CASE("a held key is released as typing by poll once the gap has passed, not before") {
    WindowWedge w;
    CHECK(w.feed(text("a", 1000)).empty());
    CHECK(w.poll(milliseconds(1040)).empty());
    auto out = w.poll(milliseconds(1051));
    CHECK(typed_text(out) == "a");
}

TEST_CASE("a scan that starts right after a person's typing is told apart from it") {
    WindowWedge w;
    auto out = type(w, "ab", 1000, 200, false);
    auto scan = type(w, "https://localhost/x", 1400, 5, true);
    out.insert(out.end(), scan.begin(), scan.end());
    CHECK(typed_text(out) == "ab");
    REQUIRE_FALSE(out.empty());
    CHECK(out.back().kind == WedgeOutput::Kind::Scanned);
    CHECK(out.back().code == "https://localhost/x");
}

TEST_CASE("a fast burst shorter than a code followed by Enter is typing, not a scan") {
    WindowWedge w;
    auto out = type(w, "ok", 1000, 10, true);
    CHECK(typed_text(out) == "ok⏎");
}

TEST_CASE("Backspace and other keys are always typing and flush what was held") {
    WindowWedge w;
    w.feed(text("a", 1000));
    auto out = w.feed(WedgeKey{WedgeKey::Kind::Other, "", 8, milliseconds(1010)});
    REQUIRE(out.size() == 1);
    REQUIRE(out[0].keys.size() == 2);
    CHECK(out[0].keys[1].keycode == 8);
}

TEST_CASE("the gap threshold is configurable: 30 ms keys are typing with a 20 ms threshold") {
    WindowWedge w(WedgeOptions{milliseconds(20), 6});
    auto out = type(w, "ABCDEFGH", 1000, 30, true);
    auto rest = w.poll(milliseconds(9999));
    out.insert(out.end(), rest.begin(), rest.end());
    CHECK(typed_text(out) == "ABCDEFGH⏎");
}

TEST_CASE("the window wedge scanner delivers scans to its listener and returns typing keys") {
    WindowWedgeScanner s;
    std::vector<ScanEvent> events;
    s.start([&](const ScanEvent& e) { events.push_back(e); });
    int t = 1000;
    for (char c : std::string("ZWLOGIN:1:demo-login-wang-0001abcd")) CHECK(s.feed(text(std::string(1, c), t += 4)).empty());
    CHECK(s.feed(enter(t += 4)).empty());
    REQUIRE(events.size() == 2);
    CHECK(events[1].kind == ScanEvent::Kind::Scanned);
    CHECK(events[1].text == "ZWLOGIN:1:demo-login-wang-0001abcd");
    s.feed(text("z", t + 500));
    auto typing = s.poll(milliseconds(t + 700));
    REQUIRE(typing.size() == 1);
    CHECK(typing[0].text == "z");
}
