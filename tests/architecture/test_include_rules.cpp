// The dependency rules of docs/architecture.md hold for every #include in the tree, and the check catches a file that breaks one.
#include <doctest/doctest.h>

#include "include_rules.h"
#include "temp_tree.h"

namespace fs = std::filesystem;
using kiosk::test::check_includes;

namespace {

bool broken(const std::vector<kiosk::test::IncludeViolation>& v, const std::string& file, const std::string& inc) {
    for (const auto& x : v)
        if (x.file == file && x.included == inc) return true;
    return false;
}

}  // namespace

TEST_CASE("no #include in base/, drivers/ or kiosk/ breaks a rule of docs/architecture.md") {
    auto v = check_includes(KIOSK_SOURCE_DIR);
    for (const auto& x : v) MESSAGE(x.file << " includes " << x.included << ": " << x.rule);
    CHECK(v.empty());
}

TEST_CASE("the include check finds a screen with a driver header, a widget with the domain and base with the app") {
    kiosk::test::TempTree t{"kiosk-rules"};
    t.write("kiosk/screens/good.cpp", "#include \"kiosk/ui/widget.h\"\n#include \"kiosk/content/search.h\"\n#include \"base/log.h\"\n");
    t.write("kiosk/screens/bad_screen.cpp", "// a screen\n#include \"drivers/idcard/idcard_reader.h\"\n  #  include \"kiosk/sync/outbox.h\"\n#include \"kiosk/app/session.h\"\n");
    t.write("kiosk/ui/bad_widget.h", "#include \"kiosk/wayfinding/hall_map.h\"\n");
    t.write("base/bad_base.cpp", "#include \"kiosk/app/app.h\"\n#include \"local.h\"\n");
    t.write("drivers/printer/bad_driver.cpp", "#include \"kiosk/config/config.h\"\n#include \"drivers/serial/serial_port.h\"\n");
    t.write("drivers/scanner/other_driver.cpp", "#include \"drivers/idcard/idcard_reader.h\"\n");
    t.write("kiosk/content/bad_content.cpp", "#include \"kiosk/ui/widgets.h\"\n");
    auto v = check_includes(t.path);
    for (const auto& x : v) MESSAGE(x.file << " includes " << x.included << ": " << x.rule);
    CHECK(broken(v, "kiosk/screens/bad_screen.cpp", "drivers/idcard/idcard_reader.h"));
    CHECK(broken(v, "kiosk/screens/bad_screen.cpp", "kiosk/sync/outbox.h"));
    CHECK(broken(v, "kiosk/screens/bad_screen.cpp", "kiosk/app/session.h"));
    CHECK(broken(v, "kiosk/ui/bad_widget.h", "kiosk/wayfinding/hall_map.h"));
    CHECK(broken(v, "base/bad_base.cpp", "kiosk/app/app.h"));
    CHECK(broken(v, "drivers/printer/bad_driver.cpp", "kiosk/config/config.h"));
    CHECK(broken(v, "drivers/scanner/other_driver.cpp", "drivers/idcard/idcard_reader.h"));
    CHECK(broken(v, "kiosk/content/bad_content.cpp", "kiosk/ui/widgets.h"));
    CHECK(v.size() == 8);  // the good file and the allowed includes are not reported
}
