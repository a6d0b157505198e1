// ContentStore: the UI's read API over the live content version (departments, items, forms, hall).
#pragma once

#include <chrono>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/sqlite_db.h"
#include "kiosk/content/model.h"

namespace kiosk::content {

class SearchIndex;

/// Read-only view of one content version. Open it on the thread that uses it (SQLite
/// connections are not shared). The version it opened stays readable after a newer one is
/// imported; call is_stale() (cheap) to learn that the UI should reopen.
class ContentStore {
public:
    /// Opens `content_root/current` (see bundle.h). NotFound when nothing was imported yet.
    static Result<std::unique_ptr<ContentStore>> open(const std::string& content_root);
    /// Opens one version folder directly (tests, kioskctl on a bundle being checked).
    static Result<std::unique_ptr<ContentStore>> open_version(const std::string& version_dir);

    const std::string& version() const { return m_version; }
    const std::string& version_dir() const { return m_dir; }
    /// True when `current` now points at another version than the one opened.
    bool is_stale() const;

    /// The language content text is read in from now on: "en…" reads every text the content
    /// carries in English (name_en, title_en…, docs/content.md) in English and every other text
    /// in the hall's Chinese exactly (never a machine translation); anything else reads Chinese.
    /// The screens set it to the citizen's language before each read (guide::store).
    void set_language(std::string_view language);
    bool reads_english() const { return m_read_english; }
    /// `s` with its name and department name in the store's language (search hits come from
    /// the index, which holds the Chinese it matches on).
    ItemSummary localized(ItemSummary s) const;
    /// A form's title (as read from the forms table) in the store's language.
    std::string form_title(const std::string& form_id, const std::string& chinese_title) const;
    /// The content's English for an english_key (content_data.h), empty when it has none.
    const std::string& english(const std::string& key) const;

    Result<std::vector<Department>> departments();
    Result<std::vector<ItemSummary>> items_by_department(const std::string& department_id);
    Result<std::vector<LifeEvent>> life_events();
    Result<std::vector<ItemSummary>> items_by_life_event(const std::string& event_id);
    /// The `limit` items citizens ask for most: by the content's popularity (its usage
    /// ranking, docs/content.md), ties and unranked content in the content's own order.
    Result<std::vector<ItemSummary>> most_used_items(int limit);
    /// Everything about one item (materials, FAQ, transfers, windows…). NotFound for an unknown code.
    Result<ServiceItem> item(const std::string& code);
    /// The forms of an item, with absolute paths to the PDFs inside this version.
    Result<std::vector<Form>> forms_of(const std::string& item_code);
    Result<HallInfo> hall_info();
    /// Notices with start <= now < end, newest start first. `now` comes from the injected Clock.
    Result<std::vector<Notice>> notices_at(std::chrono::system_clock::time_point now);
    /// The holiday change covering `now` (Beijing date), if any.
    Result<std::optional<HolidayChange>> holiday_at(std::chrono::system_clock::time_point now);
    /// Builds the in-memory search index of this version (about 30 ms for 10,000 items).
    Result<std::shared_ptr<const SearchIndex>> build_search_index();
    /// Absolute path of map.json in this version, empty when the bundle had none.
    std::string map_path() const;

    db::Database& database() { return m_db; }

private:
    ContentStore(db::Database db, std::string root, std::string dir, std::string version)
        : m_db(std::move(db)), m_root(std::move(root)), m_dir(std::move(dir)), m_version(std::move(version)) {}
    /// `zh` or, when reading English and the content has it, its English.
    const std::string& text(const std::string& key, const std::string& zh) const;
    Result<std::vector<ItemSummary>> summaries(db::Statement& st) const;
    HolidayChange holiday_row(db::Statement& st) const;  ///< columns date_from, date_to, closed, open, close, note
    Status load_english();

    db::Database m_db;
    std::map<std::string, std::string> m_english;  ///< english_key → text; empty for a content.db without English
    bool m_read_english = false;
    std::string m_root;  ///< empty when opened by open_version
    std::string m_dir;
    std::string m_version;
};

/// Beijing date "YYYY-MM-DD" of a time point (UTC+8; China has no daylight saving time).
std::string beijing_date(std::chrono::system_clock::time_point t);

}  // namespace kiosk::content
