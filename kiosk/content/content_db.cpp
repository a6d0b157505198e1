// Writes a parsed bundle into a fresh SQLite content database (schema below), pinyin included.
#include <nlohmann/json.hpp>

#include "base/sqlite_db.h"
#include "kiosk/content/content_data.h"
#include "kiosk/content/pinyin.h"
#include "kiosk/content/search.h"

namespace kiosk::content::detail {

/// The content schema. Readings: per code point of the name, its toneless readings joined
/// by ',' and code points separated by ' ' (non-Han code points have an empty entry).
extern const char* const kContentSchema;
const char* const kContentSchema = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE departments(id TEXT PRIMARY KEY, name TEXT NOT NULL, floor INTEGER NOT NULL, sort INTEGER NOT NULL,
  readings TEXT NOT NULL);
CREATE TABLE department_former_names(department_id TEXT NOT NULL REFERENCES departments(id), name TEXT NOT NULL,
  until TEXT NOT NULL, readings TEXT NOT NULL);
CREATE TABLE transfers(id INTEGER PRIMARY KEY, from_department TEXT NOT NULL, to_department TEXT NOT NULL,
  date TEXT NOT NULL, note TEXT NOT NULL);
CREATE TABLE transfer_items(transfer_id INTEGER NOT NULL REFERENCES transfers(id), item_code TEXT NOT NULL);
CREATE TABLE life_events(id TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL);
CREATE TABLE items(code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, department_id TEXT NOT NULL,
  floor INTEGER NOT NULL, windows TEXT NOT NULL, fee_cny REAL NOT NULL, fee_note TEXT NOT NULL,
  payments INTEGER NOT NULL, promised_days INTEGER NOT NULL, legal_days INTEGER NOT NULL, online_url TEXT NOT NULL,
  popularity INTEGER NOT NULL, sort INTEGER NOT NULL, readings TEXT NOT NULL);
CREATE INDEX items_by_department ON items(department_id, sort);
CREATE TABLE materials(item_code TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, originals INTEGER NOT NULL,
  copies INTEGER NOT NULL, required INTEGER NOT NULL, note TEXT NOT NULL);
CREATE INDEX materials_by_item ON materials(item_code, seq);
CREATE TABLE faq(item_code TEXT NOT NULL, seq INTEGER NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL);
CREATE INDEX faq_by_item ON faq(item_code, seq);
CREATE TABLE item_life_events(item_code TEXT NOT NULL, event_id TEXT NOT NULL);
CREATE INDEX item_life_events_by_event ON item_life_events(event_id);
CREATE TABLE forms(id TEXT PRIMARY KEY, title TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,
  size INTEGER NOT NULL, sort INTEGER NOT NULL, url TEXT NOT NULL DEFAULT '', purpose TEXT NOT NULL DEFAULT '');
CREATE TABLE form_items(form_id TEXT NOT NULL, item_code TEXT NOT NULL);
CREATE INDEX form_items_by_item ON form_items(item_code);
CREATE TABLE hall(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE floors(floor INTEGER PRIMARY KEY, name TEXT NOT NULL, first_window INTEGER NOT NULL,
  last_window INTEGER NOT NULL, description TEXT NOT NULL);
CREATE TABLE hours(zone TEXT PRIMARY KEY, weekdays TEXT NOT NULL, open TEXT NOT NULL, close TEXT NOT NULL,
  location TEXT NOT NULL);
CREATE TABLE holidays(seq INTEGER PRIMARY KEY, date_from TEXT NOT NULL, date_to TEXT NOT NULL, closed INTEGER NOT NULL,
  open TEXT NOT NULL, close TEXT NOT NULL, note TEXT NOT NULL);
CREATE TABLE notices(id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,
  start_unix INTEGER NOT NULL, end_unix INTEGER NOT NULL);
CREATE INDEX notices_by_time ON notices(start_unix, end_unix);
CREATE TABLE english(key TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE buses(seq INTEGER PRIMARY KEY, line TEXT NOT NULL, stop TEXT NOT NULL, walk_minutes INTEGER NOT NULL);
CREATE TABLE nearby(seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, location TEXT NOT NULL,
  hours TEXT NOT NULL, note TEXT NOT NULL);
)SQL";

namespace {

std::string weekdays_text(const std::vector<int>& w) {
    std::string s;
    for (int d : w) s += char('0' + d);
    return s;
}

}  // namespace

Status write_content_db(const ContentData& data, const std::string& db_path) {
    auto py = TRY(PinyinSource::shared());
    auto db = TRY(db::Database::open(db_path, db::Durability::Normal));
    TRY(db.exec(kContentSchema));
    auto tx = TRY(db::Transaction::begin(db));
    {
        auto st = TRY(db.prepare("INSERT INTO meta VALUES(?,?)"));
        TRY(st.bind(1, "version").bind(2, data.version).run());
        TRY(st.reset().bind(1, "pinyin_source").bind(2, py->source_name()).run());
        TRY(st.reset().bind(1, "has_map").bind(2, data.has_map ? "1" : "0").run());
    }
    {
        auto st = TRY(db.prepare("INSERT INTO departments VALUES(?,?,?,?,?)"));
        auto fn = TRY(db.prepare("INSERT INTO department_former_names VALUES(?,?,?,?)"));
        int sort = 0;
        for (const auto& d : data.departments) {
            TRY(st.reset().bind(1, d.id).bind(2, d.name).bind(3, d.floor).bind(4, sort++).bind(5, SearchIndex::readings_of(*py, d.name)).run());
            for (const auto& f : d.former_names)
                TRY(fn.reset().bind(1, d.id).bind(2, f.name).bind(3, f.until).bind(4, SearchIndex::readings_of(*py, f.name)).run());
        }
    }
    {
        auto st = TRY(db.prepare("INSERT INTO transfers VALUES(?,?,?,?,?)"));
        auto ti = TRY(db.prepare("INSERT INTO transfer_items VALUES(?,?)"));
        int id = 0;
        for (const auto& t : data.transfers) {
            ++id;
            TRY(st.reset().bind(1, id).bind(2, t.from_department).bind(3, t.to_department).bind(4, t.date).bind(5, t.note).run());
            for (const auto& c : t.item_codes) TRY(ti.reset().bind(1, id).bind(2, c).run());
        }
    }
    {
        auto st = TRY(db.prepare("INSERT INTO life_events VALUES(?,?,?)"));
        int sort = 0;
        for (const auto& e : data.life_events) TRY(st.reset().bind(1, e.id).bind(2, e.name).bind(3, sort++).run());
    }
    {
        auto st = TRY(db.prepare("INSERT INTO items VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        auto mat = TRY(db.prepare("INSERT INTO materials VALUES(?,?,?,?,?,?,?)"));
        auto faq = TRY(db.prepare("INSERT INTO faq VALUES(?,?,?,?)"));
        auto ev = TRY(db.prepare("INSERT INTO item_life_events VALUES(?,?)"));
        int sort = 0;
        for (const auto& it : data.items) {
            nlohmann::json windows = it.windows;
            TRY(st.reset()
                    .bind(1, it.code).bind(2, it.name).bind(3, it.kind).bind(4, it.department_id).bind(5, it.floor)
                    .bind(6, windows.dump()).bind(7, it.fee_cny).bind(8, it.fee_note).bind(9, int64_t(it.payments))
                    .bind(10, it.promised_days).bind(11, it.legal_days).bind(12, it.online_url).bind(13, it.popularity)
                    .bind(14, sort++).bind(15, SearchIndex::readings_of(*py, it.name))
                    .run());
            int seq = 0;
            for (const auto& m : it.materials)
                TRY(mat.reset().bind(1, it.code).bind(2, seq++).bind(3, m.name).bind(4, m.originals).bind(5, m.copies)
                        .bind(6, m.required ? 1 : 0).bind(7, m.note).run());
            seq = 0;
            for (const auto& f : it.faq)
                TRY(faq.reset().bind(1, it.code).bind(2, seq++).bind(3, f.question).bind(4, f.answer).run());
            for (const auto& e : it.life_events) TRY(ev.reset().bind(1, it.code).bind(2, e).run());
        }
    }
    {
        auto st = TRY(db.prepare("INSERT INTO forms VALUES(?,?,?,?,?,?,?,?)"));
        auto fi = TRY(db.prepare("INSERT INTO form_items VALUES(?,?)"));
        int sort = 0;
        for (const auto& f : data.forms) {
            TRY(st.reset().bind(1, f.form.id).bind(2, f.form.title).bind(3, f.form.path).bind(4, f.form.sha256)
                    .bind(5, f.form.size).bind(6, sort++).bind(7, f.form.url).bind(8, f.form.purpose).run());
            for (const auto& c : f.items) TRY(fi.reset().bind(1, f.form.id).bind(2, c).run());
        }
    }
    {
        const HallInfo& h = data.hall;
        auto st = TRY(db.prepare("INSERT INTO hall VALUES(?,?)"));
        TRY(st.reset().bind(1, "name").bind(2, h.name).run());
        TRY(st.reset().bind(1, "address").bind(2, h.address).run());
        TRY(st.reset().bind(1, "phone").bind(2, h.phone).run());
        TRY(st.reset().bind(1, "parking").bind(2, h.parking).run());
        // One a line: a key of its own, so a content.db without it (older) reads as no list.
        std::string services;
        for (const auto& s : h.self_service_services) services += (services.empty() ? "" : "\n") + s;
        TRY(st.reset().bind(1, "self_service_services").bind(2, services).run());
        TRY(st.reset().bind(1, "lunch_start").bind(2, h.hours.lunch_start).run());
        TRY(st.reset().bind(1, "lunch_end").bind(2, h.hours.lunch_end).run());
        auto fl = TRY(db.prepare("INSERT INTO floors VALUES(?,?,?,?,?)"));
        for (const auto& f : h.floors)
            TRY(fl.reset().bind(1, f.floor).bind(2, f.name).bind(3, f.first_window).bind(4, f.last_window).bind(5, f.description).run());
        auto hr = TRY(db.prepare("INSERT INTO hours VALUES(?,?,?,?,?)"));
        TRY(hr.reset().bind(1, "hall").bind(2, weekdays_text(h.hours.weekdays)).bind(3, h.hours.open).bind(4, h.hours.close).bind(5, "").run());
        if (!h.self_service_hours.open.empty())
            TRY(hr.reset().bind(1, "self_service").bind(2, weekdays_text(h.self_service_hours.weekdays))
                    .bind(3, h.self_service_hours.open).bind(4, h.self_service_hours.close).bind(5, h.self_service_location).run());
        auto hol = TRY(db.prepare("INSERT INTO holidays VALUES(?,?,?,?,?,?,?)"));
        int seq = 0;
        for (const auto& x : h.holidays)
            TRY(hol.reset().bind(1, seq++).bind(2, x.from).bind(3, x.to).bind(4, x.closed ? 1 : 0).bind(5, x.open)
                    .bind(6, x.close).bind(7, x.note).run());
        auto bus = TRY(db.prepare("INSERT INTO buses VALUES(?,?,?,?)"));
        seq = 0;
        for (const auto& b : h.buses) TRY(bus.reset().bind(1, seq++).bind(2, b.line).bind(3, b.stop).bind(4, b.walk_minutes).run());
        auto nb = TRY(db.prepare("INSERT INTO nearby VALUES(?,?,?,?,?,?)"));
        seq = 0;
        for (const auto& n : h.nearby)
            TRY(nb.reset().bind(1, seq++).bind(2, n.kind).bind(3, n.name).bind(4, n.location).bind(5, n.hours).bind(6, n.note).run());
    }
    {
        auto st = TRY(db.prepare("INSERT INTO notices VALUES(?,?,?,?,?,?,?)"));
        for (const auto& n : data.notices)
            TRY(st.reset().bind(1, n.id).bind(2, n.title).bind(3, n.body).bind(4, n.start).bind(5, n.end)
                    .bind(6, n.start_unix).bind(7, n.end_unix).run());
    }
    {
        auto st = TRY(db.prepare("INSERT INTO english VALUES(?,?)"));
        for (const auto& [key, text] : data.english) TRY(st.reset().bind(1, key).bind(2, text).run());
    }
    TRY(tx.commit());
    // A read-only consumer must not need the WAL: fold it back into the main file.
    TRY(db.exec("PRAGMA journal_mode=DELETE"));
    return {};
}

}  // namespace kiosk::content::detail
