// Widgets: hit-testing of buttons, tap versus drag and fling in lists, text field input.
#include <doctest/doctest.h>

#include "kiosk/ui/widgets.h"

using namespace kiosk::ui;
using Clock = std::chrono::steady_clock;
using K = PointerEvent::Kind;

namespace {
PointerEvent ev(K k, int x, int y, Clock::time_point t) { return PointerEvent{k, x, y, t}; }
}  // namespace

TEST_CASE("a button fires on a tap inside it and not on a press that slides out") {
    int taps = 0;
    Button b("打印", [&] { ++taps; });
    b.bounds = {100, 100, 300, 120};
    auto t = Clock::now();
    CHECK(b.on_pointer(ev(K::Down, 150, 150, t)));
    b.on_pointer(ev(K::Up, 160, 150, t));
    CHECK(taps == 1);
    CHECK_FALSE(b.on_pointer(ev(K::Down, 50, 50, t)));  // outside: not ours
    CHECK(b.on_pointer(ev(K::Down, 150, 150, t)));
    b.on_pointer(ev(K::Move, 600, 150, t));
    b.on_pointer(ev(K::Up, 600, 150, t));
    CHECK(taps == 1);
    b.enabled = false;  // a disabled print button (printer out of paper) does nothing
    b.on_pointer(ev(K::Down, 150, 150, t));
    b.on_pointer(ev(K::Up, 150, 150, t));
    CHECK(taps == 1);
    CHECK_FALSE(b.tappable());
}

TEST_CASE("a list row is tapped by a still finger but a drag scrolls instead") {
    std::vector<std::string> tapped;
    ListView list(100);
    list.bounds = {0, 0, 1000, 500};
    std::vector<ListView::Row> rows;
    for (int i = 0; i < 40; ++i) {
        std::string title = "事项 " + std::to_string(i);
        rows.push_back({title, "", [&tapped, title] { tapped.push_back(title); }});
    }
    list.set_rows(std::move(rows));
    auto t = Clock::now();
    list.on_pointer(ev(K::Down, 500, 250, t));
    list.on_pointer(ev(K::Up, 502, 252, t + std::chrono::milliseconds(80)));
    REQUIRE(tapped.size() == 1);
    CHECK(tapped[0] == "事项 2");

    list.on_pointer(ev(K::Down, 500, 400, t));
    for (int i = 1; i <= 10; ++i) list.on_pointer(ev(K::Move, 500, 400 - 20 * i, t + std::chrono::milliseconds(20 * i)));
    list.on_pointer(ev(K::Up, 500, 200, t + std::chrono::milliseconds(220)));
    CHECK(tapped.size() == 1);  // a drag is not a tap
    CHECK(list.scroll_offset() == doctest::Approx(200).epsilon(0.01));
    auto items = list.items();
    REQUIRE_FALSE(items.empty());
    CHECK(items.front().text == "事项 2");
}

TEST_CASE("a fling keeps the list moving after release, then it slows and stops at the end") {
    ListView list(100);
    list.bounds = {0, 0, 1000, 500};
    std::vector<ListView::Row> rows(40);
    for (size_t i = 0; i < rows.size(); ++i) rows[i].title = std::to_string(i);
    list.set_rows(rows);
    auto t = Clock::now();
    list.on_pointer(ev(K::Down, 500, 450, t));
    for (int i = 1; i <= 5; ++i) list.on_pointer(ev(K::Move, 500, 450 - 60 * i, t + std::chrono::milliseconds(16 * i)));
    auto up = t + std::chrono::milliseconds(80);
    list.on_pointer(ev(K::Up, 500, 150, up));
    double at_release = list.scroll_offset();
    bool moving = list.tick(up + std::chrono::milliseconds(16));
    CHECK(moving);
    double last = list.scroll_offset();
    CHECK(last > at_release);
    int frames = 0;
    for (auto now = up + std::chrono::milliseconds(32); list.tick(now) && frames < 1000; now += std::chrono::milliseconds(16)) ++frames;
    CHECK(frames < 1000);  // it stops by itself
    CHECK(list.scroll_offset() > last);
    CHECK(list.scroll_offset() <= list.max_offset());
}

TEST_CASE("a text field takes characters up to its limit, refuses control characters and deletes whole characters") {
    TextField field("", 8);
    field.insert("sl2");
    CHECK(field.value() == "SL2");  // upper case by default (case numbers)
    field.insert("ab\x01\x7f" "9");  // control characters never get in
    CHECK(field.value() == "SL2AB9");
    field.insert("社保");
    CHECK(field.value() == "SL2AB9社保");  // 8 characters, not 8 bytes
    field.insert("1");
    CHECK(field.value() == "SL2AB9社保");  // the limit holds
    field.backspace();
    CHECK(field.value() == "SL2AB9社");   // 删除 takes the whole 保
    field.set_composition("sheb");
    CHECK(field.text() == "SL2AB9社sheb");
    CHECK(field.value() == "SL2AB9社");
}

TEST_CASE("a QR view encodes its payload and refuses nothing silently") {
    QrView qr("https://zwfw.example.gov.cn/item/11510000MB1234567X");
    CHECK(qr.valid());
    CHECK(qr.text().find("zwfw") != std::string::npos);
    QrView too_big(std::string(8000, 'x'));  // beyond QR capacity: invalid, no crash
    CHECK_FALSE(too_big.valid());
}
