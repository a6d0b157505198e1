// App module "technician": the corner gesture that opens the PIN pad, the PIN check and its lockout,
// the technician screen's status and actions, and an audit record in the outbox for each of them.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/statvfs.h>

#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/log.h"
#include "base/secret.h"
#include "drivers/printer/test_page.h"
#include "kiosk/app/app.h"
#include "kiosk/app/devices.h"
#include "kiosk/app/module.h"
#include "kiosk/app/sync_services.h"
#include "kiosk/app/technician_lock.h"
#include "kiosk/config/technician_pin.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/content_store.h"
#include "kiosk/screens/technician_service.h"
#include "kiosk/sync/content_update.h"
#include "kiosk/sync/outbox.h"
#include "kiosk/sync/uploader.h"

namespace kiosk {

namespace {

using screens::AppEvent;
using nlohmann::json;

// How many print jobs the technician screen lists: enough to see a pattern of failures,
// few enough to fit beside everything else in portrait.
constexpr size_t kRecentJobs = 5;

struct TechnicianModule {
    std::string pin_hash;
    std::shared_ptr<PinLock> lock;
    bool active = false;      ///< UI thread: the PIN was accepted and the technician is in
    std::string exit_reason;  ///< UI thread: why technician mode is ending ("leave", "restart"; none: idle)
};

std::unique_ptr<TechnicianModule> g_tech;

/// One audit record: what happened at the machine, never the PIN. Blocking (a durable SQLite
/// write): from a worker, or from the UI thread only when the process ends right after.
void post_audit(const std::shared_ptr<sync::Outbox>& outbox, const json& payload) {
    LOG_INFO("technician") << "audit: " << payload.dump();
    if (!outbox) {
        LOG_ERROR("technician") << "no outbox: the audit record above is not kept";
        return;
    }
    sync::Record r{"technician-audit", sync::Priority::Audit, "", payload.dump()};
    if (auto k = outbox->post(r); !k) LOG_ERROR("technician") << "audit record not saved: " << k.error().message;
}

void audit_async(App& app, json payload) {
    auto outbox = app.app_services().outbox;
    auto uploader = app.app_services().uploader;
    app.run_async([outbox, uploader, payload] {
        post_audit(outbox, payload);
        if (uploader) uploader->wake();
        return AppEvent{AppEvent::Kind::RequestUpdate, "technician.audit", "queued", true};
    });
}

std::string local_time(int64_t wall_ms) {
    std::time_t t = std::time_t(wall_ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

/// Non-loopback IPv4 and IPv6 addresses of the interfaces that are up: "eth0 192.168.1.20".
std::vector<std::string> addresses() {
    std::vector<std::string> out;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return out;
    for (ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || !(a->ifa_flags & IFF_UP) || (a->ifa_flags & IFF_LOOPBACK)) continue;
        char buf[INET6_ADDRSTRLEN] = {};
        int family = a->ifa_addr->sa_family;
        if (family == AF_INET)
            ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, buf, sizeof buf);
        else if (family == AF_INET6)
            ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(a->ifa_addr)->sin6_addr, buf, sizeof buf);
        else
            continue;
        out.push_back(std::string(a->ifa_name) + " " + buf);
    }
    ::freeifaddrs(list);
    return out;
}

screens::TechnicianStatus status_of(App& app) {
    screens::TechnicianStatus s;
    auto h = app.devices().health();
    s.printer_state = h.printer_state;
    s.printer_reasons = h.printer_reasons;
    for (const auto& [name, level] : h.supplies) s.supplies.push_back({name, level});
    for (const auto& j : app.devices().recent_jobs(kRecentJobs)) s.recent_jobs.push_back({j.name, j.phase, j.reason, j.created_ms});
    s.reader = h.reader;
    s.scanner = h.scanner;
    if (app.app_services().outbox) {
        s.outbox_depth = 0;
        if (const auto& st = app.app_services().sync_status) {
            auto snap = st->get();
            s.outbox_depth = snap.depth;
            s.dead_letters = snap.dead_letters;
            s.outbox_alarm = snap.alarm;
            s.platform_online = snap.online;
            s.last_sync_ms = snap.last_success_ms;
        }
    }
    if (const auto& c = app.screen_services().content) s.content_version = c->version();
    s.addresses = addresses();
    struct statvfs fs {};
    if (::statvfs(app.config().state_dir().c_str(), &fs) == 0) {
        s.disk_free_mb = int64_t(fs.f_bavail) * int64_t(fs.f_frsize) / (1024 * 1024);
        s.disk_total_mb = int64_t(fs.f_blocks) * int64_t(fs.f_frsize) / (1024 * 1024);
    }
    s.app_version = KIOSK_VERSION;
    s.kiosk_id = app.config().str("kiosk.id");
    return s;
}

/// TechnicianService::check_pin: checked on a worker (Argon2id takes a tenth of a second or
/// more, which the UI thread must not spend). Replies RequestUpdate "technician.pin" with stage
/// "ok", "wrong" (payload int64_t: tries left) or "locked" (payload int64_t: wall ms it opens
/// again). The PIN is a Secret from the pad to crypto_pwhash_str_verify: never a request's
/// plain-string argument (2026-12-05: that copy outlived the technician's logout).
void check_pin(App& app, Secret pin) {
    auto lock = g_tech->lock;
    std::string hash = g_tech->pin_hash;
    auto outbox = app.app_services().outbox;
    auto uploader = app.app_services().uploader;
    app.run_async([lock, hash, outbox, uploader, pin = std::move(pin)] {
        auto reply = [&](const char* stage, bool ok, int64_t value) {
            if (uploader) uploader->wake();
            return AppEvent{AppEvent::Kind::RequestUpdate, "technician.pin", stage, ok, value};
        };
        auto st = lock->state();
        if (!st) {
            LOG_ERROR("technician") << "PIN lock state: " << st.error().message;
            return AppEvent{AppEvent::Kind::RequestUpdate, "technician.pin", "failed", false};
        }
        if (st->locked) {
            post_audit(outbox, {{"event", "pin-refused"}, {"locked_until_ms", st->locked_until_ms}});
            return reply("locked", false, st->locked_until_ms);
        }
        if (config::pin_matches(hash, pin.reveal())) {
            if (auto r = lock->record_success(); !r) LOG_ERROR("technician") << "PIN lock: " << r.error().message;
            post_audit(outbox, {{"event", "pin-accepted"}});
            return reply("ok", true, 0);
        }
        auto after = lock->record_failure();
        if (!after) {
            LOG_ERROR("technician") << "PIN lock: " << after.error().message;
            return AppEvent{AppEvent::Kind::RequestUpdate, "technician.pin", "failed", false};
        }
        if (after->locked) {
            post_audit(outbox, {{"event", "pin-rejected"}, {"attempts_left", 0}});
            post_audit(outbox, {{"event", "pin-locked"}, {"locked_until_ms", after->locked_until_ms}});
            return reply("locked", false, after->locked_until_ms);
        }
        post_audit(outbox, {{"event", "pin-rejected"}, {"attempts_left", after->attempts_left}});
        return reply("wrong", false, int64_t(after->attempts_left));
    });
}

void print_test_page(App& app) {
    auto h = app.devices().health();
    printer::TestPageInfo info;
    info.kiosk_id = app.config().str("kiosk.id");
    info.app_version = KIOSK_VERSION;
    info.time = local_time(app.clock().wall_ms());
    std::string reasons;
    for (const auto& r : h.printer_reasons) reasons += (reasons.empty() ? " (" : ", ") + r;
    info.lines.push_back("Printer: " + h.printer_state + (reasons.empty() ? "" : reasons + ")"));
    for (const auto& [name, level] : h.supplies)
        info.lines.push_back("Supply " + name + ": " + (level < 0 ? std::string("unknown") : std::to_string(level) + "%"));
    auto pdf = printer::test_page_pdf(info);
    Status r = pdf ? app.devices().print_from_memory(app, *pdf, "test-page") : Status(pdf.error());
    if (!r) {
        LOG_WARN("technician") << "test page not sent: " << r.error().message;
        app.events().post({AppEvent::Kind::RequestUpdate, "print", "failed", false});
    }
    audit_async(app, {{"event", "action"}, {"action", "test-page"}, {"result", r ? "sent" : "failed"}});
}

void retry_dead_letters(App& app) {
    auto outbox = app.app_services().outbox;
    auto uploader = app.app_services().uploader;
    app.run_async([outbox, uploader] {
        const char* name = "technician.retry-dead-letters";
        Result<int64_t> n = make_error(Errc::Unavailable, "no outbox");
        if (outbox) {
            // kioskctl outbox retry does the same on its own connection.
            auto q = sync::OutboxQueue::open(outbox->path());
            n = q ? q->retry_dead_letters() : Result<int64_t>(q.error());
        }
        if (!n) LOG_WARN("technician") << "dead letters not requeued: " << n.error().message;
        post_audit(outbox, {{"event", "action"}, {"action", "retry-dead-letters"}, {"result", n ? "done" : "failed"},
                            {"count", n ? *n : 0}});
        if (uploader) uploader->wake();
        return n ? AppEvent{AppEvent::Kind::RequestUpdate, name, "done", true, *n}
                 : AppEvent{AppEvent::Kind::RequestUpdate, name, "failed", false};
    });
}

/// Verifies the installed content (every file against its signed manifest) and asks the
/// platform for a newer version. Stage: "updated" (payload: the new version), "current",
/// "offline" (installed content fine, platform not reached), "damaged", "none".
void recheck_content(App& app) {
    std::string current = app.config().state_dir() + "/content/current";
    auto updater = app.app_services().content_updater;
    auto outbox = app.app_services().outbox;
    app.run_async([current, updater, outbox] {
        std::string installed;
        bool damaged = false;
        if (std::filesystem::exists(current)) {
            auto v = content::verify_bundle(current);
            if (v) installed = v->version;
            else {
                damaged = true;
                LOG_WARN("technician") << "installed content does not verify: " << v.error().message;
            }
        }
        std::string stage, version = installed;
        Result<sync::ContentUpdateResult> up = make_error(Errc::Unavailable, "content updates are off");
        if (updater) up = updater->update();
        if (up && up->updated) {
            stage = "updated";
            version = up->version;
        } else {
            if (!up) LOG_WARN("technician") << "content update: " << up.error().message;
            stage = damaged ? "damaged" : installed.empty() ? "none" : up ? "current" : "offline";
        }
        post_audit(outbox, {{"event", "action"}, {"action", "recheck-content"}, {"result", stage}, {"version", version}});
        return AppEvent{AppEvent::Kind::RequestUpdate, "technician.recheck-content", stage, stage != "damaged" && stage != "none",
                        version};
    });
}

/// "technician" {action}: test-page, retry-dead-letters, recheck-content, restart, leave.
/// Only while technician mode is open (after the PIN).
void handle_action(App& app, const screens::Intent& i) {
    std::string action = i.args.count("action") ? i.args.at("action") : "";
    if (!g_tech->active) {
        LOG_WARN("technician") << "action '" << action << "' refused: technician mode is not open";
        return;
    }
    if (action == "test-page") {
        print_test_page(app);
    } else if (action == "retry-dead-letters") {
        retry_dead_letters(app);
    } else if (action == "recheck-content") {
        recheck_content(app);
    } else if (action == "restart") {
        // Written now, on this thread: the process ends right after.
        auto outbox = app.app_services().outbox;
        post_audit(outbox, {{"event", "action"}, {"action", "restart"}, {"result", "done"}});
        post_audit(outbox, {{"event", "exit"}, {"reason", "restart"}});
        g_tech->active = false;
        // systemd starts the unit again (Restart=always; 75 is also RestartForceExitStatus). A
        // demo (a developer's window, a script) just ends.
        int code = app.demo_mode() ? 0 : kRestartExitCode;
        LOG_WARN("technician") << "restart requested at the machine; exiting with " << code;
        app.quit(code);
    } else if (action == "leave") {
        g_tech->exit_reason = "leave";
        app.end_session();
    } else {
        LOG_WARN("technician") << "unknown technician action '" << action << "'";
    }
}

Status start_technician(App& app) {
    const std::string& hash = app.config().str("technician.pin_hash");
    if (hash.empty()) {
        LOG_INFO("technician") << "no technician PIN (technician.pin_hash): the corner gesture does nothing";
        return {};
    }
    if (!config::is_pin_hash(hash))
        return make_error(Errc::InvalidInput, "technician.pin_hash is not an Argon2id hash; set it with kioskctl admin set-pin");
    auto lock = TRY(PinLock::open(app.config().state_dir() + "/technician.db", app.clock()));
    g_tech = std::make_unique<TechnicianModule>();
    g_tech->pin_hash = hash;
    g_tech->lock = std::move(lock);

    auto service = std::make_shared<screens::TechnicianService>();
    App* a = &app;
    service->status = [a] { return status_of(*a); };
    std::weak_ptr<PinLock> weak = g_tech->lock;
    service->pin_lock = [weak]() -> std::pair<int64_t, int> {
        auto lock = weak.lock();
        auto st = lock ? lock->state() : Result<PinLock::State>(make_error(Errc::Unavailable, "no lock"));
        if (!st) return {0, 0};
        return {st->locked_until_ms, st->attempts_left};
    };
    service->check_pin = [a](Secret pin) { check_pin(*a, std::move(pin)); };
    app.screen_services().technician = service;
    app.on_request("technician", handle_action);
    app.on_corner_hold([](App& app) {
        audit_async(app, {{"event", "pad-opened"}});
        app.navigate("technician_pin");
    });
    app.observe_events([](App&, const AppEvent& e) {
        if (!g_tech || e.kind != AppEvent::Kind::RequestUpdate || e.name != "technician.pin" || e.text != "ok") return;
        g_tech->active = true;
        g_tech->exit_reason.clear();
    });
    app.observe_navigation([](App& app, const std::string& screen) {
        if (!g_tech || !g_tech->active || screen != "home") return;
        g_tech->active = false;
        audit_async(app, {{"event", "exit"}, {"reason", g_tech->exit_reason.empty() ? "idle" : g_tech->exit_reason}});
    });
    LOG_INFO("technician") << "technician mode: hold the top-left corner of the home screen for "
                           << App::kCornerHold.count() << " s";
    return {};
}

}  // namespace

KIOSK_APP_MODULE(technician, {"technician", 30, [](App& app) -> Status { return start_technician(app); },
                              [](App& app) {
                                  app.on_corner_hold(nullptr);
                                  g_tech.reset();
                              }})

}  // namespace kiosk
