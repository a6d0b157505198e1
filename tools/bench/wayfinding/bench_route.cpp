// Benchmark: routes on a generated hall of 10 floors and 2,000 nodes (target < 5 ms), plus directions and map-view geometry.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "kiosk/wayfinding/directions.h"
#include "kiosk/wayfinding/hall_generator.h"
#include "kiosk/wayfinding/map_view.h"
#include "kiosk/wayfinding/router.h"
#include "kiosk/wayfinding/targets.h"
#include "tools/bench/bench_stats.h"

namespace wf = kiosk::wayfinding;
using Clock = std::chrono::steady_clock;

namespace {


/// CPU time of this thread: on a loaded machine the wall clock's tail is other processes'
/// time slices, not ours; both are reported.
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

std::vector<double> g_cpu;  // CPU-time samples of the series being measured

void report(const char* what, const std::vector<double>& samples) {
    auto s = kiosk::bench::summarize(samples);
    auto c = kiosk::bench::summarize(g_cpu);
    std::printf("%-46s n=%-5zu wall median %7.4f p99 %7.4f max %7.3f | cpu median %7.4f p99 %7.4f max %7.3f ms\n", what,
                samples.size(), s.median, s.p99, s.max, c.median, c.p99, c.max);
    g_cpu.clear();
}

template <class F>
double time_ms(F&& f) {
    double c0 = thread_cpu_ms();
    auto t0 = Clock::now();
    f();
    double wall = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    g_cpu.push_back(thread_cpu_ms() - c0);
    return wall;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(10, std::atoi(argv[1])) : 2000;
    wf::GeneratedHallSpec spec;
    spec.floors = 10;
    spec.rows = 10;
    spec.cols = 20;  // 10 × 10 × 20 = 2,000 nodes
    spec.windows_per_floor = 8;
    auto doc = wf::generate_hall(spec);
    std::vector<wf::MapProblem> problems;
    wf::HallMap map;
    g_cpu.clear();
    double parse_ms = time_ms([&] {
        auto m = wf::parse_hall_map(doc, problems);
        if (!m) std::fprintf(stderr, "%s\n", m.error().message.c_str()), std::exit(1);
        map = std::move(m).value();
    });
    g_cpu.clear();
    std::printf("hall: %zu floors, %zu nodes, %zu edges; parse + check %.2f ms\n", map.floors.size(), map.nodes.size(),
                map.edges.size(), parse_ms);

    std::mt19937 rng(20261129);
    std::uniform_int_distribution<wf::NodeIndex> pick(0, static_cast<wf::NodeIndex>(map.nodes.size() - 1));
    std::vector<std::pair<wf::NodeIndex, wf::NodeIndex>> pairs;
    for (int i = 0; i < runs; ++i) pairs.push_back({pick(rng), pick(rng)});

    for (auto access : {wf::Access::Any, wf::Access::StepFree}) {
        wf::RouteOptions o;
        o.access = access;
        std::vector<double> t;
        size_t found = 0;
        for (auto [a, b] : pairs)
            t.push_back(time_ms([&] { found += wf::find_route(map, a, b, o).ok(); }));
        report(access == wf::Access::Any ? "route, random pair (any access)" : "route, random pair (step-free)", t);
        if (found != pairs.size()) std::printf("  (%zu of %zu routes found)\n", found, pairs.size());
    }

    // Worst case: opposite corners of floor 1 and floor 10 (the whole graph is searched).
    {
        std::vector<double> t;
        auto a = *map.find_node("F1-0-0");
        auto b = *map.find_node("F10-9-19");
        for (int i = 0; i < std::min(runs, 500); ++i) t.push_back(time_ms([&] { (void)wf::find_route(map, a, b); }));
        report("route, F1 corner -> F10 far corner", t);
    }

    // The whole answer the map screen needs: route + steps + text.
    auto phrases = wf::PhraseBook::load_from_assets(std::string(KIOSK_SOURCE_DIR) + "/assets", "zh-CN");
    if (phrases) {
        std::vector<double> t;
        for (auto [a, b] : pairs) {
            t.push_back(time_ms([&] {
                auto r = wf::find_route(map, a, b);
                if (r) (void)wf::render_directions(map, wf::describe_route(map, *r, 0), *phrases);
            }));
        }
        report("route + turn-by-turn text (zh-CN)", t);
    }

    {
        std::vector<double> t;
        for (int i = 0; i < std::min(runs, 500); ++i) t.push_back(time_ms([&] { (void)wf::resolve_target(map, "电梯", 0); }));
        report("resolve_target(elevator) on the generated hall", t);
    }

    // Map-view geometry of one floor: transform, project the outline, windows and route, labels.
    {
        wf::ScreenRect vp{0, 200, 1080, 1400};
        auto r = wf::find_route(map, *map.find_node("F1-0-0"), *map.find_node("F10-9-19"));
        std::vector<double> t;
        for (int i = 0; i < std::min(runs, 500); ++i) {
            t.push_back(time_ms([&] {
                auto tr = wf::ViewTransform::fit(map.floors[0].outline, vp, 37.0, 1.5);
                size_t n = wf::project(tr, map.floors[0].outline).size();
                for (const auto& w : map.windows)
                    if (w.floor == 0) n += wf::project(tr, w.shape).size() + (wf::label_anchor(w.shape).x > 0);
                if (r) n += wf::project_route(tr, *r, 0).size();
                (void)wf::hit_test(map, 0, tr, {540, 900});
                if (n == 0) std::printf("?");
            }));
        }
        report("map-view geometry, one floor", t);
    }
    return 0;
}
