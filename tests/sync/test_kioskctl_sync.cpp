// kioskctl outbox load/stats/dead-letters/retry and sync now, run as the real executable against platform-sim.
#include <doctest/doctest.h>

#include <cstdio>

#include "sim_process.h"

namespace {
struct Run {
    int code;
    std::string out;
};
Run kioskctl(const std::string& state, const std::string& url, const std::string& args) {
    std::string cmd = std::string(KIOSK_BIN_DIR) + "/kioskctl --log-level off --state-dir " + state + " --set platform.url=" + url +
                      " " + args + " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    int st = pclose(p);
    return {WEXITSTATUS(st), out};
}
}  // namespace

TEST_CASE("kioskctl queues a load, shows the outbox, and sync now empties it into the platform") {
    kiosk::test::SimProcess sim;
    REQUIRE(sim.running());
    kiosk::test::TempDir state;
    CHECK(kioskctl(state.path, sim.url(), "outbox load 250").code == 0);
    auto stats = nlohmann::json::parse(kioskctl(state.path, sim.url(), "outbox stats --json").out, nullptr, false);
    CHECK(stats["depth"] == 250);
    CHECK(stats["by_class"]["usage"] == 250);
    CHECK(stats["alarm"] == false);
    auto sync = kioskctl(state.path, sim.url(), "sync now --json");
    CHECK(sync.code == 0);
    auto r = nlohmann::json::parse(sync.out, nullptr, false);
    CHECK(r["uploaded"] == 250);
    CHECK(r["complete"] == true);
    CHECK(sim.stats()["unique"] == 250);
    CHECK(kioskctl(state.path, sim.url(), "outbox dead-letters --json").out == "[]\n");
    CHECK(kioskctl(state.path, sim.url(), "outbox retry --json").code == 0);
}

TEST_CASE("kioskctl sync now exits 1 and keeps the records when the platform is unreachable") {
    kiosk::test::TempDir state;
    CHECK(kioskctl(state.path, "http://127.0.0.1:9", "outbox load 5").code == 0);
    auto sync = kioskctl(state.path, "http://127.0.0.1:9", "sync now --json");
    CHECK(sync.code == 1);
    auto r = nlohmann::json::parse(sync.out, nullptr, false);
    CHECK(r["remaining"] == 5);
}
