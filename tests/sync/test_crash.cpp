// The crash test: a writing, uploading child is SIGKILLed 200+ times; afterwards every record is on the platform exactly once.
#include <doctest/doctest.h>

#include <poll.h>
#include <unistd.h>

#include <random>
#include <set>
#include <sstream>

#include "kiosk/sync/uploader.h"
#include "sim_process.h"

using namespace kiosk;
using namespace kiosk::sync;

TEST_CASE("records survive 200 SIGKILLs while being written and uploaded: each reaches the platform exactly once") {
    test::SimProcess sim;
    REQUIRE(sim.running());
    test::TempDir dir;
    std::mt19937 rng(20261120);
    std::uniform_int_distribution<int> delay_us(5000, 80000);
    const int cycles = 200;
    for (int i = 0; i < cycles; ++i) {
        // Odd cycles kill at a random moment from the fork, start-up included (opening and
        // migrating the outbox); even cycles start the random delay once the child says it is
        // about to write, so the kills also land among the writes however busy the machine is
        // (on a loaded machine start-up alone can outlast the whole window).
        bool after_ready = i % 2 == 0;
        int ready[2] = {-1, -1};
        REQUIRE(::pipe(ready) == 0);
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(ready[0]);
            std::string exe = std::string(KIOSK_BIN_DIR) + "/../tests/sync_crash_child";
            std::string url = sim.url();
            std::string fd = std::to_string(ready[1]);
            execl(exe.c_str(), exe.c_str(), dir.path.c_str(), url.c_str(), fd.c_str(), (char*)nullptr);
            _exit(127);
        }
        ::close(ready[1]);
        if (after_ready) {
            pollfd p{ready[0], POLLIN, 0};
            CHECK_MESSAGE(::poll(&p, 1, 20000) == 1, "the child did not start writing within 20 s");
        }
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        ::close(ready[0]);  // kept open until the kill: a child's write to a closed pipe would end it first
        REQUIRE_MESSAGE(WIFSIGNALED(status), "child exited by itself: " << WEXITSTATUS(status));
    }
    // After the storm: the database is intact and a last drain delivers what is left.
    auto db = db::Database::open(dir.path + "/outbox.db").value();
    auto ic = db.prepare("PRAGMA integrity_check").value();
    REQUIRE(ic.step().value());
    CHECK(ic.text(0) == "ok");
    auto cnt = db.prepare("SELECT count(*), coalesce(max(n), 0) FROM journal").value();
    REQUIRE(cnt.step().value());
    int64_t written = cnt.int64(0);
    CHECK(cnt.int64(1) == written);  // numbers 1..N without gaps
    INFO("records written: " << written);
    CHECK(written >= 100);  // the kills landed while records were being written, not only at start-up

    UploaderOptions uo;
    uo.databases = {dir.path + "/outbox.db"};
    auto up = Uploader::create(sim.settings(), uo).value();
    auto d = up->drain_now();
    REQUIRE_MESSAGE(d.complete, d.error);

    auto st = sim.stats();
    CHECK(st["unique"] == written);
    std::set<std::string> keys;
    std::istringstream in(sim.get_text("/sim/keys"));
    for (std::string k; std::getline(in, k);) keys.insert(k);
    CHECK(keys.size() == size_t(written));
    int64_t missing = 0;
    for (int64_t n = 1; n <= written; ++n) missing += !keys.count("crash-" + std::to_string(n));
    CHECK(missing == 0);
    MESSAGE("written " << written << ", platform received " << st["received"] << " (duplicates " << st["duplicates"] << ")");
}
