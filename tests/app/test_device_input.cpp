// The app classifies device output once, with the configured rules: cards into the session, scans into typed events.
#include <doctest/doctest.h>

#include "kiosk/app/device_input.h"
#include "kiosk/app/session.h"

using namespace kiosk;
using screens::AppEvent;

namespace {

scanner::ScanEvent scan(const std::string& text) { return {scanner::ScanEvent::Kind::Scanned, text}; }

struct Rig {
    std::shared_ptr<Clock> clock = system_clock();
    Session session{*clock, {}};
    InputRules rules{{"zwfw.example.cn"}};
    std::optional<AppEvent> in(DeviceInput d) { return classify_device_input(std::move(d), session, rules); }
};

}  // namespace

TEST_CASE("a scanned URL to a host not on scanner.allowed_hosts is rejected (regression: the kiosk used to ignore the setting)") {
    Rig r;
    auto e = r.in(scan("https://evil.example.com/pay"));
    REQUIRE(e);
    CHECK(e->kind == AppEvent::Kind::ScanRejected);
    CHECK(e->text == "scan.rejected.foreign_url");
    auto ok = r.in(scan("https://zwfw.example.cn/item/1"));
    REQUIRE(ok);
    CHECK(ok->kind == AppEvent::Kind::UrlScanned);
    CHECK(ok->text == "https://zwfw.example.cn/item/1");
}

TEST_CASE("a case receipt becomes ReceiptScanned with its case number and query code") {
    Rig r;
    auto e = r.in(scan("ZWCASE:1:SL20261120000123:8K3Q"));
    REQUIRE(e);
    CHECK(e->kind == AppEvent::Kind::ReceiptScanned);
    auto* rc = e->get<screens::ScannedReceipt>();
    REQUIRE(rc);
    CHECK(rc->case_no == "SL20261120000123");
    CHECK(rc->query_code == "8K3Q");
    CHECK(r.in(scan("ZWCASE:1:SL1:8K3Q"))->kind == AppEvent::Kind::ScanRejected);  // case number too short
}

TEST_CASE("a login code goes into the session and the event carries nothing of the token") {
    Rig r;
    auto e = r.in(scan("ZWLOGIN:1:demo-login-wang-0001abcd"));
    REQUIRE(e);
    CHECK(e->kind == AppEvent::Kind::LoginCodeScanned);
    CHECK(e->text.empty());
    CHECK(std::holds_alternative<std::monostate>(e->payload));
    CHECK(r.session.login_token.reveal() == "demo-login-wang-0001abcd");
}

TEST_CASE("an unreadable code and a scanner state change: a rejection, and nothing for the screens") {
    Rig r;
    auto e = r.in(scanner::ScanEvent{scanner::ScanEvent::Kind::Unreadable});
    REQUIRE(e);
    CHECK(e->kind == AppEvent::Kind::ScanRejected);
    CHECK_FALSE(r.in(scanner::ScanEvent{scanner::ScanEvent::Kind::StateChanged}));
}

TEST_CASE("a card read puts the identity into the session and gives screens only a masked view") {
    Rig r;
    auto id = std::make_shared<idcard::Identity>();
    id->name = Secret("王测试");
    id->id_number = Secret("11010519491231002X");
    idcard::ReaderEvent read{idcard::ReaderEvent::Kind::CardRead, id};
    auto e = r.in(read);
    REQUIRE(e);
    CHECK(e->kind == AppEvent::Kind::CardPlaced);
    auto* view = e->get<screens::CardView>();
    REQUIRE(view);
    CHECK(view->masked_name == "王*试");
    CHECK(view->masked_id_number.find("0519491231") == std::string::npos);
    CHECK(r.session.identity == id);
    auto removed = r.in(idcard::ReaderEvent{idcard::ReaderEvent::Kind::CardRemoved});
    REQUIRE(removed);
    CHECK(removed->kind == AppEvent::Kind::CardRemoved);
    auto invalid = r.in(idcard::ReaderEvent{idcard::ReaderEvent::Kind::CardInvalid});
    CHECK(invalid->kind == AppEvent::Kind::CardInvalid);
    CHECK(invalid->text == "card.invalid");
}
