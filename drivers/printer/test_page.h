// The technician's test page: a one-page PDF that shows the printer prints edges, lines and text, and which kiosk printed it.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace kiosk::printer {

/// Printed at the top of the test page (UTF-8; no personal data: the kiosk's id, its version,
/// the time, the printer's state).
struct TestPageInfo {
    std::string kiosk_id;
    std::string app_version;
    std::string time;  ///< "2026-12-05 12:30"
    std::vector<std::string> lines;  ///< more lines of facts ("printer: idle", "toner: 80%")
};

/// The PDF's bytes: a frame 10 mm inside the A4 edge (clipping shows), a grid of lines, the
/// facts, and a ruler of Latin and Chinese characters.
Result<std::string> test_page_pdf(const TestPageInfo& info);

}  // namespace kiosk::printer
