// create_copier: configuration → SaneCopier or SimCopier.
#include "drivers/copier/copier_factory.h"

#include "drivers/copier/sane_copier.h"
#include "drivers/copier/sim_copier.h"

namespace kiosk::copier {

Result<std::unique_ptr<Copier>> create_copier(const CopierSettings& s) {
    if (s.driver == "sane") {
        SaneCopier::Options o;
        o.device = s.device;
        o.reconnect_interval = s.reconnect_interval;
        for (const auto& kv : s.sane_options) {
            auto eq = kv.find('=');
            if (eq == std::string::npos || eq == 0)
                return make_error(Errc::InvalidInput, "copier.sane_options: '" + kv + "' is not name=value");
            o.extra_options.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
        }
        auto c = TRY(SaneCopier::create(std::move(o)));
        return std::unique_ptr<Copier>(std::move(c));
    }
    if (s.driver == "sim") {
        SimCopier::Options o;
        o.marker_seed = s.sim_marker;
        o.scan_time = s.sim_scan_time;
        return std::unique_ptr<Copier>(std::make_unique<SimCopier>(o));
    }
    if (s.driver == "none") return make_error(Errc::NotFound, "no copier configured (copier.driver = none)");
    return make_error(Errc::InvalidInput, "unknown copier.driver '" + s.driver + "'");
}

}  // namespace kiosk::copier
