// Maps IPP printer-state + printer-state-reasons keywords to the kiosk's Availability and Conditions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "drivers/printer/printer.h"

namespace kiosk::printer {

/// Splits "media-empty-warning" into {"media-empty", Warning, MediaEmpty}. A reason the
/// kiosk does not know becomes Attention at warning or error severity and is ignored
/// (no condition) at report severity, which is informational.
Reason parse_reason(std::string_view keyword);

/// Builds a status from what Get-Printer-Attributes said. `state` is "idle", "processing"
/// or "stopped"; `reasons` are the raw keywords ("none" is dropped).
///
/// Known faults that stop paper coming out (media-empty, media-needed, media-jam,
/// door-open, toner-empty, offline, paused) make the printer Unavailable at ANY severity,
/// including -report: ippeveprinter 2.4 (and the IPP Everywhere printers it models)
/// reports an empty idle tray as "media-empty-report" and then holds every job until
/// paper is loaded, so offering Print would strand the citizen (checked 2026-11-29).
PrinterStatus make_status(std::string_view state, const std::vector<std::string>& reasons,
                          std::string message, std::vector<Supply> supplies);

/// The status of a printer that did not answer.
PrinterStatus unreachable_status(std::string message);

}  // namespace kiosk::printer
