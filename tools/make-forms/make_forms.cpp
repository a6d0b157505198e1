// make-forms: writes the demo bundle's form PDFs from forms.json and refreshes every sha256 in the bundle.
//   make-forms BUNDLE_DIR [--version V] [--key assets/demo/publisher/demo-publisher.key]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kiosk/content/content_data.h"
#include "kiosk/content/signing.h"
#include "pdf_writer.h"

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

std::string form_pdf(const ojson& f) {
    kiosk::tools::PdfWriter pdf;
    pdf.begin_page();
    const std::string en = f.value("title_en", f.value("id", ""));
    pdf.text(60, 780, 18, en, true);
    pdf.text(60, 760, 10, "Form " + f.value("id", std::string()) + "  -  Demo Government Service Centre (sample form, not for real use)");
    pdf.line(60, 750, 535, 750, 1.2);
    double y = 720;
    for (const auto& field : f.value("fields", ojson::array())) {
        pdf.text(64, y - 16, 10, field.get<std::string>());
        pdf.box(60, y - 32, 475, 32);
        pdf.line(250, y - 32, 250, y);
        y -= 32;
    }
    pdf.text(60, y - 30, 9, "Fill in with black ink. Bring this form, with the materials listed at the kiosk, to the window shown.");
    pdf.text(60, y - 44, 9, "Applicant: ______________________    Date: ______ / ____ / ____");
    pdf.text(60, 60, 8, "Printed at a self-service kiosk. Chinese title in the document properties.");
    return pdf.finish(f.value("title", en), en);
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
    for (auto& f : forms["forms"]) {
        std::string body = form_pdf(f);
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
