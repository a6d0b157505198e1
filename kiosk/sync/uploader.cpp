// Uploader thread: batches, acknowledgements, dead letters, back-off with jitter, Retry-After.
#include "kiosk/sync/uploader.h"

#include <random>

#include "base/health.h"
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
        case Link::Refused: return "refused";
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
        bool refused = false;  ///< the platform refuses (auth, configuration): a health condition
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
                    up.note_answer();
                    health::clear_prefix("platform.");
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
                // Anything but 200 is classified by what it means (issue 19): only a reply
                // that names one record of the batch condemns a record; every other refusal
                // is the kiosk's configuration or the platform's fault, and the records stay.
                if (st == 413) {
                    // The size is the problem: halve until it fits.
                    batch_size = std::max<int>(1, int(batch->size()) / 2);
                    if (batch->size() > 1) continue;
                    return Failure{Link::Refused, "records: HTTP 413 for a single record", -1, true};
                }
                if ((st == 400 || st == 422) && !reply->blamed_key.empty()) {
                    // The platform refused this one record for good: keep it for a technician, go on.
                    int64_t id = 0;
                    for (const auto& r : *batch)
                        if (r.key == reply->blamed_key) id = r.id;
                    std::string why = "HTTP " + std::to_string(st) + (reply->error_message.empty() ? "" : " " + reply->error_message);
                    std::vector<std::pair<int64_t, std::string>> dead{{id, why.substr(0, 200)}};
                    if (auto r = q.dead_letter(dead, up.m_clock->wall_ms()); !r) return Failure{Link::Online, "outbox: " + r.error().message};
                    totals.dead_lettered += 1;
                    up.note_answer();
                    up.publish([&](UploaderStatus& s) {
                        s.link = Link::Online;
                        s.dead_letters += 1;
                        s.dead_lettered += 1;
                        s.depth = std::max<int64_t>(0, s.depth - 1);
                    });
                    continue;
                }
                std::string what = "records: HTTP " + std::to_string(st) + (reply->error_message.empty() ? "" : " (" + reply->error_message + ")");
                if (st == 401 || st == 403) return Failure{Link::AuthFailed, "platform refused the credentials (HTTP " + std::to_string(st) + ")", -1, true};
                if (st >= 400 && st < 500 && st != 408 && st != 429)
                    return Failure{Link::Refused, what + ": the platform refuses these requests (wrong platform.url path or protocol?)", -1, true};
                // 5xx, 429, 408: the platform answered but cannot take the batch now.
                up.note_answer();
                return Failure{Link::Offline, what, reply->retry_after_s};
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

void Uploader::note_answer() {
    std::lock_guard lock(m_mutex);
    m_last_answer = m_clock->now();
}

bool Uploader::answered_recently() const {
    std::lock_guard lock(m_mutex);
    return m_last_answer && m_clock->now() - *m_last_answer < m_options.recent_window;
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
                if (auto r = q.enforce_caps(m_options.limits, *m_clock); !r) {
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
        // A pass that moved records before it failed is a flapping platform, not a dead one:
        // start the back-off again from the bottom instead of doubling it (issue 19).
        if (totals.uploaded + totals.duplicates + totals.dead_lettered > 0) backoff = {};
        // Exponential back-off with "equal jitter": half fixed, half random, so kiosks that
        // lost the same network do not all come back in the same second.
        auto cap = answered_recently() ? std::min<std::chrono::milliseconds>(m_options.recent_cap, m_options.backoff_max)
                                       : std::chrono::milliseconds(m_options.backoff_max);
        backoff = backoff.count() == 0 ? m_options.backoff_min : std::min<std::chrono::milliseconds>(backoff * 2, cap);
        auto half = backoff / 2;
        auto delay = half + std::chrono::milliseconds(std::uniform_int_distribution<int64_t>(0, std::max<int64_t>(0, half.count()))(rng));
        // Capped in seconds before the conversion to milliseconds can overflow (the reply
        // parser clamps too; this holds for any other source of a Failure).
        if (failure->retry_after_s >= 0)
            delay = std::max<std::chrono::milliseconds>(
                delay, std::chrono::seconds(std::min<long>(failure->retry_after_s, kMaxRetryAfterS)));
        delay = std::min<std::chrono::milliseconds>(delay, m_options.backoff_max);
        if (failure->refused) health::raise("platform.refused", failure->error);
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
        out.refused = failure->refused;
        if (failure->refused) health::raise("platform.refused", failure->error);
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
