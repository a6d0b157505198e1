// Service guide, item page, forms and hall info, scripted through the real kiosk with the demo content.
#include <doctest/doctest.h>

#include <SDL_image.h>

#include <filesystem>

#include "kiosk_run.h"

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

const std::string kRepo = std::string(KIOSK_TEST_DATA) + "/../..";

/// Imports the demo bundle into DIR/state (the state dir run_kiosk uses).
void import_demo(const TempDir& dir) {
    auto r = run_process({std::string(KIOSK_BIN_DIR) + "/kioskctl", "--config", kRepo + "/assets/demo/kiosk.toml", "--state-dir", dir / "state", "content", "import",
                          kRepo + "/assets/content"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
}

/// What zbarimg (an independent decoder) reads in a screenshot: the raw payloads, one a line.
std::string zbar(const std::string& png) {
    auto r = run_process({"/usr/bin/zbarimg", "--nodbus", "-q", "--raw", png});
    std::string out = r.output;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

nlohmann::json find_type(const nlohmann::json& dump, const std::string& type) {
    for (const auto& w : dump["widgets"])
        if (w.value("type", "") == type) return w;
    return {};
}

nlohmann::json find_id(const nlohmann::json& dump, const std::string& id) {
    for (const auto& w : dump["widgets"])
        if (w.value("id", "") == id) return w;
    return {};
}

nlohmann::json load(const std::string& path) { return nlohmann::json::parse(read_file(path), nullptr, false); }

/// Pixels in `rect` of a PNG that are not near-white: something was drawn there.
int inked_pixels(const std::string& png, const nlohmann::json& b) {
    SDL_Surface* s = IMG_Load(png.c_str());
    REQUIRE(s);
    SDL_Surface* rgba = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    int count = 0;
    for (int y = b[1].get<int>(); y < b[1].get<int>() + b[3].get<int>(); ++y)
        for (int x = b[0].get<int>(); x < b[0].get<int>() + b[2].get<int>(); ++x) {
            auto* p = static_cast<Uint8*>(rgba->pixels) + y * rgba->pitch + x * 4;
            if (p[0] < 128 && p[1] < 128 && p[2] < 128) ++count;
        }
    SDL_FreeSurface(rgba);
    SDL_FreeSurface(s);
    return count;
}

std::string item_url(const std::string& code) {
    auto items = nlohmann::json::parse(read_file(kRepo + "/assets/content/items.json"));
    for (const auto& it : items["items"])
        if (it["code"] == code) return it.value("online_url", "");
    return "";
}

std::string form_url(const std::string& id) {
    auto forms = nlohmann::json::parse(read_file(kRepo + "/assets/content/forms.json"));
    for (const auto& f : forms["forms"])
        if (f["id"] == id) return f.value("url", "");
    return "";
}

}  // namespace

TEST_CASE("guide: search bdcdj, open the item, its QR code decodes to the item's URL, the form's preview says what it is for and where it goes, its QR code is the form's own URL, and it prints") {
    TempDir dir;
    import_demo(dir);
    auto r = run_kiosk(dir,
                       "tap \"办事指南\"\n"
                       "expect-screen guide\n"
                       "tap \"拼音\"\ntap \"b\"\ntap \"d\"\n"  // on-screen pinyin keys (searched as they are typed)
                       "tap \"收起键盘\"\n"            // the letters stay as typed, then typed text
                       "type cdj\n"
                       "expect \"不动产登记资料查询\"\n"
                       "screenshot search\n"
                       "dump search\n"
                       "tap \"不动产登记资料查询\"\n"
                       "expect-screen item\n"
                       "expect \"办理部门\"\n"
                       "expect \"2楼 12号窗口\"\n"
                       "screenshot item\n"
                       "dump item\n"
                       "tap \"返回\"\n"
                       "expect-screen guide\n"
                       "tap \"不动产抵押权首次登记\"\n"
                       "expect \"微信支付、支付宝、银联卡、现金\"\n"
                       "expect \"3个工作日\"\n"
                       "screenshot item2\n"
                       "tap \"表格（1）\"\n"
                       "expect-screen forms\n"
                       "tap \"不动产登记申请书\"\n"
                       "expect-screen form_preview\n"
                       "expect \"用途：办理不动产首次登记\"\n"
                       "expect \"填好后交至：2楼 11号窗口（不动产登记中心）\"\n"
                       "screenshot preview\n"
                       "tap \"打印表格\"\n"
                       "wait 2\n"
                       "wait-for \"请取走您的表格\" 20\n"
                       "screenshot printed\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    // The search list ranked the initials' prefix match first.
    auto search = load(r.shots + "/search.json");
    auto results = find_id(search, "results");
    REQUIRE(results.is_object());
    REQUIRE(results["items"].size() >= 1);
    CHECK(results["items"][0]["text"].get<std::string>().rfind("不动产登记资料查询", 0) == 0);
    CHECK(find_id(search, "search")["text"] == "bdcdj");
    // The QR code on the item page, decoded from the screenshot by zbarimg, is exactly the URL.
    CHECK(zbar(r.shots + "/item.png") == item_url("BDC-005"));
    CHECK(zbar(r.shots + "/item2.png") == item_url("BDC-003"));
    auto item = load(r.shots + "/item.json");
    CHECK(find_id(item, "show-way")["tappable"] == true);
    // The preview shows the rendered page (dark strokes of the form), and the QR decodes.
    auto pv = find_id(r.dump, "form-preview");
    REQUIRE(pv.is_object());
    CHECK(pv["text"] == "");
    CHECK(inked_pixels(r.shots + "/preview.png", pv["bounds"]) > 2000);
    // The form's QR code is the form's own download address, not its item's page.
    CHECK(form_url("f-bdc").rfind("https://", 0) == 0);
    CHECK(form_url("f-bdc") != item_url("BDC-003"));
    // zbarimg may also read the small QR code printed on the previewed page: the same address.
    std::string codes = zbar(r.shots + "/preview.png");
    CHECK((codes == form_url("f-bdc") || codes == form_url("f-bdc") + "\n" + form_url("f-bdc")));
    // The simulated printer wrote the job's PDF into the state directory.
    int pdfs = 0;
    for (const auto& e : fs::directory_iterator(dir / "state/sim-printer"))
        if (e.path().extension() == ".pdf") ++pdfs;
    CHECK(pdfs == 1);
}

TEST_CASE("guide: a former department name finds what the housing bureau now handles, and the way button opens the map") {
    TempDir dir;
    import_demo(dir);
    auto r = run_kiosk(dir,
                       "tap \"办事指南\"\n"
                       "type 公安消防\n"
                       "expect \"建设工程消防设计审查\"\n"
                       "expect \"原公安消防支队\"\n"
                       "dump former\n"
                       "screenshot former\n"
                       "tap \"建设工程消防设计审查\"\n"
                       "expect \"由消防救援支队（原公安消防支队）划入\"\n"
                       "expect \"4楼 28、29、30号窗口\"\n"
                       "tap \"带我去\"\n"
                       "expect-screen map\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    // Ranked: the items of the renamed department and the moved items are all there.
    auto d = load(r.shots + "/former.json");
    std::string all;
    auto results = find_id(d, "results");
    REQUIRE(results.is_object());
    for (const auto& it : results["items"]) all += it["text"].get<std::string>() + "|";
    CHECK(all.find("建设工程消防验收") != std::string::npos);
    CHECK(all.find("消防安全检查") != std::string::npos);
}

TEST_CASE("guide: the print button is disabled with the reason while the printer has no paper") {
    TempDir dir;
    import_demo(dir);
    auto r = run_kiosk(dir,
                       "printer media-empty\n"
                       "tap \"表格下载\"\n"
                       "expect-screen forms\n"
                       "tap \"不动产登记申请书\"\n"
                       "expect \"打印机缺纸\"\n"
                       "expect \"扫码在手机上下载表格\"\n"
                       "screenshot no-paper\n"
                       "dump no-paper\n"
                       "printer ok\n"
                       "wait 1\n"
                       "tap \"打印表格\"\n"
                       "wait-for \"请取走您的表格\" 20\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    auto d = load(r.shots + "/no-paper.json");
    auto print = find_id(d, "print");
    REQUIRE(print.is_object());
    CHECK(print["enabled"] == false);
    CHECK(find_id(d, "print-status")["text"].get<std::string>().find("缺纸") != std::string::npos);
    // The QR code stays above the app's printer banner and still decodes.
    CHECK(zbar(r.shots + "/no-paper.png") == form_url("f-bdc"));
}

TEST_CASE("guide: hall info shows 9:00–17:00, the 24-hour zone, transport and nearby printing") {
    TempDir dir;
    import_demo(dir);
    auto r = run_kiosk(dir,
                       "expect \"24小时自助区全天开放\"\n"
                       "screenshot home\n"
                       "tap \"大厅信息\"\n"
                       "expect-screen hall_info\n"
                       "expect \"9:00–17:00\"\n"
                       "expect \"24小时自助区\"\n"
                       "expect \"全天开放（24小时）\"\n"
                       "screenshot hall\n"
                       "drag 540 1700 540 300 0.5\n"
                       "drag 540 1700 540 300 0.5\n"
                       "wait 2\n"
                       "expect \"新城快印店\"\n"
                       "screenshot hall-bottom\n",
                       // A weekday morning: the home band's words depend on the hall's time (issue 16).
                       {"--start-time", "2026-12-07 09:30"});
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
}

TEST_CASE("guide: English screens in landscape and large text keep the item page's and the form's QR codes readable") {
    TempDir dir;
    import_demo(dir);
    auto r = run_kiosk(dir,
                       "tap \"English\"\n"
                       "tap \"Large text\"\n"
                       "screenshot home-en\n"
                       "tap \"Service guide\"\n"
                       "type bdcdy\n"
                       "screenshot guide-en\n"
                       "tap \"Mortgage registration on real estate\"\n"
                       "expect \"Show me the way\"\n"
                       "expect \"Real Estate Registration Centre\"\n"
                       "screenshot item-en\n"
                       "tap \"Forms (1)\"\n"
                       "tap \"Real Estate Registration Application\"\n"
                       "expect \"Print the form\"\n"
                       "expect \"Hand it in at: Floor 2, window 11 (Real Estate Registration Centre)\"\n"
                       "screenshot preview-en\n"
                       "tap \"Home\"\n"
                       "tap \"Hall info\"\n"
                       "expect \"Demonstration Government Service Centre\"\n"
                       "screenshot hall-en\n",
                       {"--set", "display.orientation=landscape"});
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(zbar(r.shots + "/item-en.png") == item_url("BDC-003"));
    CHECK(zbar(r.shots + "/preview-en.png") == form_url("f-bdc"));
}

TEST_CASE("guide: without content every guide screen says so plainly") {
    TempDir dir;  // no import
    auto r = run_kiosk(dir,
                       "tap \"办事指南\"\n"
                       "expect \"暂无办事指南\"\n"
                       "tap \"返回首页\"\n"
                       "tap \"大厅信息\"\n"
                       "expect \"暂无办事指南\"\n"
                       "tap \"首页\"\n"
                       "tap \"表格下载\"\n"
                       "expect \"暂无办事指南\"\n"
                       "screenshot empty\n");
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
}
