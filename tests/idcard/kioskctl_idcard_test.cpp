// kioskctl idcard read against idcard-sim: masked by default, revealed only with --reveal.
#include "reader_fixture.h"

#include <cstdio>

using namespace kiosk::idcard;
using namespace kiosk::idcard::test;

namespace {
std::string run(const std::string& cmd, int& rc) {
    std::string out;
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    char buf[512];
    while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    rc = WEXITSTATUS(pclose(p));
    return out;
}
}  // namespace

TEST_CASE("kioskctl idcard read prints the card masked unless --reveal") {
    TempDir dir;
    auto sim = SimProcess::launch({dir.path, sim_binary(), {"--place", "wang"}});
    REQUIRE(sim.ok());
    const std::string ctl = std::string(KIOSK_BIN_DIR) + "/kioskctl idcard read --port " + sim->link();
    int rc = 0;
    auto masked = run(ctl, rc);
    CHECK(rc == 0);
    CHECK(masked.find("王*试") != std::string::npos);
    CHECK(masked.find("1101**********1237") != std::string::npos);
    CHECK(masked.find("110105198808081237") == std::string::npos);
    CHECK(masked.find("王测试") == std::string::npos);
    CHECK(masked.find("演示路") == std::string::npos);

    REQUIRE(sim->send("remove").ok());
    REQUIRE(sim->send("place li").ok());
    auto json = run(ctl + " --json --reveal", rc);
    CHECK(rc == 0);
    CHECK(json.find("\"id_number\": \"511602197503150026\"") != std::string::npos);
    CHECK(json.find("\"valid_to\": \"长期\"") != std::string::npos);

    REQUIRE(sim->send("remove").ok());
    auto none = run(ctl + " --timeout 0.5", rc);
    CHECK(rc == 1);
    CHECK(none.find("no card") != std::string::npos);
}
