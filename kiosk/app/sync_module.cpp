// App module "sync": the outbox, uploader, content updates and heartbeat wired into the kiosk;
// ratings (好差评), calls for staff (呼叫帮办), usage statistics and remote commands.
#include <sys/statvfs.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "base/log.h"
#include "kiosk/app/app.h"
#include "kiosk/app/devices.h"
#include "kiosk/app/module.h"
#include "kiosk/app/sync_services.h"
#include "kiosk/content/content_store.h"
#include "kiosk/sync/content_update.h"
#include "kiosk/sync/heartbeat.h"
#include "kiosk/sync/outbox.h"
#include "kiosk/sync/platform_client.h"
#include "kiosk/sync/uploader.h"

namespace kiosk {

namespace {

using screens::AppEvent;

// A notice without an end time (until_ms 0) stays this long: long enough for a morning's
// announcement, short enough that a forgotten one does not stay for days.
constexpr std::chrono::hours kDefaultNoticeDuration{4};

/// A call for staff that only reached the outbox: sent directly again (same key, counted
/// once by the platform) when the uploader is back online, so the screen can show the ticket.
struct PendingCall {
    std::string key, location, reason;
};

/// Everything the module owns; one per app, reached through a static pointer because
/// AppModule's start/stop are plain functions.
struct SyncModule {
    std::shared_ptr<sync::Outbox> outbox;
    std::shared_ptr<sync::Uploader> uploader;
    std::unique_ptr<sync::ContentUpdater> content;
    std::unique_ptr<sync::Heartbeat> heartbeat;
    std::shared_ptr<SyncStatus> status = std::make_shared<SyncStatus>();
    sync::PlatformSettings settings;
    std::string location;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

    std::mutex mutex;  // guards the fields below (uploader, heartbeat and UI threads)
    std::optional<PendingCall> pending_call;
    std::string content_version;
};

std::unique_ptr<SyncModule> g_module;

int64_t free_disk_mb(const std::string& path) {
    struct statvfs st {};
    if (statvfs(path.c_str(), &st) != 0) return -1;
    return int64_t(st.f_bavail) * int64_t(st.f_frsize) / (1024 * 1024);
}

std::string content_version_of(App& app) {
    const auto& store = app.screen_services().content;
    return store ? store->version() : std::string();
}

/// Sends a call directly: "sent" with the ticket, or `offline_stage` and the call is kept
/// as pending (resent when the uploader is online again). Runs on a worker.
AppEvent call_directly(const sync::PlatformSettings& settings, const PendingCall& call, const char* offline_stage) {
    auto client = sync::PlatformClient::create(settings);
    if (client) {
        auto reply = (*client)->call_staff(call.key, call.location, call.reason);
        if (reply) {
            LOG_INFO("sync") << "call for staff answered, ticket " << reply->ticket;
            return AppEvent{AppEvent::Kind::RequestUpdate, "call_staff", "sent", true, reply->ticket};
        }
        LOG_WARN("sync") << "call for staff not answered now (" << reply.error().message << "); it stays in the outbox";
    }
    if (g_module) {
        std::lock_guard lock(g_module->mutex);
        g_module->pending_call = call;
    }
    return AppEvent{AppEvent::Kind::RequestUpdate, "call_staff", offline_stage, true};
}

void handle_rate(App& app, const screens::Intent& i) {
    auto get = [&](const char* k) { return i.args.count(k) ? i.args.at(k) : std::string(); };
    int level = std::atoi(get("level").c_str());
    if (level < 1 || level > 5) {
        app.events().post({AppEvent::Kind::RequestUpdate, "rate", "failed", false});
        return;
    }
    nlohmann::json reasons = nlohmann::json::array();
    std::string list = get("reasons");
    for (size_t p = 0; !list.empty() && p <= list.size();) {
        size_t q = list.find(',', p);
        if (q == std::string::npos) q = list.size();
        if (q > p) reasons.push_back(list.substr(p, q - p));
        p = q + 1;
    }
    std::string service = get("service").empty() ? "kiosk" : get("service");
    // No personal data: the level, reason codes and the service's name only.
    sync::Record r{"rating", sync::Priority::Rating, "",
                   nlohmann::json{{"service", service}, {"level", level}, {"reasons", reasons}}.dump()};
    auto outbox = g_module->outbox;
    auto uploader = g_module->uploader;
    app.run_async([r, outbox, uploader] {
        auto key = outbox->post(r);
        if (!key) {
            LOG_ERROR("sync") << "rating not saved: " << key.error().message;
            return AppEvent{AppEvent::Kind::RequestUpdate, "rate", "failed", false};
        }
        if (uploader) uploader->wake();
        return AppEvent{AppEvent::Kind::RequestUpdate, "rate", "done", true};
    });
}

void handle_call_staff(App& app, const screens::Intent& i) {
    std::string reason = i.args.count("reason") ? i.args.at("reason") : "";
    auto outbox = g_module->outbox;
    auto uploader = g_module->uploader;
    std::string location = g_module->location;
    sync::PlatformSettings settings = g_module->settings;
    app.run_async([outbox, uploader, location, reason, settings] {
        // The outbox first: whatever happens to the direct call, the call is not lost.
        sync::Record r{"call-staff", sync::Priority::CallStaff, "",
                       nlohmann::json{{"location", location}, {"reason", reason}}.dump()};
        auto key = outbox->post(r);
        if (!key) {
            LOG_ERROR("sync") << "call for staff not saved: " << key.error().message;
            // Not queued: try the platform anyway, but never claim it was recorded.
            PendingCall direct{"", location, reason};
            auto client = sync::PlatformClient::create(settings);
            if (client) {
                direct.key = settings.kiosk_id + "-call-" + std::to_string(system_clock()->wall_ms());
                if (auto reply = (*client)->call_staff(direct.key, location, reason))
                    return AppEvent{AppEvent::Kind::RequestUpdate, "call_staff", "sent", true, reply->ticket};
            }
            return AppEvent{AppEvent::Kind::RequestUpdate, "call_staff", "failed", false};
        }
        PendingCall call{*key, location, reason};
        if (uploader) uploader->wake(sync::Uploader::Urgency::Urgent);
        return call_directly(settings, call, "queued");
    });
}

/// The uploader's status changed (uploader thread): snapshot for the UI and, while the link
/// is up, a pending call for staff is sent directly again (for the ticket on screen).
void on_uploader_status(App* app, const sync::UploaderStatus& s) {
    g_module->status->set({s.link == sync::Link::Online, s.depth, s.dead_letters, s.alarm});
    std::optional<PendingCall> resend;
    {
        std::lock_guard lock(g_module->mutex);
        if (s.link == sync::Link::Online && g_module->pending_call) {
            resend = std::move(g_module->pending_call);
            g_module->pending_call.reset();
        }
    }
    if (resend) {
        auto settings = g_module->settings;
        app->run_async([settings, call = *resend] { return call_directly(settings, call, "queued"); });
    }
}

sync::DeviceHealth device_health(App* app) {
    sync::DeviceHealth h;
    auto d = app->devices().health();
    h.printer_state = d.printer_state;
    h.printer_reasons = d.printer_reasons;
    h.idcard_reader = d.reader;
    h.scanner = d.scanner;
    h.app_version = KIOSK_VERSION;
    h.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - g_module->started).count();
    h.free_disk_mb = free_disk_mb(app->config().state_dir());
    std::lock_guard lock(g_module->mutex);
    h.content_version = g_module->content_version;
    return h;
}

/// Remote commands arrive on the heartbeat thread; what touches the app goes to the UI thread.
void on_command(App* app, const sync::RemoteCommand& c) {
    if (c.kind == "refresh-content") {
        // The heartbeat has run the update; the content module notices the new version.
        return;
    }
    if (c.kind == "show-notice") {
        int64_t until = c.until_ms > 0 ? c.until_ms
                                       : system_clock()->wall_ms() +
                                             std::chrono::duration_cast<std::chrono::milliseconds>(kDefaultNoticeDuration).count();
        app->events().post({AppEvent::Kind::Notice, "remote", c.text, true, until});
        return;
    }
    if (c.kind == "restart") {
        app->events().post({AppEvent::Kind::Notice, "restart", "", true});
        return;
    }
    LOG_WARN("sync") << "unknown remote command '" << c.kind << "' ignored";
}

/// UI thread: notices, restart, content version.
void on_app_event(App& app, const AppEvent& e) {
    if (e.kind == AppEvent::Kind::ContentChanged) {
        std::string v = content_version_of(app);
        std::lock_guard lock(g_module->mutex);
        g_module->content_version = v;
        return;
    }
    if (e.kind != AppEvent::Kind::Notice) return;
    if (e.name == "restart") {
        LOG_WARN("sync") << "restart requested by the platform; exiting with " << kRestartExitCode
                         << " so the service manager starts the kiosk again";
        app.quit(kRestartExitCode);
        return;
    }
    if (e.name == "remote") {
        auto* until = e.get<int64_t>();
        auto n = std::make_shared<screens::RemoteNotice>();
        n->text = e.text;
        n->until_ms = until ? *until : 0;
        app.screen_services().remote_notice = n;
        LOG_INFO("sync") << "remote notice shown until " << n->until_ms;
    }
}

/// A service screen was opened: one usage record (screen name only, never who).
void on_navigate(App& app, const std::string& screen) {
    if (screen == "home" || screen == "attract" || !g_module) return;
    sync::Record r{"usage", sync::Priority::Usage, "",
                   nlohmann::json{{"event", "open"}, {"screen", screen}, {"count", 1}}.dump()};
    auto outbox = g_module->outbox;
    app.run_async([r, outbox] {
        if (auto k = outbox->post(r); !k) LOG_WARN("sync") << "usage record not saved: " << k.error().message;
        return AppEvent{AppEvent::Kind::RequestUpdate, "sync.usage", "queued", true};
    });
}

Status start_sync(App& app) {
    const auto& cfg = app.config();
    g_module = std::make_unique<SyncModule>();
    auto& m = *g_module;
    // The sync threads run on real time even in scripted runs (the app's clock may be a
    // VirtualClock): the network does, and scripts wait for it with wait-for (real time).
    auto clock = system_clock();
    m.settings = sync::PlatformSettings::from_config(cfg);
    m.location = cfg.str("kiosk.location");
    m.content_version = content_version_of(app);

    sync::Outbox::Options oo{cfg.str("kiosk.id"), {cfg.integer("outbox.max_records"), cfg.integer("outbox.max_age_days")},
                             cfg.str("platform.seal_public_key"), clock};
    auto outbox = sync::Outbox::open(cfg.state_dir() + "/outbox.db", oo);
    if (!outbox) {
        g_module.reset();
        return outbox.error();
    }
    m.outbox = std::move(outbox.value());
    app.app_services().outbox = m.outbox;
    app.app_services().platform_settings = m.settings;
    app.app_services().sync_status = m.status;
    app.screen_services().remote_notice.reset();
    app.screen_services().kiosk_location = m.location;
    app.on_request("rate", handle_rate);
    app.on_request("call_staff", handle_call_staff);
    app.observe_events(on_app_event);
    app.observe_navigation(on_navigate);

    // The platform side; without it ratings and calls still go to the outbox.
    App* a = &app;
    auto uploader = sync::Uploader::create(m.settings, sync::UploaderOptions::from_config(cfg), clock);
    if (!uploader) {
        LOG_ERROR("sync") << "uploader not started: " << uploader.error().message;
        return {};
    }
    m.uploader = std::move(uploader.value());
    m.uploader->set_status_callback([a](const sync::UploaderStatus& s) { on_uploader_status(a, s); });
    if (auto r = m.uploader->start(); !r) LOG_ERROR("sync") << "uploader: " << r.error().message;

    auto content = sync::ContentUpdater::create(m.settings, sync::ContentUpdateOptions::from_config(cfg),
                                                sync::content_importer_for(cfg.state_dir() + "/content", cfg.list("content.signing_keys")));
    if (content) m.content = std::move(content.value());
    else LOG_ERROR("sync") << "content updates off: " << content.error().message;

    sync::HeartbeatCallbacks cb;
    cb.health = [a] { return device_health(a); };
    cb.on_command = [a](const sync::RemoteCommand& c) { on_command(a, c); };
    cb.on_content_update = [](const Result<sync::ContentUpdateResult>& r) {
        if (!r) LOG_WARN("sync") << "content update: " << r.error().message;
        else if (r->updated) LOG_INFO("sync") << "content " << r->version << " installed";
    };
    auto hb = sync::Heartbeat::create(m.settings, std::chrono::seconds(cfg.integer("platform.heartbeat_interval_s")), cb, clock,
                                      m.uploader.get(), m.content.get());
    if (!hb) {
        LOG_ERROR("sync") << "heartbeat not started: " << hb.error().message;
        return {};
    }
    m.heartbeat = std::move(hb.value());
    if (auto r = m.heartbeat->start(); !r) LOG_ERROR("sync") << "heartbeat: " << r.error().message;
    LOG_INFO("sync") << "platform " << m.settings.base_url << ", outbox " << m.outbox->path();
    return {};
}

void stop_sync(App&) {
    if (!g_module) return;
    // Heartbeat first (it reads the uploader's status), then the uploader; both join.
    if (g_module->heartbeat) g_module->heartbeat->stop();
    if (g_module->uploader) g_module->uploader->stop();
    // Workers still queued may hold the outbox and uploader (shared); the rest goes now.
    g_module->heartbeat.reset();
}

}  // namespace

KIOSK_APP_MODULE(sync, {"sync", 20, [](App& app) -> Status { return start_sync(app); }, [](App& app) { stop_sync(app); }})

}  // namespace kiosk
