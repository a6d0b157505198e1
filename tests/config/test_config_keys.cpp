// Typed configuration keys match the schema, and the device settings are read from them (kiosk/app/device_settings.h).
#include <doctest/doctest.h>

#include "kiosk/app/device_settings.h"
#include "kiosk/config/keys.h"

using namespace kiosk;
using namespace kiosk::config;

TEST_CASE("every typed key names a schema key of the same type") {
    for (const auto& k : typed_keys()) {
        const KeySpec* spec = find_key(k.name);
        REQUIRE_MESSAGE(spec, std::string(k.name) << " is not in the schema");
        CHECK_MESSAGE(spec->type == k.type, std::string(k.name) << " has another type in the schema");
    }
    CHECK(typed_keys().size() == 24);
}

TEST_CASE("the typed key check would find a key the schema does not have") {
    CHECK(find_key("idcard.prot") == nullptr);  // what a typo would have been before: an abort at run time
    CHECK(find_key(keys::idcard_port.name) != nullptr);
}

TEST_CASE("printer, ID-card and scanner settings come from their configuration keys") {
    auto c = Config::load("", {"printer.driver=cups", "printer.uri=ipp://127.0.0.1:6310/ipp/print", "printer.poll_interval_ms=250",
                               "idcard.driver=serial", "idcard.port=/dev/ttyS9", "idcard.baud=9600", "idcard.sim_control=/tmp/x.sock",
                               "scanner.driver=serial", "scanner.baud=115200", "scanner.charset=GB18030",
                               "scanner.allowed_hosts=[\"zwfw.example.cn\"]", "scanner.camera_enabled=true"});
    REQUIRE_MESSAGE(c.ok(), c.error().message);
    c->set_state_dir("/var/lib/kiosk-test");
    auto s = device_settings(*c);
    CHECK(s.printer.driver == "cups");
    CHECK(s.printer.uri == "ipp://127.0.0.1:6310/ipp/print");
    CHECK(s.printer.poll_interval == std::chrono::milliseconds(250));
    CHECK(s.printer.sim_dir == "/var/lib/kiosk-test/sim-printer");
    CHECK(s.printer.jobs_db == "/var/lib/kiosk-test/print-jobs.db");
    CHECK(s.idcard.driver == "serial");
    CHECK(s.idcard.port == "/dev/ttyS9");
    CHECK(s.idcard.baud == 9600);
    CHECK(s.idcard_sim_control == "/tmp/x.sock");
    CHECK(s.scanner.driver == "serial");
    CHECK(s.scanner.baud == 115200);
    CHECK(s.scanner.charset == "GB18030");
    CHECK(s.scanner.allowed_hosts == std::vector<std::string>{"zwfw.example.cn"});
    CHECK(s.scanner.camera_enabled);
}
