// Heartbeat thread: health report, commands dispatch, content refresh.
#include "kiosk/sync/heartbeat.h"

#include "base/log.h"

namespace kiosk::sync {

Result<std::unique_ptr<Heartbeat>> Heartbeat::create(PlatformSettings settings, std::chrono::seconds interval,
                                                     HeartbeatCallbacks callbacks, std::shared_ptr<Clock> clock,
                                                     Uploader* uploader, ContentUpdater* content) {
    if (interval.count() < 1) return make_error(Errc::InvalidInput, "heartbeat interval must be at least 1 s");
    TRY(PlatformClient::create(settings));
    std::unique_ptr<Heartbeat> h(new Heartbeat());
    h->m_settings = std::move(settings);
    h->m_interval = interval;
    h->m_cb = std::move(callbacks);
    h->m_clock = clock ? std::move(clock) : system_clock();
    h->m_uploader = uploader;
    h->m_content = content;
    return h;
}

Heartbeat::~Heartbeat() { stop(); }

Status Heartbeat::start() {
    if (!m_thread.joinable()) m_thread = std::jthread([this](std::stop_token st) { run(st); });
    return {};
}

void Heartbeat::stop() {
    if (!m_thread.joinable()) return;
    m_thread.request_stop();
    m_thread.join();
}

void Heartbeat::beat_now() {
    std::lock_guard lock(m_mutex);
    m_pending = true;
    m_wait.request_stop();
}

int64_t Heartbeat::sent() const {
    std::lock_guard lock(m_mutex);
    return m_sent;
}

std::string Heartbeat::last_error() const {
    std::lock_guard lock(m_mutex);
    return m_last_error;
}

void Heartbeat::run(std::stop_token stop) {
    auto client = PlatformClient::create(m_settings);
    if (!client) return;
    auto update_content = [&] {
        if (!m_content) return;
        auto r = m_content->update();
        if (m_cb.on_content_update) m_cb.on_content_update(r);
    };
    update_content();
    while (!stop.stop_requested()) {
        DeviceHealth h = m_cb.health ? m_cb.health() : DeviceHealth{};
        if (m_uploader) {
            auto s = m_uploader->status();
            h.outbox_depth = s.depth;
            h.dead_letters = s.dead_letters;
            h.outbox_alarm = s.alarm;
            h.online = s.link == Link::Online;
        }
        auto cmds = (*client)->heartbeat(h, m_clock->wall_ms());
        {
            std::lock_guard lock(m_mutex);
            if (cmds) {
                ++m_sent;
                m_last_error.clear();
            } else {
                m_last_error = cmds.error().message;
            }
        }
        if (cmds) {
            for (const auto& c : *cmds) {
                LOG_INFO("sync") << "remote command " << c.kind << " (" << c.id << ")";
                if (c.kind == "refresh-content") update_content();
                if (m_cb.on_command) m_cb.on_command(c);
            }
        }
        std::stop_source src;
        {
            std::lock_guard lock(m_mutex);
            if (m_pending) {
                m_pending = false;
                continue;
            }
            m_wait = src;
        }
        std::stop_callback forward(stop, [&] { src.request_stop(); });
        m_clock->sleep_until(m_clock->now() + m_interval, src.get_token());
        std::lock_guard lock(m_mutex);
        m_pending = false;
    }
}

}  // namespace kiosk::sync
