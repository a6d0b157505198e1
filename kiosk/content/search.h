// SearchIndex: in-memory Chinese search over item names (characters, pinyin, initials, departments).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/content/model.h"

namespace kiosk::content {

class PinyinSource;

/// Why an item matched; lower values rank first.
enum class MatchKind {
    Code,              ///< the query is the item's code
    Exact,             ///< the whole name (as characters, pinyin or initials, mixed)
    Prefix,            ///< the start of the name
    Substring,         ///< somewhere inside the name
    Department,        ///< the current name of the handling department
    FormerDepartment,  ///< a former name of the department, or a department the item moved from
    Word,              ///< a search word of the department (the hall map's aliases: 社保, 医保), typed whole
};
const char* match_kind_name(MatchKind);

struct SearchHit {
    ItemSummary item;
    MatchKind kind = MatchKind::Substring;
    /// Code-point range [match_begin, match_end) of the name that matched (for highlighting);
    /// both 0 for department matches.
    int match_begin = 0, match_end = 0;
};

/// What the index is built from: one row per item, readings as stored by the importer
/// (code points separated by ' ', readings of one code point by ',').
struct SearchItem {
    std::string code;
    std::string name;
    std::string readings;
    std::string department_id;
    std::string department_name;
    int popularity = 0;
    /// Department ids the item moved away from (transfers).
    std::vector<std::string> former_department_ids;
};
struct SearchDepartment {
    std::string id;
    std::string name;
    std::string readings;
    std::vector<std::pair<std::string, std::string>> former_names;  ///< (name, readings)
    /// Words citizens use for the department (the hall map's aliases: 社保 for 人力资源和社会保障局),
    /// (word, readings). They match only when the query is the whole word (characters, pinyin or
    /// initials), and rank last: 结婚 must not bring every 民政局 item through a word 结婚登记.
    std::vector<std::pair<std::string, std::string>> words = {};
};

/// Immutable after build(): query() may run on any thread.
///
/// Matching: the normalised query (lower case, full-width folded, spaces and ' dropped) is
/// matched against the name code point by code point; a Han character is matched by
/// itself or by any prefix of any of its readings ("b", "bu"), so full pinyin, initials and
/// mixed input ("不dc") all work; punctuation in the name may be skipped. Queries longer
/// than 127 code points are cut.
class SearchIndex {
public:
    static std::shared_ptr<const SearchIndex> build(const std::vector<SearchItem>& items,
                                                    const std::vector<SearchDepartment>& departments);
    /// Computes readings with `pinyin` (tests and benchmarks that have no database).
    static std::vector<SearchItem> items_from_names(const PinyinSource& pinyin, const std::vector<SearchItem>& items);
    static std::string readings_of(const PinyinSource& pinyin, std::string_view text);

    /// Ranked: kind (code, exact, prefix, substring, department, former department), then
    /// popularity (higher first), then shorter name, then code. `limit` 0 = all.
    std::vector<SearchHit> query(std::string_view text, size_t limit = 20) const;
    size_t size() const { return m_items.size(); }

    /// query() restricted to the items in `candidates` for name matches (nullptr: all);
    /// the items whose name matched are stored in `name_matched`. For SearchSession.
    std::vector<SearchHit> query_within(std::string_view text, size_t limit, const std::vector<uint32_t>* candidates,
                                        std::vector<uint32_t>* name_matched) const;
    /// The normalised form of a query (what matching sees).
    static std::u32string normalise_query(std::string_view text);

    struct Token;
    struct Entry;

private:
    SearchIndex() = default;
    std::vector<Token> m_tokens;
    std::vector<std::string> m_syllables;
    std::vector<uint16_t> m_reading_ids;
    std::vector<Entry> m_entries;
    std::vector<SearchItem> m_items;
    std::vector<Entry> m_aliases;  ///< department names, current and former
    std::vector<std::vector<uint32_t>> m_alias_items;
    std::vector<Entry> m_words;                          ///< departments' search words
    std::vector<std::vector<uint32_t>> m_word_items;     ///< word → item indices  ///< alias → (item index << 1 | former)
    friend struct IndexBuilder;
};

/// Per-keystroke search for one search screen: when the new query extends the previous one
/// (the usual case while typing) only the items whose name matched before are matched again,
/// since a match of "bdcd" implies a match of "bdc". Same results as SearchIndex::query().
/// Not thread-safe: one per screen.
class SearchSession {
public:
    explicit SearchSession(std::shared_ptr<const SearchIndex> index) : m_index(std::move(index)) {}
    std::vector<SearchHit> query(std::string_view text, size_t limit = 20);

private:
    std::shared_ptr<const SearchIndex> m_index;
    std::u32string m_last;
    std::vector<uint32_t> m_candidates;
    bool m_valid = false;
};

}  // namespace kiosk::content
