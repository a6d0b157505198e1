// Loading and looking up string catalogs.
#include "strings.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace kiosk::ui {
namespace {
void flatten(const nlohmann::json& j, const std::string& prefix, std::map<std::string, std::string>& out) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
        if (it->is_object()) flatten(*it, key, out);
        else if (it->is_string()) out[key] = it->get<std::string>();
    }
}
}  // namespace

Result<Strings> Strings::load(const std::string& dir, const std::vector<std::string>& languages) {
    Strings s;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        for (const auto& lang : languages) {
            std::string suffix = lang + ".json";
            bool match = name == suffix || (name.size() > suffix.size() + 1 &&
                                            name.compare(name.size() - suffix.size() - 1, std::string::npos, "." + suffix) == 0);
            if (!match) continue;
            std::ifstream in(entry.path());
            auto j = nlohmann::json::parse(in, nullptr, false);
            if (j.is_discarded() || !j.is_object())
                return make_error(Errc::InvalidInput, entry.path().string() + ": not a JSON object of strings");
            flatten(j, "", s.m_tables[lang]);
        }
    }
    if (ec) return make_error(Errc::NotFound, dir + ": " + ec.message());
    for (const auto& lang : languages)
        if (s.m_tables[lang].empty()) return make_error(Errc::NotFound, dir + ": no strings for " + lang);
    s.m_lang = languages.front();
    return s;
}

void Strings::set_language(const std::string& lang) {
    if (m_tables.count(lang)) m_lang = lang;
}

bool Strings::has(const std::string& key) const {
    auto t = m_tables.find(m_lang);
    return t != m_tables.end() && t->second.count(key);
}

const std::string& Strings::tr(const std::string& key) const {
    if (auto t = m_tables.find(m_lang); t != m_tables.end())
        if (auto it = t->second.find(key); it != t->second.end()) return it->second;
    for (const auto& [lang, table] : m_tables)
        if (auto it = table.find(key); it != table.end()) return it->second;
    auto [it, inserted] = m_missing.emplace(key, "⟦" + key + "⟧");
    return it->second;
}

std::string Strings::format(const std::string& key, const std::map<std::string, std::string>& args) const {
    std::string out = tr(key);
    for (const auto& [name, value] : args) {
        std::string ph = "{" + name + "}";
        for (size_t p = out.find(ph); p != std::string::npos; p = out.find(ph, p + value.size())) out.replace(p, ph.size(), value);
    }
    return out;
}

std::vector<std::string> Strings::missing_keys() const {
    std::vector<std::string> out;
    for (const auto& [lang, table] : m_tables)
        for (const auto& [key, text] : table)
            for (const auto& [other, t2] : m_tables)
                if (other != lang && !t2.count(key)) out.push_back(other + ":" + key);
    return out;
}

}  // namespace kiosk::ui
