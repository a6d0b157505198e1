// The real printer (libcups) lives in the kiosk_cups program module, opened at run time: libcups and what it pulls in are not linked.
#pragma once

#include <memory>

#include "base/clock.h"
#include "base/log.h"
#include "drivers/printer/cups_printer.h"
#include "drivers/printer/printer.h"

namespace kiosk::printer {

/// CupsPrinter::create, through the kiosk_cups module (loaded on first use, once a process).
/// Why (issue 18): libcups brings gnutls, Kerberos and avahi, 18 of the kiosk's 121 shared
/// libraries; mapping and relocating them cost 20–28 ms of every start, before the first frame,
/// which needs no printer. Errors: CupsPrinter::create's, or Unavailable naming the module and
/// the folder searched when it is missing or from another build.
Result<std::unique_ptr<Printer>> create_cups_printer(const CupsPrinter::Options&, std::shared_ptr<Clock>);

/// Loads the module now (it is loaded on first use otherwise). Errors: as above.
Status preload_cups();

/// The C-ABI seam between the program and the module (modules/cups_module.cpp): the entry
/// `kiosk_cups_module` returns this table. Both are built from this header by the same build;
/// the module holds its own copy of the code it needs from base/ (log, secret), so the program
/// tells it the log level.
struct CupsModule {
    int abi;  ///< kCupsModuleAbi
    Result<std::unique_ptr<Printer>> (*create)(const CupsPrinter::Options&, std::shared_ptr<Clock>);
    void (*set_log_level)(log::Level);
};
constexpr int kCupsModuleAbi = 1;

}  // namespace kiosk::printer
