// Fault (issue 12): a huge Retry-After overflowed when converted to milliseconds and the uploader retried at once.
#include <doctest/doctest.h>

#include "kiosk/sync/platform_client.h"
#include "kiosk/sync/uploader.h"
#include "sim_process.h"

using namespace kiosk;
using namespace kiosk::sync;
using namespace std::chrono_literals;

namespace {
/// Three records, an uploader whose back-off tops out at 5 s, and a 429 with `retry_after_s`.
UploaderStatus status_after_429(long long retry_after_s) {
    test::SimProcess sim;
    REQUIRE(sim.running());
    test::TempDir dir;
    Outbox::Options o;
    o.kiosk_id = "kiosk-test";
    o.seal_public_key_b64 = sim.settings().seal_public_key;
    auto outbox = Outbox::open(dir.path + "/outbox.db", o).value();
    for (int i = 0; i < 3; ++i)
        REQUIRE(outbox->post({"usage", Priority::Usage, "r" + std::to_string(i), "{\"i\":1}", {}}).ok());
    UploaderOptions uo;
    uo.databases = {dir.path + "/outbox.db"};
    uo.backoff_min = 10ms;
    uo.backoff_max = 5s;
    uo.idle_poll = 1s;
    auto s = sim.settings();
    s.token = "test-token";
    auto up = Uploader::create(s, uo).value();
    REQUIRE(sim.fault("429", 1, 0, "/api/v1/", retry_after_s));
    REQUIRE(up->start().ok());
    REQUIRE(test::eventually([&] { return up->status().failed_attempts >= 1; }));
    auto st = up->status();
    up->stop();
    return st;
}
}  // namespace

TEST_CASE("a Retry-After of 2^63-1 seconds makes the uploader wait its longest back-off, not retry at once") {
    auto st = status_after_429(9223372036854775807LL);
    CHECK(st.backoff == 5000ms);
}

TEST_CASE("a Retry-After of a year is clamped to the longest back-off") {
    auto st = status_after_429(365LL * 24 * 3600);
    CHECK(st.backoff == 5000ms);
}

TEST_CASE("a Retry-After of 2^63-1 seconds is read as the longest the kiosk accepts") {
    // LONG_MAX (also what strtol saturates to): no number of seconds the kiosk can multiply.
    test::SimProcess sim;
    REQUIRE(sim.running());
    auto client = PlatformClient::create(sim.settings()).value();
    REQUIRE(sim.fault("429", 1, 0, "/api/v1/", 9223372036854775807LL));
    auto r = client->upload({});
    REQUIRE_MESSAGE(r, r.error().message);
    CHECK(r->status == 429);
    CHECK(r->retry_after_s == kMaxRetryAfterS);
}
