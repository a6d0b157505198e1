// kioskctl route FROM TO [--step-free] [--json] and kioskctl map check FILE: the hall map from the shell.
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "command.h"
#include "kiosk/wayfinding/directions.h"
#include "kiosk/wayfinding/hall_map.h"
#include "kiosk/wayfinding/router.h"
#include "kiosk/wayfinding/targets.h"

namespace kiosk::ctl {
namespace {

namespace wf = kiosk::wayfinding;
namespace fs = std::filesystem;

std::string assets_dir(const Context& ctx) {
    const std::string& a = ctx.config.str("paths.assets_dir");
    return a.empty() ? config::find_assets_dir(ctx.config, std::string(KIOSK_SOURCE_DIR) + "/assets") : a;
}

/// --map FILE, else the imported bundle's map, else the demo map in the assets.
std::string map_path(Context& ctx) {
    std::string m = ctx.take_option("map");
    if (!m.empty()) return m;
    std::string imported = ctx.config.state_dir() + "/content/map.json";
    std::error_code ec;
    if (fs::exists(imported, ec)) return imported;
    return assets_dir(ctx) + "/content/map.json";
}

void print_problems(const std::vector<wf::MapProblem>& problems) {
    for (const auto& p : problems)
        std::fprintf(stderr, "%s %s: %s\n", p.severity == wf::MapProblem::Severity::Error ? "error" : "warning",
                     p.json_path.empty() ? "(whole file)" : p.json_path.c_str(), p.message.c_str());
}

/// A node id, a kiosk spot id, "here" (this kiosk per config), or search text.
Result<wf::NodeIndex> resolve_place(const Context& ctx, const wf::HallMap& map, const std::string& text, wf::NodeIndex near,
                                    std::string& label) {
    if (text == "here" || text == "kiosk") {
        auto pos = TRY(wf::kiosk_position(map, ctx.config.str("wayfinding.kiosk_node"), ctx.config.number("wayfinding.facing_deg")));
        label = "kiosk";
        return pos.node;
    }
    if (auto n = map.find_node(text)) {
        label = text;
        return *n;
    }
    for (const auto& k : map.kiosks)
        if (k.id == text) {
            label = text;
            return k.node;
        }
    auto matches = wf::resolve_target(map, text, near);
    if (matches.empty()) return make_error(Errc::NotFound, "nothing on the map matches '" + text + "'");
    const auto& m = matches.front();
    if (m.kind == wf::TargetMatch::Kind::Window)
        label = "window " + std::to_string(map.windows[m.index].number);
    else
        label = wf::target_name(map, m, "en");
    return m.node;
}

const char* kind_name(wf::Instruction::Kind k) {
    switch (k) {
        case wf::Instruction::Kind::Walk: return "walk";
        case wf::Instruction::Kind::Transfer: return "transfer";
        case wf::Instruction::Kind::Arrive: return "arrive";
    }
    return "?";
}

int run_route(Context& ctx) {
    const Command* self = nullptr;
    for (const auto& c : commands())
        if (c.name == "route") self = &c;
    bool step_free = ctx.take_flag("step-free");
    bool as_json = ctx.take_flag("json");
    std::string lang = ctx.take_option("lang");
    if (lang.empty()) lang = ctx.config.str("kiosk.language");
    std::string path = map_path(ctx);
    if (ctx.args.size() != 2) return usage_error(*self, "route needs FROM and TO");

    std::vector<wf::MapProblem> problems;
    auto map = wf::load_hall_map(path, problems);
    if (!map) {
        print_problems(problems);
        return fail(map.error().message);
    }
    auto phrases = wf::PhraseBook::load_from_assets(assets_dir(ctx), lang);
    if (!phrases) return fail(phrases.error().message);
    auto pos = wf::kiosk_position(*map, ctx.config.str("wayfinding.kiosk_node"), ctx.config.number("wayfinding.facing_deg"));

    std::string from_label, to_label;
    auto from = resolve_place(ctx, *map, ctx.args[0], wf::kNoNode, from_label);
    if (!from) return fail(from.error().message);
    auto to = resolve_place(ctx, *map, ctx.args[1], *from, to_label);
    if (!to) return fail(to.error().message);

    wf::RouteOptions opts;
    opts.access = step_free ? wf::Access::StepFree : wf::Access::Any;
    auto route = wf::find_route(*map, *from, *to, opts);
    if (!route) return fail(route.error().message);
    // The facing applies when the route starts where this kiosk stands; elsewhere the first
    // leg is described as "straight ahead" from the first segment's direction.
    double facing = 0;
    if (pos && pos->node == *from) facing = pos->facing_deg;
    else if (route->nodes.size() > 1)
        facing = wf::bearing_deg(map->nodes[route->nodes[0]].at, map->nodes[route->nodes[1]].at);
    auto steps = wf::describe_route(*map, *route, facing);
    std::string text = wf::render_directions(*map, steps, *phrases);
    std::string url = wf::route_url(*map, *from, *to, opts.access);

    if (as_json) {
        nlohmann::json j;
        j["from"] = map->nodes[*from].id;
        j["to"] = map->nodes[*to].id;
        j["to_label"] = to_label;
        j["step_free"] = step_free;
        j["walk_m"] = route->walk_m;
        j["cost"] = route->cost;
        j["nodes"] = nlohmann::json::array();
        for (auto n : route->nodes) j["nodes"].push_back(map->nodes[n].id);
        j["floors"] = nlohmann::json::array();
        for (const auto& fp : route->floor_paths) j["floors"].push_back(map->floors[fp.floor].id);
        j["steps"] = nlohmann::json::array();
        for (const auto& s : steps)
            j["steps"].push_back({{"kind", kind_name(s.kind)}, {"node", s.node == wf::kNoNode ? "" : map->nodes[s.node].id},
                                  {"floor", map->floors[s.floor].id}, {"text", wf::render_instruction(*map, s, *phrases)}});
        j["text"] = text;
        j["url"] = url;
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    std::printf("from %s (%s) to %s (%s)%s\n", map->nodes[*from].id.c_str(), from_label.c_str(), map->nodes[*to].id.c_str(),
                to_label.c_str(), step_free ? ", step-free" : "");
    std::printf("walk %.0f m, floors:", route->walk_m);
    for (const auto& fp : route->floor_paths) std::printf(" %s", map->floors[fp.floor].id.c_str());
    std::printf("\n");
    int i = 1;
    for (const auto& s : steps) std::printf("%2d. %s\n", i++, wf::render_instruction(*map, s, *phrases).c_str());
    std::printf("%s\n", text.c_str());
    if (!url.empty()) std::printf("phone: %s\n", url.c_str());
    return 0;
}

int run_map(Context& ctx) {
    const Command* self = nullptr;
    for (const auto& c : commands())
        if (c.name == "map") self = &c;
    if (ctx.args.size() != 2 || ctx.args[0] != "check") return usage_error(*self, "expected: map check FILE");
    std::vector<wf::MapProblem> problems;
    auto map = wf::load_hall_map(ctx.args[1], problems);
    print_problems(problems);
    if (!map) return fail(map.error().message);
    size_t warnings = problems.size();
    std::printf("%s: OK (%zu floors, %zu nodes, %zu edges, %zu windows, %zu POIs, %zu kiosk spots; %zu warnings)\n",
                ctx.args[1].c_str(), map->floors.size(), map->nodes.size(), map->edges.size(), map->windows.size(),
                map->pois.size(), map->kiosks.size(), warnings);
    return 0;
}

const Register route_cmd({"route", "route FROM TO [--step-free] [--json] [--lang zh-CN|en] [--map FILE]",
                          "Route between two places of the hall map (FROM/TO: node id, 'here', '电梯', '12号窗口', …)",
                          run_route});
const Register map_cmd({"map", "map check FILE", "Check a hall map file (map.json) and list every problem", run_map});

}  // namespace
}  // namespace kiosk::ctl
