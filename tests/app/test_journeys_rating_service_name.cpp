// Issue 13 item 5: the rating after a print names the service as its home tile does, in the citizen's language, never by its internal id.
#include <doctest/doctest.h>

#include "journey_rig.h"

using namespace kiosk::journeys::test;

namespace {

/// Every text of the dump's widgets (and their rows), one a line.
std::string screen_text(const nlohmann::json& dump) {
    std::string out;
    for (const auto& w : dump["widgets"]) {
        out += w.value("text", "") + "\n";
        if (w.contains("items"))
            for (const auto& i : w["items"]) out += i.value("text", "") + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("the rating after a certificate print asks about 证明打印 in Chinese, not about certificates") {
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    int rc = rig.run(std::string(kCertificatePrintSteps) + R"(wait-for "请取走您的证明" 30
tap "评价本次服务"
expect-screen rating
expect "您对「证明打印」的服务满意吗？"
screenshot rating-service-zh
dump rating
)");
    INFO(rig.log());
    CHECK(rc == 0);
    std::string text = screen_text(nlohmann::json::parse(read_all(rig.dir / "shots/rating.json"), nullptr, false));
    CHECK(text.find("证明打印") != std::string::npos);
    CHECK(text.find("certificates") == std::string::npos);
}

TEST_CASE("the rating after a certificate print in English asks about Certificates by its English name") {
    Rig rig;
    REQUIRE(rig.platform);
    REQUIRE(rig.card);
    int rc = rig.run(R"ks(tap "English"
tap "Certificates"
card wang
wait-for "Please check that this is you" 10
tap "This is me: find my certificates"
wait-for "Choose a certificate to print" 10
tap "Social Insurance Participation Certificate"
wait-for "Print (1 page(s), free)" 10
tap "Print (1 page(s), free)"
wait-for "Please take your certificate" 30
tap "Rate this service"
expect-screen rating
expect "How satisfied are you with \"Certificates\"?"
screenshot rating-service-en
dump rating
)ks");
    INFO(rig.log());
    CHECK(rc == 0);
    std::string text = screen_text(nlohmann::json::parse(read_all(rig.dir / "shots/rating.json"), nullptr, false));
    CHECK(text.find("\"Certificates\"") != std::string::npos);
    CHECK(text.find("\"certificates\"") == std::string::npos);
}
