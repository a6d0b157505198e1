// The two checks every memory journey makes on the paused kiosk: the personal data is seen while
// it is in use (so a clean scan means something), and none of it is left afterwards.
#pragma once

#include <doctest/doctest.h>

#include <vector>

#include "journey_rig.h"

namespace kiosk::journeys::test {

/// Stops `pid` for one scan and requires that the scan can read the process and finds at least
/// one of `needles`: without this, the "gone" check below could pass on a blind scan.
inline void check_seen(pid_t pid, const std::vector<MemoryNeedle>& needles, const char* moment) {
    Paused stop(pid);
    auto scan = scan_memory(pid, needles);
    INFO(moment << ":\n" << scan.report());
    REQUIRE(scan.readable);
    CHECK(scan.total() > 0);
}

/// Stops `pid` for one scan and checks that no form of any needle is left in its memory.
inline void check_gone(pid_t pid, const std::vector<MemoryNeedle>& needles, const char* moment) {
    Paused stop(pid);
    auto scan = scan_memory(pid, needles);
    INFO(moment << ":\n" << scan.report());
    REQUIRE(scan.readable);
    for (const auto& n : needles) CHECK_MESSAGE(scan.count(n.what) == 0, n.what);
}

}  // namespace kiosk::journeys::test
