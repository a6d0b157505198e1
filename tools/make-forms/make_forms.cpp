// make-forms: writes the demo bundle's Chinese form PDFs (cairo + pango, drivers/printer/pdf_writer) from forms.json and refreshes every sha256 in the bundle.
//   make-forms BUNDLE_DIR [--version V] [--key assets/demo/publisher/demo-publisher.key]
#include <algorithm>
#include <cstdio>
#include <map>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kiosk/content/content_data.h"
#include "kiosk/content/signing.h"
#include "drivers/printer/pdf_writer.h"

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

/// What the form's page says about the hall and the windows that take it, from the bundle's
/// own items, departments and hall (so the paper never disagrees with the kiosk's screens).
struct Hall {
    ojson items, departments, hall;
};

std::string read_json(const fs::path& p, ojson& out) {
    try {
        std::ifstream in(p);
        if (!in) return "cannot read";
        out = ojson::parse(in);
        return "";
    } catch (const std::exception& e) {
        return e.what();
    }
}

/// "21、22号" / "9–12号" / "28–30号": consecutive windows as a range, others listed.
std::string windows_text(std::vector<int> w) {
    std::sort(w.begin(), w.end());
    w.erase(std::unique(w.begin(), w.end()), w.end());
    std::string out;
    for (size_t i = 0; i < w.size();) {
        size_t j = i;
        while (j + 1 < w.size() && w[j + 1] == w[j] + 1) ++j;
        if (!out.empty()) out += "、";
        out += j - i >= 2 ? std::to_string(w[i]) + "–" + std::to_string(w[j]) : std::to_string(w[i]);
        if (j - i == 1) out += "、" + std::to_string(w[j]);
        i = j + 1;
    }
    return out + "号";
}

/// "二楼 9–12号窗口（不动产登记中心）": where the form is handed in, per department of its items.
std::string hand_in_text(const ojson& form, const Hall& h) {
    std::map<std::string, std::pair<int, std::vector<int>>> by_dep;  // department → floor, windows
    std::vector<std::string> order;
    for (const auto& code : form.value("items", ojson::array()))
        for (const auto& it : h.items.value("items", ojson::array()))
            if (it.value("code", "") == code.get<std::string>()) {
                std::string dep = it.value("department", "");
                if (!by_dep.count(dep)) order.push_back(dep);
                by_dep[dep].first = it.value("floor", 0);
                for (const auto& w : it.value("windows", ojson::array())) by_dep[dep].second.push_back(w.get<int>());
            }
    std::string out;
    for (const auto& dep : order) {
        std::string dep_name = dep, floor_name;
        for (const auto& d : h.departments.value("departments", ojson::array()))
            if (d.value("id", "") == dep) dep_name = d.value("name", dep);
        for (const auto& f : h.hall.value("floors", ojson::array()))
            if (f.value("floor", -1) == by_dep[dep].first) floor_name = f.value("name", "");
        if (!out.empty()) out += "；";
        out += floor_name + " " + windows_text(by_dep[dep].second) + "窗口（" + dep_name + "）";
    }
    return out;
}

/// "周一至周五 09:00–17:00": the hall's window hours.
std::string hours_text(const ojson& hall) {
    static const char* const kDays[] = {"", "周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    const ojson& h = hall.value("hours", ojson::object());
    std::vector<int> days;
    for (const auto& d : h.value("weekdays", ojson::array())) days.push_back(d.get<int>());
    std::string d = days.empty() ? "" : days.size() > 1 && days.back() - days.front() + 1 == int(days.size())
                                            ? std::string(kDays[days.front()]) + "至" + kDays[days.back()]
                                            : "";
    if (d.empty())
        for (int x : days) d += (d.empty() ? "" : "、") + std::string(x >= 1 && x <= 7 ? kDays[x] : "");
    return d + " " + h.value("open", "") + "–" + h.value("close", "");
}

/// One A4 page: title, form number and department, the purpose, a table of fields (tick boxes
/// for choices, taller rows for long answers), notes, where to hand it in and when, signature
/// and date, and the form's own download address as text and QR code.
kiosk::Result<std::string> form_pdf(const ojson& f, const Hall& h) {
    using namespace kiosk::printer;
    const std::string title = f.value("title", f.value("id", ""));
    auto pdf = TRY(PdfWriter::create({title, f.value("purpose", ""), "make-forms", "2026-11-01T09:00:00"}));
    const double W = PdfWriter::kWidth, mx = 20 * PdfWriter::kMm, cw = W - 2 * mx;
    const std::string hall_name = h.hall.value("name", "");
    double y = 18 * PdfWriter::kMm;
    pdf->text(mx, y, cw, 9, "表号：" + f.value("id", std::string()), FontWeight::Regular, TextAlign::Right, kGrey);
    y += pdf->text(mx, y, cw, 20, title, FontWeight::Bold, TextAlign::Center) + 4;
    y += pdf->text(mx, y, cw, 10, hall_name + " 制", FontWeight::Regular, TextAlign::Center, kGrey) + 8;
    if (!f.value("purpose", "").empty()) y += pdf->text(mx, y, cw, 10.5, "用途：" + f.value("purpose", "")) + 8;

    // The table: label column 32 % wide; each row at least 26 points, more for long answers.
    const double label_w = cw * 0.32, pad = 6, size = 10.5;
    const double top = y;
    pdf->line(mx, y, mx + cw, y, 1.2);
    for (const auto& field : f.value("fields", ojson::array())) {
        std::string label = field.is_string() ? field.get<std::string>() : field.value("label", "");
        int lines = field.is_object() ? std::max(1, field.value("lines", 1)) : 1;
        double lh = pdf->text_height(label_w - 2 * pad, size, label, FontWeight::Bold);
        // Rows tall enough to write in by hand (about 10 mm), taller for long answers.
        double row = std::max({28.0, lh + 2 * pad, 24.0 * lines + 4});
        double vx = mx + label_w + pad, vw = cw - label_w - 2 * pad;
        std::vector<std::string> opts;
        if (field.is_object() && field.contains("options"))
            for (const auto& o : field["options"]) opts.push_back("□ " + o.get<std::string>());
        if (!opts.empty()) {
            // Tick boxes flow left to right; an option never breaks inside, a row grows instead.
            const double gap = 18, oh = pdf->text_height(-1, size, opts[0]);
            std::vector<std::pair<double, double>> at;  // x, line
            double ox = 0;
            int line_no = 0;
            for (const auto& o : opts) {
                double ow = pdf->text_width(size, o);
                if (ox > 0 && ox + ow > vw) ox = 0, ++line_no;
                at.push_back({ox, line_no});
                ox += ow + gap;
            }
            double block = (line_no + 1) * oh;
            row = std::max(row, block + 2 * pad);
            for (size_t k = 0; k < opts.size(); ++k) pdf->text(vx + at[k].first, y + (row - block) / 2 + at[k].second * oh, -1, size, opts[k]);
        } else if (field.is_object() && field.contains("hint")) {
            double hh = pdf->text_height(vw, 9, field["hint"].get<std::string>());
            pdf->text(vx, lines > 1 ? y + pad : y + (row - hh) / 2, vw, 9, field["hint"].get<std::string>(), FontWeight::Regular,
                      TextAlign::Left, kGrey);
        }
        pdf->fill(mx, y, label_w, row, Rgb{0.94, 0.95, 0.97});
        pdf->text(mx + pad, y + (row - lh) / 2, label_w - 2 * pad, size, label, FontWeight::Bold);
        y += row;
        pdf->line(mx, y, mx + cw, y, 0.6);
    }
    pdf->line(mx, y, mx + cw, y, 1.2);
    pdf->line(mx, top, mx, y, 1.2);
    pdf->line(mx + cw, top, mx + cw, y, 1.2);
    pdf->line(mx + label_w, top, mx + label_w, y, 0.6);
    y += 14;

    y += pdf->text(mx, y, cw, 11, "填表说明", FontWeight::Bold) + 2;
    int n = 1;
    for (const auto& note : f.value("notes", ojson::array()))
        y += pdf->text(mx + 8, y, cw - 8, 9.5, std::to_string(n++) + ". " + note.get<std::string>()) + 1;
    y += 10;
    std::string where = hand_in_text(f, h);
    y += pdf->text(mx, y, cw, 10.5, "递交地点：" + hall_name + " " + where, FontWeight::Bold) + 2;
    y += pdf->text(mx, y, cw, 10.5, "办公时间：" + hours_text(h.hall) + "（法定节假日除外）") + 2;
    y += pdf->text(mx, y, cw, 10.5, "地址：" + h.hall.value("address", "") + "　　咨询电话：" + h.hall.value("phone", "")) + 18;
    pdf->text(mx, y, cw, 11, "申请人（签名）：____________________　　日期：______年____月____日");

    // Foot: the form's own address, so a citizen can fetch it again at home.
    const double qr = 24 * PdfWriter::kMm, fy = PdfWriter::kHeight - 14 * PdfWriter::kMm - qr;
    std::string url = f.value("url", "");
    if (!url.empty()) {
        TRY(pdf->qr(mx + cw - qr, fy, qr, url));
        pdf->text(mx, fy + qr / 2 - 18, cw - qr - 10, 9, "扫码或访问以下地址下载本表：\n" + url, FontWeight::Regular, TextAlign::Left, kGrey);
    }
    pdf->text(mx, fy + qr - 10, cw - qr - 10, 8, "本表可在政务服务中心自助终端免费打印。示范样表，仅供演示。", FontWeight::Regular,
              TextAlign::Left, kGrey);
    return pdf->finish();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: make-forms BUNDLE_DIR [--version V]\n");
        return 2;
    }
    fs::path dir = argv[1];
    std::string version, key_file;
    for (int i = 2; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--version") version = argv[i + 1];
        if (std::string(argv[i]) == "--key") key_file = argv[i + 1];
    }
    ojson forms;
    try {
        std::ifstream in(dir / "forms.json");
        forms = ojson::parse(in);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "make-forms: %s/forms.json: %s\n", dir.c_str(), e.what());
        return 1;
    }
    Hall hall;
    for (auto [name, j] : {std::pair{"items.json", &hall.items}, {"departments.json", &hall.departments}, {"hall.json", &hall.hall}})
        if (std::string e = read_json(dir / name, *j); !e.empty()) {
            std::fprintf(stderr, "make-forms: %s/%s: %s\n", dir.c_str(), name, e.c_str());
            return 1;
        }
    for (auto& f : forms["forms"]) {
        auto made = form_pdf(f, hall);
        if (!made) {
            std::fprintf(stderr, "make-forms: %s: %s\n", f.value("id", std::string()).c_str(), made.error().message.c_str());
            return 1;
        }
        const std::string& body = *made;
        fs::path out = dir / f.value("file", std::string());
        fs::create_directories(out.parent_path());
        std::ofstream o(out, std::ios::binary);
        o << body;
        if (!o) {
            std::fprintf(stderr, "make-forms: cannot write %s\n", out.c_str());
            return 1;
        }
        f["sha256"] = kiosk::content::detail::sha256_hex(body);
        std::printf("%s (%zu bytes)\n", out.c_str(), body.size());
    }
    {
        std::ofstream o(dir / "forms.json");
        o << forms.dump(1, ' ', false) << "\n";
    }
    // manifest.json: every file of the bundle except itself, sorted.
    ojson manifest;
    try {
        std::ifstream in(dir / "manifest.json");
        if (in) manifest = ojson::parse(in);
    } catch (...) {
    }
    if (!version.empty() || !manifest.contains("version")) manifest["version"] = version.empty() ? "demo-1" : version;
    manifest["format"] = 1;
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) {
            std::string rel = fs::relative(e.path(), dir).generic_string();
            if (rel != "manifest.json" && rel != kiosk::content::kSignatureFile) names.push_back(rel);
        }
    std::sort(names.begin(), names.end());
    manifest["files"] = ojson::array();
    for (const auto& n : names) manifest["files"].push_back({{"path", n}, {"sha256", kiosk::content::detail::sha256_file((dir / n).string())}});
    std::ofstream o(dir / "manifest.json");
    o << manifest.dump(1) << "\n";
    o.close();
    std::printf("%s: %zu files\n", (dir / "manifest.json").c_str(), names.size());
    if (!key_file.empty()) {
        // The demo key's file is world-readable in a checkout (git keeps no 600), so it is read
        // directly here rather than through read_secret_key_file; never do this with a real key.
        std::ifstream k(key_file);
        std::string key;
        std::getline(k, key);
        if (auto st = kiosk::content::sign_bundle(dir.string(), key); !st) {
            std::fprintf(stderr, "make-forms: %s\n", st.error().message.c_str());
            return 1;
        }
        std::printf("%s: signed\n", (dir / kiosk::content::kSignatureFile).c_str());
    }
    return 0;
}
