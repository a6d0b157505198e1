// Loading and checking the TOML configuration; errors name the file, the line and the key.
#include "config.h"

#define TOML_EXCEPTIONS 0
// toml++ 3.3 checks its parser's own state with asserts, and one of them is reachable from
// input: parse_key() asserts that a table header's '[' is followed by a key character or a
// quote ("[" then "!" aborts a build without NDEBUG; found by tests/fuzz fuzz_config). Just
// after that assert the parser has the proper error ("expected bare key starting character or
// string delimiter, saw '!'", with the line), which is what a build with NDEBUG under g++
// reports. Under clang with NDEBUG the same assert becomes __builtin_assume, and a false
// assumption is undefined behaviour. So every build of this file (Debug, the sanitizer
// build, clang's fuzz build) takes the error path: NDEBUG is off while toml++ is read, and
// its TOML_ASSERT, which then also stands for TOML_ASSERT_ASSUME, does nothing. Only this
// file includes toml++ (no second copy of its inline functions built another way).
// tests/config/test_config_bad_table_header.cpp. Re-check on a toml++ upgrade (2026-12-05).
// A toml++ bug, reported upstream as marzer/tomlplusplus#294 ("[&": UBSan in parse_key under
// clang with NDEBUG); fuzz_config runs clean on it and on 3,800 more inputs (2026-12-06).
#pragma push_macro("NDEBUG")
#undef NDEBUG
#define TOML_ASSERT(expr) static_cast<void>(0)
#include <toml++/toml.h>
#pragma pop_macro("NDEBUG")

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace kiosk::config {
namespace {

const char* type_name(Type t) {
    switch (t) {
    case Type::String: return "a string";
    case Type::Int: return "an integer";
    case Type::Bool: return "true or false";
    case Type::Double: return "a number";
    case Type::StringList: return "a list of strings";
    }
    return "?";
}

// The closest schema key by edit distance, for "did you mean" hints.
std::string closest_key(std::string_view key) {
    auto distance = [](std::string_view a, std::string_view b) {
        std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
        for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
        for (size_t i = 1; i <= a.size(); ++i) {
            cur[0] = i;
            for (size_t j = 1; j <= b.size(); ++j)
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + size_t(a[i - 1] != b[j - 1])});
            std::swap(prev, cur);
        }
        return prev[b.size()];
    };
    std::string best;
    size_t best_d = 4;  // suggest only near misses
    for (const auto& k : schema()) {
        size_t d = distance(key, k.key);
        if (d < best_d) best_d = d, best = k.key;
    }
    return best;
}

Status check_range(const KeySpec& spec, const Value& v) {
    if (spec.type == Type::Int) {
        int64_t i = std::get<int64_t>(v);
        if (i < spec.min || i > spec.max) {
            std::ostringstream m;
            m << "value " << i << " is out of range";
            if (spec.min != INT64_MIN) m << " (minimum " << spec.min;
            if (spec.max != INT64_MAX) m << (spec.min != INT64_MIN ? ", " : " (") << "maximum " << spec.max;
            if (spec.min != INT64_MIN || spec.max != INT64_MAX) m << ")";
            return make_error(Errc::InvalidInput, m.str());
        }
    }
    if (spec.type == Type::String && !spec.choices.empty()) {
        const auto& s = std::get<std::string>(v);
        bool found = false;
        for (const auto& c : spec.choices) found |= (c == s);
        if (!found) {
            std::string m = "value \"" + s + "\" is not one of:";
            for (const auto& c : spec.choices) m += " " + c;
            return make_error(Errc::InvalidInput, m);
        }
    }
    return {};
}

Result<Value> from_node(const KeySpec& spec, const toml::node& node) {
    switch (spec.type) {
    case Type::String:
        if (auto s = node.value_exact<std::string>()) return Value{*s};
        break;
    case Type::Int:
        if (auto i = node.value_exact<int64_t>()) return Value{*i};
        break;
    case Type::Bool:
        if (auto b = node.value_exact<bool>()) return Value{*b};
        break;
    case Type::Double:
        if (node.is_floating_point() || node.is_integer()) return Value{*node.value<double>()};
        break;
    case Type::StringList:
        if (auto* arr = node.as_array()) {
            std::vector<std::string> out;
            for (auto& el : *arr) {
                auto s = el.value_exact<std::string>();
                if (!s) return make_error(Errc::InvalidInput, std::string("expected ") + type_name(spec.type));
                out.push_back(*s);
            }
            return Value{out};
        }
        break;
    }
    return make_error(Errc::InvalidInput, std::string("expected ") + type_name(spec.type));
}

}  // namespace

Result<Value> parse_value(const KeySpec& spec, std::string_view text) {
    std::string doc = std::string("v = ") + std::string(text);
    auto parsed = toml::parse(doc);
    if (parsed) {
        if (auto* node = parsed.table().get("v")) {
            auto v = from_node(spec, *node);
            if (v) {
                TRY(check_range(spec, v.value()));
                return v;
            }
            if (spec.type != Type::String) return v.error();
        }
    }
    if (spec.type == Type::String) {  // a bare word: --set printer.driver=cups
        Value v{std::string(text)};
        TRY(check_range(spec, v));
        return v;
    }
    return make_error(Errc::InvalidInput, std::string("expected ") + type_name(spec.type) + ", got '" + std::string(text) + "'");
}

Config Config::defaults() {
    Config c;
    for (const auto& k : schema()) {
        auto v = parse_value(k, k.default_value);
        // The schema's own defaults are checked by the test suite; a bad one is a bug.
        c.m_values[k.key] = v ? v.value() : Value{std::string()};
    }
    return c;
}

std::string find_assets_dir(const Config& c, const std::string& dev_fallback) {
    namespace fs = std::filesystem;
    if (!c.str("paths.assets_dir").empty()) return c.str("paths.assets_dir");
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path p : {exe.parent_path() / "../share/kiosk/assets", exe.parent_path() / "../../assets"})
            if (fs::exists(p / "strings", ec)) return fs::canonical(p, ec).string();
    }
    if (fs::exists("/usr/share/kiosk/assets/strings", ec)) return "/usr/share/kiosk/assets";
    return dev_fallback.empty() ? "/usr/share/kiosk/assets" : dev_fallback;
}

Config Config::demo() {
    Config c = defaults();
    for (const char* s : {"kiosk.mode=demo", "printer.driver=sim", "idcard.driver=sim", "scanner.driver=sim", "copier.driver=sim",
                          "platform.url=http://127.0.0.1:8480"})
        (void)c.set(s);  // literals of the schema's own choices: cannot fail
    return c;
}

Result<Config> Config::load(const std::string& path, const std::vector<std::string>& overrides) {
    Config c = defaults();
    c.m_source = path;
    if (!path.empty()) {
        if (!std::filesystem::exists(path)) return make_error(Errc::NotFound, path + ": no such configuration file");
        // toml++ reads a directory as an empty file: every key would silently take its default.
        if (std::filesystem::is_directory(path)) return make_error(Errc::InvalidInput, path + ": is a directory, not a configuration file");
        auto parsed = toml::parse_file(path);
        if (!parsed) {
            const auto& e = parsed.error();
            std::ostringstream m;
            m << path << ":" << e.source().begin.line << ": " << e.description();
            return make_error(Errc::InvalidInput, m.str());
        }
        std::vector<std::string> problems;
        auto report = [&](int64_t line, const std::string& key, const std::string& what) {
            std::ostringstream m;
            m << path << ":" << line << ": " << key << ": " << what;
            problems.push_back(m.str());
        };
        for (auto&& [section, node] : parsed.table()) {
            int64_t sline = section.source().begin.line;
            auto* table = node.as_table();
            if (!table) {
                report(sline, std::string(section.str()), "expected a [section]; every key belongs to one, e.g. [printer]");
                continue;
            }
            for (auto&& [name, value] : *table) {
                std::string key = std::string(section.str()) + "." + std::string(name.str());
                int64_t line = name.source().begin.line;
                const KeySpec* spec = find_key(key);
                if (!spec) {
                    std::string hint = closest_key(key);
                    report(line, key, "unknown key" + (hint.empty() ? std::string() : " (did you mean " + hint + "?)"));
                    continue;
                }
                auto v = from_node(*spec, value);
                if (!v) {
                    report(line, key, v.error().message);
                    continue;
                }
                if (auto r = check_range(*spec, v.value()); !r) {
                    report(line, key, r.error().message);
                    continue;
                }
                c.m_values[key] = v.value();
            }
        }
        if (!problems.empty()) {
            std::string all;
            for (auto& p : problems) all += (all.empty() ? "" : "\n") + p;
            return make_error(Errc::InvalidInput, all);
        }
    }
    for (const auto& o : overrides) TRY(c.set(o));
    return c;
}

Status Config::set(std::string_view assignment) {
    auto eq = assignment.find('=');
    if (eq == std::string_view::npos)
        return make_error(Errc::InvalidInput, "--set " + std::string(assignment) + ": expected section.key=value");
    std::string key(assignment.substr(0, eq));
    const KeySpec* spec = find_key(key);
    if (!spec) {
        std::string hint = closest_key(key);
        return make_error(Errc::InvalidInput,
                          "--set " + key + ": unknown key" + (hint.empty() ? "" : " (did you mean " + hint + "?)"));
    }
    auto v = parse_value(*spec, assignment.substr(eq + 1));
    if (!v) return make_error(Errc::InvalidInput, "--set " + key + ": " + v.error().message);
    m_values[key] = v.value();
    return {};
}

const Value& Config::get(std::string_view key, Type t) const {
    auto it = m_values.find(key);
    const KeySpec* spec = find_key(key);
    if (it == m_values.end() || !spec || spec->type != t) {
        // A typo in a key name inside the code: fail loudly in development.
        std::fprintf(stderr, "internal error: configuration key '%.*s' is not in the schema with that type\n",
                     int(key.size()), key.data());
        std::abort();
    }
    return it->second;
}

const std::string& Config::str(std::string_view key) const { return std::get<std::string>(get(key, Type::String)); }
int64_t Config::integer(std::string_view key) const { return std::get<int64_t>(get(key, Type::Int)); }
bool Config::boolean(std::string_view key) const { return std::get<bool>(get(key, Type::Bool)); }
double Config::number(std::string_view key) const { return std::get<double>(get(key, Type::Double)); }
const std::vector<std::string>& Config::list(std::string_view key) const {
    return std::get<std::vector<std::string>>(get(key, Type::StringList));
}

std::string Config::state_dir() const {
    if (!m_state_dir_override.empty()) return m_state_dir_override;
    if (const char* env = std::getenv("KIOSK_STATE_DIR"); env && *env) return env;
    return str("paths.state_dir");
}

std::string Config::state_path(std::string_view key) const {
    std::filesystem::path p(str(key));
    if (p.is_absolute()) return p.string();
    return (std::filesystem::path(state_dir()) / p).string();
}

}  // namespace kiosk::config
