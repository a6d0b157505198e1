// Search and import benchmark: 10,000 items (real catalogues + generated variants), per-keystroke latency.
//   bench_search [--catalog FILE]... [--items N] [--queries N]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <ctime>

#include <nlohmann/json.hpp>

#include "kiosk/content/bundle.h"
#include "kiosk/content/catalog.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/pinyin.h"
#include "kiosk/content/search.h"
#include "tools/bench/bench_stats.h"

namespace fs = std::filesystem;
using namespace kiosk::content;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

using kiosk::bench::summarize;

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> catalogs;
    size_t target = 10000, sample = 300;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--catalog" && i + 1 < argc) catalogs.push_back(argv[++i]);
        else if (a == "--items" && i + 1 < argc) target = std::stoul(argv[++i]);
        else if (a == "--queries" && i + 1 < argc) sample = std::stoul(argv[++i]);
    }
    if (catalogs.empty()) {
        // The Guang'an catalogue (Apache-2.0) kept in the tests' data; more with --catalog.
        catalogs = {std::string(KIOSK_SOURCE_DIR) + "/tests/data/catalog/catalog-guangan.json"};
    }
    // Real names, then variants with the qualifiers real catalogues use, up to `target` items.
    nlohmann::json merged = {{"source", "bench"}, {"departments", nlohmann::json::array()}};
    std::vector<std::string> real;
    for (const auto& c : catalogs) {
        std::ifstream in(c);
        if (!in) {
            std::fprintf(stderr, "bench_search: cannot read %s\n", c.c_str());
            return 1;
        }
        auto j = nlohmann::json::parse(in);
        for (auto& d : j["departments"]) {
            merged["departments"].push_back(d);
            for (auto& it : d["items"])
                for (auto& s : it["sub_items"]) real.push_back(s["name"]);
        }
    }
    const char* qualifiers[] = {"（变更）", "（注销）", "（补证）", "（延续）", "（新办）", "（首次）", "（市级）", "（县级）", "（网上办理）"};
    size_t count = real.size();
    for (const char* q : qualifiers) {
        if (count >= target) break;
        nlohmann::json dep = {{"department", std::string("变体") + q}, {"items", nlohmann::json::array()}};
        nlohmann::json subs = nlohmann::json::array();
        for (size_t i = 0; i < real.size() && count < target; ++i, ++count) subs.push_back({{"name", real[i] + q}, {"link", ""}});
        dep["items"].push_back({{"main_item", "未分类"}, {"sub_items", subs}});
        merged["departments"].push_back(dep);
    }
    fs::path tmp = fs::temp_directory_path() / ("bench-search-" + std::to_string(::getpid()));
    fs::create_directories(tmp);
    {
        std::ofstream o(tmp / "catalog.json");
        o << merged.dump();
    }
    std::printf("bench_search: %zu items (%zu real from %zu catalogue(s), %zu generated)\n", count, real.size(), catalogs.size(),
                count - real.size());

    auto t0 = Clock::now();
    auto py = PinyinSource::shared();
    if (!py) {
        std::fprintf(stderr, "bench_search: %s\n", py.error().message.c_str());
        return 1;
    }
    std::printf("pinyin source: %s, loaded in %.1f ms (once per process)\n", (*py)->source_name().c_str(), ms_since(t0));

    auto bundle = catalog_to_bundle((tmp / "catalog.json").string(), (tmp / "bundle").string());
    if (!bundle) {
        std::fprintf(stderr, "bench_search: %s\n", bundle.error().message.c_str());
        return 1;
    }
    // Imports take signed bundles only: sign with a throw-away key the policy trusts.
    auto key = kiosk::content::generate_signing_key();
    if (auto st = kiosk::content::sign_bundle((tmp / "bundle").string(), key.secret_key); !st) {
        std::fprintf(stderr, "bench_search: %s\n", st.error().message.c_str());
        return 1;
    }
    kiosk::content::ImportPolicy policy;
    policy.trusted_keys = {key.public_key};
    policy.actor = "bench_search";
    std::vector<double> import_ms;
    for (int run = 0; run < 5; ++run) {
        auto t = Clock::now();
        auto r = import_bundle((tmp / "bundle").string(), (tmp / "root").string(), policy);
        import_ms.push_back(ms_since(t));
        if (!r) {
            std::fprintf(stderr, "bench_search: import: %s\n", r.error().message.c_str());
            return 1;
        }
    }
    auto is = summarize(import_ms);
    std::printf("import_bundle of %zu items (verify + SQLite + pinyin + copy + switch), 5 runs: median %.0f ms, max %.0f ms\n", count,
                is.median, is.max);

    auto store = ContentStore::open((tmp / "root").string());
    if (!store) return 1;
    std::vector<double> build_ms;
    std::shared_ptr<const SearchIndex> index;
    for (int run = 0; run < 5; ++run) {
        auto t = Clock::now();
        index = *(*store)->build_search_index();
        build_ms.push_back(ms_since(t));
    }
    auto bs = summarize(build_ms);
    std::printf("search index build (from content.db), 5 runs: median %.1f ms, max %.1f ms\n", bs.median, bs.max);

    // Keystroke sequences: for sampled real names, type the initials, the full pinyin of the
    // first three characters, and the first four characters, one key at a time.
    std::mt19937 rng(42);
    std::vector<std::string> picks = real;
    std::shuffle(picks.begin(), picks.end(), rng);
    picks.resize(std::min(sample, picks.size()));
    std::vector<std::vector<std::string>> sequences(3);
    for (const auto& name : picks) {
        std::string initials, full, chars;
        int n = 0;
        for (char32_t cp : utf8_to_u32(name)) {
            auto r = (*py)->readings(cp);
            if (r.empty()) continue;
            initials.push_back(r[0][0]);
            if (n < 3) full += r[0];
            if (n < 4) append_utf8(chars, cp);
            ++n;
        }
        for (size_t k = 1; k <= std::min<size_t>(initials.size(), 8); ++k) sequences[0].push_back(initials.substr(0, k));
        for (size_t k = 1; k <= full.size(); ++k) sequences[1].push_back(full.substr(0, k));
        std::u32string cps = utf8_to_u32(chars);
        for (size_t k = 1; k <= cps.size(); ++k) {
            std::string s;
            for (size_t m = 0; m < k; ++m) append_utf8(s, cps[m]);
            sequences[2].push_back(s);
        }
    }
    const char* labels[] = {"initials (bdcdj…)", "full pinyin (budongchan…)", "characters (不动产…)"};
    // Each keystroke is timed once (what the citizen sees, including any preemption by other
    // processes on a shared machine) and as the best of 5 runs (the CPU cost of the query).
    std::vector<double> all, all_best;
    size_t total_hits = 0;
    for (int k = 0; k < 3; ++k) {
        std::vector<double> lat, best;
        for (const auto& q : sequences[k]) {
            double b = 1e9;
            for (int rep = 0; rep < 5; ++rep) {
                auto t = Clock::now();
                auto hits = index->query(q, 20);
                double ms = ms_since(t);
                if (rep == 0) {
                    lat.push_back(ms);
                    total_hits += hits.size();
                }
                b = std::min(b, ms);
            }
            best.push_back(b);
        }
        auto s = summarize(lat), sb = summarize(best);
        std::printf("keystrokes, %-26s n=%5zu  once: p50 %.3f p90 %.3f p99 %.3f max %.3f ms | best of 5: p50 %.3f p99 %.3f max %.3f ms\n",
                    labels[k], lat.size(), s.median, s.p90, s.p99, s.max, sb.median, sb.p99, sb.max);
        all.insert(all.end(), lat.begin(), lat.end());
        all_best.insert(all_best.end(), best.begin(), best.end());
    }
    auto s = summarize(all), sb = summarize(all_best);
    std::printf("keystrokes, all                        n=%5zu  once: p50 %.3f p90 %.3f p99 %.3f max %.3f ms | best of 5: p50 %.3f p99 %.3f max %.3f ms\n",
                all.size(), s.median, s.p90, s.p99, s.max, sb.median, sb.p99, sb.max);
    double load[3] = {0, 0, 0};
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
        std::fclose(f);
    }
    // The UI's path: one SearchSession per search screen, narrowing while the query grows.
    // Also in thread CPU time, which excludes time the scheduler gave to other processes.
    auto cpu_ms = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    };
    std::vector<double> sess, sess_cpu;
    for (int k = 0; k < 3; ++k) {
        SearchSession session(index);
        for (const auto& q : sequences[k]) {
            double c0 = cpu_ms();
            auto t = Clock::now();
            auto hits = session.query(q, 20);
            sess.push_back(ms_since(t));
            sess_cpu.push_back(cpu_ms() - c0);
        }
    }
    auto ss = summarize(sess), sc = summarize(sess_cpu);
    std::printf("keystrokes, SearchSession (narrowing)  n=%5zu  once: p50 %.3f p90 %.3f p99 %.3f max %.3f ms | thread CPU: p50 %.3f p99 %.3f max %.3f ms\n",
                sess.size(), ss.median, ss.p90, ss.p99, ss.max, sc.median, sc.p99, sc.max);
    std::printf("(%zu hits in total; load average %.2f %.2f %.2f on %ld cores)\n", total_hits, load[0], load[1], load[2],
                sysconf(_SC_NPROCESSORS_ONLN));
    std::error_code ec;
    fs::remove_all(tmp, ec);
    return sc.p99 < 2.0 ? 0 : 3;  // the CPU cost is the criterion; wall time shows the machine's load
}
