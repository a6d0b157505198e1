// Error screens offer 呼叫帮办 with the reason filled in: the call screen shows the error the citizen met and sends it with the call.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

namespace {

/// The reasons of the call-staff records platform-sim stored (its own SQLite file).
std::string call_reasons(const Rig& rig) {
    sqlite3* db = nullptr;
    std::string out;
    if (sqlite3_open_v2((rig.dir / "platform/sim.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT payload FROM records WHERE kind = 'call-staff'", -1, &st, nullptr) == SQLITE_OK)
            while (sqlite3_step(st) == SQLITE_ROW) {
                auto p = nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), nullptr, false);
                if (p.is_object()) out += p.value("reason", "") + "\n";
            }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

}  // namespace

TEST_CASE("a case that is not found offers 呼叫帮办, and the call carries that error to staff") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "办件查询"
scan ZWCASE:1:SL20261120000123:ZZZZ
wait-for "没有找到这个办件" 10
tap "呼叫帮办"
expect-screen call_staff
screenshot call-about-01
dump call-about-01
tap "呼叫工作人员"
wait-for "工作人员正在赶来" 10
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto d = shot_dump(rig, "call-about-01");
    CHECK(text_of(d, "about").find("没有找到这个办件") != std::string::npos);
    CHECK_FALSE(widget(d, "reason-other").is_object());  // not asked again
    CHECK(eventually([&] { return call_reasons(rig).find("case_status.not_found") != std::string::npos; }, std::chrono::seconds(10)));
}

TEST_CASE("the certificate journey's offline error offers 呼叫帮办 with the reason filled in") {
    Rig rig(false);
    REQUIRE(rig.card);
    int rc = rig.run(R"(
tap "证明打印"
card wang
wait-for "请核对您的身份" 10
tap "是我本人，查询我的证明"
wait-for "暂时无法连接政务服务平台" 15
tap "呼叫帮办"
expect-screen call_staff
dump call-about-02
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    CHECK(text_of(shot_dump(rig, "call-about-02"), "about").find("暂时无法连接政务服务平台") != std::string::npos);
}

TEST_CASE("呼叫帮办 opened with an unknown reason shows the plain call screen and never the raw text") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "呼叫帮办"
expect-screen call_staff
dump call-plain
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto d = shot_dump(rig, "call-plain");
    CHECK_FALSE(widget(d, "about").is_object());
    CHECK(widget(d, "reason-other").is_object());
}
