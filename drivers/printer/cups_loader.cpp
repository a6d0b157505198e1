// The program side of the kiosk_cups module: opens it once (base/dynlib) and calls through its table.
#include "drivers/printer/cups_module.h"

#include "base/dynlib.h"

namespace kiosk::printer {

namespace {

const Result<const CupsModule*>& cups_module() {
    static const Result<const CupsModule*> module = []() -> Result<const CupsModule*> {
        void* entry = TRY(dynlib::open_module("kiosk_cups", "kiosk_cups_module"));
        auto* m = reinterpret_cast<const CupsModule* (*)()>(entry)();
        if (!m || m->abi != kCupsModuleAbi)
            return make_error(Errc::Unavailable, "program module kiosk_cups.so in " + dynlib::module_dir() +
                                                     " is from another version of the kiosk (reinstall the package)");
        return m;
    }();
    return module;
}

}  // namespace

Status preload_cups() {
    const auto& m = cups_module();
    if (!m) return m.error();
    return {};
}

Result<std::unique_ptr<Printer>> create_cups_printer(const CupsPrinter::Options& o, std::shared_ptr<Clock> clock) {
    const auto& m = cups_module();
    if (!m) return m.error();
    // The module's log is a copy of base/log: it logs at the program's level.
    (*m)->set_log_level(log::level());
    return (*m)->create(o, std::move(clock));
}

}  // namespace kiosk::printer
