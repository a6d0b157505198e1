// A simulated week offline on the virtual clock: back-off grows to its cap, caps evict usage first, then a full drain.
#include <doctest/doctest.h>

#include "kiosk/sync/uploader.h"
#include "sim_process.h"

using namespace kiosk;
using namespace kiosk::sync;
using namespace std::chrono_literals;

TEST_CASE("a week offline backs off to the cap, evicts usage before audit, then drains fully when the platform returns") {
    int port = 0;
    {
        test::SimProcess probe;  // find a port that platform-sim can bind, then close it: the platform is "down"
        REQUIRE(probe.running());
        port = probe.port;
    }
    auto clock = std::make_shared<VirtualClock>();
    test::TempDir dir;
    Outbox::Options o;
    o.kiosk_id = "kiosk-week";
    o.clock = clock;
    o.limits.max_records = 500;
    o.limits.max_age_days = 60;
    auto outbox = Outbox::open(dir.path + "/outbox.db", o).value();
    UploaderOptions uo;
    uo.databases = {dir.path + "/outbox.db"};
    uo.limits = o.limits;
    uo.batch_size = 100;
    uo.backoff_min = 1s;
    uo.backoff_max = 900s;
    PlatformSettings ps;
    ps.base_url = "http://127.0.0.1:" + std::to_string(port);
    ps.kiosk_id = "kiosk-week";
    ps.timeout_ms = 3000;
    ps.connect_timeout_ms = 1000;
    auto up = Uploader::create(ps, uo, clock).value();
    REQUIRE(up->start().ok());

    const auto step = uo.backoff_max + 1s;  // at least one attempt per step, whatever the jitter
    int64_t audits = 0;
    // (consecutive failures, back-off) read from one status snapshot: the uploader may fail more
    // than once per step (posting wakes it), so the n-th failure is matched with its own delay.
    std::vector<std::pair<int, std::chrono::milliseconds>> backoffs;
    int steps = int(std::chrono::hours(24 * 7) / step);
    for (int i = 0; i < steps; ++i) {
        for (int k = 0; k < 3; ++k)
            REQUIRE(outbox->post({"usage", Priority::Usage, "", "{\"step\":" + std::to_string(i) + "}", {}}).ok());
        if (i % 4 == 0) {
            REQUIRE(outbox->post({"print-audit", Priority::Audit, "audit-" + std::to_string(i), "{\"job\":" + std::to_string(i) + "}", {}}).ok());
            ++audits;
        }
        int64_t before = up->status().failed_attempts;
        clock->advance(step);
        REQUIRE(test::eventually([&] { return up->status().failed_attempts > before; }));
        auto st = up->status();
        backoffs.emplace_back(st.consecutive_failures, st.backoff);
    }
    CHECK(up->status().link == Link::Offline);
    // Back-off: the n-th failure waits between half and all of min(2^(n-1) s, cap) (equal jitter),
    // so it starts near backoff_min, grows, and settles between cap/2 and the cap.
    REQUIRE(backoffs.front().first >= 1);
    for (auto [n, delay] : backoffs) {
        auto base = std::chrono::milliseconds(std::min<int64_t>(int64_t(1000) << std::min(n - 1, 20), 900'000));
        CHECK(delay >= base / 2);
        CHECK(delay <= base);
    }
    CHECK(backoffs.back().first >= 12);
    auto q = OutboxQueue::open(dir.path + "/outbox.db").value();
    auto s = q.stats().value();
    CHECK(s.depth == 500);
    CHECK(s.by_class[int(Priority::Audit)] == audits);  // every audit record kept
    CHECK(s.evicted[int(Priority::Usage)] == steps * 3 - (500 - audits));
    CHECK_FALSE(s.alarm);

    // The platform comes back on the same address: the next attempt drains everything.
    test::SimProcess sim({"--port", std::to_string(port)});
    REQUIRE(sim.running());
    clock->advance(step);
    REQUIRE(test::eventually([&] { return q.stats()->depth == 0; }, 60));
    auto st = sim.stats();
    CHECK(st["unique"] == 500);
    CHECK(st["by_kind"]["print-audit"] == audits);
    CHECK(st["by_kind"]["usage"] == 500 - audits);
    REQUIRE(test::eventually([&] { return up->status().link == Link::Online; }));
    up->stop();
}
