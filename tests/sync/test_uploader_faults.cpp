// Uploader against the real platform-sim with each injected fault: everything arrives exactly once.
#include <doctest/doctest.h>

#include "kiosk/sync/uploader.h"
#include "sim_process.h"

using namespace kiosk;
using namespace kiosk::sync;
using namespace std::chrono_literals;

namespace {
struct Rig {
    test::SimProcess sim;
    test::TempDir dir;
    std::unique_ptr<Outbox> outbox;
    std::unique_ptr<Uploader> up;

    explicit Rig(long timeout_ms = 5000, std::vector<std::string> sim_args = {}, std::string token = "test-token")
        : sim(std::move(sim_args)) {
        REQUIRE(sim.running());
        Outbox::Options o;
        o.kiosk_id = "kiosk-test";
        o.seal_public_key_b64 = sim.settings().seal_public_key;
        outbox = Outbox::open(dir.path + "/outbox.db", o).value();
        UploaderOptions uo;
        uo.databases = {dir.path + "/outbox.db"};
        uo.batch_size = 7;
        uo.backoff_min = 10ms;
        uo.backoff_max = 5s;
        uo.idle_poll = 1s;
        auto s = sim.settings();
        s.timeout_ms = timeout_ms;
        s.token = token;
        up = Uploader::create(s, uo).value();
    }
    void fill(int n, const std::string& prefix = "r") {
        for (int i = 0; i < n; ++i)
            REQUIRE(outbox->post({"usage", Priority::Usage, prefix + std::to_string(i), "{\"i\":" + std::to_string(i) + "}", {}}).ok());
    }
    bool drained() { return up->status().depth == 0 && OutboxQueue::open(dir.path + "/outbox.db")->stats()->depth == 0; }
    int64_t unique() { return sim.stats().value("unique", int64_t(-1)); }
};

void run_fault(const std::string& kind, int count, int ms = 0, long timeout_ms = 5000) {
    Rig rig(timeout_ms);
    rig.fill(30);
    REQUIRE(rig.sim.fault(kind, count, ms));
    REQUIRE(rig.up->start().ok());
    REQUIRE(test::eventually([&] { return rig.drained(); }, 60));
    rig.up->stop();
    auto st = rig.sim.stats();
    CHECK(st["unique"] == 30);
    CHECK(st["by_kind"]["usage"] == 30);
    CHECK(rig.up->status().failed_attempts >= 1);
    CHECK(rig.up->status().dead_letters == 0);
}
}  // namespace

TEST_CASE("uploads survive HTTP 500 replies and every record arrives once") { run_fault("500", 3); }

TEST_CASE("uploads survive a malformed JSON reply and the platform de-duplicates the resend") {
    Rig rig;
    rig.fill(30);
    REQUIRE(rig.sim.fault("malformed-json", 2));
    REQUIRE(rig.up->start().ok());
    REQUIRE(test::eventually([&] { return rig.drained(); }, 60));
    auto st = rig.sim.stats();
    CHECK(st["unique"] == 30);
    CHECK(st["duplicates"].get<int64_t>() >= 7);  // the spoiled replies' batches were stored, then sent again
    CHECK(rig.up->status().last_error.find("records") != std::string::npos);
}

TEST_CASE("uploads survive a connection dropped mid-body and nothing is stored twice") {
    Rig rig;
    rig.fill(30);
    REQUIRE(rig.sim.fault("drop-mid-body", 2));
    REQUIRE(rig.up->start().ok());
    REQUIRE(test::eventually([&] { return rig.drained(); }, 60));
    auto st = rig.sim.stats();
    CHECK(st["unique"] == 30);
    CHECK(st["duplicates"].get<int64_t>() >= 7);
    CHECK(rig.up->status().failed_attempts >= 2);
}

TEST_CASE("a reply slower than the timeout counts as a failure and the retry is de-duplicated") {
    run_fault("latency", 1, 1500, 400);
}

TEST_CASE("a 429 with Retry-After makes the uploader wait at least that long") {
    Rig rig;
    rig.fill(10);
    REQUIRE(rig.sim.fault("429", 1, 0, "/api/v1/", 2));
    REQUIRE(rig.up->start().ok());
    REQUIRE(test::eventually([&] { return rig.up->status().failed_attempts >= 1; }));
    CHECK(rig.up->status().backoff >= 2000ms);
    REQUIRE(test::eventually([&] { return rig.drained(); }, 60));
    CHECK(rig.unique() == 10);
}

TEST_CASE("a 503 with Retry-After is retried until the platform answers") { run_fault("503", 2); }

TEST_CASE("a record the platform rejects goes to the dead letters and the rest is delivered") {
    Rig rig;
    rig.fill(5);
    REQUIRE(rig.outbox->post({"no-such-kind", Priority::Rating, "bad-1", "{}", {}}).ok());
    REQUIRE(rig.up->start().ok());
    REQUIRE(test::eventually([&] { return rig.drained(); }, 60));
    REQUIRE(test::eventually([&] { return rig.up->status().dead_letters == 1; }));
    auto dl = OutboxQueue::open(rig.dir.path + "/outbox.db")->dead_letters().value();
    REQUIRE(dl.size() == 1);
    CHECK(dl[0].record.key == "bad-1");
    CHECK(dl[0].reason == "unknown kind");
    CHECK(rig.unique() == 5);
}

TEST_CASE("wrong credentials keep the records and report auth-failed instead of dead letters") {
    Rig rig(5000, {"--token", "right-token"}, "wrong-token");
    rig.fill(5);
    REQUIRE(rig.up->start().ok());
    REQUIRE(test::eventually([&] { return rig.up->status().link == Link::AuthFailed; }));
    rig.up->stop();
    auto s = OutboxQueue::open(rig.dir.path + "/outbox.db")->stats().value();
    CHECK(s.depth == 5);
    CHECK(s.dead_letters == 0);
}

TEST_CASE("an unreachable platform reports offline and keeps every record") {
    Rig rig;
    rig.fill(5);
    rig.sim.stop();
    auto r = rig.up->drain_now();
    CHECK_FALSE(r.complete);
    CHECK(r.remaining == 5);
    CHECK(r.error.find("connect") != std::string::npos);
}

TEST_CASE("sealed records are opened by the platform and stored with their content") {
    Rig rig;
    Record r{"print-audit", Priority::Audit, "print-1", "", Secret("{\"id_number\":\"110105198808081237\",\"certificate\":\"shebao\"}")};
    REQUIRE(rig.outbox->post(r).ok());
    auto d = rig.up->drain_now();
    CHECK(d.complete);
    CHECK(d.uploaded == 1);
    auto rec = rig.sim.get("/sim/records?key=print-1");
    CHECK(rec["was_sealed"] == true);
    CHECK(rec["payload"]["certificate"] == "shebao");
}
