// Fault 2 (issue 19): platform replies classified by what they mean — one named record is dead-lettered, anything else keeps the records.
#include <doctest/doctest.h>

#include "base/health.h"
#include "fault_rig.h"
#include "kiosk/sync/outbox.h"
#include "kiosk/sync/uploader.h"

using namespace kiosk::test;
using nlohmann::json;

namespace {
ProcessResult ctl(const TempDir& dir, const std::string& url, std::vector<std::string> args) {
    std::filesystem::create_directories(dir / "state");
    std::vector<std::string> a = {"--log-level", "off", "--state-dir", dir / "state", "--set", "platform.url=" + url};
    a.insert(a.end(), args.begin(), args.end());
    return kioskctl(a);
}
/// The last line of the output that is JSON (kioskctl --json prints one).
json last_json_line(const std::string& out) {
    json found;
    for (size_t p = 0; p < out.size();) {
        size_t q = out.find('\n', p);
        if (q == std::string::npos) q = out.size();
        auto j = json::parse(out.substr(p, q - p), nullptr, false);
        if (!j.is_discarded() && (j.is_object() || j.is_array())) found = j;
        p = q + 1;
    }
    return found;
}
}  // namespace

TEST_CASE("a wrong platform path (404 for every batch) keeps all 300 records, dead-letters none, and sync now exits non-zero") {
    TempDir dir("fault-replies");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    REQUIRE(ctl(dir, sim.url(), {"outbox", "load", "300"}).exit_code == 0);
    auto r = ctl(dir, sim.url() + "/wrong-path", {"sync", "now", "--json"});
    CHECK_MESSAGE(r.exit_code != 0, r.output);
    auto j = last_json_line(r.output);
    REQUIRE_MESSAGE(j.is_object(), r.output);
    CHECK(j["remaining"] == 300);
    CHECK(j["dead_lettered"] == 0);
    CHECK(j["complete"] == false);
    auto stats = last_json_line(ctl(dir, sim.url(), {"outbox", "stats", "--json"}).output);
    CHECK(stats["depth"] == 300);
    CHECK(stats["dead_letters"] == 0);
}

TEST_CASE("a storm of 503s stops the batch and keeps every record; the next sync uploads them all") {
    TempDir dir("fault-replies");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    REQUIRE(ctl(dir, sim.url(), {"outbox", "load", "50"}).exit_code == 0);
    REQUIRE(sim.fault("503", 1, "/api/v1/records"));
    auto r = ctl(dir, sim.url(), {"sync", "now", "--json"});
    CHECK(r.exit_code != 0);
    CHECK(last_json_line(r.output)["remaining"] == 50);
    auto again = ctl(dir, sim.url(), {"sync", "now", "--json"});
    CHECK_MESSAGE(again.exit_code == 0, again.output);
    CHECK(last_json_line(again.output)["uploaded"] == 50);
    CHECK(sim.stats()["unique"] == 50);
}

TEST_CASE("a 422 that names one record of the batch dead-letters that record only and uploads the rest") {
    TempDir dir("fault-replies");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    REQUIRE(ctl(dir, sim.url(), {"outbox", "load", "5"}).exit_code == 0);
    std::string blamed;
    {
        auto q = kiosk::sync::OutboxQueue::open(dir / "state/outbox.db");
        REQUIRE(q);
        auto batch = q->take_batch(200);
        REQUIRE(batch);
        REQUIRE(batch->size() == 5);
        blamed = batch->back().key;  // platform-sim's blame-record fault names the batch's last record
    }
    REQUIRE(sim.fault("blame-record", 1, "/api/v1/records"));
    auto r = ctl(dir, sim.url(), {"sync", "now", "--json"});
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    auto dead = last_json_line(ctl(dir, sim.url(), {"outbox", "dead-letters", "--json"}).output);
    REQUIRE(dead.size() == 1);
    CHECK(dead[0]["key"] == blamed);
    CHECK(sim.stats()["unique"] == 4);
}

TEST_CASE("an uploader refused by the platform raises a health condition, and clears it once batches are accepted") {
    kiosk::health::reset();
    TempDir dir("fault-replies");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    std::string db = dir / "outbox.db";
    {
        auto outbox = kiosk::sync::Outbox::open(db, {});
        REQUIRE(outbox);
        REQUIRE((*outbox)->post({"usage", kiosk::sync::Priority::Usage, "", "{\"n\":1}", {}}));
    }
    kiosk::sync::UploaderOptions o;
    o.databases = {db};
    auto wrong = sim.settings();
    wrong.base_url += "/wrong-path";
    auto up = kiosk::sync::Uploader::create(wrong, o);
    REQUIRE(up);
    auto r = (*up)->drain_now();
    CHECK_FALSE(r.complete);
    CHECK(r.refused);
    CHECK(kiosk::health::active("platform.refused"));
    CHECK((*up)->status().link == kiosk::sync::Link::Refused);
    auto right = kiosk::sync::Uploader::create(sim.settings(), o);
    REQUIRE(right);
    CHECK((*right)->drain_now().complete);
    CHECK_FALSE(kiosk::health::active("platform.refused"));
}

TEST_CASE("platform-sim reads the body of a refused request, so the next request on the same connection is answered") {
    TempDir dir("fault-replies");
    PlatformSim sim(dir);
    REQUIRE(sim.port > 0);
    auto client = kiosk::sync::HttpClient::create(sim.settings());
    REQUIRE(client);
    // A batch big enough that an unread body holds whole "request lines" of junk.
    std::string body = "{\"kiosk_id\":\"k\",\"records\":[";
    for (int i = 0; i < 200; ++i)
        body += std::string(i ? "," : "") + "{\"key\":\"k-" + std::to_string(i) +
                "\",\"kind\":\"usage\",\"class\":\"usage\",\"created_ms\":1,\"payload\":{\"event\":\"x\"}}";
    body += "]}";
    REQUIRE(sim.fault("500", 1, "/api/v1/records"));
    auto first = (*client)->request("POST", "/api/v1/records", body);
    REQUIRE(first);
    CHECK(first->status == 500);
    // The same handle: libcurl reuses the kept-alive connection.
    auto second = (*client)->request("POST", "/api/v1/records", body);
    REQUIRE(second);
    CHECK(second->status == 200);
    auto third = (*client)->request("POST", "/api/v1/heartbeat", "{\"kiosk_id\":\"k\"}");
    REQUIRE(third);
    CHECK(third->status == 200);
}
