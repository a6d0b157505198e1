// Outbox storage: same-transaction enqueue, sealing before disk, caps by priority, alarm, dead letters.
#include <doctest/doctest.h>

#include <fstream>

#include "kiosk/sync/outbox.h"
#include "sim_process.h"

using namespace kiosk;
using namespace kiosk::sync;

namespace {
Record usage(int i) { return {"usage", Priority::Usage, "", "{\"event\":\"tap\",\"n\":" + std::to_string(i) + "}", {}}; }
Record audit(int i) { return {"print-audit", Priority::Audit, "audit-" + std::to_string(i), "{\"job\":" + std::to_string(i) + "}", {}}; }

std::string slurp_dir(const std::string& dir) {
    std::string all;
    for (auto& e : std::filesystem::directory_iterator(dir)) all += test::read_text(e.path().string());
    return all;
}
}  // namespace

TEST_CASE("a record enqueued in the caller's transaction commits and rolls back with the local change") {
    test::TempDir dir;
    auto outbox = Outbox::open(dir.path + "/outbox.db", {}).value();
    auto db = db::Database::open(dir.path + "/outbox.db").value();
    REQUIRE(db.exec("CREATE TABLE jobs(id INTEGER PRIMARY KEY)").ok());
    {
        auto tx = db::Transaction::begin(db).value();
        REQUIRE(db.exec("INSERT INTO jobs VALUES(1)").ok());
        REQUIRE(outbox->enqueue(db, audit(1)).ok());
        // destroyed without commit: both disappear
    }
    auto q = OutboxQueue::open(dir.path + "/outbox.db").value();
    CHECK(q.stats()->depth == 0);
    {
        auto tx = db::Transaction::begin(db).value();
        REQUIRE(db.exec("INSERT INTO jobs VALUES(2)").ok());
        REQUIRE(outbox->enqueue(db, audit(2)).ok());
        REQUIRE(tx.commit().ok());
    }
    CHECK(q.stats()->depth == 1);
    CHECK(q.take_batch(10)->at(0).key == "audit-2");
}

TEST_CASE("enqueue refuses a payload that is not a JSON object and re-queuing a key is a no-op") {
    test::TempDir dir;
    auto outbox = Outbox::open(dir.path + "/o.db", {}).value();
    CHECK(outbox->post({"usage", Priority::Usage, "", "[1,2]", {}}).error().code == Errc::InvalidInput);
    CHECK(outbox->post({"usage", Priority::Usage, "", "{broken", {}}).error().code == Errc::InvalidInput);
    CHECK(outbox->post({"", Priority::Usage, "", "{}", {}}).error().code == Errc::InvalidInput);
    REQUIRE(outbox->post(audit(7)).ok());
    REQUIRE(outbox->post(audit(7)).ok());
    CHECK(OutboxQueue::open(dir.path + "/o.db")->stats()->depth == 1);
}

TEST_CASE("personal data is sealed before it reaches the database file or its WAL") {
    test::TempDir dir;
    Outbox::Options o;
    o.seal_public_key_b64 = test::read_text(test::demo_assets() + "/keys/seal.pub");
    auto outbox = Outbox::open(dir.path + "/o.db", o).value();
    Record r{"print-audit", Priority::Audit, "p-1", "", Secret("{\"id_number\":\"110105198808081237\",\"name\":\"WANGCESHI\"}")};
    REQUIRE(outbox->post(r).ok());
    std::string raw = slurp_dir(dir.path);
    CHECK(raw.find("110105198808081237") == std::string::npos);
    CHECK(raw.find("WANGCESHI") == std::string::npos);
    auto rec = OutboxQueue::open(dir.path + "/o.db")->take_batch(1).value().at(0);
    CHECK(rec.sealed);
    auto plain = unseal(rec.payload, o.seal_public_key_b64, test::read_text(test::demo_assets() + "/keys/seal.key"));
    REQUIRE(plain.ok());
    CHECK(plain->reveal().find("110105198808081237") != std::string_view::npos);
}

TEST_CASE("a record with personal data is refused when no seal key is configured") {
    test::TempDir dir;
    auto outbox = Outbox::open(dir.path + "/o.db", {}).value();
    Record r{"print-audit", Priority::Audit, "", "", Secret("{\"id\":\"x\"}")};
    CHECK(outbox->post(r).error().code == Errc::InvalidInput);
}

TEST_CASE("the size cap evicts usage first, then health, and never audit records") {
    test::TempDir dir;
    Outbox::Options o;
    o.limits.max_records = 10;
    auto outbox = Outbox::open(dir.path + "/o.db", o).value();
    for (int i = 0; i < 4; ++i) REQUIRE(outbox->post(audit(i)).ok());
    for (int i = 0; i < 3; ++i) REQUIRE(outbox->post({"health", Priority::Health, "", "{}", {}}).ok());
    for (int i = 0; i < 6; ++i) REQUIRE(outbox->post(usage(i)).ok());
    auto q = OutboxQueue::open(dir.path + "/o.db").value();
    auto s = q.stats().value();
    CHECK(s.depth == 10);
    CHECK(s.by_class[int(Priority::Audit)] == 4);
    CHECK(s.by_class[int(Priority::Health)] == 3);
    CHECK(s.by_class[int(Priority::Usage)] == 3);
    CHECK(s.evicted[int(Priority::Usage)] == 3);
    CHECK_FALSE(s.alarm);
    // Now only audit: usage and health go, then the alarm instead of dropping audit.
    for (int i = 4; i < 14; ++i) REQUIRE(outbox->post(audit(i)).ok());
    s = q.stats().value();
    CHECK(s.by_class[int(Priority::Audit)] == 14);
    CHECK(s.by_class[int(Priority::Usage)] == 0);
    CHECK(s.by_class[int(Priority::Health)] == 0);
    CHECK(s.alarm);
}

TEST_CASE("the age cap drops old usage records but keeps old audit records") {
    test::TempDir dir;
    auto clock = std::make_shared<VirtualClock>();
    Outbox::Options o;
    o.clock = clock;
    o.limits.max_age_days = 7;
    auto outbox = Outbox::open(dir.path + "/o.db", o).value();
    REQUIRE(outbox->post(usage(1)).ok());
    REQUIRE(outbox->post(audit(1)).ok());
    clock->advance(std::chrono::hours(24 * 8));
    REQUIRE(outbox->post(usage(2)).ok());
    auto q = OutboxQueue::open(dir.path + "/o.db").value();
    REQUIRE(q.enforce_caps(o.limits, *clock).ok());
    auto s = q.stats().value();
    CHECK(s.by_class[int(Priority::Usage)] == 1);
    CHECK(s.by_class[int(Priority::Audit)] == 1);
}

TEST_CASE("batches come in upload order: call-staff first, then audit, then the rest by age") {
    test::TempDir dir;
    auto outbox = Outbox::open(dir.path + "/o.db", {}).value();
    REQUIRE(outbox->post(usage(1)).ok());
    REQUIRE(outbox->post(audit(1)).ok());
    REQUIRE(outbox->post({"call-staff", Priority::CallStaff, "call-1", "{\"location\":\"A\"}", {}}).ok());
    auto b = OutboxQueue::open(dir.path + "/o.db")->take_batch(10).value();
    REQUIRE(b.size() == 3);
    CHECK(b[0].kind == "call-staff");
    CHECK(b[1].kind == "print-audit");
    CHECK(b[2].kind == "usage");
}

TEST_CASE("dead letters are listed and can be put back in the queue") {
    test::TempDir dir;
    auto outbox = Outbox::open(dir.path + "/o.db", {}).value();
    REQUIRE(outbox->post(audit(1)).ok());
    auto q = OutboxQueue::open(dir.path + "/o.db").value();
    auto id = q.take_batch(1)->at(0).id;
    REQUIRE(q.dead_letter({{id, "unknown kind"}}, 5).ok());
    CHECK(q.stats()->depth == 0);
    auto dl = q.dead_letters().value();
    REQUIRE(dl.size() == 1);
    CHECK(dl[0].reason == "unknown kind");
    CHECK(dl[0].record.key == "audit-1");
    CHECK(q.retry_dead_letters().value() == 1);
    CHECK(q.stats()->depth == 1);
    CHECK(q.stats()->dead_letters == 0);
}
