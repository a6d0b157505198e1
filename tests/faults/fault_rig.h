// Test rig for the field-fault tests (issue 19): the real kiosk and kioskctl as child processes, damaged SQLite files, platform-sim.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/sync/http.h"
#include "run_process.h"

namespace kiosk::test {

/// A child process with its output in a log file; SIGKILLed on destruction (a scripted kiosk
/// ignores SIGTERM while a step waits, and every store here is built to survive a kill).
class Child {
public:
    Child(const std::vector<std::string>& argv, const std::string& log) : m_log(log) {
        m_pid = fork();
        if (m_pid == 0) {
            int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, 1);
            dup2(fd, 2);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
    }
    ~Child() { stop(); }
    /// Waits up to `seconds` for the exit: its code, or -1 (still running: killed).
    int wait(int seconds) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (m_pid > 0 && std::chrono::steady_clock::now() < deadline) {
            int st = 0;
            if (waitpid(m_pid, &st, WNOHANG) == m_pid) {
                m_pid = -1;
                return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        stop();
        return -1;
    }
    void stop() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGKILL);
        int st;
        waitpid(m_pid, &st, 0);
        m_pid = -1;
    }
    pid_t pid() const { return m_pid; }
    std::string log() const { return read_file(m_log); }

private:
    pid_t m_pid = -1;
    std::string m_log;
};

/// The headless kiosk on `script` with a state dir in `dir`, against the platform at `url`.
inline std::vector<std::string> kiosk_argv(const TempDir& dir, const std::string& url, std::vector<std::string> more = {}) {
    const std::string repo = KIOSK_SOURCE_DIR;
    std::vector<std::string> a = {std::string(KIOSK_BIN_DIR) + "/kiosk", "--headless", "--state-dir", dir / "state",
                                  "--script", dir / "test.ks", "--screenshots", dir / "shots", "--dump", dir / "dump.json",
                                  "--log-level", "info", "--config", repo + "/assets/demo/kiosk.toml",
                                  "--set", "platform.url=" + url, "--set", "platform.heartbeat_interval_s=10",
                                  "--set", "printer.driver=sim", "--set", "scanner.driver=sim", "--set", "outbox.backoff_max_s=2"};
    a.insert(a.end(), more.begin(), more.end());
    return a;
}

/// Runs `kioskctl ARGS` (no shell): exit code and output.
inline ProcessResult kioskctl(std::vector<std::string> args, int timeout_s = 120) {
    args.insert(args.begin(), std::string(KIOSK_BIN_DIR) + "/kioskctl");
    return run_process(args, timeout_s);
}

/// The real platform-sim on 127.0.0.1 (port 0: a free one), with its /sim/ control API.
struct PlatformSim {
    explicit PlatformSim(const TempDir& dir, int want_port = 0)
        : child({std::string(KIOSK_BIN_DIR) + "/platform-sim", "--port", std::to_string(want_port), "--bind", "127.0.0.1",
                 "--data", dir / "platform", "--assets", std::string(KIOSK_SOURCE_DIR) + "/assets/demo/platform",
                 "--port-file", dir / "sim.port"},
                dir / "sim.log") {
        std::string port_file = dir / "sim.port";
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline && port == 0) {
            std::string text = read_file(port_file);
            if (!text.empty() && text.back() == '\n') port = std::stoi(text);
            else std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        std::filesystem::remove(port_file);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
    sync::PlatformSettings settings() const {
        sync::PlatformSettings s;
        s.base_url = url();
        s.kiosk_id = "kiosk-test";
        s.timeout_ms = 10000;
        s.connect_timeout_ms = 2000;
        return s;
    }
    nlohmann::json request(const std::string& method, const std::string& path, const std::string& body = {}) {
        auto c = sync::HttpClient::create(settings());
        if (!c) return {};
        auto r = (*c)->request(method, path, body);
        if (!r || r->status != 200) return {};
        return nlohmann::json::parse(std::string(r->body.data(), r->body.size()), nullptr, false);
    }
    bool fault(const std::string& kind, int count, const std::string& prefix = "/api/v1/", int retry_after_s = 1) {
        auto j = request("POST", "/sim/faults",
                         nlohmann::json{{"kind", kind}, {"count", count}, {"prefix", prefix}, {"retry_after_s", retry_after_s}}.dump());
        return j.is_object() && j.value("ok", false);
    }
    nlohmann::json stats() { return request("GET", "/sim/stats"); }
    int64_t count(const std::string& kind) {
        auto s = stats();
        return s.is_object() && s["by_kind"].contains(kind) ? s["by_kind"][kind].get<int64_t>() : 0;
    }
    Child child;
    int port = 0;
};

// --- damaging real SQLite files ----------------------------------------------------------

/// Overwrites `n` bytes at `offset` of `path` with a pattern (a torn or rotten page).
inline void overwrite_bytes(const std::string& path, long offset, size_t n, char fill = '\x5a') {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(offset);
    std::string junk(n, fill);
    f.write(junk.data(), std::streamsize(junk.size()));
}

/// Truncates `path` to `size` bytes (0: the file exists but is empty).
inline void truncate_file(const std::string& path, long size) { std::filesystem::resize_file(path, uintmax_t(size)); }

/// Files in `dir` whose name starts with `prefix` (quarantined copies and the like).
inline std::vector<std::string> files_starting(const std::string& dir, const std::string& prefix) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path().filename().string());
    return out;
}

template <class F>
bool eventually(F cond, int seconds = 30) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (cond()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return cond();
}

}  // namespace kiosk::test
