// SearchIndex: tokenised names with pinyin readings, matched by a bit-parallel walk over the query.
#include "kiosk/content/search.h"

#include <algorithm>
#include <unordered_map>

#include "kiosk/content/pinyin.h"

namespace kiosk::content {

const char* match_kind_name(MatchKind k) {
    switch (k) {
        case MatchKind::Code: return "code";
        case MatchKind::Exact: return "exact";
        case MatchKind::Prefix: return "prefix";
        case MatchKind::Substring: return "substring";
        case MatchKind::Department: return "department";
        case MatchKind::FormerDepartment: return "former-department";
        case MatchKind::Word: return "word";
    }
    return "?";
}

/// One code point of a name.
struct SearchIndex::Token {
    char32_t cp = 0;          ///< normalised (lower case, full-width folded)
    uint32_t first_mask = 0;  ///< bit i: some reading starts with 'a' + i
    uint32_t reading_begin = 0;
    uint16_t reading_count = 0;
    bool skippable = false;   ///< punctuation: may be skipped by the query
};

struct SearchIndex::Entry {
    uint32_t tok_begin = 0, tok_count = 0;
    uint32_t letter_mask = 0;  ///< every letter in readings and literal ASCII letters
    uint64_t han_bloom = 0;    ///< Han characters hashed to 64 bits
};

namespace {

constexpr size_t kMaxQuery = 127;

char32_t normalise(char32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (cp == 0x3000) cp = ' ';
    if (cp >= 'A' && cp <= 'Z') cp += 32;
    return cp;
}
bool is_letter(char32_t c) { return c >= 'a' && c <= 'z'; }
bool is_alnum(char32_t c) { return is_letter(c) || (c >= '0' && c <= '9'); }
uint64_t bloom_bit(char32_t cp) { return uint64_t(1) << ((cp * 2654435761u) >> 26); }

struct Bits {
    uint64_t w[2] = {0, 0};
    void set(size_t i) { w[i >> 6] |= uint64_t(1) << (i & 63); }
    bool test(size_t i) const { return (w[i >> 6] >> (i & 63)) & 1; }
    bool empty() const { return (w[0] | w[1]) == 0; }
    bool only_zero() const { return w[0] == 1 && w[1] == 0; }
    template <class F>
    void each(F f) const {
        for (int k = 0; k < 2; ++k)
            for (uint64_t x = w[k]; x; x &= x - 1) f(size_t(k * 64 + __builtin_ctzll(x)));
    }
};

struct Query {
    std::u32string q;
    uint32_t letter_mask = 0;
    uint64_t han_bloom = 0;
};

Query make_query(std::string_view text) {
    Query out;
    for (char32_t cp : utf8_to_u32(text)) {
        cp = normalise(cp);
        if (cp == ' ' || cp == '\'' || cp == '\t' || cp == '\n' || cp == 0x2019) continue;
        if (out.q.size() == kMaxQuery) break;
        out.q.push_back(cp);
        if (is_letter(cp)) out.letter_mask |= 1u << (cp - 'a');
        else if (is_han(cp)) out.han_bloom |= bloom_bit(cp);
    }
    return out;
}

}  // namespace

/// Builds tokens; a friend of SearchIndex.
struct IndexBuilder {
    SearchIndex& ix;
    std::unordered_map<std::string, uint16_t> syllable_ids;

    SearchIndex::Entry add(std::string_view name, std::string_view readings) {
        SearchIndex::Entry e;
        e.tok_begin = uint32_t(ix.m_tokens.size());
        std::u32string cps = utf8_to_u32(name);
        // Split readings by ' ' keeping empty entries: one entry per code point.
        std::vector<std::string_view> per_cp;
        size_t i = 0;
        while (true) {
            size_t j = readings.find(' ', i);
            per_cp.push_back(readings.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
            if (j == std::string_view::npos) break;
            i = j + 1;
        }
        for (size_t k = 0; k < cps.size(); ++k) {
            SearchIndex::Token t;
            t.cp = normalise(cps[k]);
            if (t.cp == ' ' || t.cp == '\t') continue;
            t.reading_begin = uint32_t(ix.m_reading_ids.size());
            if (is_han(t.cp)) {
                e.han_bloom |= bloom_bit(t.cp);
                std::string_view rs = k < per_cp.size() ? per_cp[k] : std::string_view();
                size_t a = 0;
                while (a < rs.size()) {
                    size_t b = rs.find(',', a);
                    if (b == std::string_view::npos) b = rs.size();
                    std::string r(rs.substr(a, b - a));
                    a = b + 1;
                    if (r.empty() || !is_letter(char32_t(r[0]))) continue;
                    auto [it, fresh] = syllable_ids.try_emplace(r, uint16_t(ix.m_syllables.size()));
                    if (fresh) ix.m_syllables.push_back(r);
                    ix.m_reading_ids.push_back(it->second);
                    ++t.reading_count;
                    t.first_mask |= 1u << (r[0] - 'a');
                    for (char c : r)
                        if (c >= 'a' && c <= 'z') e.letter_mask |= 1u << (c - 'a');
                }
            } else if (is_letter(t.cp)) {
                e.letter_mask |= 1u << (t.cp - 'a');
            } else if (!is_alnum(t.cp)) {
                t.skippable = true;
            }
            ix.m_tokens.push_back(t);
        }
        e.tok_count = uint32_t(ix.m_tokens.size() - e.tok_begin);
        return e;
    }
};

namespace {

struct MatchResult {
    bool matched = false;
    bool prefix = false;
    bool exact = false;
};

/// The positions of the query reachable after consuming token `t` from positions `s`.
inline Bits step(const SearchIndex::Token& t, const Bits& s, const std::u32string& q,
                 const std::vector<std::string>& syllables, const std::vector<uint16_t>& reading_ids) {
    Bits r;
    const size_t qlen = q.size();
    s.each([&](size_t p) {
        if (t.skippable) r.set(p);
        if (p >= qlen) return;
        const char32_t c = q[p];
        if (c == t.cp) {
            r.set(p + 1);
            return;
        }
        if (t.reading_count == 0 || !is_letter(c) || !((t.first_mask >> (c - 'a')) & 1)) return;
        for (uint16_t k = 0; k < t.reading_count; ++k) {
            const std::string& syl = syllables[reading_ids[t.reading_begin + k]];
            size_t l = 0;
            while (l < syl.size() && p + l < qlen && q[p + l] == char32_t(syl[l])) r.set(p + ++l);
        }
    });
    return r;
}

inline bool can_start(const SearchIndex::Token& t, char32_t c) {
    return c == t.cp || (is_letter(c) && ((t.first_mask >> (c - 'a')) & 1));
}

}  // namespace

std::string SearchIndex::readings_of(const PinyinSource& py, std::string_view text) {
    std::string out;
    bool first = true;
    for (char32_t cp : utf8_to_u32(text)) {
        if (!first) out.push_back(' ');
        first = false;
        auto rs = py.readings(cp);
        for (size_t i = 0; i < rs.size(); ++i) {
            if (i) out.push_back(',');
            out += rs[i];
        }
    }
    return out;
}

std::vector<SearchItem> SearchIndex::items_from_names(const PinyinSource& py, const std::vector<SearchItem>& items) {
    std::vector<SearchItem> out = items;
    for (auto& it : out) it.readings = readings_of(py, it.name);
    return out;
}

std::shared_ptr<const SearchIndex> SearchIndex::build(const std::vector<SearchItem>& items,
                                                      const std::vector<SearchDepartment>& departments) {
    std::shared_ptr<SearchIndex> ix(new SearchIndex());
    IndexBuilder b{*ix, {}};
    ix->m_items = items;
    ix->m_entries.reserve(items.size());
    for (const auto& it : items) ix->m_entries.push_back(b.add(it.name, it.readings));
    // Department aliases: current names reach the department's items, former names (and
    // any name of a department an item moved away from) reach them as "former".
    std::unordered_map<std::string, std::vector<size_t>> current_alias, all_aliases;
    for (const auto& d : departments) {
        current_alias[d.id].push_back(ix->m_aliases.size());
        all_aliases[d.id].push_back(ix->m_aliases.size());
        ix->m_aliases.push_back(b.add(d.name, d.readings));
        for (const auto& [name, readings] : d.former_names) {
            all_aliases[d.id].push_back(ix->m_aliases.size());
            ix->m_aliases.push_back(b.add(name, readings));
        }
    }
    std::unordered_map<std::string, std::vector<size_t>> words_of;
    for (const auto& d : departments)
        for (const auto& [word, readings] : d.words) {
            words_of[d.id].push_back(ix->m_words.size());
            ix->m_words.push_back(b.add(word, readings));
        }
    ix->m_word_items.resize(ix->m_words.size());
    for (uint32_t i = 0; i < items.size(); ++i)
        for (size_t w : words_of[items[i].department_id]) ix->m_word_items[w].push_back(i);
    ix->m_alias_items.resize(ix->m_aliases.size());
    for (uint32_t i = 0; i < items.size(); ++i) {
        const auto& cur = current_alias[items[i].department_id];
        const auto& all = all_aliases[items[i].department_id];
        for (size_t a : all)
            ix->m_alias_items[a].push_back(i << 1 | (std::find(cur.begin(), cur.end(), a) == cur.end() ? 1 : 0));
        for (const auto& from : items[i].former_department_ids)
            for (size_t a : all_aliases[from]) ix->m_alias_items[a].push_back(i << 1 | 1);
    }
    return ix;
}

namespace {

MatchResult match_entry(const SearchIndex::Entry& e, const std::vector<SearchIndex::Token>& tokens, const Query& query,
                        const std::vector<std::string>& syl, const std::vector<uint16_t>& rids) {
    MatchResult m;
    const std::u32string& q = query.q;
    const size_t qlen = q.size();
    Bits pre, any;
    pre.set(0);
    const char32_t c0 = q[0];
    for (uint32_t k = 0; k < e.tok_count; ++k) {
        const auto& t = tokens[e.tok_begin + k];
        if (!pre.empty()) {
            pre = step(t, pre, q, syl, rids);
            if (pre.test(qlen)) m.prefix = m.matched = true;
        }
        if (!m.matched) {
            // Fast path: only the fresh start at 0 is alive and this token cannot start the query.
            if (any.empty() && !can_start(t, c0)) continue;
            any.set(0);
            any = step(t, any, q, syl, rids);
            if (any.test(qlen)) m.matched = true;
        } else if (pre.empty()) {
            break;
        }
    }
    m.exact = m.prefix && pre.test(qlen);
    return m;
}

/// The first start token of a match and the token after its end, as code-point positions.
std::pair<int, int> locate(const SearchIndex::Entry& e, const std::vector<SearchIndex::Token>& tokens, const Query& query,
                           const std::vector<std::string>& syl, const std::vector<uint16_t>& rids) {
    const size_t qlen = query.q.size();
    for (uint32_t s = 0; s < e.tok_count; ++s) {
        Bits b;
        b.set(0);
        for (uint32_t k = s; k < e.tok_count && !b.empty(); ++k) {
            b = step(tokens[e.tok_begin + k], b, query.q, syl, rids);
            if (b.test(qlen)) return {int(s), int(k + 1)};
        }
    }
    return {0, 0};
}

}  // namespace

std::u32string SearchIndex::normalise_query(std::string_view text) { return make_query(text).q; }

std::vector<SearchHit> SearchIndex::query(std::string_view text, size_t limit) const {
    return query_within(text, limit, nullptr, nullptr);
}

std::vector<SearchHit> SearchSession::query(std::string_view text, size_t limit) {
    std::u32string q = SearchIndex::normalise_query(text);
    bool narrow = m_valid && !m_last.empty() && q.size() >= m_last.size() && q.compare(0, m_last.size(), m_last) == 0;
    std::vector<uint32_t> matched;
    auto hits = m_index->query_within(text, limit, narrow ? &m_candidates : nullptr, &matched);
    m_candidates = std::move(matched);
    m_last = std::move(q);
    m_valid = true;
    return hits;
}

std::vector<SearchHit> SearchIndex::query_within(std::string_view text, size_t limit, const std::vector<uint32_t>* candidates,
                                                 std::vector<uint32_t>* name_matched) const {
    std::vector<SearchHit> hits;
    if (name_matched) name_matched->clear();
    Query query = make_query(text);
    if (query.q.empty()) return hits;
    const size_t n = m_items.size();
    std::vector<uint8_t> kind(n, 0xFF);
    // Item codes: exact, case-insensitive.
    if (query.q.size() <= 32) {
        std::string ascii;
        for (char32_t c : query.q) ascii.push_back(c < 0x80 ? char(c) : '\x01');
        for (size_t i = 0; i < n; ++i) {
            const std::string& code = m_items[i].code;
            if (code.size() == ascii.size() &&
                std::equal(code.begin(), code.end(), ascii.begin(), [](char a, char b) { return std::tolower(a) == b; }))
                kind[i] = uint8_t(MatchKind::Code);
        }
    }
    auto match_name = [&](size_t i) {
        const Entry& e = m_entries[i];
        if ((query.letter_mask & ~e.letter_mask) || (query.han_bloom & ~e.han_bloom)) return;
        MatchResult m = match_entry(e, m_tokens, query, m_syllables, m_reading_ids);
        if (!m.matched) return;
        if (name_matched) name_matched->push_back(uint32_t(i));
        if (kind[i] == 0xFF) kind[i] = uint8_t(m.exact ? MatchKind::Exact : m.prefix ? MatchKind::Prefix : MatchKind::Substring);
    };
    if (candidates) {
        for (uint32_t i : *candidates)
            if (i < n) match_name(i);
    } else {
        for (size_t i = 0; i < n; ++i) match_name(i);
    }
    for (size_t a = 0; a < m_aliases.size(); ++a) {
        const Entry& e = m_aliases[a];
        if ((query.letter_mask & ~e.letter_mask) || (query.han_bloom & ~e.han_bloom)) continue;
        if (!match_entry(e, m_tokens, query, m_syllables, m_reading_ids).matched) continue;
        for (uint32_t v : m_alias_items[a]) {
            uint8_t k = uint8_t((v & 1) ? MatchKind::FormerDepartment : MatchKind::Department);
            kind[v >> 1] = std::min(kind[v >> 1], k);
        }
    }
    for (size_t w = 0; w < m_words.size(); ++w) {
        const Entry& e = m_words[w];
        if ((query.letter_mask & ~e.letter_mask) || (query.han_bloom & ~e.han_bloom)) continue;
        if (!match_entry(e, m_tokens, query, m_syllables, m_reading_ids).exact) continue;
        for (uint32_t i : m_word_items[w]) kind[i] = std::min(kind[i], uint8_t(MatchKind::Word));
    }
    std::vector<uint32_t> found;
    for (size_t i = 0; i < n; ++i)
        if (kind[i] != 0xFF) found.push_back(uint32_t(i));
    auto better = [&](uint32_t a, uint32_t b) {
        if (kind[a] != kind[b]) return kind[a] < kind[b];
        if (m_items[a].popularity != m_items[b].popularity) return m_items[a].popularity > m_items[b].popularity;
        if (m_entries[a].tok_count != m_entries[b].tok_count) return m_entries[a].tok_count < m_entries[b].tok_count;
        return m_items[a].code < m_items[b].code;
    };
    size_t take = limit == 0 ? found.size() : std::min(limit, found.size());
    std::partial_sort(found.begin(), found.begin() + take, found.end(), better);
    hits.reserve(take);
    for (size_t k = 0; k < take; ++k) {
        uint32_t i = found[k];
        const SearchItem& it = m_items[i];
        SearchHit h;
        h.item = ItemSummary{it.code, it.name, it.department_id, it.department_name, it.popularity};
        h.kind = MatchKind(kind[i]);
        if (h.kind == MatchKind::Exact || h.kind == MatchKind::Prefix || h.kind == MatchKind::Substring) {
            // Token positions equal code-point positions except for dropped spaces; close enough for highlighting.
            auto [b, e] = locate(m_entries[i], m_tokens, query, m_syllables, m_reading_ids);
            h.match_begin = b;
            h.match_end = e;
        }
        hits.push_back(std::move(h));
    }
    return hits;
}

}  // namespace kiosk::content
