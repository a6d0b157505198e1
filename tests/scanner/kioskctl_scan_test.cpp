// kioskctl scan decode / scan listen as a technician runs them (the real binary, a real pty from scanner-sim).
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "scanner_sim_process.h"

using namespace scanner_test;
extern char** environ;

namespace {

struct Run {
    int rc;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

pid_t spawn(std::vector<std::string> args, const std::string& out, const std::string& err) {
    args.insert(args.begin(), std::string(KIOSK_BIN_DIR) + "/kioskctl");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    REQUIRE(rc == 0);
    return pid;
}

int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Run kioskctl(const TempDir& dir, std::vector<std::string> args) {
    std::string out = dir.path + "/out.txt", err = dir.path + "/err.txt";
    int rc = wait_exit(spawn(std::move(args), out, err));
    return {rc, slurp(out), slurp(err)};
}

const std::string kFixture = std::string(KIOSK_TEST_DATA) + "/qr/case-receipt-qrencode.png";

}  // namespace

TEST_CASE("scan decode prints the decoded text alone on the first line") {
    TempDir dir;
    auto r = kioskctl(dir, {"scan", "decode", kFixture});
    CHECK(r.rc == 0);
    CHECK(r.out == "ZWCASE:1:SL20261120000123:8K3Q\n");
}

TEST_CASE("scan decode --json gives the text and its classification") {
    TempDir dir;
    auto r = kioskctl(dir, {"scan", "decode", kFixture, "--json"});
    REQUIRE(r.rc == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["ok"] == true);
    CHECK(j["codes"][0]["text"] == "ZWCASE:1:SL20261120000123:8K3Q");
    CHECK(j["codes"][0]["kind"] == "case-receipt");
    CHECK(j["codes"][0]["case_no"] == "SL20261120000123");
}

TEST_CASE("scan decode fails with a reason on an image without a code and on a missing file") {
    TempDir dir;
    auto r = kioskctl(dir, {"scan", "decode", std::string(KIOSK_TEST_DATA) + "/qr/no-code.png"});
    CHECK(r.rc == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("no QR code") != std::string::npos);
    r = kioskctl(dir, {"scan", "decode", dir.path + "/absent.png", "--json"});
    CHECK(r.rc == 1);
    CHECK(nlohmann::json::parse(r.out)["error"] == "Io");
    r = kioskctl(dir, {"scan", "decode"});
    CHECK(r.rc == 2);
}

TEST_CASE("scan listen prints each code with its classification, hiding query codes and tokens") {
    TempDir dir;
    SimProcess sim(dir.path);
    std::string out = dir.path + "/listen.out", err = dir.path + "/listen.err";
    pid_t pid = spawn({"scan", "listen", "--port", sim.link(), "--count", "3", "--timeout", "20"}, out, err);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (slurp(err).find("scanner: ready") == std::string::npos && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(slurp(err).find("scanner: ready") != std::string::npos);
    CHECK(sim.command("scan ZWCASE:1:SL20261120000123:8K3Q") == "ok");
    CHECK(sim.command("scan ZWLOGIN:1:demo-login-wang-0001abcd") == "ok");
    CHECK(sim.command("scan https://evil.example.com/") == "ok");
    CHECK(wait_exit(pid) == 0);
    std::string text = slurp(out);
    CHECK(text == "case-receipt SL20********0123 ****\nlogin-token (24 characters)\nrejected host-not-allowed: host not on scanner.allowed_hosts\n");
    CHECK(text.find("8K3Q") == std::string::npos);
    CHECK(text.find("demo-login") == std::string::npos);
}

TEST_CASE("scan listen --json --reveal prints one JSON object a code with the full payload") {
    TempDir dir;
    SimProcess sim(dir.path, {"--terminator", "CRLF"});
    std::string out = dir.path + "/listen.out", err = dir.path + "/listen.err";
    pid_t pid = spawn({"--set", "scanner.terminator=CRLF", "scan", "listen", "--port", sim.link(), "--json", "--reveal", "--timeout", "20"},
                      out, err);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (slurp(out).find("\"ready\"") == std::string::npos && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(sim.command("scan ZWCASE:1:SL20261118000045:Q7P2") == "ok");
    CHECK(wait_exit(pid) == 0);
    std::istringstream lines(slurp(out));
    std::string line, last;
    while (std::getline(lines, line)) last = line;
    auto j = nlohmann::json::parse(last);
    CHECK(j["event"] == "scan");
    CHECK(j["kind"] == "case-receipt");
    CHECK(j["query_code"] == "Q7P2");
}

TEST_CASE("scan listen times out with a non-zero exit when nothing is scanned") {
    TempDir dir;
    SimProcess sim(dir.path);
    auto r = kioskctl(dir, {"scan", "listen", "--port", sim.link(), "--timeout", "1"});
    CHECK(r.rc == 1);
    CHECK(r.err.find("timeout") != std::string::npos);
}
