// kioskctl content import|verify|import-catalog|rollback|status, and kioskctl search.
#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "command.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/catalog.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/search.h"

namespace kiosk::ctl {
namespace {

using namespace kiosk::content;

const Command& find(const char* name) {
    for (const auto& c : commands())
        if (c.name == name) return c;
    return commands().front();
}

void print_info(const char* what, const BundleInfo& i) {
    std::printf("%s: version %s, %d departments, %d items, %d forms, %d notices%s\n", what, i.version.c_str(), i.departments,
                i.items, i.forms, i.notices, i.has_map ? ", map.json" : "");
}

int print_problems(const Error& e, const std::vector<BundleProblem>& problems) {
    if (problems.empty()) return fail(e.message);
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", to_string(p).c_str());
    std::fprintf(stderr, "kioskctl: %zu problem%s; nothing was changed\n", problems.size(), problems.size() == 1 ? "" : "s");
    return 1;
}

int run_content(Context& ctx) {
    const Command& self = find("content");
    if (ctx.args.empty()) return usage_error(self, "missing subcommand");
    const std::string sub = ctx.args[0];
    const std::string root = content_root_for(ctx.config.state_dir());
    if (sub == "verify" || sub == "import") {
        if (ctx.args.size() != 2) return usage_error(self, "content " + sub + " needs exactly one PATH");
        std::vector<BundleProblem> problems;
        auto info = verify_bundle(ctx.args[1], &problems);
        if (!info) return print_problems(info.error(), problems);
        if (sub == "verify") {
            print_info(ctx.args[1].c_str(), *info);
            std::printf("OK\n");
            return 0;
        }
        auto imported = import_bundle(ctx.args[1], root);
        if (!imported) return fail(imported.error().message);
        print_info("imported", *imported);
        std::printf("live: %s\n", imported->dir.c_str());
        return 0;
    }
    if (sub == "import-catalog") {
        if (ctx.args.size() != 2) return usage_error(self, "content import-catalog needs exactly one FILE");
        auto imported = import_catalog(ctx.args[1], root);
        if (!imported) return fail(imported.error().message);
        print_info("imported", *imported);
        return 0;
    }
    if (sub == "rollback") {
        auto info = rollback(root);
        if (!info) return fail(info.error().message);
        print_info("rolled back to", *info);
        return 0;
    }
    if (sub == "status") {
        bool as_json = ctx.take_flag("json");
        auto st = content_status(root);
        if (!st) return fail(st.error().message);
        if (as_json) {
            nlohmann::json j = {{"root", root},
                                {"current", {{"dir", st->current_dir}, {"version", st->current_version}, {"imported_at", st->imported_at}}},
                                {"previous", {{"dir", st->previous_dir}, {"version", st->previous_version}}},
                                {"departments", st->departments}, {"items", st->items}, {"forms", st->forms},
                                {"notices", st->notices}};
            std::printf("%s\n", j.dump(1).c_str());
            return 0;
        }
        if (st->current_dir.empty()) {
            std::printf("no content imported in %s\n", root.c_str());
            return 1;
        }
        std::printf("current:  %s (%s, imported %s UTC)\n", st->current_version.c_str(), st->current_dir.c_str(),
                    st->imported_at.c_str());
        std::printf("previous: %s\n", st->previous_dir.empty() ? "(none)" : (st->previous_version + " (" + st->previous_dir + ")").c_str());
        std::printf("%d departments, %d items, %d forms, %d notices\n", st->departments, st->items, st->forms, st->notices);
        return 0;
    }
    return usage_error(self, "unknown subcommand '" + sub + "'");
}

const Register content_cmd({"content",
                            "content verify PATH\ncontent import PATH\ncontent import-catalog FILE\ncontent rollback\n"
                            "content status [--json]",
                            "Check, import or roll back the service guide content (bundles and catalogues)", run_content});

int run_search(Context& ctx) {
    const Command& self = find("search");
    bool as_json = ctx.take_flag("json");
    std::string limit_text = ctx.take_option("limit");
    size_t limit = 20;
    if (!limit_text.empty()) {
        try {
            limit = size_t(std::stoul(limit_text));
        } catch (...) {
            return usage_error(self, "--limit needs a number");
        }
    }
    if (ctx.args.size() != 1) return usage_error(self, "search needs exactly one QUERY");
    auto store = ContentStore::open(content_root_for(ctx.config.state_dir()));
    if (!store) return fail(store.error().message);
    auto index = (*store)->build_search_index();
    if (!index) return fail(index.error().message);
    auto t0 = std::chrono::steady_clock::now();
    auto hits = (*index)->query(ctx.args[0], limit);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (as_json) {
        nlohmann::json j = nlohmann::json::array();
        for (const auto& h : hits)
            j.push_back({{"code", h.item.code}, {"name", h.item.name}, {"department", h.item.department_name},
                         {"match", match_kind_name(h.kind)}, {"popularity", h.item.popularity},
                         {"match_begin", h.match_begin}, {"match_end", h.match_end}});
        std::printf("%s\n", j.dump(1).c_str());
        return 0;
    }
    for (const auto& h : hits)
        std::printf("%-12s %-18s %s  [%s]\n", h.item.code.c_str(), match_kind_name(h.kind), h.item.name.c_str(),
                    h.item.department_name.c_str());
    std::fprintf(stderr, "%zu result%s in %.3f ms over %zu items\n", hits.size(), hits.size() == 1 ? "" : "s", ms,
                 (*index)->size());
    return hits.empty() ? 1 : 0;
}

const Register search_cmd({"search", "search QUERY [--json] [--limit N]",
                           "Search the service items (characters, pinyin, initials, department names)", run_search});

}  // namespace
}  // namespace kiosk::ctl
