// Issue 16: the demo forms and certificates are Chinese documents: pdftotext of each yields its Chinese title and body, and the shipped PDFs are what the tools make.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "run_process.h"

using namespace kiosk::test;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const std::string kRepo = std::string(KIOSK_SOURCE_DIR);

std::string pdftotext(const std::string& pdf) {
    auto r = run_process({"/usr/bin/pdftotext", "-enc", "UTF-8", pdf, "-"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    return r.output;
}

/// pdftotext breaks lines where the page does: compare with every space and newline removed.
std::string squeeze(std::string s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\r' && c != '\f') out.push_back(c);
    return out;
}

/// Fonts a PDF embeds, from pdffonts: every one must be a subset of Noto Sans CJK.
std::string fonts_of(const std::string& pdf) {
    auto r = run_process({"/usr/bin/pdffonts", pdf});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    return r.output;
}

json read_json(const std::string& path) { return json::parse(read_file(path)); }

}  // namespace

TEST_CASE("make-forms writes each demo form as a Chinese page: title, every field, its notes, where to hand it in, its own address") {
    TempDir t;
    fs::copy(kRepo + "/assets/content", t / "b", fs::copy_options::recursive);
    auto r = run_process({std::string(KIOSK_BIN_DIR) + "/make-forms", t / "b"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    auto forms = read_json(t / "b/forms.json");
    REQUIRE(forms["forms"].size() == 7);
    for (const auto& f : forms["forms"]) {
        std::string file = t / ("b/" + f["file"].get<std::string>());
        CAPTURE(file);
        std::string text = squeeze(pdftotext(file));
        CHECK(text.find(squeeze(f["title"].get<std::string>())) != std::string::npos);
        CHECK(text.find(squeeze("用途：" + f["purpose"].get<std::string>())) != std::string::npos);
        for (const auto& field : f["fields"]) CHECK(text.find(squeeze(field["label"].get<std::string>())) != std::string::npos);
        for (const auto& note : f["notes"]) CHECK(text.find(squeeze(note.get<std::string>())) != std::string::npos);
        CHECK(text.find("递交地点：示范政务服务中心") != std::string::npos);
        CHECK(text.find("申请人（签名）") != std::string::npos);
        CHECK(text.find(f["url"].get<std::string>()) != std::string::npos);
        // No English stands in for the form any more.
        CHECK(text.find(squeeze(f["title_en"].get<std::string>())) == std::string::npos);
        std::string fonts = fonts_of(file);
        CHECK(fonts.find("NotoSansCJKsc-Regular") != std::string::npos);
        CHECK(fonts.find("Helvetica") == std::string::npos);
    }
    // The windows on the paper are the items' windows (the 居民身份证 form goes to 公安局's).
    std::string sfz = squeeze(pdftotext(t / "b/forms/f-sfz.pdf"));
    CHECK(sfz.find("三楼21、22号窗口（公安局）") != std::string::npos);
    std::string bdc = squeeze(pdftotext(t / "b/forms/f-bdc.pdf"));
    CHECK(bdc.find("二楼9–12号窗口（不动产登记中心）") != std::string::npos);
}

TEST_CASE("the form PDFs in the demo bundle are exactly what make-forms makes from forms.json (no stale or hand-made file)") {
    TempDir t;
    fs::copy(kRepo + "/assets/content", t / "b", fs::copy_options::recursive);
    auto r = run_process({std::string(KIOSK_BIN_DIR) + "/make-forms", t / "b"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    const json forms = read_json(kRepo + "/assets/content/forms.json");
    for (const auto& f : forms["forms"]) {
        std::string rel = f["file"].get<std::string>();
        CAPTURE(rel);
        CHECK(read_file(t / ("b/" + rel)) == read_file(kRepo + "/assets/content/" + rel));
    }
}

TEST_CASE("platform-sim's demo certificates read as certificates: title, number, statement, issuer, date, seal, verification address") {
    TempDir t;
    fs::copy(kRepo + "/assets/demo/platform", t / "p", fs::copy_options::recursive);
    fs::remove_all(t / "p/certificates");
    auto r = run_process({std::string(KIOSK_BIN_DIR) + "/platform-sim", "--make-demo-assets", t / "p"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    int n = 0;
    const json ids = read_json(t / "p/identities.json");
    for (const auto& person : ids["identities"])
        for (const auto& c : person["certificates"]) {
            std::string file = t / ("p/" + c["file"].get<std::string>());
            CAPTURE(file);
            std::string text = squeeze(pdftotext(file));
            CHECK(text.find(c["title"].get<std::string>()) != std::string::npos);
            CHECK(text.find("证明编号：" + c["number"].get<std::string>()) != std::string::npos);
            CHECK(text.find(person["name"].get<std::string>()) != std::string::npos);
            CHECK(text.find(c["issuer"].get<std::string>()) != std::string::npos);
            CHECK(text.find("特此证明。") != std::string::npos);
            CHECK(text.find("演示印章") != std::string::npos);
            CHECK(text.find(c["verify_url"].get<std::string>()) != std::string::npos);
            for (const auto& row : c["rows"]) CHECK(text.find(squeeze(row[1].get<std::string>())) != std::string::npos);
            // The ID number is printed masked, as certificates do, never whole.
            std::string id = person["id_number"].get<std::string>();
            CHECK(text.find(id) == std::string::npos);
            CHECK(text.find(id.substr(0, 6) + "********" + id.substr(14)) != std::string::npos);
            CHECK(fonts_of(file).find("NotoSansCJKsc") != std::string::npos);
            // Shipped = made: the demo platform serves what the tool writes.
            CHECK(read_file(file) == read_file(kRepo + "/assets/demo/platform/" + c["file"].get<std::string>()));
            ++n;
        }
    CHECK(n == 4);
}

TEST_CASE("the verification QR code on a demo certificate decodes to its verification address (pdftoppm, then zbarimg)") {
    TempDir t;
    std::string pdf = kRepo + "/assets/demo/platform/certificates/wang-shebao.pdf";
    auto r = run_process({"/usr/bin/pdftoppm", "-r", "150", "-png", "-singlefile", pdf, t / "page"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    auto z = run_process({"/usr/bin/zbarimg", "--nodbus", "-q", "--raw", t / "page.png"});
    std::string out = z.output;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    CHECK(out == "https://zwfw.example.gov.cn/verify?no=RS-2026-1120-004817");
}
