// libFuzzer target for the configuration loader: any TOML file (and any --set override) is a value or a clear error, never a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "kiosk/config/config.h"

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    if (data[0] & 1) {
        // An override, as `--set` passes it, on top of the defaults.
        auto cfg = config::Config::defaults();
        (void)cfg.set(text);
        (void)config::check_platform_url(cfg.str("platform.url"));
        return 0;
    }
    static const std::string path = "/tmp/kiosk-fuzz-config-" + std::to_string(getpid()) + ".toml";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
    auto cfg = config::Config::load(path);
    if (cfg) {
        // A file that loads is checked the way the kiosk checks it at start.
        (void)config::check_for_kiosk(*cfg);
        (void)config::check_platform_url(cfg->str("platform.url"));
        (void)cfg->state_dir();
    } else {
        if (cfg.error().message.empty()) std::abort();  // every refusal says why
    }
    return 0;
}
