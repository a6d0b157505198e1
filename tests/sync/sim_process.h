// Test fixture: starts the real platform-sim on 127.0.0.1 (free port) in a temp dir, and talks to its /sim/ API.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/sync/http.h"

namespace kiosk::test {

inline std::string read_text(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::string s((std::istreambuf_iterator<char>(in)), {});
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

inline std::string demo_assets() { return std::string(KIOSK_SOURCE_DIR) + "/assets/demo/platform"; }

/// A fresh temp dir, removed at the end.
struct TempDir {
    std::string path;
    TempDir() {
        char tmpl[] = "/tmp/kiosk-sync-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

class SimProcess {
public:
    /// extra: more platform-sim arguments (--content DIR, --token T, --tls-cert …).
    explicit SimProcess(std::vector<std::string> extra = {}, std::string scheme = "http") : m_scheme(std::move(scheme)) {
        std::string port_file = m_dir.path + "/port";
        std::vector<std::string> args = {std::string(KIOSK_BIN_DIR) + "/platform-sim", "--port", "0", "--data", m_dir.path + "/data",
                                         "--port-file", port_file};
        args.insert(args.end(), extra.begin(), extra.end());
        m_pid = fork();
        if (m_pid == 0) {
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            int devnull = ::open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            execv(argv[0], argv.data());
            _exit(127);
        }
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            if (std::filesystem::exists(port_file)) {
                port = std::stoi(read_text(port_file));
                break;
            }
            int st;
            if (waitpid(m_pid, &st, WNOHANG) == m_pid) {
                m_pid = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    ~SimProcess() { stop(); }
    void stop() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            int st;
            waitpid(m_pid, &st, 0);
            m_pid = -1;
        }
    }
    bool running() const { return m_pid > 0 && port > 0; }
    std::string url() const { return m_scheme + "://127.0.0.1:" + std::to_string(port); }

    /// Settings a kiosk uses to talk to this sim (demo keys).
    sync::PlatformSettings settings() const {
        sync::PlatformSettings s;
        s.base_url = url();
        s.kiosk_id = "kiosk-test";
        s.token = "test-token";
        s.timeout_ms = 5000;
        s.connect_timeout_ms = 2000;
        s.seal_public_key = read_text(demo_assets() + "/keys/seal.pub");
        s.content_public_key = read_text(demo_assets() + "/keys/content.pub");
        return s;
    }

    nlohmann::json get(const std::string& path) {
        auto c = sync::HttpClient::create(control_settings()).value();
        auto r = c->request("GET", path);
        if (!r || r->status != 200) return nlohmann::json();
        return nlohmann::json::parse(std::string(r->body.data(), r->body.size()), nullptr, false);
    }
    std::string get_text(const std::string& path) {
        auto c = sync::HttpClient::create(control_settings()).value();
        auto r = c->request("GET", path);
        return r && r->status == 200 ? std::string(r->body.data(), r->body.size()) : std::string();
    }
    bool post(const std::string& path, const nlohmann::json& body) {
        auto c = sync::HttpClient::create(control_settings()).value();
        auto r = c->request("POST", path, body.dump());
        return r && r->status == 200;
    }
    bool fault(const std::string& kind, int count, int ms = 0, const std::string& prefix = "/api/v1/", long long retry_after_s = 1) {
        return post("/sim/faults", {{"kind", kind}, {"count", count}, {"ms", ms}, {"prefix", prefix}, {"retry_after_s", retry_after_s}});
    }
    nlohmann::json stats() { return get("/sim/stats"); }
    std::string data_dir() const { return m_dir.path + "/data"; }

    sync::PlatformSettings control_settings() const {
        auto s = settings();
        s.timeout_ms = 10000;
        if (m_scheme == "https") s.ca_bundle = m_control_ca;
        return s;
    }
    void set_control_ca(std::string ca) { m_control_ca = std::move(ca); }

    int port = 0;

private:
    TempDir m_dir;
    std::string m_scheme;
    std::string m_control_ca;
    pid_t m_pid = -1;
};

/// Polls `cond` every 10 ms for up to `seconds` (generous: the machine is shared).
template <class F>
bool eventually(F cond, int seconds = 30) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (cond()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return cond();
}

}  // namespace kiosk::test
