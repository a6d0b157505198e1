// Target resolution: normalise the query, then score windows, POIs, departments and rooms.
#include "targets.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace kiosk::wayfinding {

namespace {

/// Search vocabulary per POI kind. These are matching words (what people type), not text
/// shown on screen; names shown come from map.json.
struct KindWords {
    PoiKind kind;
    std::vector<std::string> words;
};
const std::vector<KindWords>& vocabulary() {
    static const std::vector<KindWords> v = {
        {PoiKind::Elevator, {"电梯", "直梯", "升降梯", "elevator", "lift"}},
        {PoiKind::Stairs, {"楼梯", "步梯", "楼梯间", "stairs", "staircase", "stairway"}},
        {PoiKind::Escalator, {"扶梯", "自动扶梯", "手扶电梯", "escalator"}},
        {PoiKind::Restroom, {"卫生间", "厕所", "洗手间", "公厕", "restroom", "toilet", "wc", "washroom", "bathroom"}},
        {PoiKind::AccessibleRestroom, {"无障碍卫生间", "无障碍厕所", "无障碍洗手间", "残疾人卫生间", "第三卫生间",
                                       "accessible restroom", "accessible toilet", "disabled toilet"}},
        {PoiKind::ServiceDesk, {"服务台", "咨询台", "导服台", "前台", "问询处", "service desk", "information", "help desk"}},
        {PoiKind::SelfService, {"自助区", "自助服务区", "24小时自助区", "自助", "self-service", "self service"}},
        {PoiKind::PrintCopy, {"打印", "复印", "打印复印", "复印打印", "print", "copy", "printing", "photocopy"}},
        {PoiKind::Exit, {"出口", "大门", "门口", "exit", "entrance", "way out"}},
        {PoiKind::Parking, {"停车场", "停车", "车库", "parking", "car park", "garage"}},
        {PoiKind::Kiosk, {"自助机", "自助终端", "kiosk"}},
    };
    return v;
}

/// Trims, drops spaces, folds ASCII to lower case and full-width digits and letters
/// (U+FF10…, U+FF21…, U+FF41…) to ASCII.
std::string normalise(std::string_view in) {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
        unsigned char c = in[i];
        // Full-width forms: EF BC 90..99 (digits), EF BC A1..BA (A..Z), EF BD 81..9A (a..z).
        if (c == 0xEF && i + 2 < in.size()) {
            unsigned char b1 = in[i + 1], b2 = in[i + 2];
            if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) { out += static_cast<char>('0' + b2 - 0x90); i += 2; continue; }
            if (b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA) { out += static_cast<char>('a' + b2 - 0xA1); i += 2; continue; }
            if (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A) { out += static_cast<char>('a' + b2 - 0x81); i += 2; continue; }
        }
        // U+3000 ideographic space.
        if (c == 0xE3 && i + 2 < in.size() && (unsigned char)in[i + 1] == 0x80 && (unsigned char)in[i + 2] == 0x80) { i += 2; continue; }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        out += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    }
    return out;
}

bool contains(const std::string& hay, const std::string& needle) {
    return !needle.empty() && hay.find(needle) != std::string::npos;
}

/// 90 exact, 60 when one contains the other (the query inside a longer word, or a known
/// word inside a longer query), 0 otherwise. Single ASCII letters never match loosely.
int word_score(const std::string& q, const std::string& word) {
    std::string w = normalise(word);
    if (w.empty() || q.empty()) return 0;
    if (q == w) return 90;
    if (q.size() >= 3 && contains(w, q)) return 60;
    if (w.size() >= 3 && contains(q, w)) return 50;
    return 0;
}

bool strip_prefix(std::string& s, std::string_view p) {
    if (s.rfind(p, 0) == 0) { s.erase(0, p.size()); return true; }
    return false;
}
bool strip_suffix(std::string& s, std::string_view p) {
    if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0) { s.erase(s.size() - p.size()); return true; }
    return false;
}

}  // namespace

int parse_window_number(std::string_view text) {
    std::string s = normalise(text);
    strip_prefix(s, "window") || strip_prefix(s, "no.") || strip_prefix(s, "w");
    strip_prefix(s, "第");
    strip_suffix(s, "窗口") || strip_suffix(s, "窗");
    strip_suffix(s, "号");
    if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
    return std::stoi(s);
}

std::string target_name(const HallMap& map, const TargetMatch& m, std::string_view lang) {
    switch (m.kind) {
        case TargetMatch::Kind::Window: {
            const Window& w = map.windows[m.index];
            const Department* d = map.find_department(m.department.empty() ? (w.departments.empty() ? std::string() : w.departments.front()) : m.department);
            return d ? d->name.get(lang) : std::string();
        }
        case TargetMatch::Kind::Poi: return map.pois[m.index].name.get(lang);
        case TargetMatch::Kind::Room: return map.rooms[m.index].name.get(lang);
    }
    return {};
}

std::vector<TargetMatch> resolve_target(const HallMap& map, std::string_view text, NodeIndex near) {
    std::vector<TargetMatch> out;
    std::string q = normalise(text);
    if (q.empty()) return out;

    auto add = [&](TargetMatch::Kind kind, size_t index, NodeIndex node, size_t floor, int score, std::string dep = {}) {
        for (auto& m : out)
            if (m.kind == kind && m.index == index) {
                if (score > m.score) m.department = dep;
                m.score = std::max(m.score, score);
                return;
            }
        out.push_back({kind, index, node, floor, score, std::move(dep)});
    };

    if (int n = parse_window_number(text))
        for (size_t i = 0; i < map.windows.size(); ++i)
            if (map.windows[i].number == n) add(TargetMatch::Kind::Window, i, map.windows[i].node, map.windows[i].floor, 100);

    for (size_t i = 0; i < map.pois.size(); ++i) {
        const Poi& p = map.pois[i];
        int s = 0;
        for (const auto& kw : vocabulary())
            if (kw.kind == p.kind)
                for (const auto& w : kw.words) s = std::max(s, word_score(q, w));
        for (const auto& [lang, name] : p.name.by_lang) s = std::max(s, word_score(q, name));
        for (const auto& a : p.aliases) s = std::max(s, word_score(q, a));
        if (s > 0) add(TargetMatch::Kind::Poi, i, p.node, p.floor, s);
    }

    for (const Department& d : map.departments) {
        int s = 0;
        for (const auto& [lang, name] : d.name.by_lang) s = std::max(s, word_score(q, name));
        for (const auto& a : d.aliases) s = std::max(s, word_score(q, a));
        if (s == 0) continue;
        for (size_t i = 0; i < map.windows.size(); ++i)
            if (std::find(map.windows[i].departments.begin(), map.windows[i].departments.end(), d.id) != map.windows[i].departments.end())
                add(TargetMatch::Kind::Window, i, map.windows[i].node, map.windows[i].floor, s - 5, d.id);
    }

    for (size_t i = 0; i < map.rooms.size(); ++i) {
        const Room& r = map.rooms[i];
        if (r.node == kNoNode) continue;
        int s = 0;
        for (const auto& [lang, name] : r.name.by_lang) s = std::max(s, word_score(q, name));
        if (s > 0) add(TargetMatch::Kind::Room, i, r.node, r.floor, s - 10);
    }

    auto far = [&](const TargetMatch& m) {
        if (near == kNoNode || m.node == kNoNode) return 0.0;
        const Node& a = map.nodes[near];
        const Node& b = map.nodes[m.node];
        return std::hypot(a.at.x - b.at.x, a.at.y - b.at.y) +
               30.0 * std::abs(map.floors[a.floor].level - map.floors[b.floor].level);
    };
    std::stable_sort(out.begin(), out.end(), [&](const TargetMatch& a, const TargetMatch& b) {
        if (a.score != b.score) return a.score > b.score;
        return far(a) < far(b);
    });
    return out;
}

}  // namespace kiosk::wayfinding
