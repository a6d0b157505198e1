// Unit tests: printer-state-reasons keywords → Availability and Conditions.
#include <doctest/doctest.h>

#include "drivers/printer/status_mapping.h"

using namespace kiosk::printer;

TEST_CASE("a reason's -report, -warning and -error suffixes are stripped and give its severity") {
    auto r = parse_reason("media-empty-report");
    CHECK(r.keyword == "media-empty");
    CHECK(r.severity == Severity::Report);
    CHECK(r.condition == Condition::MediaEmpty);
    CHECK(parse_reason("toner-low-warning").severity == Severity::Warning);
    CHECK(parse_reason("toner-low-warning").condition == Condition::TonerLow);
    CHECK(parse_reason("door-open-error").condition == Condition::DoorOpen);
    CHECK(parse_reason("cover-open").severity == Severity::Error);  // no suffix: error (RFC 8011)
    CHECK(parse_reason("marker-supply-low-report").condition == Condition::TonerLow);
    CHECK(parse_reason("media-needed-warning").condition == Condition::MediaEmpty);
}

TEST_CASE("an unknown reason needs attention at warning or error severity and is ignored as a report") {
    CHECK(parse_reason("fuser-over-temp-error").condition == Condition::Attention);
    CHECK(parse_reason("fuser-over-temp-warning").condition == Condition::Attention);
    CHECK(!parse_reason("fuser-over-temp-report").condition.has_value());
    CHECK(!parse_reason("cups-waiting-for-job-completed").condition.has_value());
    CHECK(!parse_reason("none").condition.has_value());
}

TEST_CASE("no paper makes the printer unavailable even when reported at report severity") {
    auto s = make_status("idle", {"media-empty-report"}, "Idle.", {});
    CHECK(s.availability == Availability::Unavailable);
    CHECK(s.has(Condition::MediaEmpty));
    CHECK(s.blocking() == Condition::MediaEmpty);
    CHECK(!s.can_print());
}

TEST_CASE("toner low warns but the printer stays ready") {
    auto s = make_status("idle", {"toner-low-report"}, "", {});
    CHECK(s.availability == Availability::Ready);
    CHECK(s.has(Condition::TonerLow));
    CHECK(s.can_print());
}

TEST_CASE("a processing printer is busy and a stopped printer is unavailable") {
    CHECK(make_status("processing", {"none"}, "", {}).availability == Availability::Busy);
    auto s = make_status("stopped", {"paused"}, "", {});
    CHECK(s.availability == Availability::Unavailable);
    CHECK(s.has(Condition::Stopped));
    CHECK(s.has(Condition::Paused));
    CHECK(s.raw_reasons == std::vector<std::string>{"paused"});
}

TEST_CASE("an unreachable printer is unavailable and offline") {
    auto s = unreachable_status("connection refused");
    CHECK(s.availability == Availability::Unavailable);
    CHECK(s.conditions == std::vector<Condition>{Condition::Offline});
}

TEST_CASE("conditions are listed once each in a stable order") {
    auto s = make_status("idle", {"media-needed-warning", "toner-low-report", "media-empty-warning"}, "", {});
    CHECK(s.conditions == std::vector<Condition>{Condition::MediaEmpty, Condition::TonerLow});
}
