// Test helper: run the real kiosk binary headless with a script and read its UI dump.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "demo_mode.h"
#include "run_process.h"

namespace kiosk::test {

struct KioskRun {
    ProcessResult process;
    nlohmann::json dump;     ///< the final screen (--dump)
    std::string shots;       ///< the screenshots folder
};

/// Runs `kiosk --headless --script` on `script` text with a fresh state dir in `dir`, in demo
/// mode on simulators (demo_mode.h); `extra` comes after and may override any of it.
inline KioskRun run_kiosk(const TempDir& dir, const std::string& script, std::vector<std::string> extra = {}) {
    write_file(dir / "test.ks", script);
    std::vector<std::string> argv = {std::string(KIOSK_BIN_DIR) + "/kiosk", "--headless", "--state-dir", dir / "state",
                                     "--script", dir / "test.ks", "--screenshots", dir / "shots", "--dump",
                                     dir / "dump.json", "--log-level", "warn"};
    auto demo = demo_mode_args();
    argv.insert(argv.end(), demo.begin(), demo.end());
    argv.insert(argv.end(), extra.begin(), extra.end());
    KioskRun r;
    r.process = run_process(argv);
    r.shots = dir / "shots";
    auto text = read_file(dir / "dump.json");
    r.dump = nlohmann::json::parse(text, nullptr, false);
    return r;
}

}  // namespace kiosk::test
