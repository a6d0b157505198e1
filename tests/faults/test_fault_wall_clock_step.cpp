// Fault: the wall clock is stepped (NTP correcting a bad RTC): the outbox's age cap must judge
// records by the time that really passed, not by wall-clock creation stamps (issue 19, item 8).
#include <doctest/doctest.h>

#include "kiosk/sync/outbox.h"
#include "run_process.h"

using namespace kiosk;
using namespace kiosk::sync;
using namespace std::chrono;

namespace {
Record usage(int i) { return {"usage", Priority::Usage, "", "{\"event\":\"tap\",\"n\":" + std::to_string(i) + "}", {}}; }

struct Rig {
    test::TempDir dir;
    std::shared_ptr<VirtualClock> clock = std::make_shared<VirtualClock>();
    Outbox::Options options;
    std::unique_ptr<Outbox> outbox;
    Rig() {
        options.clock = clock;
        options.limits.max_age_days = 7;
        outbox = Outbox::open(dir / "outbox.db", options).value();
    }
    int64_t usage_after_caps() {
        auto q = OutboxQueue::open(dir / "outbox.db").value();
        REQUIRE(q.enforce_caps(options.limits, *clock).ok());
        return q.stats().value().by_class[int(Priority::Usage)];
    }
};
}  // namespace

TEST_CASE("a wall clock stepped a year forward does not evict records queued a minute ago") {
    Rig r;
    REQUIRE(r.outbox->post(usage(1)).ok());
    r.clock->advance(minutes(1));
    r.clock->step_wall(hours(24 * 365));
    REQUIRE(r.outbox->post(usage(2)).ok());
    CHECK(r.usage_after_caps() == 2);
}

TEST_CASE("after a wall clock step records still age by the time that really passed") {
    Rig r;
    REQUIRE(r.outbox->post(usage(1)).ok());
    r.clock->step_wall(hours(24 * 365));
    r.clock->advance(hours(24 * 8));
    REQUIRE(r.outbox->post(usage(2)).ok());
    // usage(1) is 8 days old by the steady clock: past the 7-day cap; usage(2) is new.
    CHECK(r.usage_after_caps() == 1);
}

TEST_CASE("a wall clock stepped back keeps every record and does not reset their ages") {
    Rig r;
    REQUIRE(r.outbox->post(usage(1)).ok());
    r.clock->advance(hours(24 * 5));
    REQUIRE(r.outbox->post(usage(2)).ok());
    r.clock->step_wall(-hours(24 * 30));
    r.clock->advance(hours(24 * 3));
    // Age on the outbox clock: usage(1) 5 days (the interval with the step back counts 0,
    // which keeps records longer, never shorter), usage(2) 0 days; none is evicted.
    CHECK(r.usage_after_caps() == 2);
    r.clock->advance(hours(24 * 3));
    // Three more days after the step: usage(1) is 8 days old now.
    CHECK(r.usage_after_caps() == 1);
}

TEST_CASE("an outbox written before the age clock keeps its records and ages them from the upgrade") {
    test::TempDir dir;
    {
        auto db = db::Database::open(dir / "outbox.db").value();
        REQUIRE(db.exec("CREATE TABLE outbox(id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, "
                        "kind TEXT NOT NULL, prio INTEGER NOT NULL, created_ms INTEGER NOT NULL, payload TEXT NOT NULL, "
                        "sealed INTEGER NOT NULL DEFAULT 0);"
                        "INSERT INTO outbox(key, kind, prio, created_ms, payload) VALUES('old-1', 'usage', 4, 1, '{}');")
                    .ok());
    }
    auto clock = std::make_shared<VirtualClock>();
    Outbox::Options o;
    o.clock = clock;
    o.limits.max_age_days = 7;
    auto outbox = Outbox::open(dir / "outbox.db", o).value();
    auto q = OutboxQueue::open(dir / "outbox.db").value();
    // Its wall stamp is from 1970, yet it was never seen aging: it stays.
    REQUIRE(q.enforce_caps(o.limits, *clock).ok());
    CHECK(q.stats().value().by_class[int(Priority::Usage)] == 1);
    clock->advance(hours(24 * 8));
    REQUIRE(q.enforce_caps(o.limits, *clock).ok());
    CHECK(q.stats().value().by_class[int(Priority::Usage)] == 0);
}
