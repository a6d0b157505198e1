// String catalogs (assets/strings/<lang>.json): every text shown to people comes from here.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/result.h"

namespace kiosk::ui {

class Strings {
public:
    /// Loads every *.json under `dir` whose name ends in ".<lang>.json" or is "<lang>.json".
    /// A catalog is a flat JSON object of "key": "text" (nested objects become "a.b" keys).
    static Result<Strings> load(const std::string& dir, const std::vector<std::string>& languages);
    void set_language(const std::string& lang);
    const std::string& language() const { return m_lang; }
    /// The text for `key`; the other language if missing; "⟦key⟧" if missing in both, so a
    /// gap shows in screenshots and tests instead of crashing.
    const std::string& tr(const std::string& key) const;
    /// tr() with "{name}" placeholders replaced.
    std::string format(const std::string& key, const std::map<std::string, std::string>& args) const;
    bool has(const std::string& key) const;
    /// Keys present in one language but not the other (for the catalog test).
    std::vector<std::string> missing_keys() const;

private:
    std::map<std::string, std::map<std::string, std::string>> m_tables;  // lang → key → text
    std::string m_lang = "zh-CN";
    mutable std::map<std::string, std::string> m_missing;
};

}  // namespace kiosk::ui
