// Parses and validates a content bundle's JSON files, collecting every problem with its JSON path.
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kiosk/content/content_data.h"

#include "kiosk/wayfinding/hall_map.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace kiosk::content {

std::string to_string(const BundleProblem& p) {
    std::string s = p.file;
    if (!p.json_path.empty()) s += ": " + p.json_path;
    return s + ": " + p.message;
}

namespace detail {

std::string sha256_hex(const std::string& data) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
}

std::string sha256_file(const std::string& path, bool* ok) {
    std::ifstream in(path, std::ios::binary);
    if (ok) *ok = bool(in);
    if (!in) return {};
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        if (in.gcount() > 0)
            crypto_hash_sha256_update(&st, reinterpret_cast<unsigned char*>(buf), size_t(in.gcount()));
    }
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, out);
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
}

namespace {
bool digits(const std::string& s, size_t pos, size_t n) {
    for (size_t i = pos; i < pos + n; ++i)
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    return true;
}
int num(const std::string& s, size_t pos, size_t n) { return std::stoi(s.substr(pos, n)); }
int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + int64_t(doe) - 719468;
}
}  // namespace

bool valid_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4) || !digits(s, 5, 2) || !digits(s, 8, 2))
        return false;
    int y = num(s, 0, 4), m = num(s, 5, 2), d = num(s, 8, 2);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1949 || m < 1 || m > 12 || d < 1) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool valid_hhmm(const std::string& s, bool allow_24) {
    if (s.size() != 5 || s[2] != ':' || !digits(s, 0, 2) || !digits(s, 3, 2)) return false;
    int h = num(s, 0, 2), m = num(s, 3, 2);
    if (allow_24 && h == 24 && m == 0) return true;
    return h < 24 && m < 60;
}

bool parse_beijing_time(const std::string& s, int64_t& out) {
    if (s.size() != 16 || s[10] != ' ' || !valid_date(s.substr(0, 10)) || !valid_hhmm(s.substr(11), true)) return false;
    int64_t days = days_from_civil(num(s, 0, 4), unsigned(num(s, 5, 2)), unsigned(num(s, 8, 2)));
    out = days * 86400 + num(s, 11, 2) * 3600 + num(s, 14, 2) * 60 - 8 * 3600;
    return true;
}

namespace {

/// Reads typed fields of one JSON file and records problems with their paths.
class Checker {
public:
    Checker(std::string file, std::vector<BundleProblem>& problems) : m_file(std::move(file)), m_problems(problems) {}
    void problem(const std::string& path, const std::string& message) { m_problems.push_back({m_file, path, message}); }

    const json* field(const json& obj, const std::string& path, const char* key, bool required) {
        if (!obj.is_object()) return nullptr;
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) {
            if (required) problem(join(path, key), "missing");
            return nullptr;
        }
        return &*it;
    }
    std::string str(const json& obj, const std::string& path, const char* key, bool required = true) {
        const json* v = field(obj, path, key, required);
        if (!v) return {};
        if (!v->is_string()) {
            problem(join(path, key), "must be a string");
            return {};
        }
        std::string s = v->get<std::string>();
        if (required && s.empty()) problem(join(path, key), "must not be empty");
        return s;
    }
    int integer(const json& obj, const std::string& path, const char* key, bool required = false, int min = 0,
                int max = 1000000000) {
        const json* v = field(obj, path, key, required);
        if (!v) return 0;
        if (!v->is_number_integer()) {
            problem(join(path, key), "must be an integer");
            return 0;
        }
        int64_t n = v->get<int64_t>();
        if (n < min || n > max) {
            problem(join(path, key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
            return 0;
        }
        return int(n);
    }
    bool boolean(const json& obj, const std::string& path, const char* key, bool fallback) {
        const json* v = field(obj, path, key, false);
        if (!v) return fallback;
        if (!v->is_boolean()) {
            problem(join(path, key), "must be true or false");
            return fallback;
        }
        return v->get<bool>();
    }
    const json* array(const json& obj, const std::string& path, const char* key, bool required = false) {
        const json* v = field(obj, path, key, required);
        if (v && !v->is_array()) {
            problem(join(path, key), "must be an array");
            return nullptr;
        }
        return v;
    }
    const json* object(const json& obj, const std::string& path, const char* key, bool required = false) {
        const json* v = field(obj, path, key, required);
        if (v && !v->is_object()) {
            problem(join(path, key), "must be an object");
            return nullptr;
        }
        return v;
    }
    std::string date(const json& obj, const std::string& path, const char* key, bool required = true) {
        std::string s = str(obj, path, key, required);
        if (!s.empty() && !valid_date(s)) problem(join(path, key), "bad date '" + s + "' (want YYYY-MM-DD)");
        return s;
    }
    std::string hhmm(const json& obj, const std::string& path, const char* key) {
        std::string s = str(obj, path, key, true);
        if (!s.empty() && !valid_hhmm(s, true)) problem(join(path, key), "bad time '" + s + "' (want HH:MM)");
        return s;
    }
    /// An optional English version of a shown text (`name_en` beside `name`), stored under
    /// `store_key` in `english`. Absent or null: no English, the screens show the Chinese.
    /// Present, it must be a non-empty string: an empty English would show nothing at all.
    void en(const json& obj, const std::string& path, const char* key, std::map<std::string, std::string>& english,
            const std::string& store_key) {
        const json* v = field(obj, path, key, false);
        if (!v) return;
        if (!v->is_string()) {
            problem(join(path, key), "must be a string (the English text), not " + std::string(v->type_name()));
            return;
        }
        std::string s = v->get<std::string>();
        if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
            problem(join(path, key), "must not be empty: leave it out when there is no English");
            return;
        }
        english[store_key] = std::move(s);
    }
    static std::string join(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }
    static std::string idx(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

private:
    std::string m_file;
    std::vector<BundleProblem>& m_problems;
};

/// Loads a JSON file listed in the manifest (hash already checked); nullopt when absent or bad.
bool load_json(const std::string& dir, const std::string& name, const ContentData& data, json& out,
               std::vector<BundleProblem>& problems, bool required) {
    if (!data.files.count(name)) {
        if (required) problems.push_back({name, "", "missing: not listed in manifest.json"});
        return false;
    }
    for (const auto& p : problems)
        if (p.file == name && p.json_path.empty()) return false;  // missing or bad hash: already reported, not trusted
    std::ifstream in(fs::path(dir) / name, std::ios::binary);
    if (!in) return false;
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        out = json::parse(ss.str());
    } catch (const json::parse_error& e) {
        problems.push_back({name, "", std::string("bad JSON: ") + e.what()});
        return false;
    }
    if (!out.is_object()) {
        problems.push_back({name, "", "bad JSON: the top level must be an object"});
        return false;
    }
    return true;
}

bool safe_relative(const std::string& p) {
    if (p.empty() || p[0] == '/' || p.find('\\') != std::string::npos) return false;
    for (const auto& part : fs::path(p))
        if (part == ".." || part == ".") return false;
    return true;
}

void parse_manifest(const std::string& dir, ContentData& data, std::vector<BundleProblem>& problems) {
    const std::string file = "manifest.json";
    Checker c(file, problems);
    std::ifstream in(fs::path(dir) / file, std::ios::binary);
    if (!in) {
        c.problem("", "missing file");
        return;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    json m;
    try {
        m = json::parse(ss.str());
    } catch (const json::parse_error& e) {
        c.problem("", std::string("bad JSON: ") + e.what());
        return;
    }
    if (!m.is_object()) {
        c.problem("", "bad JSON: the top level must be an object");
        return;
    }
    data.version = c.str(m, "", "version");
    for (char ch : data.version)
        if (!(isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_')) {
            c.problem("version", "may contain only letters, digits, '.', '-' and '_'");
            break;
        }
    const json* files = c.array(m, "", "files", true);
    if (!files) return;
    for (size_t i = 0; i < files->size(); ++i) {
        const json& f = (*files)[i];
        std::string path = Checker::idx("files", i);
        std::string name = c.str(f, path, "path");
        std::string hash = c.str(f, path, "sha256");
        if (name.empty()) continue;
        if (!safe_relative(name) || name == file || name == kSignatureFile) {
            c.problem(path + ".path", "must be a relative path inside the bundle: '" + name + "'");
            continue;
        }
        if (data.files.count(name)) {
            c.problem(path + ".path", "listed twice: '" + name + "'");
            continue;
        }
        data.files[name] = hash;
        bool ok = false;
        std::string actual = sha256_file((fs::path(dir) / name).string(), &ok);
        if (!ok || !fs::is_regular_file(fs::path(dir) / name)) {
            problems.push_back({name, "", "missing file (listed in manifest.json " + path + ")"});
        } else if (hash.size() != 64 || hash != actual) {
            problems.push_back({name, "", "bad hash: manifest.json " + path + ".sha256 is '" + hash +
                                              "' but the file's sha256 is " + actual});
        }
    }
}

unsigned parse_payment(const std::string& s) {
    if (s == "wechat") return PayWeChat;
    if (s == "alipay") return PayAlipay;
    if (s == "unionpay") return PayUnionPay;
    if (s == "cash") return PayCash;
    return 0;
}

void parse_departments(const std::string& dir, ContentData& data, std::vector<BundleProblem>& problems) {
    const std::string file = "departments.json";
    json j;
    if (!load_json(dir, file, data, j, problems, true)) return;
    Checker c(file, problems);
    std::set<std::string> ids, names;
    if (const json* deps = c.array(j, "", "departments", true)) {
        for (size_t i = 0; i < deps->size(); ++i) {
            const json& d = (*deps)[i];
            std::string path = Checker::idx("departments", i);
            Department dep;
            dep.id = c.str(d, path, "id");
            dep.name = c.str(d, path, "name");
            dep.floor = c.integer(d, path, "floor", false, 0, 200);
            c.en(d, path, "name_en", data.english, english_key::department(dep.id));
            if (!dep.id.empty() && !ids.insert(dep.id).second) c.problem(path + ".id", "duplicate department id '" + dep.id + "'");
            if (!dep.name.empty() && !names.insert(dep.name).second)
                c.problem(path + ".name", "duplicate department name '" + dep.name + "'");
            if (const json* fn = c.array(d, path, "former_names")) {
                for (size_t k = 0; k < fn->size(); ++k) {
                    std::string p = Checker::idx(path + ".former_names", k);
                    FormerName f{c.str((*fn)[k], p, "name"), c.date((*fn)[k], p, "until")};
                    c.en((*fn)[k], p, "name_en", data.english, english_key::former_name(dep.id, f.until));
                    dep.former_names.push_back(std::move(f));
                }
            }
            data.departments.push_back(std::move(dep));
        }
    }
    if (const json* trs = c.array(j, "", "transfers")) {
        for (size_t i = 0; i < trs->size(); ++i) {
            const json& t = (*trs)[i];
            std::string path = Checker::idx("transfers", i);
            Transfer tr;
            tr.from_department = c.str(t, path, "from");
            tr.to_department = c.str(t, path, "to");
            tr.date = c.date(t, path, "date");
            tr.note = c.str(t, path, "note", false);
            c.en(t, path, "note_en", data.english, english_key::transfer_note(tr.from_department, tr.to_department, tr.date));
            if (!tr.from_department.empty() && !ids.count(tr.from_department))
                c.problem(path + ".from", "unknown department '" + tr.from_department + "'");
            if (!tr.to_department.empty() && !ids.count(tr.to_department))
                c.problem(path + ".to", "unknown department '" + tr.to_department + "'");
            if (const json* it = c.array(t, path, "items", true)) {
                for (size_t k = 0; k < it->size(); ++k) {
                    if (!(*it)[k].is_string()) c.problem(Checker::idx(path + ".items", k), "must be a string");
                    else tr.item_codes.push_back((*it)[k].get<std::string>());
                }
            }
            data.transfers.push_back(std::move(tr));
        }
    }
}

void parse_items(const std::string& dir, ContentData& data, std::vector<BundleProblem>& problems) {
    const std::string file = "items.json";
    json j;
    if (!load_json(dir, file, data, j, problems, true)) return;
    Checker c(file, problems);
    std::set<std::string> events;
    if (const json* evs = c.array(j, "", "life_events")) {
        for (size_t i = 0; i < evs->size(); ++i) {
            std::string path = Checker::idx("life_events", i);
            LifeEvent e{c.str((*evs)[i], path, "id"), c.str((*evs)[i], path, "name")};
            c.en((*evs)[i], path, "name_en", data.english, english_key::life_event(e.id));
            if (!e.id.empty() && !events.insert(e.id).second) c.problem(path + ".id", "duplicate life event id '" + e.id + "'");
            data.life_events.push_back(std::move(e));
        }
    }
    std::map<std::string, const Department*> deps;
    for (const auto& d : data.departments) deps[d.id] = &d;
    std::set<std::string> codes;
    const json* items = c.array(j, "", "items", true);
    if (!items) return;
    data.items.reserve(items->size());
    for (size_t i = 0; i < items->size(); ++i) {
        const json& o = (*items)[i];
        std::string path = Checker::idx("items", i);
        if (!o.is_object()) {
            c.problem(path, "must be an object");
            continue;
        }
        ServiceItem it;
        it.code = c.str(o, path, "code");
        it.name = c.str(o, path, "name");
        it.kind = c.str(o, path, "kind", false);
        c.en(o, path, "name_en", data.english, english_key::item(it.code, "name"));
        c.en(o, path, "kind_en", data.english, english_key::item(it.code, "kind"));
        it.department_id = c.str(o, path, "department");
        if (!it.code.empty() && !codes.insert(it.code).second) c.problem(path + ".code", "duplicate code '" + it.code + "'");
        if (!it.department_id.empty()) {
            auto d = deps.find(it.department_id);
            if (d == deps.end()) c.problem(path + ".department", "unknown department '" + it.department_id + "'");
            else it.department_name = d->second->name;
        }
        it.floor = c.integer(o, path, "floor", false, 0, 200);
        if (const json* w = c.array(o, path, "windows")) {
            for (size_t k = 0; k < w->size(); ++k) {
                if (!(*w)[k].is_number_integer() || (*w)[k].get<int64_t>() < 1 || (*w)[k].get<int64_t>() > 9999)
                    c.problem(Checker::idx(path + ".windows", k), "must be a window number (1–9999)");
                else it.windows.push_back((*w)[k].get<int>());
            }
        }
        if (const json* mats = c.array(o, path, "materials")) {
            for (size_t k = 0; k < mats->size(); ++k) {
                std::string p = Checker::idx(path + ".materials", k);
                Material m;
                m.name = c.str((*mats)[k], p, "name");
                m.originals = c.integer((*mats)[k], p, "originals", false, 0, 99);
                m.copies = c.integer((*mats)[k], p, "copies", false, 0, 99);
                m.required = c.boolean((*mats)[k], p, "required", true);
                m.note = c.str((*mats)[k], p, "note", false);
                c.en((*mats)[k], p, "name_en", data.english, english_key::item(it.code, "material/" + std::to_string(k) + "/name"));
                c.en((*mats)[k], p, "note_en", data.english, english_key::item(it.code, "material/" + std::to_string(k) + "/note"));
                it.materials.push_back(std::move(m));
            }
        }
        if (const json* fee = c.object(o, path, "fee")) {
            const json* cny = c.field(*fee, path + ".fee", "cny", true);
            if (cny && (!cny->is_number() || cny->get<double>() < 0)) c.problem(path + ".fee.cny", "must be a number >= 0");
            else if (cny) it.fee_cny = cny->get<double>();
            it.fee_note = c.str(*fee, path + ".fee", "note", false);
            c.en(*fee, path + ".fee", "note_en", data.english, english_key::item(it.code, "fee_note"));
        }
        if (const json* pays = c.array(o, path, "payments")) {
            for (size_t k = 0; k < pays->size(); ++k) {
                unsigned p = (*pays)[k].is_string() ? parse_payment((*pays)[k].get<std::string>()) : 0;
                if (!p) c.problem(Checker::idx(path + ".payments", k), "unknown payment method (wechat, alipay, unionpay, cash)");
                it.payments |= p;
            }
        }
        if (const json* tl = c.object(o, path, "time_limit")) {
            it.promised_days = c.integer(*tl, path + ".time_limit", "promised_days", false, 0, 3650);
            it.legal_days = c.integer(*tl, path + ".time_limit", "legal_days", false, 0, 3650);
            if (it.legal_days > 0 && it.promised_days > it.legal_days)
                c.problem(path + ".time_limit", "promised_days is longer than legal_days");
        }
        it.online_url = c.str(o, path, "online_url", false);
        if (!it.online_url.empty() && it.online_url.rfind("https://", 0) != 0 && it.online_url.rfind("http://", 0) != 0)
            c.problem(path + ".online_url", "must be an http(s) URL");
        if (const json* faq = c.array(o, path, "faq")) {
            for (size_t k = 0; k < faq->size(); ++k) {
                std::string p = Checker::idx(path + ".faq", k);
                it.faq.push_back({c.str((*faq)[k], p, "q"), c.str((*faq)[k], p, "a")});
                c.en((*faq)[k], p, "q_en", data.english, english_key::item(it.code, "faq/" + std::to_string(k) + "/q"));
                c.en((*faq)[k], p, "a_en", data.english, english_key::item(it.code, "faq/" + std::to_string(k) + "/a"));
            }
        }
        if (const json* le = c.array(o, path, "life_events")) {
            for (size_t k = 0; k < le->size(); ++k) {
                std::string id = (*le)[k].is_string() ? (*le)[k].get<std::string>() : "";
                if (!events.count(id)) c.problem(Checker::idx(path + ".life_events", k), "unknown life event '" + id + "'");
                else it.life_events.push_back(id);
            }
        }
        it.popularity = c.integer(o, path, "popularity", false, 0, 1000000000);
        data.items.push_back(std::move(it));
    }
    // Transfers name items: they must exist.
    for (size_t i = 0; i < data.transfers.size(); ++i)
        for (size_t k = 0; k < data.transfers[i].item_codes.size(); ++k)
            if (!codes.count(data.transfers[i].item_codes[k]))
                problems.push_back({"departments.json", Checker::idx(Checker::idx("transfers", i) + ".items", k),
                                    "unknown item code '" + data.transfers[i].item_codes[k] + "'"});
}

void parse_forms(const std::string& dir, ContentData& data, std::vector<BundleProblem>& problems) {
    const std::string file = "forms.json";
    json j;
    if (!load_json(dir, file, data, j, problems, false)) return;
    Checker c(file, problems);
    std::set<std::string> codes, ids;
    for (const auto& it : data.items) codes.insert(it.code);
    const json* forms = c.array(j, "", "forms", true);
    if (!forms) return;
    for (size_t i = 0; i < forms->size(); ++i) {
        const json& o = (*forms)[i];
        std::string path = Checker::idx("forms", i);
        FormEntry f;
        f.form.id = c.str(o, path, "id");
        f.form.title = c.str(o, path, "title");
        f.form.path = c.str(o, path, "file");
        f.form.sha256 = c.str(o, path, "sha256");
        f.form.purpose = c.str(o, path, "purpose", false);
        c.en(o, path, "title_en", data.english, english_key::form(f.form.id, "title"));
        c.en(o, path, "purpose_en", data.english, english_key::form(f.form.id, "purpose"));
        // The form's own address (not its item's page): the QR code on the form screen and on
        // the paper opens the PDF itself.
        f.form.url = c.str(o, path, "url", false);
        if (!f.form.url.empty() && f.form.url.rfind("https://", 0) != 0 && f.form.url.rfind("http://", 0) != 0)
            c.problem(path + ".url", "must be an http(s) URL");
        if (!f.form.id.empty() && !ids.insert(f.form.id).second) c.problem(path + ".id", "duplicate form id '" + f.form.id + "'");
        if (!f.form.path.empty()) {
            auto m = data.files.find(f.form.path);
            if (m == data.files.end()) {
                c.problem(path + ".file", "'" + f.form.path + "' is not listed in manifest.json");
            } else {
                if (m->second != f.form.sha256) c.problem(path + ".sha256", "differs from the manifest's sha256 of '" + f.form.path + "'");
                std::ifstream in(fs::path(dir) / f.form.path, std::ios::binary);
                char head[5] = {};
                if (in && (!in.read(head, 5) || std::string(head, 5) != "%PDF-"))
                    c.problem(path + ".file", "'" + f.form.path + "' is not a PDF file");
                std::error_code ec;
                f.form.size = int64_t(fs::file_size(fs::path(dir) / f.form.path, ec));
            }
        }
        if (const json* its = c.array(o, path, "items", true)) {
            for (size_t k = 0; k < its->size(); ++k) {
                std::string code = (*its)[k].is_string() ? (*its)[k].get<std::string>() : "";
                if (!codes.count(code)) c.problem(Checker::idx(path + ".items", k), "unknown item code '" + code + "'");
                else f.items.push_back(code);
            }
        }
        data.forms.push_back(std::move(f));
    }
}

OpeningHours parse_hours(Checker& c, const json& o, const std::string& path) {
    OpeningHours h;
    if (const json* wd = c.array(o, path, "weekdays", true)) {
        for (size_t k = 0; k < wd->size(); ++k) {
            if (!(*wd)[k].is_number_integer() || (*wd)[k].get<int>() < 1 || (*wd)[k].get<int>() > 7)
                c.problem(Checker::idx(path + ".weekdays", k), "must be 1 (Monday) … 7 (Sunday)");
            else h.weekdays.push_back((*wd)[k].get<int>());
        }
    }
    h.open = c.hhmm(o, path, "open");
    h.close = c.hhmm(o, path, "close");
    if (valid_hhmm(h.open, true) && valid_hhmm(h.close, true) && h.open >= h.close) c.problem(path, "opens at or after it closes");
    return h;
}

void parse_hall(const std::string& dir, ContentData& data, std::vector<BundleProblem>& problems) {
    const std::string file = "hall.json";
    json j;
    if (!load_json(dir, file, data, j, problems, true)) return;
    Checker c(file, problems);
    HallInfo& h = data.hall;
    h.name = c.str(j, "", "name");
    h.address = c.str(j, "", "address", false);
    h.phone = c.str(j, "", "phone", false);
    c.en(j, "", "name_en", data.english, english_key::hall("name"));
    c.en(j, "", "address_en", data.english, english_key::hall("address"));
    if (const json* fl = c.array(j, "", "floors")) {
        for (size_t i = 0; i < fl->size(); ++i) {
            std::string p = Checker::idx("floors", i);
            FloorInfo f;
            f.floor = c.integer((*fl)[i], p, "floor", true, -10, 200);
            f.name = c.str((*fl)[i], p, "name");
            f.description = c.str((*fl)[i], p, "description", false);
            c.en((*fl)[i], p, "name_en", data.english, english_key::floor(f.floor, "name"));
            c.en((*fl)[i], p, "description_en", data.english, english_key::floor(f.floor, "description"));
            if (const json* w = c.array((*fl)[i], p, "windows")) {
                if (w->size() != 2 || !(*w)[0].is_number_integer() || !(*w)[1].is_number_integer() || (*w)[0] > (*w)[1])
                    c.problem(p + ".windows", "must be [first, last]");
                else f.first_window = (*w)[0].get<int>(), f.last_window = (*w)[1].get<int>();
            }
            h.floors.push_back(std::move(f));
        }
    }
    if (const json* o = c.object(j, "", "hours", true)) {
        h.hours = parse_hours(c, *o, "hours");
        // An optional lunch break: both times or neither, inside the day's hours.
        if (o->contains("lunch_start") || o->contains("lunch_end")) {
            h.hours.lunch_start = c.hhmm(*o, "hours", "lunch_start");
            h.hours.lunch_end = c.hhmm(*o, "hours", "lunch_end");
            const auto& hs = h.hours;
            if (valid_hhmm(hs.lunch_start, false) && valid_hhmm(hs.lunch_end, false) && valid_hhmm(hs.open, true) &&
                valid_hhmm(hs.close, true) && !(hs.open < hs.lunch_start && hs.lunch_start < hs.lunch_end && hs.lunch_end < hs.close))
                c.problem("hours", "lunch break " + hs.lunch_start + "–" + hs.lunch_end + " is not inside " + hs.open + "–" + hs.close);
        }
    }
    if (const json* o = c.object(j, "", "self_service")) {
        h.self_service_hours = parse_hours(c, *o, "self_service");
        h.self_service_location = c.str(*o, "self_service", "location", false);
        c.en(*o, "self_service", "location_en", data.english, english_key::hall("self_service_location"));
        if (const json* sv = c.array(*o, "self_service", "services")) {
            for (size_t i = 0; i < sv->size(); ++i) {
                if ((*sv)[i].is_string() && !(*sv)[i].get<std::string>().empty())
                    h.self_service_services.push_back((*sv)[i].get<std::string>());
                else
                    c.problem(Checker::idx("self_service.services", i), "must be a non-empty string");
            }
        }
    }
    if (const json* hol = c.array(j, "", "holidays")) {
        for (size_t i = 0; i < hol->size(); ++i) {
            const json& o = (*hol)[i];
            std::string p = Checker::idx("holidays", i);
            HolidayChange hc;
            hc.from = c.date(o, p, "from");
            hc.to = c.date(o, p, "to");
            hc.closed = c.boolean(o, p, "closed", true);
            hc.note = c.str(o, p, "note", false);
            c.en(o, p, "note_en", data.english, english_key::holiday(hc.from, "note"));
            if (!hc.closed) hc.open = c.hhmm(o, p, "open"), hc.close = c.hhmm(o, p, "close");
            if (valid_date(hc.from) && valid_date(hc.to) && hc.to < hc.from) c.problem(p + ".to", "is before 'from'");
            h.holidays.push_back(std::move(hc));
        }
    }
    std::set<std::string> nids;
    if (const json* ns = c.array(j, "", "notices")) {
        for (size_t i = 0; i < ns->size(); ++i) {
            const json& o = (*ns)[i];
            std::string p = Checker::idx("notices", i);
            Notice n;
            n.id = c.str(o, p, "id");
            n.title = c.str(o, p, "title");
            n.body = c.str(o, p, "body", false);
            c.en(o, p, "title_en", data.english, english_key::notice(n.id, "title"));
            c.en(o, p, "body_en", data.english, english_key::notice(n.id, "body"));
            n.start = c.str(o, p, "start");
            n.end = c.str(o, p, "end");
            if (!n.id.empty() && !nids.insert(n.id).second) c.problem(p + ".id", "duplicate notice id '" + n.id + "'");
            bool ok_s = !n.start.empty() && parse_beijing_time(n.start, n.start_unix);
            bool ok_e = !n.end.empty() && parse_beijing_time(n.end, n.end_unix);
            if (!n.start.empty() && !ok_s) c.problem(p + ".start", "bad date '" + n.start + "' (want YYYY-MM-DD HH:MM)");
            if (!n.end.empty() && !ok_e) c.problem(p + ".end", "bad date '" + n.end + "' (want YYYY-MM-DD HH:MM)");
            if (ok_s && ok_e && n.end_unix <= n.start_unix) c.problem(p + ".end", "is not after 'start'");
            data.notices.push_back(std::move(n));
        }
    }
    if (const json* tr = c.object(j, "", "transport")) {
        if (const json* b = c.array(*tr, "transport", "buses")) {
            for (size_t i = 0; i < b->size(); ++i) {
                std::string p = Checker::idx("transport.buses", i);
                h.buses.push_back({c.str((*b)[i], p, "line"), c.str((*b)[i], p, "stop"),
                                   c.integer((*b)[i], p, "walk_minutes", false, 0, 120)});
                c.en((*b)[i], p, "line_en", data.english, english_key::bus(i, "line"));
                c.en((*b)[i], p, "stop_en", data.english, english_key::bus(i, "stop"));
            }
        }
        h.parking = c.str(*tr, "transport", "parking", false);
        c.en(*tr, "transport", "parking_en", data.english, english_key::hall("parking"));
    }
    if (const json* nb = c.array(j, "", "nearby")) {
        for (size_t i = 0; i < nb->size(); ++i) {
            std::string p = Checker::idx("nearby", i);
            const json& o = (*nb)[i];
            h.nearby.push_back({c.str(o, p, "kind"), c.str(o, p, "name"), c.str(o, p, "location", false),
                                c.str(o, p, "hours", false), c.str(o, p, "note", false)});
            for (const char* f : {"name", "location", "hours", "note"})
                c.en(o, p, (std::string(f) + "_en").c_str(), data.english, english_key::nearby(i, f));
        }
    }
    // Items' windows must be on the floor they claim, when the hall says which windows a floor has.
    for (size_t i = 0; i < data.items.size(); ++i) {
        const auto& it = data.items[i];
        for (int w : it.windows) {
            const FloorInfo* on = nullptr;
            for (const auto& f : h.floors)
                if (w >= f.first_window && w <= f.last_window) on = &f;
            if (!h.floors.empty() && !on)
                problems.push_back({"items.json", Checker::idx("items", i) + ".windows",
                                    "window " + std::to_string(w) + " is on no floor of hall.json"});
            else if (on && it.floor != 0 && on->floor != it.floor)
                problems.push_back({"items.json", Checker::idx("items", i) + ".floor",
                                    "window " + std::to_string(w) + " is on floor " + std::to_string(on->floor) +
                                        ", not " + std::to_string(it.floor)});
        }
    }
}

/// Warns when an item sends citizens to a window that does not serve the item's department
/// (the map's windows[].departments): after a reorganisation the old department's window is
/// exactly the mistake the kiosk exists to prevent, so `kioskctl content verify` says so.
void check_windows_serve_departments(const json& map, ContentData& data) {
    if (!map.contains("windows") || !map["windows"].is_array()) return;
    std::map<int, std::vector<std::string>> serves;
    for (const auto& w : map["windows"]) {
        if (!w.is_object() || !w.contains("number") || !w["number"].is_number_integer()) continue;
        auto& deps = serves[w["number"].get<int>()];
        if (w.contains("departments") && w["departments"].is_array())
            for (const auto& d : w["departments"])
                if (d.is_string()) deps.push_back(d.get<std::string>());
    }
    std::map<std::string, std::string> names;
    for (const auto& d : data.departments) names[d.id] = d.name;
    auto name_of = [&](const std::string& id) { return names.count(id) ? names[id] + " (" + id + ")" : id; };
    for (size_t i = 0; i < data.items.size(); ++i) {
        const auto& it = data.items[i];
        for (int w : it.windows) {
            std::string path = "items[" + std::to_string(i) + "].windows";
            auto s = serves.find(w);
            if (s == serves.end()) {
                data.warnings.push_back({"items.json", path, "window " + std::to_string(w) + " of " + it.code + " " + it.name +
                                                                 " is not on the hall map"});
                continue;
            }
            if (std::find(s->second.begin(), s->second.end(), it.department_id) != s->second.end()) continue;
            std::string by;
            for (const auto& d : s->second) by += (by.empty() ? "" : ", ") + name_of(d);
            data.warnings.push_back({"items.json", path, "window " + std::to_string(w) + " serves " + (by.empty() ? "no department" : by) +
                                                             ", not " + name_of(it.department_id) + ", the department of " +
                                                             it.code + " " + it.name});
        }
    }
}

void parse_map(const std::string& dir, ContentData& data, std::vector<BundleProblem>& problems) {
    const std::string file = "map.json";
    json j;
    if (!data.files.count(file)) return;
    if (!load_json(dir, file, data, j, problems, false)) return;
    data.has_map = true;
    check_windows_serve_departments(j, data);
    std::vector<kiosk::wayfinding::MapProblem> mp;
    auto map = kiosk::wayfinding::parse_hall_map(j, mp);
    bool any_error = false;
    for (const auto& p : mp) {
        if (p.severity != kiosk::wayfinding::MapProblem::Severity::Error) continue;  // warnings do not block
        problems.push_back({file, p.json_path, p.message});
        any_error = true;
    }
    if (!map && !any_error) problems.push_back({file, "", map.error().message});
}

}  // namespace

void parse_bundle(const std::string& dir, ContentData& data, std::vector<BundleProblem>& problems) {
    if (sodium_init() < 0) {
        problems.push_back({"", "", "libsodium failed to initialise"});
        return;
    }
    if (!fs::is_directory(dir)) {
        problems.push_back({dir, "", "not a folder"});
        return;
    }
    parse_manifest(dir, data, problems);
    if (data.files.empty() && !problems.empty()) return;
    parse_departments(dir, data, problems);
    parse_items(dir, data, problems);
    parse_forms(dir, data, problems);
    parse_hall(dir, data, problems);
    parse_map(dir, data, problems);
}

}  // namespace detail
}  // namespace kiosk::content
