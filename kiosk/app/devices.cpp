// Device factory: printer (CUPS or simulated), ID-card reader (serial or simulated) and QR
// scanner (serial, HID, window wedge, camera or simulated), with events posted to the UI.
#include "devices.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "base/log.h"
#include "drivers/idcard/reader_factory.h"
#include "drivers/idcard/serial_reader.h"
#include "drivers/idcard/sim_reader.h"
#include "drivers/idcard/sim_control.h"
#include "drivers/printer/print_service.h"
#include "drivers/printer/printer_factory.h"
#include "drivers/printer/sim_printer.h"
#include "drivers/scanner/sim_scanner.h"
#include "drivers/scanner/window_wedge_scanner.h"
#include "kiosk/app/app.h"
#include "kiosk/app/device_settings.h"

namespace kiosk {

using screens::AppEvent;

struct Devices::Impl {
    App* app = nullptr;
    std::unique_ptr<printer::PrintService> print;
    printer::SimPrinter* sim_printer = nullptr;  // when printer.driver = sim
    std::unique_ptr<idcard::IdCardReader> reader;
    std::unique_ptr<idcard::SimControl> card_sim;  // idcard-sim's control socket, if configured
    idcard::SimIdCardReader* sim_reader = nullptr;  // idcard.driver = sim (in memory)
    std::unique_ptr<scanner::Scanner> scanner;
    scanner::SimScanner* sim_scanner = nullptr;
    scanner::WindowWedgeScanner* wedge = nullptr;  // when scanner.driver = window
    std::mutex mutex;
    std::string current_job;  // the citizen's print job, cancelled when they leave
    std::string printer_driver, reader_driver, scanner_driver;
};

Devices::Devices(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Devices::~Devices() {
    if (m_impl->reader) m_impl->reader->stop();
    if (m_impl->scanner) m_impl->scanner->stop();
}

namespace {

std::string printer_message_key(const printer::PrinterStatus& s) {
    using C = printer::Condition;
    if (s.can_print()) return {};
    if (s.has(C::MediaEmpty)) return "printer.no_paper";
    if (s.has(C::MediaJam)) return "printer.jam";
    if (s.has(C::DoorOpen)) return "printer.door_open";
    if (s.has(C::TonerEmpty)) return "printer.no_toner";
    if (s.has(C::Offline)) return "printer.offline";
    if (s.has(C::Paused) || s.has(C::Stopped)) return "printer.paused";
    return "printer.attention";
}

}  // namespace

Result<std::unique_ptr<Devices>> Devices::create(App& app) {
    auto impl = std::make_unique<Impl>();
    impl->app = &app;
    const auto settings = device_settings(app.config());
    EventQueue* events = &app.events();

    // Printer and the print service (job records, recovery of unfinished jobs).
    impl->printer_driver = settings.printer.driver;
    if (impl->printer_driver != "none") {
        auto service = printer::create_print_service(settings.printer);
        if (!service) {
            // A kiosk without a working printer still serves guides and maps; the banner says so.
            LOG_ERROR("devices") << "printer unavailable: " << service.error().message;
        } else {
            impl->print = std::move(service.value());
            impl->sim_printer = dynamic_cast<printer::SimPrinter*>(&impl->print->printer());
            impl->print->printer().set_status_listener(
                [events](const printer::PrinterStatus&) { events->post({AppEvent::Kind::PrinterStatus, "printer"}); });
        }
    }

    // ID-card reader.
    impl->reader_driver = settings.idcard.driver;
    {
        auto reader = idcard::create_reader(settings.idcard);
        if (!reader) LOG_ERROR("devices") << "ID-card reader: " << reader.error().message;
        else impl->reader = std::move(reader.value());
        impl->sim_reader = dynamic_cast<idcard::SimIdCardReader*>(impl->reader.get());
        if (!settings.idcard_sim_control.empty())
            impl->card_sim = std::make_unique<idcard::SimControl>(settings.idcard_sim_control);
    }
    if (impl->reader)
        impl->reader->start([events](const idcard::ReaderEvent& e) { events->post(DeviceInput(e)); });

    // QR scanner.
    impl->scanner_driver = settings.scanner.driver;
    auto sc = scanner::create_scanner(settings.scanner);
    if (!sc) {
        LOG_ERROR("devices") << "scanner: " << sc.error().message;
    } else {
        impl->scanner = std::move(sc.value());
        impl->sim_scanner = dynamic_cast<scanner::SimScanner*>(impl->scanner.get());
        impl->wedge = dynamic_cast<scanner::WindowWedgeScanner*>(impl->scanner.get());
        // Raw output goes to the UI thread, where the app classifies it (device_input.cpp).
        impl->scanner->start([events](const scanner::ScanEvent& e) {
            if (e.kind != scanner::ScanEvent::Kind::StateChanged) events->post(DeviceInput(e));
        });
    }
    LOG_INFO("devices") << "printer: " << impl->printer_driver << ", ID card: " << impl->reader_driver
                        << ", scanner: " << impl->scanner_driver;
    return std::unique_ptr<Devices>(new Devices(std::move(impl)));
}

screens::AppStatus Devices::status() const {
    screens::AppStatus s;
    if (m_impl->print) {
        auto ps = m_impl->print->printer().status();
        s.printer_can_print = ps.can_print();
        s.printer_message_key = printer_message_key(ps);
    } else {
        s.printer_can_print = false;
        s.printer_message_key = "printer.offline";
    }
    s.reader_ready = m_impl->reader && m_impl->reader->state() == idcard::ReaderState::Ready;
    s.scanner_ready = m_impl->scanner && m_impl->scanner->state() == scanner::ScannerState::Ready;
    return s;
}

Status Devices::simulate_card(const std::string& name) {
    if (m_impl->sim_reader) return m_impl->sim_reader->place(name);
    if (m_impl->card_sim) {
        auto r = m_impl->card_sim->send("place " + name);
        if (!r) return r.error();
        return {};
    }
    return make_error(Errc::Unavailable, "the ID-card reader (idcard.driver=" + m_impl->reader_driver +
                                             ") cannot be simulated: set idcard.sim_control to an idcard-sim's socket");
}

Status Devices::simulate_card_removed() {
    if (m_impl->sim_reader) {
        m_impl->sim_reader->remove();
        return {};
    }
    if (m_impl->card_sim) {
        auto r = m_impl->card_sim->send("remove");
        if (!r) return r.error();
        return {};
    }
    return make_error(Errc::Unavailable, "the ID-card reader cannot be simulated (no idcard.sim_control)");
}

Status Devices::simulate_scan(const std::string& text) {
    if (!m_impl->sim_scanner)
        return make_error(Errc::Unavailable, "scanner.driver=" + m_impl->scanner_driver + " cannot be simulated (use sim)");
    if (!m_impl->sim_scanner->inject(text)) return make_error(Errc::DeviceNotReady, "the simulated scanner is not started");
    return {};
}

Status Devices::simulate_printer(const std::string& condition) {
    if (!m_impl->sim_printer)
        return make_error(Errc::Unavailable, "printer.driver=" + m_impl->printer_driver + " cannot be simulated (use sim)");
    using C = printer::Condition;
    static const std::map<std::string, std::vector<C>> kConditions = {
        {"ok", {}},
        {"media-empty", {C::MediaEmpty}},
        {"media-low", {C::MediaLow}},
        {"media-jam", {C::MediaJam}},
        {"door-open", {C::DoorOpen}},
        {"toner-low", {C::TonerLow}},
        {"toner-empty", {C::TonerEmpty}},
        {"offline", {C::Offline}},
        {"paused", {C::Paused}},
    };
    if (condition == "abort-next") {
        m_impl->sim_printer->abort_next_job();
        return {};
    }
    auto it = kConditions.find(condition);
    if (it == kConditions.end()) return make_error(Errc::InvalidInput, "unknown printer condition '" + condition + "'");
    m_impl->sim_printer->set_conditions(it->second);
    // The status listener posts the change; refresh now so the next frame shows it.
    (void)m_impl->sim_printer->refresh_status();
    m_impl->app->events().post({AppEvent::Kind::PrinterStatus, "printer"});
    return {};
}

namespace {
std::string typed_text(const std::vector<scanner::WedgeKey>& keys) {
    std::string out;
    for (const auto& k : keys)
        if (k.kind == scanner::WedgeKey::Kind::Text) out += k.text;
    return out;
}
}  // namespace

std::string Devices::filter_window_key(const SDL_Event& e) {
    if (e.type == SDL_TEXTINPUT && !m_impl->wedge) return e.text.text;
    if (!m_impl->wedge) return {};
    scanner::WedgeKey key;
    key.time = std::chrono::milliseconds(e.type == SDL_TEXTINPUT ? e.text.timestamp : e.key.timestamp);
    if (e.type == SDL_TEXTINPUT) {
        key.kind = scanner::WedgeKey::Kind::Text;
        key.text = e.text.text;
    } else if (e.type == SDL_KEYDOWN) {
        SDL_Keycode k = e.key.keysym.sym;
        key.kind = k == SDLK_RETURN || k == SDLK_KP_ENTER ? scanner::WedgeKey::Kind::Enter
                 : k == SDLK_TAB ? scanner::WedgeKey::Kind::Tab
                 : scanner::WedgeKey::Kind::Other;
        key.keycode = k;
        if (key.kind == scanner::WedgeKey::Kind::Other) return {};
    } else {
        return {};
    }
    return typed_text(m_impl->wedge->feed(key));
}

std::string Devices::poll_window_wedge(Uint32 now_ms) {
    if (!m_impl->wedge) return {};
    return typed_text(m_impl->wedge->poll(std::chrono::milliseconds(now_ms)));
}

void Devices::on_key(App& app, SDL_Keycode key, Uint16) {
    // Windowed demo: function keys stand in for devices (docs/demo.md). In production mode no
    // key does anything here (lockdown: a keyboard left attached must not steer the kiosk).
    if (!app.demo_mode()) return;
    Status r;
    switch (key) {
    case SDLK_F1: r = simulate_card("wang"); break;
    case SDLK_F2: r = simulate_card("li"); break;
    case SDLK_F3: r = simulate_card("zhao"); break;
    case SDLK_F4: r = simulate_card("bad"); break;
    case SDLK_F5: r = simulate_card_removed(); break;
    case SDLK_F6: r = simulate_scan("ZWCASE:1:SL20261120000123:8K3Q"); break;
    case SDLK_F7: r = simulate_printer("media-empty"); break;
    case SDLK_F8: r = simulate_printer("ok"); break;
    case SDLK_ESCAPE:
        // Lockdown: only a windowed demo closes with Escape; production ignores every key.
        if (app.demo_mode() && !app.config().boolean("display.fullscreen")) app.quit();
        break;
    default: break;
    }
    if (!r) LOG_WARN("devices") << r.error().message;
}

bool Devices::handle_request(App& app, const screens::Intent& i) {
    if (i.target != "print") return false;
    EventQueue* events = &app.events();
    if (i.kind == screens::Intent::Kind::CancelRequest) {
        std::lock_guard lock(m_impl->mutex);
        if (!m_impl->current_job.empty()) (void)m_impl->print->cancel(m_impl->current_job);
        return true;
    }
    if (!m_impl->print) {
        events->post({AppEvent::Kind::RequestUpdate, "print", "failed", false});
        return true;
    }
    printer::PrintOrder order;
    order.file_path = i.args.count("file") ? i.args.at("file") : "";
    order.name = i.args.count("name") ? i.args.at("name") : "document";
    order.copies = i.args.count("copies") ? std::max(1, std::atoi(i.args.at("copies").c_str())) : 1;
    auto id = m_impl->print->print(order, [events](const printer::JobRecord& rec) {
        using P = printer::JobPhase;
        bool ok = rec.phase != P::Failed && rec.phase != P::NeedsAttention && rec.phase != P::Canceled;
        std::string reason = rec.stopped_by ? printer::condition_name(*rec.stopped_by) : "";
        events->post({AppEvent::Kind::RequestUpdate, "print", printer::phase_name(rec.phase), ok, reason});
    });
    if (!id) {
        events->post({AppEvent::Kind::RequestUpdate, "print", "failed", false});
        return true;
    }
    std::lock_guard lock(m_impl->mutex);
    m_impl->current_job = id.value();
    return true;
}

// Certificates come from the platform and must not be on disk in clear (docs/app.md):
// the PDF goes into an anonymous memory file. The print service (and libcups, in this
// process) reads it through /proc/self/fd/N; nothing is ever linked into a directory.
Status Devices::print_from_memory(App& app, std::string_view pdf, const std::string& kind,
                                  std::function<void(const std::string& phase)> on_final, int copies) {
    EventQueue* events = &app.events();
    if (!m_impl->print) return make_error(Errc::Unavailable, "no printer");
    if (pdf.empty()) return make_error(Errc::InvalidInput, "empty document");
    int fd = ::memfd_create("kiosk-print", MFD_CLOEXEC);
    if (fd < 0) return make_error(Errc::Io, std::string("memfd_create: ") + std::strerror(errno));
    for (size_t done = 0; done < pdf.size();) {
        ssize_t n = ::write(fd, pdf.data() + done, pdf.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int err = errno;
            ::close(fd);
            return make_error(Errc::Io, std::string("memfd write: ") + std::strerror(err));
        }
        done += size_t(n);
    }
    // Closed once: when the printer has the job, or when it ends without getting there.
    auto memfd = std::make_shared<std::atomic<int>>(fd);
    auto close_memfd = [memfd] {
        int f = memfd->exchange(-1);
        if (f >= 0) ::close(f);
    };
    printer::PrintOrder order;
    order.file_path = "/proc/self/fd/" + std::to_string(fd);
    order.name = kind;
    order.copies = std::clamp(copies, 1, 99);
    auto id = m_impl->print->print(order, [events, close_memfd, on_final](const printer::JobRecord& rec) {
        using P = printer::JobPhase;
        bool ok = rec.phase != P::Failed && rec.phase != P::NeedsAttention && rec.phase != P::Canceled;
        if (rec.phase != P::Sending) close_memfd();
        std::string reason = rec.stopped_by ? printer::condition_name(*rec.stopped_by) : "";
        events->post({AppEvent::Kind::RequestUpdate, "print", printer::phase_name(rec.phase), ok, reason});
        if (printer::is_final(rec.phase) && on_final) on_final(printer::phase_name(rec.phase));
    });
    if (!id) {
        close_memfd();
        return id.error();
    }
    std::lock_guard lock(m_impl->mutex);
    m_impl->current_job = id.value();
    return {};
}

bool Devices::printer_prints_color() {
    if (!m_impl->print) return false;
    auto caps = m_impl->print->printer().capabilities();
    return caps && caps->color;
}

void Devices::on_session_end() {
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->print && !m_impl->current_job.empty()) {
        // The citizen left: a job still waiting (paper out, say) must not print for the next person.
        auto rec = m_impl->print->job(m_impl->current_job);
        if (rec && rec.value() && !printer::is_final(rec.value()->phase)) (void)m_impl->print->cancel(m_impl->current_job);
    }
    m_impl->current_job.clear();
}

Devices::Health Devices::health() const {
    using C = printer::Condition;
    Health h;
    if (m_impl->print) {
        auto ps = m_impl->print->printer().status();
        for (auto c : ps.conditions) h.printer_reasons.push_back(printer::condition_name(c));
        h.printer_state = ps.has(C::MediaEmpty) ? "no-paper"
                        : ps.has(C::DoorOpen)   ? "cover-open"
                        : ps.has(C::MediaJam)   ? "jam"
                        : ps.has(C::Offline)    ? "offline"
                        : !ps.can_print()       ? "error"
                        : ps.state == "processing" ? "printing"
                                                   : "idle";
    } else {
        h.printer_state = m_impl->printer_driver == "none" ? "none" : "offline";
    }
    h.reader = m_impl->reader ? idcard::reader_state_name(m_impl->reader->state()) : "none";
    h.scanner = m_impl->scanner ? scanner::scanner_state_name(m_impl->scanner->state()) : "none";
    return h;
}

std::string Devices::describe() const {
    return "printer: " + m_impl->printer_driver + ", idcard: " + m_impl->reader_driver + ", scanner: " + m_impl->scanner_driver;
}

}  // namespace kiosk
