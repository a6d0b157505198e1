// kioskctl admin set-pin as a technician runs it: the PIN from stdin, its Argon2id hash written into the file, the rest of the file kept.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "kiosk/config/config.h"
#include "kiosk/config/technician_pin.h"
#include "run_process.h"

using namespace kiosk;
using namespace kiosk::test;

namespace {
std::string ctl() { return std::string(KIOSK_BIN_DIR) + "/kioskctl"; }

const std::string kFile =
    "# Hall 3, kiosk by the entrance\n"
    "[kiosk]\n"
    "mode = \"demo\"   # for the test\n"
    "id = \"hall3-01\"\n"
    "\n"
    "[platform]\n"
    "token = \"t-1\"\n";
}  // namespace

TEST_CASE("admin set-pin writes an Argon2id hash that matches the PIN and keeps every other line, the comments and the file mode") {
    TempDir dir;
    std::string path = dir / "kiosk.toml";
    write_file(path, kFile);
    ::chmod(path.c_str(), 0640);
    auto r = run_process_with_input({ctl(), "admin", "set-pin", path}, "582039\n582039\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    std::string text = read_file(path);
    CHECK(text.rfind(kFile, 0) == 0);  // everything before is untouched
    CHECK(text.find("582039") == std::string::npos);
    auto cfg = config::Config::load(path);
    REQUIRE(cfg);
    CHECK(config::pin_matches(cfg->str("technician.pin_hash"), "582039"));
    CHECK_FALSE(config::pin_matches(cfg->str("technician.pin_hash"), "582030"));
    CHECK(cfg->str("kiosk.id") == "hall3-01");
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);

    // Again, through --config and --pin-stdin: the hash is replaced where it stands, not added twice.
    auto again = run_process_with_input({ctl(), "--config", path, "admin", "set-pin", "--pin-stdin"}, "990011\n");
    REQUIRE_MESSAGE(again.exit_code == 0, again.output);
    std::string after = read_file(path);
    CHECK(after.find("pin_hash") == after.rfind("pin_hash"));
    auto cfg2 = config::Config::load(path);
    REQUIRE(cfg2);
    CHECK(config::pin_matches(cfg2->str("technician.pin_hash"), "990011"));
}

TEST_CASE("admin set-pin refuses two different PINs, a short PIN, letters and a PIN on the command line, and leaves the file as it was") {
    TempDir dir;
    std::string path = dir / "kiosk.toml";
    write_file(path, kFile);
    auto differ = run_process_with_input({ctl(), "admin", "set-pin", path}, "582039\n582038\n");
    CHECK(differ.exit_code == 1);
    CHECK(differ.output.find("differ") != std::string::npos);
    auto shorter = run_process_with_input({ctl(), "admin", "set-pin", path, "--pin-stdin"}, "12345\n");
    CHECK(shorter.exit_code == 1);
    CHECK(shorter.output.find("6 to 12 digits") != std::string::npos);
    auto letters = run_process_with_input({ctl(), "admin", "set-pin", path, "--pin-stdin"}, "12345a\n");
    CHECK(letters.exit_code == 1);
    auto once = run_process_with_input({ctl(), "admin", "set-pin", path}, "582039\n");
    CHECK(once.exit_code == 1);
    // argv is visible to every user (ps, /proc/PID/cmdline): no way to pass the PIN there.
    auto argv = run_process_with_input({ctl(), "admin", "set-pin", path, "582039"}, "");
    CHECK(argv.exit_code == 2);
    CHECK(read_file(path) == kFile);
}

TEST_CASE("admin set-pin refuses a file that is not a valid configuration, and needs a file") {
    TempDir dir;
    std::string path = dir / "bad.toml";
    write_file(path, "[kiosk]\nmode = \"demo\"\nnot_a_key = 1\n");
    auto bad = run_process_with_input({ctl(), "admin", "set-pin", path, "--pin-stdin"}, "582039\n");
    CHECK(bad.exit_code == 1);
    CHECK(read_file(path).find("pin_hash") == std::string::npos);
    auto none = run_process_with_input({ctl(), "admin", "set-pin", dir / "missing.toml", "--pin-stdin"}, "582039\n");
    CHECK(none.exit_code != 0);
}
