// Uploader thread: batches, acknowledgements, dead letters, back-off with jitter, Retry-After.
#include "kiosk/sync/uploader.h"

#include <random>

#include "base/log.h"
#include "kiosk/config/config.h"
#include "kiosk/sync/platform_client.h"

namespace kiosk::sync {

UploaderOptions UploaderOptions::from_config(const config::Config& c) {
    UploaderOptions o;
    o.databases = {c.state_dir() + "/outbox.db"};
    o.limits.max_records = c.integer("outbox.max_records");
    o.limits.max_age_days = c.integer("outbox.max_age_days");
    o.batch_size = int(c.integer("outbox.batch_size"));
    o.backoff_max = std::chrono::seconds(c.integer("outbox.backoff_max_s"));
    return o;
}

const char* link_name(Link l) {
    switch (l) {
        case Link::Unknown: return "unknown";
        case Link::Online: return "online";
        case Link::Offline: return "offline";
        case Link::AuthFailed: return "auth-failed";
    }
    return "?";
}

/// What one thread needs to upload: its own connections (SQLite and libcurl).
struct Uploader::Worker {
    std::unique_ptr<PlatformClient> client;
    std::vector<OutboxQueue> queues;
    int batch_size = 200;

    struct Failure {
        Link link = Link::Offline;
        std::string error;
        long retry_after_s = -1;
    };
    /// Uploads until every queue is empty (nullopt) or something fails.
    std::optional<Failure> pass(Uploader& up, DrainResult& totals, const std::stop_token& stop) {
        for (auto& q : queues) {
            while (!stop.stop_requested()) {
                auto batch = q.take_batch(batch_size);
                if (!batch) return Failure{Link::Offline, "outbox: " + batch.error().message};
                if (batch->empty()) break;
                auto reply = client->upload(*batch);
                if (!reply) return Failure{Link::Offline, reply.error().message};
                long st = reply->status;
                if (st == 200) {
                    std::vector<int64_t> done;
                    std::vector<std::pair<int64_t, std::string>> dead;
                    int64_t dup = 0;
                    for (size_t i = 0; i < batch->size(); ++i) {
                        const auto& a = reply->acks[i];
                        if (a.status == RecordAck::Status::Rejected)
                            dead.emplace_back((*batch)[i].id, a.reason.empty() ? "rejected" : a.reason.substr(0, 200));
                        else {
                            done.push_back((*batch)[i].id);
                            dup += a.status == RecordAck::Status::Duplicate;
                        }
                    }
                    if (auto r = q.remove(done); !r) return Failure{Link::Online, "outbox: " + r.error().message};
                    if (auto r = q.dead_letter(dead, up.m_clock->wall_ms()); !r) return Failure{Link::Online, "outbox: " + r.error().message};
                    totals.uploaded += int64_t(done.size()) - dup;
                    totals.duplicates += dup;
                    totals.dead_lettered += int64_t(dead.size());
                    batch_size = up.m_options.batch_size;  // a good reply restores the full size
                    int64_t now = up.m_clock->wall_ms();
                    up.publish([&](UploaderStatus& s) {
                        s.link = Link::Online;
                        s.last_success_ms = now;
                        s.consecutive_failures = 0;
                        s.backoff = {};
                        s.depth = std::max<int64_t>(0, s.depth - int64_t(batch->size()));
                        s.dead_letters += int64_t(dead.size());
                        s.uploaded += int64_t(done.size()) - dup;
                        s.duplicates += dup;
                        s.dead_lettered += int64_t(dead.size());
                    });
                    continue;
                }
                if (st == 413 || (st == 400 && batch->size() > 1)) {
                    // Some record (or the size) is the problem: split until the bad one is alone.
                    batch_size = std::max<int>(1, int(batch->size()) / 2);
                    continue;
                }
                if (st == 401 || st == 403) return Failure{Link::AuthFailed, "platform refused the credentials (HTTP " + std::to_string(st) + ")"};
                if (st >= 400 && st < 500 && st != 408 && st != 429) {
                    // A single record refused for good: keep it for a technician, go on.
                    std::vector<std::pair<int64_t, std::string>> dead{{(*batch)[0].id, "HTTP " + std::to_string(st)}};
                    if (auto r = q.dead_letter(dead, up.m_clock->wall_ms()); !r) return Failure{Link::Online, r.error().message};
                    totals.dead_lettered += 1;
                    up.publish([&](UploaderStatus& s) {
                        s.dead_letters += 1;
                        s.dead_lettered += 1;
                        s.depth = std::max<int64_t>(0, s.depth - 1);
                    });
                    continue;
                }
                return Failure{Link::Offline, "records: HTTP " + std::to_string(st), reply->retry_after_s};
            }
        }
        return std::nullopt;
    }
};

Result<std::unique_ptr<Uploader>> Uploader::create(PlatformSettings settings, UploaderOptions options, std::shared_ptr<Clock> clock) {
    if (options.databases.empty()) return make_error(Errc::InvalidInput, "uploader without an outbox database");
    if (options.batch_size < 1) return make_error(Errc::InvalidInput, "outbox.batch_size must be at least 1");
    if (!clock) clock = system_clock();
    // Fail early on bad settings (URL scheme, keys) rather than in the thread.
    TRY(PlatformClient::create(settings));
    for (const auto& path : options.databases) TRY(OutboxQueue::open(path));
    return std::unique_ptr<Uploader>(new Uploader(std::move(settings), std::move(options), std::move(clock)));
}

Uploader::~Uploader() { stop(); }

Status Uploader::start() {
    if (m_thread.joinable()) return {};
    m_thread = std::jthread([this](std::stop_token st) { run(st); });
    return {};
}

void Uploader::stop() {
    if (!m_thread.joinable()) return;
    m_thread.request_stop();
    m_thread.join();
}

void Uploader::wake(Urgency u) {
    std::lock_guard lock(m_mutex);
    m_wake_pending = true;
    if (u == Urgency::Urgent) m_urgent_pending = true;
    if (!m_waiting_urgent_only || u == Urgency::Urgent) m_wait_source.request_stop();
}

UploaderStatus Uploader::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void Uploader::set_status_callback(std::function<void(const UploaderStatus&)> cb) {
    std::lock_guard lock(m_mutex);
    m_callback = std::move(cb);
}

void Uploader::publish(const std::function<void(UploaderStatus&)>& change) {
    std::function<void(const UploaderStatus&)> cb;
    UploaderStatus copy;
    {
        std::lock_guard lock(m_mutex);
        change(m_status);
        copy = m_status;
        cb = m_callback;
    }
    if (cb) cb(copy);  // outside the lock: the callback may call status()
}

bool Uploader::wait(Clock::time_point deadline, bool urgent_only, std::stop_token stop) {
    std::stop_source src;
    {
        std::lock_guard lock(m_mutex);
        bool pending = urgent_only ? m_urgent_pending : m_wake_pending;
        m_wake_pending = m_urgent_pending = false;
        if (pending) return !stop.stop_requested();
        m_wait_source = src;
        m_waiting_urgent_only = urgent_only;
    }
    std::stop_callback forward(stop, [&] { src.request_stop(); });
    m_clock->sleep_until(deadline, src.get_token());
    std::lock_guard lock(m_mutex);
    m_wake_pending = m_urgent_pending = false;
    m_wait_source = std::stop_source(std::nostopstate);
    return !stop.stop_requested();
}

void Uploader::run(std::stop_token stop) {
    Worker w;
    auto client = PlatformClient::create(m_settings);
    if (!client) {
        publish([&](UploaderStatus& s) { s.last_error = client.error().message; });
        return;
    }
    w.client = std::move(*client);
    for (const auto& path : m_options.databases) {
        auto q = OutboxQueue::open(path);
        if (!q) {
            publish([&](UploaderStatus& s) { s.last_error = q.error().message; });
            return;
        }
        w.queues.push_back(std::move(*q));
    }
    w.batch_size = m_options.batch_size;
    std::mt19937_64 rng(std::random_device{}());
    auto backoff = std::chrono::milliseconds(0);
    Clock::time_point next_caps{};  // apply the caps at once on start

    auto refresh_stats = [&] {
        OutboxStats total;
        for (auto& q : w.queues)
            if (auto s = q.stats()) {
                total.depth += s->depth;
                total.dead_letters += s->dead_letters;
                total.alarm = total.alarm || s->alarm;
            }
        publish([&](UploaderStatus& s) {
            s.depth = total.depth;
            s.dead_letters = total.dead_letters;
            s.alarm = total.alarm;
        });
    };

    while (!stop.stop_requested()) {
        if (m_clock->now() >= next_caps) {
            for (auto& q : w.queues) {
                if (auto r = q.enforce_caps(m_options.limits, m_clock->wall_ms()); !r) {
                    LOG_WARN("sync") << "caps: " << r.error().message;
                }
            }
            next_caps = m_clock->now() + m_options.caps_interval;
        }
        refresh_stats();
        DrainResult totals;
        auto failure = w.pass(*this, totals, stop);
        if (!failure) {
            backoff = {};
            if (totals.uploaded + totals.duplicates + totals.dead_lettered > 0) refresh_stats();
            if (!wait(m_clock->now() + m_options.idle_poll, false, stop)) break;
            continue;
        }
        // Exponential back-off with "equal jitter": half fixed, half random, so kiosks that
        // lost the same network do not all come back in the same second.
        backoff = backoff.count() == 0 ? m_options.backoff_min : std::min<std::chrono::milliseconds>(backoff * 2, m_options.backoff_max);
        auto half = backoff / 2;
        auto delay = half + std::chrono::milliseconds(std::uniform_int_distribution<int64_t>(0, std::max<int64_t>(0, half.count()))(rng));
        if (failure->retry_after_s >= 0)
            delay = std::max<std::chrono::milliseconds>(delay, std::chrono::seconds(failure->retry_after_s));
        delay = std::min<std::chrono::milliseconds>(delay, m_options.backoff_max);
        LOG_INFO("sync") << "upload failed (" << failure->error << "); next attempt in " << delay.count() << " ms";
        publish([&](UploaderStatus& s) {
            s.link = failure->link;
            s.last_error = failure->error;
            s.consecutive_failures += 1;
            s.failed_attempts += 1;
            s.backoff = delay;
        });
        if (!wait(m_clock->now() + delay, true, stop)) break;
    }
}

DrainResult Uploader::drain_now() {
    DrainResult out;
    Worker w;
    auto client = PlatformClient::create(m_settings);
    if (!client) {
        out.error = client.error().message;
        return out;
    }
    w.client = std::move(*client);
    for (const auto& path : m_options.databases) {
        auto q = OutboxQueue::open(path);
        if (!q) {
            out.error = q.error().message;
            return out;
        }
        w.queues.push_back(std::move(*q));
    }
    w.batch_size = m_options.batch_size;
    std::stop_source never;
    auto failure = w.pass(*this, out, never.get_token());
    if (failure) {
        out.error = failure->error;
        publish([&](UploaderStatus& s) {
            s.link = failure->link;
            s.last_error = failure->error;
        });
    }
    for (auto& q : w.queues)
        if (auto s = q.stats()) out.remaining += s->depth;
    out.complete = !failure && out.remaining == 0;
    return out;
}

}  // namespace kiosk::sync
