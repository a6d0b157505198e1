// The registry of app modules.
#include "module.h"

#include <algorithm>

namespace kiosk {

namespace {
std::vector<AppModule>& registry() {
    static std::vector<AppModule> r;
    return r;
}
}  // namespace

void register_module(AppModule m) {
    auto& r = registry();
    r.push_back(std::move(m));
    std::stable_sort(r.begin(), r.end(), [](const AppModule& a, const AppModule& b) { return a.order < b.order; });
}

const std::vector<AppModule>& modules() { return registry(); }

}  // namespace kiosk
