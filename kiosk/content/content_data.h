// Internal: a bundle parsed into memory, between validation and the SQLite writer.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kiosk/content/bundle.h"
#include "kiosk/content/model.h"

namespace kiosk::content::detail {

/// Where the English version of a content text is stored (content.db table `english`, key →
/// text): one table for every kind of text, so a store opened on a content.db written before
/// English existed (no table) simply has none, and adding a field needs no schema change.
namespace english_key {
inline std::string department(const std::string& id) { return "department/" + id + "/name"; }
inline std::string former_name(const std::string& id, const std::string& until) { return "department/" + id + "/former/" + until; }
inline std::string transfer_note(const std::string& from, const std::string& to, const std::string& date) {
    return "transfer/" + from + "/" + to + "/" + date + "/note";
}
inline std::string life_event(const std::string& id) { return "life_event/" + id + "/name"; }
/// field: name, kind, fee_note, material/<n>/name|note, faq/<n>/q|a
inline std::string item(const std::string& code, const std::string& field) { return "item/" + code + "/" + field; }
inline std::string form(const std::string& id, const std::string& field) { return "form/" + id + "/" + field; }
/// field: name, address, parking, self_service_location
inline std::string hall(const std::string& field) { return "hall/" + field; }
inline std::string floor(int n, const std::string& field) { return "floor/" + std::to_string(n) + "/" + field; }
inline std::string holiday(const std::string& from, const std::string& field) { return "holiday/" + from + "/" + field; }
inline std::string notice(const std::string& id, const std::string& field) { return "notice/" + id + "/" + field; }
inline std::string bus(size_t seq, const std::string& field) { return "bus/" + std::to_string(seq) + "/" + field; }
inline std::string nearby(size_t seq, const std::string& field) { return "nearby/" + std::to_string(seq) + "/" + field; }
}  // namespace english_key

struct FormEntry {
    Form form;                       ///< path = the file's path inside the bundle
    std::vector<std::string> items;  ///< item codes
};

struct ContentData {
    std::string version;
    std::vector<Department> departments;
    std::vector<Transfer> transfers;
    std::vector<LifeEvent> life_events;
    std::vector<ServiceItem> items;
    std::vector<FormEntry> forms;
    HallInfo hall;
    std::vector<Notice> notices;
    std::map<std::string, std::string> files;  ///< manifest path → sha256
    std::map<std::string, std::string> english;  ///< english_key → the content's English text
    bool has_map = false;
    std::vector<BundleProblem> warnings;  ///< do not block an import (e.g. a window of another department)
};

/// Reads and checks the whole bundle; problems are appended, data is filled as far as possible.
void parse_bundle(const std::string& dir, ContentData& data, std::vector<BundleProblem>& problems);

/// Writes `data` into a new SQLite database at `db_path` (which must not exist), with the
/// pinyin readings of every name computed now.
Status write_content_db(const ContentData& data, const std::string& db_path);

/// "YYYY-MM-DD HH:MM" Beijing time (UTC+8, no DST) → Unix seconds; false when malformed.
bool parse_beijing_time(const std::string& text, int64_t& unix_seconds);
bool valid_date(const std::string& ymd);
bool valid_hhmm(const std::string& hhmm, bool allow_24 = false);
std::string sha256_file(const std::string& path, bool* ok = nullptr);
std::string sha256_hex(const std::string& data);

}  // namespace kiosk::content::detail
