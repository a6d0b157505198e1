// The kiosk_cups program module: CupsPrinter (libcups) behind the table of drivers/printer/cups_module.h.
#include "drivers/printer/cups_module.h"

namespace kiosk::printer {
namespace {

Result<std::unique_ptr<Printer>> create(const CupsPrinter::Options& o, std::shared_ptr<Clock> clock) {
    auto p = TRY(CupsPrinter::create(o, std::move(clock)));
    return std::unique_ptr<Printer>(std::move(p));
}

const CupsModule kModule{kCupsModuleAbi, &create, &log::set_level};

}  // namespace
}  // namespace kiosk::printer

// The only symbol the module exports (it is built with hidden visibility).
extern "C" __attribute__((visibility("default"))) const kiosk::printer::CupsModule* kiosk_cups_module() {
    return &kiosk::printer::kModule;
}
