// App module "copy": self-service copying (ID card both sides on one A4 page, document pages): scans in wiped memory, printed from a memfd, usage "copy, N pages".
#include <malloc.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>

#include "base/log.h"
#include "drivers/copier/copier_factory.h"
#include "drivers/copier/sim_copier.h"
#include "kiosk/app/app.h"
#include "kiosk/app/device_settings.h"
#include "kiosk/app/devices.h"
#include "kiosk/app/module.h"
#include "kiosk/copy/card_detect.h"
#include "kiosk/copy/copy_pdf.h"
#include "kiosk/screens/copy_data.h"
#include "kiosk/sync/outbox.h"
#include "kiosk/ui/pdf_render.h"

namespace kiosk {

namespace {

using screens::AppEvent;
constexpr const char* kTag = "copy";
/// The corner the citizen lays the card in, scanned for an ID card: the card (85.6 × 54)
/// and about 20 mm of slack each way for a card laid off the marks.
constexpr double kCornerW = 105, kCornerH = 74;

/// Everything scanned for the citizen: in mapped, wiped memory, until printed or wiped.
struct Copying {
    std::unique_ptr<copier::Copier> copier;
    copier::SimCopier* sim = nullptr;
    int idcard_dpi = 300, page_dpi = 200;
    std::mutex mutex;
    std::shared_ptr<copier::ScanImage> front, back;  ///< cut-out card sides
    std::unique_ptr<copy::PagesPdf> pages;           ///< document pages so far
    copier::ColorMode mode = copier::ColorMode::Gray;
    uint64_t generation = 0;
    bool wiper_registered = false;
};

Copying& state() {
    static Copying c;
    return c;
}

void forget() {
    std::lock_guard lock(state().mutex);
    state().front.reset();  // PixelBuffer wipes and unmaps
    state().back.reset();
    state().pages.reset();  // cairo's buffers and the PDF bytes so far (wiping allocator)
    ++state().generation;
}

void ensure_wiper(App& app) {
    auto& c = state();
    if (c.wiper_registered) return;
    c.wiper_registered = true;
    app.session_state().on_wipe([] {
        forget();
        state().wiper_registered = false;  // Session::wipe clears its wipers
        malloc_trim(0);
    });
}

AppEvent failed(const char* name, const std::string& word) { return AppEvent{AppEvent::Kind::RequestUpdate, name, "failed", false, word}; }

std::string scan_error_word(const Error& e, copier::CopierState s) {
    using S = copier::CopierState;
    if (e.code == Errc::HardwareError && s == S::NoDevice) return "gone";
    switch (s) {
    case S::NoDevice: return "no_scanner";
    case S::CoverOpen: return "cover_open";
    case S::Jammed: return "jammed";
    case S::Busy: return "busy";
    default: return "failed";
    }
}

/// Fits an image into max_w × max_h (box average), as ARGB for the screen.
std::shared_ptr<screens::CopyPreview> preview_of(const copier::ScanImage& img, int max_w, int max_h) {
    auto out = std::make_shared<screens::CopyPreview>();
    double k = std::min(double(max_w) / img.width, double(max_h) / img.height);
    out->width = std::max(1, int(img.width * k));
    out->height = std::max(1, int(img.height * k));
    out->pitch = out->width * 4;
    out->pixels.resize(size_t(out->pitch) * size_t(out->height));
    for (int y = 0; y < out->height; ++y)
        for (int x = 0; x < out->width; ++x) {
            int x0 = int(x / k), x1 = std::max(x0 + 1, std::min(img.width, int((x + 1) / k)));
            int y0 = int(y / k), y1 = std::max(y0 + 1, std::min(img.height, int((y + 1) / k)));
            unsigned r = 0, g = 0, b = 0, n = 0;
            for (int sy = y0; sy < y1; sy += std::max(1, (y1 - y0) / 3))
                for (int sx = x0; sx < x1; sx += std::max(1, (x1 - x0) / 3)) {
                    const uint8_t* p = img.row(sy) + size_t(sx) * size_t(img.channels);
                    r += p[0], g += p[img.channels == 3 ? 1 : 0], b += p[img.channels == 3 ? 2 : 0], ++n;
                }
            uint32_t argb = 0xFF000000u | ((r / n) << 16) | ((g / n) << 8) | (b / n);
            std::memcpy(out->pixels.data() + size_t(y) * size_t(out->pitch) + size_t(x) * 4, &argb, 4);
        }
    return out;
}

/// Page 1 of a PDF in memory drawn to fit (the ID-card page exactly as it will print).
std::shared_ptr<screens::CopyPreview> render_pdf(const copy::PdfBytes& pdf, int max_w, int max_h) {
    ui::PdfPageRequest req;
    req.bytes = std::string_view(reinterpret_cast<const char*>(pdf.data()), pdf.size());
    req.max_w = max_w;
    req.max_h = max_h;
    req.text_antialiasing = false;
    auto drawn = ui::render_pdf(req);
    if (!drawn) {
        LOG_WARN("copy") << "preview: " << drawn.error().message;
        return nullptr;
    }
    auto out = std::make_shared<screens::CopyPreview>();
    out->width = drawn->width;
    out->height = drawn->height;
    out->pitch = drawn->pitch;
    out->pixels.assign(drawn->pixels.begin(), drawn->pixels.end());
    secure_wipe(drawn->pixels.data(), drawn->pixels.size());  // the module's copy may show personal data
    out->pages = 1;
    return out;
}

void status_request(App& app, const screens::Intent&) {
    auto* copier = state().copier.get();
    Devices* devices = &app.devices();
    app.run_async([copier, devices]() -> AppEvent {
        auto info = std::make_shared<screens::CopyInfo>();
        auto st = copier ? copier->status().state : copier::CopierState::NoDevice;
        info->scanner_ready = copier && copier::can_scan(st);
        info->color = devices->printer_prints_color();
        return AppEvent{AppEvent::Kind::RequestUpdate, screens::kCopyStatus, copier ? copier::copier_state_name(st) : "none", true, info};
    });
}

void scan_request(App& app, const screens::Intent& i) {
    ensure_wiper(app);
    auto arg = [&](const char* k) { return i.args.count(k) ? i.args.at(k) : std::string(); };
    std::string what = arg("what");
    auto mode = arg("mode") == "color" ? copier::ColorMode::Color : copier::ColorMode::Gray;
    int w = std::clamp(std::atoi(arg("w").c_str()), 100, 4000), h = std::clamp(std::atoi(arg("h").c_str()), 100, 4000);
    auto& c = state();
    if (!c.copier) return app.events().post(failed(screens::kCopyScan, "no_scanner"));
    if (what != "front" && what != "back" && what != "page") return app.events().post(failed(screens::kCopyScan, "failed"));
    uint64_t gen;
    {
        std::lock_guard lock(c.mutex);
        if (what == "front") c.front.reset(), c.back.reset();
        if (what == "page" && !c.pages) c.mode = mode;
        gen = c.generation;
    }
    app.run_async([what, mode, w, h, gen]() -> AppEvent {
        auto& c = state();
        bool card = what != "page";
        copier::ScanRequest req;
        req.dpi = card ? c.idcard_dpi : c.page_dpi;
        req.width_mm = card ? kCornerW : copy::kA4WidthMm;
        req.height_mm = card ? kCornerH : copy::kA4HeightMm;
        // ID cards are scanned in colour (the cut-out needs the card's own colour against the
        // lid); the page is printed in the mode the citizen chose.
        req.mode = card ? copier::ColorMode::Color : mode;
        auto scan = c.copier->scan(req);
        if (!scan) {
            LOG_WARN(kTag) << "scan failed: " << scan.error().message;
            return failed(screens::kCopyScan, scan_error_word(scan.error(), c.copier->status().state));
        }
        std::lock_guard lock(c.mutex);
        if (gen != c.generation) return failed(screens::kCopyScan, "stale");
        if (!card) {
            copy::clean_page(*scan);
            if (!c.pages) {
                auto p = copy::PagesPdf::create();
                if (!p) return failed(screens::kCopyScan, "failed");
                c.pages = std::move(p.value());
            }
            if (auto r = c.pages->add(*scan, c.mode); !r) {
                LOG_ERROR(kTag) << "page not added: " << r.error().message;
                return failed(screens::kCopyScan, "failed");
            }
            auto pv = preview_of(*scan, w, h);
            pv->pages = c.pages->pages();
            return AppEvent{AppEvent::Kind::RequestUpdate, screens::kCopyScan, "done", true, pv};
        }
        auto box = copy::find_card(*scan);
        bool found = box.has_value();
        auto side = std::make_shared<copier::ScanImage>(copy::crop_card(*scan, found ? *box : copy::corner_box(*scan)));
        if (!side->valid()) return failed(screens::kCopyScan, "failed");
        std::shared_ptr<screens::CopyPreview> pv;
        if (what == "front") {
            c.front = side;
            pv = preview_of(*side, w, h);
        } else {
            if (!c.front) return failed(screens::kCopyScan, "nothing");
            c.back = side;
            auto pdf = copy::idcard_page(*c.front, *c.back, "", copier::ColorMode::Color);
            if (!pdf) return failed(screens::kCopyScan, "failed");
            pv = render_pdf(*pdf, w, h);
            if (!pv) return failed(screens::kCopyScan, "failed");
        }
        pv->pages = 1;
        pv->card_found = found;
        return AppEvent{AppEvent::Kind::RequestUpdate, screens::kCopyScan, "done", true, pv};
    });
}

/// The usage record: what and how many pages, nothing of the pages.
std::function<void(const std::string&)> usage_writer(App& app, int pages) {
    std::shared_ptr<sync::Outbox> outbox = app.app_services().outbox;
    return [outbox, pages](const std::string& phase) {
        if (!outbox || phase != "done") return;
        sync::Record r{"usage", sync::Priority::Usage, "", nlohmann::json{{"event", "copy"}, {"pages", pages}}.dump()};
        if (auto k = outbox->post(r); !k) LOG_WARN(kTag) << "usage record not saved: " << k.error().message;
    };
}

void print_request(App& app, const screens::Intent& i) {
    auto arg = [&](const char* k) { return i.args.count(k) ? i.args.at(k) : std::string(); };
    int copies = std::clamp(std::atoi(arg("copies").c_str()), 1, 20);
    std::string watermark = arg("watermark").substr(0, 120);
    auto& c = state();
    Result<copy::PdfBytes> pdf = make_error(Errc::NotFound, "nothing scanned");
    int pages = 0;
    {
        std::lock_guard lock(c.mutex);
        if (c.front && c.back) {
            pdf = copy::idcard_page(*c.front, *c.back, watermark, copier::ColorMode::Color);
            pages = 1;
        } else if (c.pages && c.pages->pages() > 0) {
            pages = c.pages->pages();
            pdf = c.pages->finish();
            c.pages.reset();
        }
    }
    if (!pdf) return app.events().post(failed(screens::kCopyPrint, "nothing"));
    auto r = app.devices().print_from_memory(app, std::string_view(reinterpret_cast<const char*>(pdf->data()), pdf->size()), "copy",
                                             usage_writer(app, pages * copies), copies);
    forget();  // the bytes are in the memfd now; the scans go
    if (!r) {
        LOG_ERROR(kTag) << "copy not printed: " << r.error().message;
        return app.events().post(failed(screens::kCopyPrint, r.error().code == Errc::Unavailable ? "no_printer" : "failed"));
    }
    app.events().post({AppEvent::Kind::RequestUpdate, screens::kCopyPrint, "sent", true});
}

Status start_copy(App& app) {
    auto& c = state();
    const auto& cfg = app.config();
    c.idcard_dpi = int(cfg.integer("copier.idcard_dpi"));
    c.page_dpi = int(cfg.integer("copier.page_dpi"));
    auto made = copier::create_copier(kiosk::copier_settings(cfg));
    if (!made) {
        // The kiosk goes on without copying; the copy screen says the scanner is unavailable.
        LOG_WARN(kTag) << "copier: " << made.error().message;
    } else {
        c.copier = std::move(made.value());
        c.sim = dynamic_cast<copier::SimCopier*>(c.copier.get());
        EventQueue* events = &app.events();
        c.copier->set_listener([events](const copier::CopierStatus& s) {
            events->post({AppEvent::Kind::RequestUpdate, "copy.device", copier::copier_state_name(s.state), copier::can_scan(s.state)});
        });
        LOG_INFO(kTag) << "copier: " << c.copier->describe();
    }
    // The script step `copier CONDITION` (simulated scanner faults).
    app.app_services().simulate_copier = [](const std::string& cond) -> Status {
        if (!state().sim) return make_error(Errc::Unavailable, "copier.driver is not sim: cannot simulate");
        return state().sim->set_condition(cond);
    };
    app.on_request(screens::kCopyStatus, status_request);
    app.on_request(screens::kCopyScan, scan_request);
    app.on_request(screens::kCopyPrint, print_request);
    app.on_request(screens::kCopyDiscard, [](App&, const screens::Intent&) { forget(); });
    return {};
}

}  // namespace

KIOSK_APP_MODULE(copy, {"copy", 40, [](App& app) -> Status { return start_copy(app); },
                        [](App&) {
                            forget();
                            state().sim = nullptr;
                            state().copier.reset();
                        }})

}  // namespace kiosk
