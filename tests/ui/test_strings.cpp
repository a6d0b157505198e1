// String catalogs: both languages have the same keys; a missing key shows, never crashes.
#include <doctest/doctest.h>

#include "kiosk/ui/strings.h"

using namespace kiosk::ui;

TEST_CASE("the zh-CN and en catalogs have the same keys") {
    auto s = Strings::load(std::string(KIOSK_SOURCE_DIR) + "/assets/strings", {"zh-CN", "en"});
    REQUIRE(s.ok());
    auto missing = s->missing_keys();
    std::string all;
    for (const auto& m : missing) all += m + " ";
    CHECK_MESSAGE(missing.empty(), all);
}

TEST_CASE("the language switch changes every lookup, and placeholders are filled") {
    auto s = Strings::load(std::string(KIOSK_SOURCE_DIR) + "/assets/strings", {"zh-CN", "en"});
    REQUIRE(s.ok());
    CHECK(s->tr("service.certificates") == "证明打印");
    CHECK(s->format("idle.message", {{"seconds", "7"}}).find("7 秒") != std::string::npos);
    s->set_language("en");
    CHECK(s->tr("service.certificates") == "Certificates");
    CHECK(s->tr("no.such.key") == "⟦no.such.key⟧");
}
