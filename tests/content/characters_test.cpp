// The Han characters of a content version (the handwriting pad's vocabulary): all of its text, most frequent first, bad files as errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "kiosk/content/characters.h"
#include "run_process.h"

using namespace kiosk;

TEST_CASE("the demo content's characters include those of materials, the hall and forms, not only item names") {
    auto r = content::han_characters_of_version(std::string(KIOSK_SOURCE_DIR) + "/assets/content");
    REQUIRE_MESSAGE(r, r.error().message);
    const std::string& s = r.value();
    CHECK(s.size() % 3 == 0);
    CHECK(s.size() / 3 > 500);
    for (const char* ch : {"社", "保", "区", "填", "楼"}) CHECK_MESSAGE(s.find(ch) != std::string::npos, ch);
    CHECK(s.find("a") == std::string::npos);  // Han only
    CHECK(s.find("，") == std::string::npos);
    // Each once.
    for (size_t i = 0; i < s.size(); i += 3) CHECK(s.find(s.substr(i, 3), i + 3) == std::string::npos);
}

TEST_CASE("a content file that is not JSON is a Corrupt error naming it; missing files are skipped") {
    kiosk::test::TempDir dir;
    CHECK(content::han_characters_of_version(dir.path()).value().empty());
    std::ofstream(dir / "items.json") << "{\"name\": \"社保\"";
    auto r = content::han_characters_of_version(dir.path());
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::Corrupt);
    CHECK(r.error().message.find("items.json") != std::string::npos);
}
