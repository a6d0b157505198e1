// create_printer / create_print_service: configuration → CupsPrinter or SimPrinter, and the service.
#include "drivers/printer/printer_factory.h"

#include <filesystem>

#include "drivers/printer/cups_module.h"
#include "drivers/printer/sim_printer.h"

namespace kiosk::printer {

Result<std::shared_ptr<Printer>> create_printer(const PrinterSettings& s, std::shared_ptr<Clock> clock) {
    if (s.driver == "cups") {
        if (s.uri.empty()) return make_error(Errc::InvalidInput, "printer.driver is cups but printer.uri is empty");
        CupsPrinter::Options o;
        o.destination = s.uri;
        o.poll_interval = s.poll_interval;
        // Through the kiosk_cups module: libcups is opened at run time (cups_module.h).
        auto p = TRY(create_cups_printer(o, std::move(clock)));
        return std::shared_ptr<Printer>(std::move(p));
    }
    if (s.driver == "sim") {
        SimPrinter::Options o;
        o.dir = s.sim_dir;
        auto p = TRY(SimPrinter::create(o, std::move(clock)));
        return std::shared_ptr<Printer>(std::move(p));
    }
    if (s.driver == "none") return make_error(Errc::NotFound, "no printer configured (printer.driver = none)");
    return make_error(Errc::InvalidInput, "unknown printer.driver '" + s.driver + "'");
}

Result<std::unique_ptr<PrintService>> create_print_service(const PrinterSettings& s, std::shared_ptr<Clock> clock) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(s.jobs_db).parent_path(), ec);
    if (ec) return make_error(Errc::Io, "cannot create the folder of " + s.jobs_db + ": " + ec.message());
    auto printer = TRY(create_printer(s, clock));
    PrintService::Options o;
    o.db_path = s.jobs_db;
    o.job_timeout = s.job_timeout;
    o.owner = s.job_owner;
    // A job's state is asked at least twice a second so "please take your document"
    // shows promptly, whatever the (status) poll interval.
    o.poll_interval = std::min(s.poll_interval, std::chrono::milliseconds(500));
    return PrintService::create(std::move(printer), o, std::move(clock));
}

}  // namespace kiosk::printer
