// kioskctl route and kioskctl map check, run as the technician runs them.
#include <array>
#include <cstdio>
#include <fstream>

#include "wf_test_util.h"

using namespace wftest;

namespace {

struct Run {
    int code = -1;
    std::string out;
};

Run run(const std::string& args) {
    std::string cmd = std::string(KIOSK_BIN_DIR) + "/kioskctl --state-dir " + KIOSK_BIN_DIR + "/../tests/wf-state " + args + " 2>&1";
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace

TEST_CASE("kioskctl route from here to 12号窗口 prints the directions and the phone link") {
    auto r = run("route here 12号窗口");
    INFO(r.out);
    CHECK(r.code == 0);
    CHECK(r.out.find("到达第 12 窗口（不动产登记中心）。") != std::string::npos);
    CHECK(r.out.find("乘电梯到 2 楼") != std::string::npos);
    CHECK(r.out.find("phone: https://hall.example.gov.cn/route?from=F1-kiosk&to=") != std::string::npos);
}

TEST_CASE("kioskctl route --json --step-free gives machine-readable steps") {
    auto r = run("route here 25 --step-free --json --lang en");
    INFO(r.out);
    REQUIRE(r.code == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["step_free"] == true);
    CHECK(j["from"] == "F1-kiosk");
    CHECK(j["floors"] == nlohmann::json::array({"F1", "F4"}));
    CHECK(j["steps"].back()["kind"] == "arrive");
    CHECK(j["text"].get<std::string>().find("window 25") != std::string::npos);
}

TEST_CASE("kioskctl route with an unknown place fails with a clear message") {
    auto r = run("route here 火星");
    CHECK(r.code == 1);
    CHECK(r.out.find("nothing on the map matches") != std::string::npos);
    CHECK(run("route here").code == 2);
}

TEST_CASE("kioskctl map check lists every problem with its JSON path and fails") {
    std::string path = std::string(KIOSK_BIN_DIR) + "/../tests/wf-bad-map.json";
    auto doc = tiny_map();
    doc["edges"][0]["to"] = "ghost";
    doc["windows"][0].erase("number");
    { std::ofstream(path) << doc.dump(); }
    auto r = run("map check " + path);
    INFO(r.out);
    CHECK(r.code == 1);
    CHECK(r.out.find("error edges[0].to: unknown node 'ghost'") != std::string::npos);
    CHECK(r.out.find("error windows[0].number: window without number") != std::string::npos);
    std::remove(path.c_str());
    auto ok = run("map check " + assets_dir() + "/content/map.json");
    CHECK(ok.code == 0);
    CHECK(ok.out.find("OK (4 floors") != std::string::npos);
}
