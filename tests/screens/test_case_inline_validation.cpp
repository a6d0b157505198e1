// 办件查询: the case number and query code are checked as the citizen types, before 查询 is tapped; an unfinished field is never sent.
#include <doctest/doctest.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

TEST_CASE("the fixed prefix SL is filled in and each digit typed updates what is still needed") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "办件查询"
dump v-01-empty
tap "2"
tap "0"
tap "2"
tap "6"
dump v-02-four
type 11010007
screenshot v-03-two-left
dump v-03-two-left
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto empty = shot_dump(rig, "v-01-empty");
    CHECK(text_of(empty, "case-no") == "SL");
    CHECK(text_of(empty, "case-no-check").find("14 位数字") != std::string::npos);
    // The case number's pad is digits only: no letter key to hit by mistake.
    CHECK(all_text(empty).find("\nQ\n") == std::string::npos);
    CHECK(text_of(shot_dump(rig, "v-02-four"), "case-no-check") == "还差 10 位数字");
    CHECK(text_of(shot_dump(rig, "v-03-two-left"), "case-no-check") == "还差 2 位数字");
}

TEST_CASE("删除 stops at the prefix, and a month 13 in the date is flagged at the digit that made it") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "办件查询"
tap "删除"
tap "删除"
tap "删除"
dump d-01-prefix-kept
type 202613
screenshot d-02-bad-month
dump d-02-bad-month
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    CHECK(text_of(shot_dump(rig, "d-01-prefix-kept"), "case-no") == "SL");
    CHECK(text_of(shot_dump(rig, "d-02-bad-month"), "case-no-check").find("受理日期") != std::string::npos);
}

TEST_CASE("查询 with a query code too short is not sent: the field keeps its text and says what is missing") {
    Rig rig;
    REQUIRE(rig.platform);
    int rc = rig.run(R"(
tap "办件查询"
type 20261101000777
dump q-01-moved-on
type M4
tap "查询"
expect-screen case_status
expect-not "正在查询办件进度"
screenshot q-02-short
dump q-02-short
)");
    INFO(rig.log());
    REQUIRE(rc == 0);
    // A complete case number moves the pad to the query code by itself.
    CHECK(text_of(shot_dump(rig, "q-01-moved-on"), "case-no-check") == "✓ 受理编号位数正确");
    auto d = shot_dump(rig, "q-02-short");
    CHECK(text_of(d, "query-code") == "M4");
    CHECK(text_of(d, "query-code-check") == "查询码至少 4 位，还差 2 位");
    CHECK(all_text(d).find("格式不对") == std::string::npos);
}
