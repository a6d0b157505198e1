// Fault 6 (issue 19): damaged databases are quarantined, not trusted; an emptied outbox is reported as loss; a rotten print journal does not stop printing.
#include <doctest/doctest.h>

#include "base/health.h"
#include "base/sqlite_db.h"
#include "fault_rig.h"
#include "kiosk/sync/outbox.h"

using namespace kiosk::test;
namespace fs = std::filesystem;
using kiosk::sync::Outbox;

namespace {
/// A real outbox with `n` usage records, closed (so the WAL is checkpointed into the file).
void make_outbox(const std::string& path, int n) {
    auto outbox = Outbox::open(path, {});
    REQUIRE(outbox);
    std::vector<kiosk::sync::Record> recs;
    for (int i = 0; i < n; ++i)
        recs.push_back({"usage", kiosk::sync::Priority::Usage, "", "{\"event\":\"open\",\"screen\":\"guide\",\"n\":" + std::to_string(i) + "}", {}});
    REQUIRE((*outbox)->post_many(recs));
}

bool condition_mentions(const std::string& id, const std::string& text) {
    for (const auto& c : kiosk::health::snapshot())
        if (c.id == id) return c.detail.find(text) != std::string::npos;
    return false;
}
}  // namespace

TEST_CASE("an outbox with an overwritten page is moved aside with a timestamp, a new one is made, and the loss is reported") {
    kiosk::health::reset();
    TempDir dir("fault-db");
    std::string path = dir / "outbox.db";
    make_outbox(path, 300);
    REQUIRE(fs::file_size(path) > 4 * 4096);
    overwrite_bytes(path, 2 * 4096, 4096);  // page 3: a leaf of the outbox table
    auto outbox = Outbox::open(path, {});
    REQUIRE_MESSAGE(outbox, (outbox ? "" : outbox.error().message));
    auto aside = files_starting(dir.path(), "outbox.db.damaged-");
    REQUIRE(aside.size() == 1);
    CHECK(kiosk::health::active("db.outbox.quarantined"));
    CHECK(condition_mentions("db.outbox.lost", "300"));
    // The new outbox works.
    CHECK((*outbox)->post({"rating", kiosk::sync::Priority::Rating, "", "{\"level\":5}", {}}));
    auto q = kiosk::sync::OutboxQueue::open(path);
    REQUIRE(q);
    CHECK(q->stats()->depth == 1);
}

TEST_CASE("an outbox truncated to 0 bytes where 300 records were queued is reported as a loss of 300 records") {
    kiosk::health::reset();
    TempDir dir("fault-db");
    std::string path = dir / "outbox.db";
    make_outbox(path, 300);
    truncate_file(path, 0);
    auto outbox = Outbox::open(path, {});
    REQUIRE(outbox);
    CHECK(condition_mentions("db.outbox.lost", "300"));
}

TEST_CASE("an outbox emptied by uploading is not mistaken for a loss") {
    kiosk::health::reset();
    TempDir dir("fault-db");
    std::string path = dir / "outbox.db";
    make_outbox(path, 10);
    {
        auto q = kiosk::sync::OutboxQueue::open(path);
        REQUIRE(q);
        auto batch = q->take_batch(100);
        std::vector<int64_t> ids;
        for (const auto& r : *batch) ids.push_back(r.id);
        REQUIRE(q->remove(ids));
    }
    auto outbox = Outbox::open(path, {});
    REQUIRE(outbox);
    CHECK_FALSE(kiosk::health::active("db.outbox.lost"));
    CHECK_FALSE(kiosk::health::active("db.outbox.quarantined"));
}

TEST_CASE("a file that is not a database at all is quarantined by open_checked and a sound one is left alone") {
    kiosk::health::reset();
    TempDir dir("fault-db");
    write_file(dir / "junk.db", std::string(8192, 'x'));
    kiosk::db::OpenCheck check;
    auto db = kiosk::db::Database::open_checked(dir / "junk.db", kiosk::db::Durability::Full, &check);
    REQUIRE(db);
    CHECK(check.quarantined);
    CHECK(fs::exists(check.moved_to));
    CHECK(kiosk::health::active("db.junk.quarantined"));
    kiosk::db::OpenCheck again;
    REQUIRE(kiosk::db::Database::open_checked(dir / "junk.db", kiosk::db::Durability::Full, &again));
    CHECK_FALSE(again.quarantined);
    CHECK(files_starting(dir.path(), "junk.db.damaged-").size() == 1);
}

TEST_CASE("a damaged print-jobs.db does not disable printing: kioskctl print still prints and the file is moved aside") {
    TempDir dir("fault-db");
    fs::create_directories(dir / "state");
    // A real journal with one job, then its header page overwritten.
    auto first = kioskctl({"--log-level", "off", "--state-dir", dir / "state", "--set", "printer.driver=sim", "print",
                           std::string(KIOSK_TEST_DATA) + "/pdf/one-page.pdf"});
    REQUIRE_MESSAGE(first.exit_code == 0, first.output);
    overwrite_bytes(dir / "state/print-jobs.db", 0, 100);
    auto r = kioskctl({"--log-level", "off", "--state-dir", dir / "state", "--set", "printer.driver=sim", "print",
                       std::string(KIOSK_TEST_DATA) + "/pdf/one-page.pdf"});
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    CHECK(r.output.find("printed") != std::string::npos);
    CHECK(files_starting(dir / "state", "print-jobs.db.damaged-").size() == 1);
}
