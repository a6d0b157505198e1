// Reads the copier.* keys of config::Config into CopierSettings (header-only; drivers never include kiosk/).
#pragma once

#include "drivers/copier/copier_factory.h"
#include "kiosk/config/config.h"

namespace kiosk::copier {

inline CopierSettings copier_settings(const config::Config& c) {
    CopierSettings s;
    s.driver = c.str("copier.driver");
    s.device = c.str("copier.device");
    s.sane_options = c.list("copier.sane_options");
    s.sim_marker = c.str("copier.sim_marker");
    return s;
}

}  // namespace kiosk::copier
