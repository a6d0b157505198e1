// Test helper: scanner-sim process control and event collection.
#include "scanner_sim_process.h"

#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace scanner_test {

using kiosk::scanner::ScanEvent;

TempDir::TempDir() {
    char tmpl[] = "/tmp/kiosk-scanner-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
}
TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

SimProcess::SimProcess(const std::string& dir, std::vector<std::string> extra) : m_dir(dir) {
    std::string bin = std::string(KIOSK_BIN_DIR) + "/scanner-sim";
    std::vector<std::string> args = {bin, "--link", link(), "--control", dir + "/ctl"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&m_pid, bin.c_str(), &fa, nullptr, argv.data(), environ) != 0) m_pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    if (m_pid < 0) throw std::runtime_error("cannot start " + bin);
    // Ready when the control socket answers.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        if (std::filesystem::exists(dir + "/ctl") && command("ping") == "ok") return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("scanner-sim did not become ready");
}

SimProcess::~SimProcess() {
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
}

std::string SimProcess::command(const std::string& line) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::string path = m_dir + "/ctl";
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        if (fd >= 0) close(fd);
        return "error connect";
    }
    std::string msg = line + "\n", reply;
    if (write(fd, msg.data(), msg.size()) != static_cast<ssize_t>(msg.size())) {
        close(fd);
        return "error write";
    }
    char c;
    while (read(fd, &c, 1) == 1 && c != '\n') reply += c;
    close(fd);
    return reply;
}

kiosk::scanner::ScanListener Events::listener() {
    return [this](const ScanEvent& e) {
        std::lock_guard lock(m_mutex);
        m_events.push_back(e);
        m_cv.notify_all();
    };
}

bool Events::wait(const std::function<bool(const std::vector<ScanEvent>&)>& pred, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_cv.wait_for(lock, timeout, [&] { return pred(m_events); });
}

bool Events::wait_state(kiosk::scanner::ScannerState s, size_t after) {
    return wait([&](const std::vector<ScanEvent>& ev) {
        for (size_t i = after; i < ev.size(); ++i)
            if (ev[i].kind == ScanEvent::Kind::StateChanged && ev[i].state == s) return true;
        return false;
    });
}

bool Events::wait_scans(size_t n) {
    return wait([&](const std::vector<ScanEvent>& ev) {
        size_t k = 0;
        for (const auto& e : ev) k += e.kind != ScanEvent::Kind::StateChanged;
        return k >= n;
    });
}

std::vector<std::string> Events::scans() {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> out;
    for (const auto& e : m_events)
        if (e.kind == ScanEvent::Kind::Scanned) out.push_back(e.text);
    return out;
}

std::vector<ScanEvent> Events::all() {
    std::lock_guard lock(m_mutex);
    return m_events;
}

}  // namespace scanner_test
