// Internal: a bundle parsed into memory, between validation and the SQLite writer.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kiosk/content/bundle.h"
#include "kiosk/content/model.h"

namespace kiosk::content::detail {

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
