// ContentStore: SQL queries behind the UI's read API.
#include "kiosk/content/content_store.h"

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "kiosk/content/beijing_time.h"
#include "kiosk/content/content_data.h"
#include "kiosk/content/pinyin.h"
#include "kiosk/content/search.h"
#include "kiosk/wayfinding/hall_map.h"

namespace fs = std::filesystem;

namespace kiosk::content {

std::string beijing_date(std::chrono::system_clock::time_point t) {
    std::tm tm = beijing_tm(t);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

Result<std::unique_ptr<ContentStore>> ContentStore::open(const std::string& content_root) {
    fs::path link = fs::absolute(content_root) / "current";
    std::error_code ec;
    if (!fs::is_symlink(link, ec)) return make_error(Errc::NotFound, "no content imported yet in " + content_root);
    fs::path dir = fs::canonical(link, ec);
    if (ec) return make_error(Errc::Corrupt, "content link " + link.string() + " is broken: " + ec.message());
    auto store = TRY(open_version(dir.string()));
    store->m_root = fs::absolute(content_root).string();
    return store;
}

Result<std::unique_ptr<ContentStore>> ContentStore::open_version(const std::string& version_dir) {
    fs::path db_path = fs::path(version_dir) / "content.db";
    if (!fs::exists(db_path)) return make_error(Errc::NotFound, "no content.db in " + version_dir);
    auto db = TRY(db::Database::open(db_path.string(), db::Durability::Normal));
    auto st = TRY(db.prepare("SELECT value FROM meta WHERE key='version'"));
    if (!TRY(st.step())) return make_error(Errc::Corrupt, "content.db has no version");
    std::string version = st.text(0);
    auto store = std::unique_ptr<ContentStore>(new ContentStore(std::move(db), "", fs::absolute(version_dir).string(), version));
    TRY(store->load_english());
    return store;
}

Status ContentStore::load_english() {
    // A content.db imported before English existed (2026-12-06) has no table: no English.
    auto has = TRY(m_db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='english'"));
    if (!TRY(has.step())) return {};
    auto st = TRY(m_db.prepare("SELECT key, text FROM english"));
    while (TRY(st.step())) m_english[st.text(0)] = st.text(1);
    return {};
}

void ContentStore::set_language(std::string_view language) { m_read_english = language.substr(0, 2) == "en"; }

const std::string& ContentStore::english(const std::string& key) const {
    static const std::string none;
    auto it = m_english.find(key);
    return it == m_english.end() ? none : it->second;
}

const std::string& ContentStore::text(const std::string& key, const std::string& zh) const {
    if (!m_read_english) return zh;
    const std::string& en = english(key);
    return en.empty() ? zh : en;
}

std::string ContentStore::form_title(const std::string& form_id, const std::string& chinese_title) const {
    return text(detail::english_key::form(form_id, "title"), chinese_title);
}

ItemSummary ContentStore::localized(ItemSummary s) const {
    s.name = text(detail::english_key::item(s.code, "name"), s.name);
    s.department_name = text(detail::english_key::department(s.department_id), s.department_name);
    return s;
}

bool ContentStore::is_stale() const {
    if (m_root.empty()) return false;
    std::error_code ec;
    return fs::canonical(fs::path(m_root) / "current", ec).string() != m_dir;
}

std::string ContentStore::map_path() const {
    fs::path p = fs::path(m_dir) / "map.json";
    return fs::exists(p) ? p.string() : std::string();
}

Result<std::vector<Department>> ContentStore::departments() {
    std::vector<Department> out;
    auto st = TRY(m_db.prepare(
        "SELECT d.id, d.name, d.floor, (SELECT count(*) FROM items i WHERE i.department_id=d.id) FROM departments d ORDER BY d.sort"));
    std::map<std::string, size_t> at;
    while (TRY(st.step())) {
        at[st.text(0)] = out.size();
        out.push_back({st.text(0), text(detail::english_key::department(st.text(0)), st.text(1)), {}, int(st.int64(2)),
                       int(st.int64(3))});
    }
    auto fn = TRY(m_db.prepare("SELECT department_id, name, until FROM department_former_names ORDER BY until DESC"));
    while (TRY(fn.step()))
        if (auto it = at.find(fn.text(0)); it != at.end())
            out[it->second].former_names.push_back({text(detail::english_key::former_name(fn.text(0), fn.text(2)), fn.text(1)), fn.text(2)});
    return out;
}

Result<std::vector<ItemSummary>> ContentStore::summaries(db::Statement& st) const {
    std::vector<ItemSummary> out;
    while (TRY(st.step())) out.push_back(localized({st.text(0), st.text(1), st.text(2), st.text(3), int(st.int64(4))}));
    return out;
}

namespace {
constexpr const char* kSummaryColumns =
    "SELECT i.code, i.name, i.department_id, d.name, i.popularity FROM items i JOIN departments d ON d.id=i.department_id ";
}  // namespace

Result<std::vector<ItemSummary>> ContentStore::items_by_department(const std::string& department_id) {
    auto st = TRY(m_db.prepare(std::string(kSummaryColumns) + "WHERE i.department_id=? ORDER BY i.sort"));
    st.bind(1, department_id);
    return summaries(st);
}

Result<std::vector<LifeEvent>> ContentStore::life_events() {
    std::vector<LifeEvent> out;
    auto st = TRY(m_db.prepare("SELECT id, name FROM life_events ORDER BY sort"));
    while (TRY(st.step())) out.push_back({st.text(0), text(detail::english_key::life_event(st.text(0)), st.text(1))});
    return out;
}

Result<std::vector<ItemSummary>> ContentStore::items_by_life_event(const std::string& event_id) {
    auto st = TRY(m_db.prepare(std::string(kSummaryColumns) +
                               "JOIN item_life_events e ON e.item_code=i.code WHERE e.event_id=? ORDER BY i.popularity DESC, i.sort"));
    st.bind(1, event_id);
    return summaries(st);
}

Result<std::vector<ItemSummary>> ContentStore::most_used_items(int limit) {
    if (limit <= 0) return std::vector<ItemSummary>{};
    auto st = TRY(m_db.prepare(std::string(kSummaryColumns) + "ORDER BY i.popularity DESC, i.sort LIMIT ?"));
    st.bind(1, int64_t(limit));
    return summaries(st);
}

Result<ServiceItem> ContentStore::item(const std::string& code) {
    auto st = TRY(m_db.prepare(
        "SELECT i.code, i.name, i.kind, i.department_id, d.name, i.floor, i.windows, i.fee_cny, i.fee_note, i.payments, "
        "i.promised_days, i.legal_days, i.online_url, i.popularity FROM items i JOIN departments d ON d.id=i.department_id "
        "WHERE i.code=?"));
    st.bind(1, code);
    if (!TRY(st.step())) return make_error(Errc::NotFound, "no item with code " + code);
    ServiceItem it;
    it.code = st.text(0);
    it.name = st.text(1);
    it.kind = st.text(2);
    it.department_id = st.text(3);
    it.department_name = st.text(4);
    it.floor = int(st.int64(5));
    try {
        it.windows = nlohmann::json::parse(st.text(6)).get<std::vector<int>>();
    } catch (const nlohmann::json::exception&) {
        return make_error(Errc::Corrupt, "item " + code + ": bad windows column");
    }
    it.fee_cny = st.real(7);
    it.fee_note = st.text(8);
    it.payments = unsigned(st.int64(9));
    it.promised_days = int(st.int64(10));
    it.legal_days = int(st.int64(11));
    it.online_url = st.text(12);
    it.popularity = int(st.int64(13));
    using detail::english_key::item;
    it.name = text(item(code, "name"), it.name);
    it.kind = text(item(code, "kind"), it.kind);
    it.fee_note = text(item(code, "fee_note"), it.fee_note);
    it.department_name = text(detail::english_key::department(it.department_id), it.department_name);
    auto m = TRY(m_db.prepare("SELECT name, originals, copies, required, note, seq FROM materials WHERE item_code=? ORDER BY seq"));
    m.bind(1, code);
    while (TRY(m.step())) {
        std::string seq = "material/" + std::to_string(m.int64(5)) + "/";
        it.materials.push_back({text(item(code, seq + "name"), m.text(0)), int(m.int64(1)), int(m.int64(2)), m.int64(3) != 0,
                                text(item(code, seq + "note"), m.text(4))});
    }
    auto f = TRY(m_db.prepare("SELECT question, answer, seq FROM faq WHERE item_code=? ORDER BY seq"));
    f.bind(1, code);
    while (TRY(f.step())) {
        std::string seq = "faq/" + std::to_string(f.int64(2)) + "/";
        it.faq.push_back({text(item(code, seq + "q"), f.text(0)), text(item(code, seq + "a"), f.text(1))});
    }
    auto e = TRY(m_db.prepare("SELECT event_id FROM item_life_events WHERE item_code=?"));
    e.bind(1, code);
    while (TRY(e.step())) it.life_events.push_back(e.text(0));
    auto t = TRY(m_db.prepare(
        "SELECT t.from_department, t.to_department, t.date, t.note FROM transfers t JOIN transfer_items x ON x.transfer_id=t.id "
        "WHERE x.item_code=? ORDER BY t.date DESC"));
    t.bind(1, code);
    while (TRY(t.step()))
        it.transfers.push_back({t.text(0), t.text(1), t.text(2),
                                text(detail::english_key::transfer_note(t.text(0), t.text(1), t.text(2)), t.text(3)), {code}});
    return it;
}

Result<std::vector<Form>> ContentStore::forms_of(const std::string& item_code) {
    std::vector<Form> out;
    // A content.db written before forms had url and purpose (2026-12-05) is read without them,
    // so a kiosk updated in place keeps its forms until the next bundle.
    auto with_url = m_db.prepare(
        "SELECT f.id, f.title, f.file, f.sha256, f.size, f.url, f.purpose FROM forms f JOIN form_items x ON x.form_id=f.id "
        "WHERE x.item_code=? ORDER BY f.sort");
    bool has_url = bool(with_url);
    auto st = has_url ? std::move(*with_url)
                      : TRY(m_db.prepare("SELECT f.id, f.title, f.file, f.sha256, f.size, '', '' FROM forms f JOIN form_items x "
                                         "ON x.form_id=f.id WHERE x.item_code=? ORDER BY f.sort"));
    st.bind(1, item_code);
    while (TRY(st.step()))
        out.push_back({st.text(0), text(detail::english_key::form(st.text(0), "title"), st.text(1)),
                       (fs::path(m_dir) / st.text(2)).string(), st.text(3), st.int64(4), st.text(5),
                       text(detail::english_key::form(st.text(0), "purpose"), st.text(6))});
    return out;
}

Result<HallInfo> ContentStore::hall_info() {
    HallInfo h;
    std::string lunch_start, lunch_end;  // set on h.hours once the hours table is read
    auto kv = TRY(m_db.prepare("SELECT key, value FROM hall"));
    while (TRY(kv.step())) {
        std::string k = kv.text(0);
        if (k == "name") h.name = text(detail::english_key::hall("name"), kv.text(1));
        else if (k == "address") h.address = text(detail::english_key::hall("address"), kv.text(1));
        else if (k == "phone") h.phone = kv.text(1);
        else if (k == "parking") h.parking = text(detail::english_key::hall("parking"), kv.text(1));
        else if (k == "lunch_start") lunch_start = kv.text(1);
        else if (k == "lunch_end") lunch_end = kv.text(1);
        else if (k == "self_service_services") {
            std::string v = kv.text(1);
            for (size_t a = 0; a < v.size();) {
                size_t b = v.find('\n', a);
                if (b == std::string::npos) b = v.size();
                if (b > a) h.self_service_services.push_back(v.substr(a, b - a));
                a = b + 1;
            }
        }
    }
    auto fl = TRY(m_db.prepare("SELECT floor, name, first_window, last_window, description FROM floors ORDER BY floor"));
    while (TRY(fl.step())) {
        int n = int(fl.int64(0));
        h.floors.push_back({n, text(detail::english_key::floor(n, "name"), fl.text(1)), int(fl.int64(2)), int(fl.int64(3)),
                            text(detail::english_key::floor(n, "description"), fl.text(4))});
    }
    auto hr = TRY(m_db.prepare("SELECT zone, weekdays, open, close, location FROM hours"));
    while (TRY(hr.step())) {
        OpeningHours oh;
        for (char c : hr.text(1)) oh.weekdays.push_back(c - '0');
        oh.open = hr.text(2);
        oh.close = hr.text(3);
        if (hr.text(0) == "hall") {
            h.hours = oh;
            h.hours.lunch_start = lunch_start;
            h.hours.lunch_end = lunch_end;
        } else {
            h.self_service_hours = oh;
            h.self_service_location = text(detail::english_key::hall("self_service_location"), hr.text(4));
        }
    }
    auto hol = TRY(m_db.prepare("SELECT date_from, date_to, closed, open, close, note FROM holidays ORDER BY date_from"));
    while (TRY(hol.step())) h.holidays.push_back(holiday_row(hol));
    auto bus = TRY(m_db.prepare("SELECT line, stop, walk_minutes, seq FROM buses ORDER BY seq"));
    while (TRY(bus.step())) {
        size_t seq = size_t(bus.int64(3));
        h.buses.push_back({text(detail::english_key::bus(seq, "line"), bus.text(0)), text(detail::english_key::bus(seq, "stop"), bus.text(1)),
                           int(bus.int64(2))});
    }
    auto nb = TRY(m_db.prepare("SELECT kind, name, location, hours, note, seq FROM nearby ORDER BY seq"));
    while (TRY(nb.step())) {
        size_t seq = size_t(nb.int64(5));
        auto en = [&](const char* field, int col) { return text(detail::english_key::nearby(seq, field), nb.text(col)); };
        h.nearby.push_back({nb.text(0), en("name", 1), en("location", 2), en("hours", 3), en("note", 4)});
    }
    return h;
}

Result<std::vector<Notice>> ContentStore::notices_at(std::chrono::system_clock::time_point now) {
    int64_t t = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    std::vector<Notice> out;
    auto st = TRY(m_db.prepare(
        "SELECT id, title, body, start, end, start_unix, end_unix FROM notices WHERE start_unix<=? AND ?<end_unix "
        "ORDER BY start_unix DESC, id"));
    st.bind(1, t).bind(2, t);
    while (TRY(st.step()))
        out.push_back({st.text(0), text(detail::english_key::notice(st.text(0), "title"), st.text(1)),
                       text(detail::english_key::notice(st.text(0), "body"), st.text(2)), st.text(3), st.text(4), st.int64(5), st.int64(6)});
    return out;
}

Result<std::optional<HolidayChange>> ContentStore::holiday_at(std::chrono::system_clock::time_point now) {
    std::string d = beijing_date(now);
    auto st = TRY(m_db.prepare(
        "SELECT date_from, date_to, closed, open, close, note FROM holidays WHERE date_from<=? AND ?<=date_to ORDER BY date_from"));
    st.bind(1, d).bind(2, d);
    if (!TRY(st.step())) return std::optional<HolidayChange>();
    return std::optional<HolidayChange>(holiday_row(st));
}

HolidayChange ContentStore::holiday_row(db::Statement& st) const {
    return {st.text(0), st.text(1), st.int64(2) != 0, st.text(3), st.text(4),
            text(detail::english_key::holiday(st.text(0), "note"), st.text(5))};
}

Result<std::shared_ptr<const SearchIndex>> ContentStore::build_search_index() {
    std::vector<SearchItem> items;
    std::map<std::string, size_t> at;
    auto st = TRY(m_db.prepare(
        "SELECT i.code, i.name, i.readings, i.department_id, d.name, i.popularity FROM items i "
        "JOIN departments d ON d.id=i.department_id ORDER BY i.sort"));
    while (TRY(st.step())) {
        at[st.text(0)] = items.size();
        items.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), int(st.int64(5)), {}});
    }
    auto tr = TRY(m_db.prepare("SELECT x.item_code, t.from_department FROM transfer_items x JOIN transfers t ON t.id=x.transfer_id"));
    while (TRY(tr.step()))
        if (auto it = at.find(tr.text(0)); it != at.end()) items[it->second].former_department_ids.push_back(tr.text(1));
    std::vector<SearchDepartment> deps;
    std::map<std::string, size_t> dat;
    auto ds = TRY(m_db.prepare("SELECT id, name, readings FROM departments ORDER BY sort"));
    while (TRY(ds.step())) {
        dat[ds.text(0)] = deps.size();
        deps.push_back({ds.text(0), ds.text(1), ds.text(2), {}});
    }
    auto fn = TRY(m_db.prepare("SELECT department_id, name, readings FROM department_former_names"));
    while (TRY(fn.step()))
        if (auto it = dat.find(fn.text(0)); it != dat.end()) deps[it->second].former_names.push_back({fn.text(1), fn.text(2)});
    // The map's department aliases (社保, 医保, 公积金, 户口…) are the words citizens write and
    // type; typed whole they reach the department's items, after every other kind of match. A
    // map that cannot be read adds none (the map screen reports it).
    if (std::string path = map_path(); !path.empty())
        if (auto pinyin = PinyinSource::shared()) {
            std::vector<wayfinding::MapProblem> problems;
            if (auto map = wayfinding::load_hall_map(path, problems))
                for (const auto& d : map->departments)
                    if (dat.count(d.id))
                        for (const auto& alias : d.aliases)
                            deps[dat[d.id]].words.push_back({alias, SearchIndex::readings_of(*pinyin.value(), alias)});
        }
    return SearchIndex::build(items, deps);
}

}  // namespace kiosk::content
