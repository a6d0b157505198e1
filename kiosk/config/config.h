// Kiosk configuration: a TOML file checked against a schema, with command-line overrides.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/result.h"

namespace kiosk::config {

enum class Type { String, Int, Bool, Double, StringList };

/// One configuration key. The schema (schema.cpp) is the single list of every key the
/// kiosk understands; config/kiosk.example.toml documents the same keys for people.
struct KeySpec {
    const char* key;          ///< "section.name"
    Type type;
    const char* default_value;///< written as in TOML: "60", "true", "\"sim\"", "[]"
    const char* doc;
    int64_t min = INT64_MIN;  ///< for Int
    int64_t max = INT64_MAX;
    std::vector<std::string> choices = {};  ///< for String: the allowed values, if limited
};

const std::vector<KeySpec>& schema();
const KeySpec* find_key(std::string_view key);

using Value = std::variant<std::string, int64_t, bool, double, std::vector<std::string>>;

/// Validated configuration. Every key of the schema has a value (file, override or default).
class Config {
public:
    /// Defaults only (tests).
    static Config defaults();
    /// Defaults for a demonstration (benchmarks, in-process tests): kiosk.mode = "demo", the
    /// simulated printer, ID-card reader and scanner, the platform on http://127.0.0.1:8480.
    static Config demo();
    /// Reads `path` (empty: defaults only), then applies `--set key=value` overrides in
    /// order. Any unknown key, wrong type, out-of-range value or syntax error fails with a
    /// message naming the file, the line and the key.
    static Result<Config> load(const std::string& path, const std::vector<std::string>& overrides = {});
    /// Applies one "section.key=value" override.
    Status set(std::string_view assignment);

    const std::string& str(std::string_view key) const;
    int64_t integer(std::string_view key) const;
    bool boolean(std::string_view key) const;
    double number(std::string_view key) const;
    const std::vector<std::string>& list(std::string_view key) const;

    /// Where the file came from ("" for defaults), for messages.
    const std::string& source() const { return m_source; }
    /// The effective state directory: --state-dir (set by set_state_dir), else the
    /// KIOSK_STATE_DIR environment variable, else paths.state_dir.
    std::string state_dir() const;
    void set_state_dir(std::string dir) { m_state_dir_override = std::move(dir); }
    /// What set_state_dir was given ("" when none).
    const std::string& state_dir_override() const { return m_state_dir_override; }
    /// A path inside the state directory unless `key`'s value is absolute.
    std::string state_path(std::string_view key) const;

private:
    const Value& get(std::string_view key, Type t) const;
    std::map<std::string, Value, std::less<>> m_values;
    std::string m_source;
    std::string m_state_dir_override;
};

/// The assets folder (string catalogs): paths.assets_dir if set, else the installed one next to
/// the program (<prefix>/share/kiosk/assets, so /usr/bin/kiosk finds /usr/share/kiosk/assets),
/// else a build tree's (build/bin/../../assets), else `dev_fallback` (the source tree, passed in
/// by development builds so this library carries no source path).
std::string find_assets_dir(const Config& c, const std::string& dev_fallback = {});

/// Parses a literal as written in TOML for a key of type `t` ("60", "true", "\"x\"", "x").
/// Bare words are accepted as strings so `--set printer.driver=cups` works.
Result<Value> parse_value(const KeySpec& spec, std::string_view text);

}  // namespace kiosk::config
