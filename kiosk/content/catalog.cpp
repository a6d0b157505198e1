// Catalogue importer: generates a bundle from a catalogue JSON file and imports it atomically.
#include "kiosk/content/catalog.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kiosk/content/content_data.h"
#include "kiosk/content/pack.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace kiosk::content {

Status write_bundle_files(const std::string& dir, const std::string& version, const std::map<std::string, std::string>& files) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return make_error(Errc::Io, "cannot create " + dir + ": " + ec.message());
    json manifest = {{"format", 1}, {"version", version}, {"files", json::array()}};
    for (const auto& [name, body] : files) {
        fs::path p = fs::path(dir) / name;
        fs::create_directories(p.parent_path(), ec);
        std::ofstream o(p, std::ios::binary);
        o << body;
        if (!o) return make_error(Errc::Io, "cannot write " + p.string());
        manifest["files"].push_back({{"path", name}, {"sha256", detail::sha256_hex(body)}});
    }
    std::ofstream m(fs::path(dir) / "manifest.json");
    m << manifest.dump(1) << "\n";
    if (!m) return make_error(Errc::Io, "cannot write manifest.json");
    return {};
}

namespace {
std::string slurp(const fs::path& p, bool& ok) {
    std::ifstream in(p, std::ios::binary);
    ok = bool(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

Result<BundleInfo> catalog_to_bundle(const std::string& catalog_file, const std::string& out_dir,
                                     const std::string& hall_from_version) {
    bool ok = false;
    std::string text = slurp(catalog_file, ok);
    if (!ok) return make_error(Errc::NotFound, "cannot read " + catalog_file);
    json cat;
    try {
        cat = json::parse(text);
    } catch (const json::parse_error& e) {
        return make_error(Errc::InvalidInput, catalog_file + ": bad JSON: " + e.what());
    }
    if (!cat.is_object() || !cat.contains("departments") || !cat["departments"].is_array())
        return make_error(Errc::InvalidInput, catalog_file + ": departments: missing or not an array");

    std::map<std::string, std::string> files;
    json hall;
    if (!hall_from_version.empty()) {
        bool has = false;
        std::string h = slurp(fs::path(hall_from_version) / "hall.json", has);
        if (has) {
            files["hall.json"] = h;
            try {
                hall = json::parse(h);
            } catch (...) {
            }
        }
        std::string m = slurp(fs::path(hall_from_version) / "map.json", has);
        if (has) files["map.json"] = m;
    }
    if (!files.count("hall.json")) {
        hall = {{"name", "政务服务中心"},
                {"hours", {{"weekdays", {1, 2, 3, 4, 5}}, {"open", "09:00"}, {"close", "17:00"}}}};
        files["hall.json"] = hall.dump(1);
    }
    // Windows of the hall in order, with their floor, for round-robin assignment.
    std::vector<std::pair<int, int>> windows;  // (window, floor)
    if (hall.contains("floors") && hall["floors"].is_array())
        for (const auto& f : hall["floors"])
            if (f.contains("windows") && f["windows"].is_array() && f["windows"].size() == 2)
                for (int w = f["windows"][0].get<int>(); w <= f["windows"][1].get<int>(); ++w)
                    windows.push_back({w, f.value("floor", 0)});

    json deps = json::array(), items = json::array();
    const json& cdeps = cat["departments"];
    for (size_t d = 0; d < cdeps.size(); ++d) {
        const json& cd = cdeps[d];
        std::string path = "departments[" + std::to_string(d) + "]";
        if (!cd.is_object() || !cd.contains("department") || !cd["department"].is_string())
            return make_error(Errc::InvalidInput, catalog_file + ": " + path + ".department: missing or not a string");
        char id[32];
        std::snprintf(id, sizeof id, "d%02zu", d + 1);
        json dep = {{"id", id}, {"name", cd["department"]}};
        std::pair<int, int> win{0, 0};
        if (!windows.empty()) win = windows[d % windows.size()];
        if (win.second) dep["floor"] = win.second;
        deps.push_back(dep);
        if (!cd.contains("items") || !cd["items"].is_array())
            return make_error(Errc::InvalidInput, catalog_file + ": " + path + ".items: missing or not an array");
        int n = 0;
        for (size_t i = 0; i < cd["items"].size(); ++i) {
            const json& ci = cd["items"][i];
            std::string ipath = path + ".items[" + std::to_string(i) + "]";
            if (!ci.is_object() || !ci.contains("sub_items") || !ci["sub_items"].is_array())
                return make_error(Errc::InvalidInput, catalog_file + ": " + ipath + ".sub_items: missing or not an array");
            std::string main = ci.value("main_item", "");
            for (size_t s = 0; s < ci["sub_items"].size(); ++s) {
                const json& si = ci["sub_items"][s];
                if (!si.is_object() || !si.contains("name") || !si["name"].is_string() || si["name"].get<std::string>().empty())
                    return make_error(Errc::InvalidInput,
                                      catalog_file + ": " + ipath + ".sub_items[" + std::to_string(s) + "].name: missing");
                char code[64];
                std::snprintf(code, sizeof code, "%s-%04d", id, ++n);
                json item = {{"code", code}, {"name", si["name"]}, {"department", id},
                             {"kind", main == "未分类" ? "" : main}};
                if (win.first) {
                    item["windows"] = {win.first};
                    item["floor"] = win.second;
                }
                std::string link = si.value("link", "");
                if (link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0) item["online_url"] = link;
                items.push_back(std::move(item));
            }
        }
    }
    files["departments.json"] = json({{"departments", deps}}).dump(1);
    files["items.json"] = json({{"items", items}}).dump(1);
    std::string version = "catalog-" + fs::path(catalog_file).stem().string();
    for (char& c : version)
        if (!(isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) c = '_';
    TRY(write_bundle_files(out_dir, version, files));
    return verify_bundle(out_dir);
}

Result<BundleInfo> import_catalog(const std::string& catalog_file, const std::string& content_root,
                                  const std::string& secret_key_b64, const ImportPolicy& policy) {
    auto st = content_status(content_root);
    std::string hall_from = st ? st->current_dir : std::string();
    fs::path tmp = fs::absolute(content_root) / (".catalog-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(tmp, ec);
    PackOptions options;
    options.hall_from = hall_from;
    auto bundle = pack_bundle(catalog_file, tmp.string(), secret_key_b64, options);
    Result<BundleInfo> out = bundle ? import_bundle(tmp.string(), content_root, policy) : Result<BundleInfo>(bundle.error());
    fs::remove_all(tmp, ec);
    return out;
}

}  // namespace kiosk::content
