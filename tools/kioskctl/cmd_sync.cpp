// kioskctl outbox stats|dead-letters|retry|load N, and kioskctl sync now (issue 6).
#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "command.h"
#include "kiosk/sync/uploader.h"

namespace kiosk::ctl {
namespace {

using nlohmann::json;
using namespace kiosk::sync;

std::string outbox_path(const Context& ctx) { return ctx.config.state_dir() + "/outbox.db"; }

const Command& find(const char* name) {
    for (const auto& c : commands())
        if (c.name == name) return c;
    return commands().front();
}

int run_outbox(Context& ctx) {
    bool as_json = ctx.take_flag("json");
    if (ctx.args.empty()) return usage_error(find("outbox"), "missing subcommand");
    std::string sub = ctx.args[0];
    if (sub == "load") {
        if (ctx.args.size() != 2) return usage_error(find("outbox"), "outbox load needs N");
        long n = std::strtol(ctx.args[1].c_str(), nullptr, 10);
        if (n <= 0) return usage_error(find("outbox"), "N must be a positive number");
        Outbox::Options o;
        o.kiosk_id = ctx.config.str("kiosk.id");
        o.limits.max_records = ctx.config.integer("outbox.max_records");
        o.limits.max_age_days = ctx.config.integer("outbox.max_age_days");
        auto outbox = Outbox::open(outbox_path(ctx), o);
        if (!outbox) return fail(outbox.error().message);
        std::vector<Record> batch;
        for (long i = 0; i < n; ++i) {
            batch.push_back({"usage", Priority::Usage, "", "{\"event\":\"load-test\",\"n\":" + std::to_string(i) + "}", {}});
            if (batch.size() == 1000 || i + 1 == n) {
                if (auto st = (*outbox)->post_many(batch); !st) return fail(st.error().message);
                batch.clear();
            }
        }
        std::printf("queued %ld synthetic usage records\n", n);
        return 0;
    }
    auto q = OutboxQueue::open(outbox_path(ctx));
    if (!q) return fail(q.error().message);
    if (sub == "stats") {
        auto s = q->stats();
        if (!s) return fail(s.error().message);
        if (as_json) {
            json by, ev;
            for (int i = 0; i < kPriorityCount; ++i) {
                by[priority_name(Priority(i))] = s->by_class[i];
                ev[priority_name(Priority(i))] = s->evicted[i];
            }
            std::printf("%s\n", json{{"depth", s->depth}, {"by_class", by}, {"evicted", ev}, {"dead_letters", s->dead_letters},
                                     {"oldest_ms", s->oldest_ms}, {"alarm", s->alarm}}.dump().c_str());
        } else {
            std::printf("outbox %s\n  depth         %lld\n", outbox_path(ctx).c_str(), (long long)s->depth);
            for (int i = 0; i < kPriorityCount; ++i)
                std::printf("  %-12s  %lld queued, %lld evicted\n", priority_name(Priority(i)), (long long)s->by_class[i],
                            (long long)s->evicted[i]);
            std::printf("  dead letters  %lld\n  alarm         %s\n", (long long)s->dead_letters,
                        s->alarm ? "YES: outbox full of audit records, platform unreachable?" : "no");
        }
        return s->alarm ? 1 : 0;
    }
    if (sub == "dead-letters") {
        auto dl = q->dead_letters(100000);
        if (!dl) return fail(dl.error().message);
        json arr = json::array();
        for (const auto& d : *dl) {
            // The payload is not shown: a sealed one is unreadable here anyway, and a plain one
            // is not needed to decide on a retry.
            if (as_json)
                arr.push_back({{"key", d.record.key}, {"kind", d.record.kind}, {"class", priority_name(d.record.priority)},
                               {"created_ms", d.record.created_ms}, {"reason", d.reason}, {"dead_ms", d.dead_ms}});
            else
                std::printf("%-40s %-12s %-10s %s\n", d.record.key.c_str(), d.record.kind.c_str(), priority_name(d.record.priority),
                            d.reason.c_str());
        }
        if (as_json) std::printf("%s\n", arr.dump().c_str());
        else if (dl->empty()) std::printf("no dead letters\n");
        return 0;
    }
    if (sub == "retry") {
        auto n = q->retry_dead_letters();
        if (!n) return fail(n.error().message);
        if (as_json) std::printf("%s\n", json{{"requeued", *n}}.dump().c_str());
        else std::printf("%lld dead letters put back in the outbox\n", (long long)*n);
        return 0;
    }
    return usage_error(find("outbox"), "unknown subcommand '" + sub + "'");
}

int run_sync(Context& ctx) {
    bool as_json = ctx.take_flag("json");
    if (ctx.args.size() != 1 || ctx.args[0] != "now") return usage_error(find("sync"), "expected 'sync now'");
    auto opts = UploaderOptions::from_config(ctx.config);
    auto up = Uploader::create(PlatformSettings::from_config(ctx.config), opts);
    if (!up) return fail(up.error().message);
    auto r = (*up)->drain_now();
    if (as_json) {
        std::printf("%s\n", json{{"complete", r.complete}, {"uploaded", r.uploaded}, {"duplicates", r.duplicates},
                                 {"dead_lettered", r.dead_lettered}, {"remaining", r.remaining}, {"error", r.error},
                                 {"refused", r.refused}}.dump().c_str());
    } else {
        std::printf("uploaded %lld, duplicates %lld, dead letters %lld, remaining %lld\n", (long long)r.uploaded,
                    (long long)r.duplicates, (long long)r.dead_lettered, (long long)r.remaining);
        if (!r.error.empty()) std::fprintf(stderr, "kioskctl: stopped: %s\n", r.error.c_str());
    }
    return r.complete ? 0 : 1;
}

const Register outbox_cmd({"outbox", "outbox stats [--json]\noutbox dead-letters [--json]\noutbox retry [--json]\noutbox load N",
                           "Inspect the offline outbox, requeue dead letters, or queue N synthetic records (load test)",
                           run_outbox});
const Register sync_cmd({"sync", "sync now [--json]",
                         "Upload the outbox until it is empty or the platform refuses (exit 0: empty)", run_sync});

}  // namespace
}  // namespace kiosk::ctl
