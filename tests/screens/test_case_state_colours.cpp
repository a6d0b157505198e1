// 办件查询: a state's colour means something: green only for ready (come and collect), not for 审核中; amber when material is needed.
#include <doctest/doctest.h>

#include "screen_rig.h"

using namespace kiosk::screens::test;

namespace {

/// Green dominates: the badge reads "done" before its words are read.
bool greenish(SDL_Color c) { return c.g > c.r + 20 && c.g > c.b + 10; }

SDL_Color badge(Rig& rig, const std::string& receipt, const std::string& wait, const std::string& name) {
    int rc = rig.run("tap \"办件查询\"\nscan " + receipt + "\nwait-for \"" + wait + "\" 10\nscreenshot " + name + "\ndump " + name + "\n");
    INFO(rig.log());
    REQUIRE(rc == 0);
    auto c = background_of(rig, name, "case-state");
    REQUIRE(c.has_value());
    return *c;
}

}  // namespace

TEST_CASE("a ready case's state is shown on green") {
    Rig rig;
    REQUIRE(rig.platform);
    auto c = badge(rig, "ZWCASE:1:SL20261120000123:8K3Q", "21 号窗口领取", "colour-ready");
    CHECK_MESSAGE(greenish(c), int(c.r) << "," << int(c.g) << "," << int(c.b));
}

TEST_CASE("a case under review is not shown in success green") {
    Rig rig;
    REQUIRE(rig.platform);
    auto c = badge(rig, "ZWCASE:1:SL20261118000045:Q7P2", "营业执照变更登记", "colour-review");
    CHECK_MESSAGE(!greenish(c), int(c.r) << "," << int(c.g) << "," << int(c.b));
    CHECK(c.b > c.r);  // the blue of "the hall is working on it"
}

TEST_CASE("a case that needs material is shown in amber, and one sent by post is not green either") {
    Rig rig;
    REQUIRE(rig.platform);
    auto c = badge(rig, "ZWCASE:1:SL20261101000777:M4X9", "房屋买卖合同原件", "colour-material");
    CHECK_MESSAGE(!greenish(c), int(c.r) << "," << int(c.g) << "," << int(c.b));
    CHECK(c.r > c.b + 20);
    Rig posted;
    REQUIRE(posted.platform);
    auto p = badge(posted, "ZWCASE:1:SL20261015000310:T2B6", "社会保障卡补办", "colour-posted");
    CHECK_MESSAGE(!greenish(p), int(p.r) << "," << int(p.g) << "," << int(p.b));
}
