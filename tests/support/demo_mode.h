// Test helper: the settings every test kiosk runs with. The built-in defaults are a hall's
// (real devices, https platform) and the kiosk refuses simulators outside demo mode, so tests
// say explicitly that they run a demo on simulators.
#pragma once

#include <string>
#include <vector>

namespace kiosk::test {

/// "section.key=value" assignments: demo mode, the simulated printer, ID-card reader,
/// scanner and copier, and a plain-http platform on loopback where nothing listens (tests that need a
/// platform set platform.url after these).
inline std::vector<std::string> demo_mode_sets() {
    return {"kiosk.mode=demo", "printer.driver=sim", "idcard.driver=sim", "scanner.driver=sim",
            "copier.driver=sim", "platform.url=http://127.0.0.1:8480"};
}

/// The same as command-line options: --set K=V ...
inline std::vector<std::string> demo_mode_args() {
    std::vector<std::string> a;
    for (auto& s : demo_mode_sets()) a.insert(a.end(), {"--set", s});
    return a;
}

}  // namespace kiosk::test
