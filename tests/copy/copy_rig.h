// Copy journeys: the journey rig (platform-sim, idcard-sim, the real kiosk) plus SANE's test device and a real ippeveprinter.
#pragma once

#include <string>
#include <vector>

#include "ipp_fixture.h"
#include "journey_rig.h"
#include "sane_fixture.h"

namespace kiosk::copy::test {

/// The kiosk's --set arguments for the SANE test device (device() of SaneTestDir) with
/// these backend options, printing to `ipp`.
inline std::vector<std::string> sane_copier_args(const std::string& ipp_uri, const std::vector<std::string>& sane_options = {}) {
    std::string list = "[";
    for (size_t i = 0; i < sane_options.size(); ++i) list += (i ? ", \"" : "\"") + sane_options[i] + "\"";
    list += "]";
    return {"--set", "copier.driver=sane", "--set", "copier.device=" + copier::test::SaneTestDir::device(),
            "--set", "copier.sane_options=" + list, "--set", "printer.driver=cups", "--set", "printer.uri=" + ipp_uri};
}

/// The script's way to the ID-card copy's print button (both sides scanned).
inline const char* kIdCardScript = R"(
tap "复印"
wait-for "身份证复印" 10
tap "身份证复印"
expect "人像面朝下"
tap "扫描人像面"
wait-for "扫描国徽面" 20
tap "扫描国徽面"
wait-for "打印（1 页）" 20
)";

}  // namespace kiosk::copy::test
