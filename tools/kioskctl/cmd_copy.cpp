// kioskctl copy --idcard|--page: the whole copy chain for technicians (scanner → card cut-out / page → PDF in a memfd → printer → outcome).
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "command.h"
#include "kiosk/app/device_settings.h"
#include "kiosk/copy/card_detect.h"
#include "kiosk/copy/copy_pdf.h"

namespace kiosk::ctl {
namespace {

int run_copy(Context& ctx);
const Register copy_cmd({"copy",
                         "copy --idcard [--watermark TEXT] [--copies N] [--printer URI|NAME] [--device SANE-NAME] [--timeout S]\n"
                         "copy --page [--pages N] [--color] [--copies N] [--printer URI|NAME] [--device SANE-NAME] [--timeout S]",
                         "Scan and print a copy (ID card both sides on one A4 page, or document pages) and wait for the outcome",
                         run_copy});

bool parse_int(const std::string& text, int lo, int hi, int& out) {
    char* end = nullptr;
    long v = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || !end || *end || v < lo || v > hi) return false;
    out = int(v);
    return true;
}

/// Between the two sides of a card a technician at the kiosk turns it over; in a script
/// (stdin not a terminal) the scan goes straight on.
void wait_for_turn() {
    if (!::isatty(0)) return;
    std::fprintf(stderr, "turn the card over and press Enter… ");
    int c;
    while ((c = std::getchar()) != EOF && c != '\n') {
    }
}

int run_copy(Context& ctx) {
    const Command& self = *std::find_if(commands().begin(), commands().end(), [](auto& c) { return c.name == "copy"; });
    bool idcard = ctx.take_flag("idcard"), page = ctx.take_flag("page"), color = ctx.take_flag("color");
    int copies = 1, pages = 1, timeout = 0;
    std::string watermark = ctx.take_option("watermark");
    if (auto c = ctx.take_option("copies"); !c.empty() && !parse_int(c, 1, 20, copies)) return usage_error(self, "--copies must be 1..20");
    if (auto c = ctx.take_option("pages"); !c.empty() && !parse_int(c, 1, 50, pages)) return usage_error(self, "--pages must be 1..50");
    auto ps = kiosk::printer_settings(ctx.config);
    timeout = int(ps.job_timeout.count());
    if (auto t = ctx.take_option("timeout"); !t.empty() && !parse_int(t, 1, 3600, timeout))
        return usage_error(self, "--timeout must be 1..3600 seconds");
    if (std::string dest = ctx.take_option("printer"); !dest.empty()) {
        ps.driver = dest.rfind("sim:", 0) == 0 ? "sim" : "cups";
        if (ps.driver == "sim") ps.sim_dir = dest.substr(4);
        else ps.uri = dest;
    }
    auto cs = kiosk::copier_settings(ctx.config);
    if (std::string dev = ctx.take_option("device"); !dev.empty()) cs.driver = "sane", cs.device = dev;
    if (idcard == page) return usage_error(self, "say --idcard or --page");
    if (!ctx.args.empty()) return usage_error(self, "unexpected argument " + ctx.args[0]);
    ps.job_timeout = std::chrono::seconds(timeout);

    auto scanner = copier::create_copier(cs);
    if (!scanner) return fail(scanner.error().message);
    auto& sc = **scanner;
    if (!copier::can_scan(sc.status().state))
        return fail("scanner " + sc.describe() + ": " + copier::copier_state_name(sc.status().state) + " " + sc.status().message);
    auto scan_fail = [&](const Error& e) {
        return fail("scan failed (" + std::string(copier::copier_state_name(sc.status().state)) + "): " + e.message);
    };

    Result<copy::PdfBytes> pdf = make_error(Errc::Internal, "");
    int sheets = 0;
    if (idcard) {
        int dpi = int(ctx.config.integer("copier.idcard_dpi"));
        copier::ScanImage sides[2];
        for (int i = 0; i < 2; ++i) {
            if (i == 1) wait_for_turn();
            auto s = sc.scan({0, 0, 105, 74, dpi, copier::ColorMode::Color});
            if (!s) return scan_fail(s.error());
            auto box = copy::find_card(*s);
            std::fprintf(stderr, "%s side: %s\n", i == 0 ? "front" : "back",
                         box ? "card found" : "no card edges found: the standard box at the glass corner");
            sides[i] = copy::crop_card(*s, box ? *box : copy::corner_box(*s));
        }
        pdf = copy::idcard_page(sides[0], sides[1], watermark, copier::ColorMode::Color);
        sheets = 1;
    } else {
        int dpi = int(ctx.config.integer("copier.page_dpi"));
        auto doc = copy::PagesPdf::create();
        if (!doc) return fail(doc.error().message);
        auto mode = color ? copier::ColorMode::Color : copier::ColorMode::Gray;
        for (int i = 0; i < pages; ++i) {
            auto s = sc.scan({0, 0, copy::kA4WidthMm, copy::kA4HeightMm, dpi, mode});
            if (!s) return scan_fail(s.error());
            copy::clean_page(*s);
            if (auto r = (*doc)->add(*s, mode); !r) return fail(r.error().message);
        }
        pdf = (*doc)->finish();
        sheets = pages;
    }
    if (!pdf) return fail(pdf.error().message);

    // The copy goes to the printer from an anonymous memory file, as the kiosk does.
    int fd = ::memfd_create("kioskctl-copy", MFD_CLOEXEC);
    if (fd < 0) return fail(std::string("memfd_create: ") + std::strerror(errno));
    for (size_t done = 0; done < pdf->size();) {
        ssize_t n = ::write(fd, pdf->data() + done, pdf->size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(std::string("memfd write: ") + std::strerror(errno));
        done += size_t(n);
    }
    auto svc = printer::create_print_service(ps);
    if (!svc) return fail(svc.error().message);
    auto id = (*svc)->print({"/proc/self/fd/" + std::to_string(fd), "copy", copies}, [](const printer::JobRecord& r) {
        std::fprintf(stderr, "job %s: %s%s%s\n", r.id.c_str(), printer::phase_name(r.phase), r.stopped_by ? " — " : "",
                     r.stopped_by ? printer::condition_name(*r.stopped_by) : "");
    });
    if (!id) return fail(id.error().message);
    auto r = (*svc)->wait(*id, std::chrono::seconds(timeout) + std::chrono::seconds(15));
    ::close(fd);
    if (!r) return fail(r.error().message);
    if (r->phase != printer::JobPhase::Done) return fail(std::string(printer::phase_name(r->phase)) + ": " + r->reason);
    std::printf("copied: %s, %d page(s) × %d (printer job %d on %s)\n", idcard ? "ID card" : "document", sheets, copies,
                r->printer_job_id, r->destination.c_str());
    return 0;
}

}  // namespace
}  // namespace kiosk::ctl
