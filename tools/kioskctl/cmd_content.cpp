// kioskctl content verify|import|import-catalog|pack|keygen|rollback|status, and kioskctl search.
#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <nlohmann/json.hpp>

#include "command.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/catalog.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/pack.h"
#include "kiosk/content/signing.h"
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

/// Who runs this import, for the log line a downgrade leaves (issue 12: "log who did it").
std::string actor() {
    std::string who;
    if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo) who = std::string(sudo) + " via sudo";
    else if (const passwd* pw = ::getpwuid(::getuid())) who = pw->pw_name;
    else who = "uid " + std::to_string(::getuid());
    return "kioskctl (user " + who + ")";
}

ImportPolicy policy_of(Context& ctx) {
    ImportPolicy p;
    p.trusted_keys = ctx.config.list("content.signing_keys");
    p.allow_downgrade = ctx.take_flag("allow-downgrade");
    p.actor = actor();
    return p;
}

/// Reads --key FILE (a publisher's secret key, mode 600).
Result<std::string> key_option(Context& ctx) {
    std::string file = ctx.take_option("key");
    if (file.empty()) return make_error(Errc::InvalidInput, "--key FILE is required (a publisher key from kioskctl content keygen)");
    return read_secret_key_file(file);
}

Status write_key_file(const std::string& path, const std::string& text, mode_t mode) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return make_error(Errc::Io, path + ": cannot create (" + std::strerror(errno) + "; an existing key is never overwritten)");
    std::string line = text + "\n";
    bool ok = ::write(fd, line.data(), line.size()) == ssize_t(line.size());
    ok = ::fsync(fd) == 0 && ok;
    ::close(fd);
    return ok ? Status{} : Status(make_error(Errc::Io, path + ": cannot write"));
}

int run_content(Context& ctx) {
    const Command& self = find("content");
    if (ctx.args.empty()) return usage_error(self, "missing subcommand");
    const std::string sub = ctx.args[0];
    const std::string root = content_root_for(ctx.config.state_dir());
    if (sub == "verify") {
        if (ctx.args.size() != 2) return usage_error(self, "content verify needs exactly one PATH");
        std::vector<BundleProblem> problems;
        auto info = verify_bundle(ctx.args[1], &problems);
        auto signer = check_signature(ctx.args[1], ctx.config.list("content.signing_keys"));
        if (!signer) {
            const std::string& m = signer.error().message;  // "file: why"
            size_t colon = m.find(": ");
            problems.push_back(colon == std::string::npos ? BundleProblem{"", "", m} : BundleProblem{m.substr(0, colon), "", m.substr(colon + 2)});
        }
        if (!info || !signer) return print_problems(info ? signer.error() : info.error(), problems);
        for (const auto& w : info->warnings) std::fprintf(stderr, "warning: %s\n", to_string(w).c_str());
        print_info(ctx.args[1].c_str(), *info);
        std::printf("signed by key %s… (in content.signing_keys)\n", signer->key_id().c_str());
        std::printf("OK%s\n", info->warnings.empty() ? "" : (" with " + std::to_string(info->warnings.size()) + " warning(s)").c_str());
        return 0;
    }
    if (sub == "import") {
        ImportPolicy policy = policy_of(ctx);
        if (ctx.args.size() != 2) return usage_error(self, "content import needs exactly one PATH");
        auto imported = import_bundle(ctx.args[1], root, policy);
        if (!imported) return fail(imported.error().message + "\nnothing was changed");
        print_info("imported", *imported);
        std::printf("live: %s\n", imported->dir.c_str());
        return 0;
    }
    if (sub == "import-catalog") {
        ImportPolicy policy = policy_of(ctx);
        auto key = key_option(ctx);
        if (!key) return fail(key.error().message);
        if (ctx.args.size() != 2) return usage_error(self, "content import-catalog needs exactly one FILE");
        auto imported = import_catalog(ctx.args[1], root, *key, policy);
        if (!imported) return fail(imported.error().message + "\nnothing was changed");
        print_info("imported", *imported);
        return 0;
    }
    if (sub == "pack") {
        std::string out = ctx.take_option("out");
        PackOptions options;
        options.version = ctx.take_option("version");
        options.hall_from = ctx.take_option("hall-from");
        auto key = key_option(ctx);
        if (!key) return fail(key.error().message);
        if (ctx.args.size() != 2 || out.empty()) return usage_error(self, "content pack needs a SOURCE (folder or catalogue) and --out DIR");
        auto packed = pack_bundle(ctx.args[1], out, *key, options);
        if (!packed) return fail(packed.error().message);
        for (const auto& w : packed->warnings) std::fprintf(stderr, "warning: %s\n", to_string(w).c_str());
        print_info("packed", *packed);
        std::printf("signed by key %s…: %s\n", public_key_of(*key)->substr(0, 12).c_str(), out.c_str());
        return 0;
    }
    if (sub == "keygen") {
        std::string prefix = ctx.take_option("out");
        if (prefix.empty() || ctx.args.size() != 1) return usage_error(self, "content keygen needs --out PREFIX");
        auto kp = generate_signing_key();
        if (auto st = write_key_file(prefix + ".key", kp.secret_key, 0600); !st) return fail(st.error().message);
        if (auto st = write_key_file(prefix + ".pub", kp.public_key, 0644); !st) return fail(st.error().message);
        std::printf("secret key: %s.key (mode 600: keep it offline, see docs/content.md)\n", prefix.c_str());
        std::printf("public key: %s.pub — list it in content.signing_keys:\n%s\n", prefix.c_str(), kp.public_key.c_str());
        return 0;
    }
    if (sub == "rollback") {
        std::string who = actor();
        auto info = rollback(root);
        if (info) std::fprintf(stderr, "kioskctl: rollback by %s\n", who.c_str());
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
                            "content verify PATH\ncontent import PATH [--allow-downgrade]\n"
                            "content import-catalog FILE --key KEY [--allow-downgrade]\n"
                            "content pack SOURCE --key KEY --out DIR [--version V] [--hall-from DIR]\n"
                            "content keygen --out PREFIX\ncontent rollback\ncontent status [--json]",
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
