// Typed configuration keys: a key is a constant, so a misspelt key is a compile error, and its type picks the accessor.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/config/config.h"

namespace kiosk::config {

/// A key of the schema with the C++ type of its value.
template <class T>
struct Key {
    std::string_view name;
};

inline const std::string& get(const Config& c, Key<std::string> k) { return c.str(k.name); }
inline int64_t get(const Config& c, Key<int64_t> k) { return c.integer(k.name); }
inline bool get(const Config& c, Key<bool> k) { return c.boolean(k.name); }
inline double get(const Config& c, Key<double> k) { return c.number(k.name); }
inline const std::vector<std::string>& get(const Config& c, Key<std::vector<std::string>> k) { return c.list(k.name); }

/// The device keys (docs/architecture.md: device settings are read in one place,
/// kiosk/app/device_settings.h). tests/config/test_config_keys.cpp checks each against the
/// schema (name and type), so this list cannot drift from schema.cpp.
namespace keys {
inline constexpr Key<std::string> printer_driver{"printer.driver"};
inline constexpr Key<std::string> printer_uri{"printer.uri"};
inline constexpr Key<int64_t> printer_job_timeout_s{"printer.job_timeout_s"};
inline constexpr Key<int64_t> printer_poll_interval_ms{"printer.poll_interval_ms"};
inline constexpr Key<std::string> printer_sim_dir{"printer.sim_dir"};  ///< relative: in the state dir (Config::state_path)

inline constexpr Key<std::string> idcard_driver{"idcard.driver"};
inline constexpr Key<std::string> idcard_port{"idcard.port"};
inline constexpr Key<std::string> idcard_sim_control{"idcard.sim_control"};
inline constexpr Key<int64_t> idcard_baud{"idcard.baud"};
inline constexpr Key<std::string> idcard_sim_cards{"idcard.sim_cards"};

inline constexpr Key<std::string> scanner_driver{"scanner.driver"};
inline constexpr Key<std::string> scanner_port{"scanner.port"};
inline constexpr Key<int64_t> scanner_baud{"scanner.baud"};
inline constexpr Key<std::string> scanner_charset{"scanner.charset"};
inline constexpr Key<std::string> scanner_terminator{"scanner.terminator"};
inline constexpr Key<std::string> scanner_hid_device{"scanner.hid_device"};
inline constexpr Key<bool> scanner_camera_enabled{"scanner.camera_enabled"};
inline constexpr Key<std::string> scanner_camera_device{"scanner.camera_device"};
inline constexpr Key<std::vector<std::string>> scanner_allowed_hosts{"scanner.allowed_hosts"};
inline constexpr Key<int64_t> scanner_wedge_max_gap_ms{"scanner.wedge_max_gap_ms"};
inline constexpr Key<std::string> copier_driver{"copier.driver"};
inline constexpr Key<std::string> copier_device{"copier.device"};
inline constexpr Key<std::vector<std::string>> copier_sane_options{"copier.sane_options"};
inline constexpr Key<std::string> copier_sim_marker{"copier.sim_marker"};
}  // namespace keys

/// Every typed key above with the schema type it must have (for the test).
struct KeyInfo {
    std::string_view name;
    Type type;
};
template <class T> constexpr Type type_of();
template <> constexpr Type type_of<std::string>() { return Type::String; }
template <> constexpr Type type_of<int64_t>() { return Type::Int; }
template <> constexpr Type type_of<bool>() { return Type::Bool; }
template <> constexpr Type type_of<double>() { return Type::Double; }
template <> constexpr Type type_of<std::vector<std::string>>() { return Type::StringList; }
template <class T> constexpr KeyInfo info(Key<T> k) { return {k.name, type_of<T>()}; }

inline const auto& typed_keys() {
    using namespace keys;
    static const std::array all{
        info(printer_driver), info(printer_uri), info(printer_job_timeout_s), info(printer_poll_interval_ms),
        info(printer_sim_dir),
        info(idcard_driver), info(idcard_port), info(idcard_sim_control), info(idcard_baud), info(idcard_sim_cards),
        info(scanner_driver), info(scanner_port), info(scanner_baud), info(scanner_charset), info(scanner_terminator),
        info(scanner_hid_device), info(scanner_camera_enabled), info(scanner_camera_device), info(scanner_allowed_hosts),
        info(scanner_wedge_max_gap_ms), info(copier_driver), info(copier_device), info(copier_sane_options),
        info(copier_sim_marker)};
    return all;
}

}  // namespace kiosk::config
