// Fault 1 (issue 19): an outbox that cannot be opened must not silence 呼叫帮办, ratings or the heartbeat.
#include <doctest/doctest.h>

#include "fault_rig.h"

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {
// Keeps the kiosk running (real time) until the test has looked at the platform.
const std::string kKeepRunning = "wait-for \"(test: keep running)\" 60\n";

/// A state dir whose outbox.db cannot be opened at all: a directory where the file should be
/// (SQLite: "unable to open database file"), which no quarantine can turn into a database.
void make_unopenable_outbox(const TempDir& dir) { fs::create_directories(dir / "state/outbox.db/not-a-database"); }
}  // namespace

TEST_CASE("with an outbox that cannot open, a call for staff still reaches the platform directly and shows its ticket") {
    TempDir dir("fault-outbox");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    make_unopenable_outbox(dir);
    write_file(dir / "test.ks", R"(tap "呼叫帮办"
expect-screen call_staff
tap "呼叫工作人员"
wait-for "工作人员正在赶来" 20
expect "您的呼叫号：T-"
expect-not "已记录您的呼叫"
screenshot call-sent-without-outbox
)");
    Child kiosk(kiosk_argv(dir, sim.url()), dir / "kiosk.log");
    int rc = kiosk.wait(60);
    CHECK_MESSAGE(rc == 0, kiosk.log());
    CHECK(sim.count("call-staff") == 1);
}

TEST_CASE("with an outbox that cannot open, a rating says at once that it was not saved") {
    TempDir dir("fault-outbox");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    make_unopenable_outbox(dir);
    write_file(dir / "test.ks", R"(tap "好差评"
expect-screen rating
tap "满意"
tap "提交评价"
wait-for "评价没有保存成功" 10
expect-not "感谢您的评价！"
)");
    Child kiosk(kiosk_argv(dir, sim.url()), dir / "kiosk.log");
    int rc = kiosk.wait(60);
    CHECK_MESSAGE(rc == 0, kiosk.log());
    CHECK(sim.count("rating") == 0);
}

TEST_CASE("with an outbox that cannot open, the heartbeat still reports and names the outbox as unavailable") {
    TempDir dir("fault-outbox");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    make_unopenable_outbox(dir);
    write_file(dir / "test.ks", kKeepRunning);
    Child kiosk(kiosk_argv(dir, sim.url()), dir / "kiosk.log");
    nlohmann::json hb;
    bool got = eventually([&] {
        hb = sim.request("GET", "/sim/heartbeats");
        return hb.is_object() && hb.contains("kiosk_id");
    }, 30);
    kiosk.stop();
    REQUIRE_MESSAGE(got, kiosk.log());
    REQUIRE(hb.contains("health"));
    bool named = false;
    for (const auto& c : hb["health"]["conditions"]) named = named || c.value("id", "") == "db.outbox.unavailable";
    CHECK_MESSAGE(named, hb.dump());
}
