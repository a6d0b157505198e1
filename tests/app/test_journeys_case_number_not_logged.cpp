// Fault (issue 12): case numbers reached the journal inside transport error messages (the request path was logged).
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

namespace {
/// The kiosk's whole output (Rig::log() keeps only the tail).
std::string whole_log(const Rig& rig) { return read_all(rig.dir / "kiosk.log"); }
}  // namespace

TEST_CASE("a typed case number is not in the log when the platform cannot be reached") {
    Rig rig(false);
    rig.extra = {"--log-level", "debug"};
    int rc = rig.run(R"(
tap "办件查询"
type SL20261101000777
type M4X9
tap "查询"
wait-for "现在查不到办件进度" 15
)");
    auto log = whole_log(rig);
    INFO(log);
    REQUIRE(rc == 0);
    CHECK(log.find("case query failed") != std::string::npos);  // the failure is logged: the check below can fail
    CHECK(log.find("SL20261101000777") == std::string::npos);
    CHECK(log.find("M4X9") == std::string::npos);
}

TEST_CASE("a scanned case number is not in the log when the platform answers too late") {
    Rig rig;
    REQUIRE(rig.platform);
    rig.extra = {"--log-level", "debug", "--set", "platform.timeout_ms=1000"};
    REQUIRE(rig.platform->fault({{"kind", "latency"}, {"count", 1}, {"ms", 3000}, {"prefix", "/api/v1/cases"}}));
    int rc = rig.run(R"(
tap "办件查询"
scan ZWCASE:1:SL20261118000045:Q7P2
wait-for "响应太慢" 15
)");
    auto log = whole_log(rig);
    INFO(log);
    REQUIRE(rc == 0);
    CHECK(log.find("case query failed") != std::string::npos);
    CHECK(log.find("SL20261118000045") == std::string::npos);
    CHECK(log.find("Q7P2") == std::string::npos);
}
