// Journey test rig: starts platform-sim, idcard-sim and the kiosk; reads a process's memory.
#include "journey_rig.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::journeys::test {
namespace fs = std::filesystem;

bool file_exists(const std::string& p) { return fs::exists(p); }

std::string read_all(const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

Dir::Dir() {
    std::string t = (fs::temp_directory_path() / "kiosk-journey-XXXXXX").string();
    path = ::mkdtemp(t.data()) ? t : std::string();
}

Dir::~Dir() {
    std::error_code ec;
    if (!std::getenv("KIOSK_KEEP_TEST_DIRS") && !path.empty()) fs::remove_all(path, ec);
}

Child::Child(const std::vector<std::string>& argv, const std::string& log_path) {
    m_pid = ::fork();
    if (m_pid == 0) {
        ::setpgid(0, 0);
        int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        std::vector<char*> a;
        for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
        a.push_back(nullptr);
        ::execv(a[0], a.data());
        ::_exit(127);
    }
}

Child::~Child() { stop(); }

int Child::wait(std::chrono::seconds timeout) {
    if (m_pid <= 0) return m_exit;
    auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        int st = 0;
        if (::waitpid(m_pid, &st, WNOHANG) == m_pid) {
            m_pid = -1;
            m_exit = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            return m_exit;
        }
        ::usleep(20000);
    }
    stop();
    return -1;
}

void Child::stop() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGTERM);
    for (int i = 0; i < 150; ++i) {
        if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
            m_pid = -1;
            return;
        }
        ::usleep(20000);
    }
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

namespace {

/// One HTTP/1.0 exchange on 127.0.0.1 (enough for platform-sim's /sim endpoints).
std::string http(int port, const std::string& method, const std::string& path, const std::string& body) {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return {};
    timeval tv{5, 0};
    ::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(uint16_t(port));
    if (::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(s);
        return {};
    }
    std::string req = method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body;
    ::send(s, req.data(), req.size(), MSG_NOSIGNAL);
    std::string reply;
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(s, buf, sizeof buf, 0)) > 0) reply.append(buf, size_t(n));
    ::close(s);
    return reply;
}

std::string source_dir() { return KIOSK_SOURCE_DIR; }

}  // namespace

Platform::Platform(const std::string& dir) {
    std::string port_file = dir + "/platform.port";
    m_child = std::make_unique<Child>(std::vector<std::string>{std::string(KIOSK_BIN_DIR) + "/platform-sim", "--port", "0", "--bind",
                                                               "127.0.0.1", "--data", dir + "/platform", "--assets",
                                                               source_dir() + "/assets/demo/platform", "--port-file", port_file},
                                      dir + "/platform-sim.log");
    if (eventually([&] { return !read_all(port_file).empty(); }, std::chrono::seconds(15))) m_port = std::atoi(read_all(port_file).c_str());
}

bool Platform::fault(const nlohmann::json& body) {
    std::string r = http(m_port, "POST", "/sim/faults", body.dump());
    return r.substr(0, r.find("\r\n")).find(" 200") != std::string::npos;
}

nlohmann::json Platform::get(const std::string& path) {
    std::string r = http(m_port, "GET", path, "");
    auto p = r.find("\r\n\r\n");
    if (p == std::string::npos) return nullptr;
    return nlohmann::json::parse(r.substr(p + 4), nullptr, false);
}

Rig::Rig(bool with_platform) {
    if (with_platform) {
        platform = std::make_unique<Platform>(dir.path);
        platform_url = platform->url();
    } else {
        // A loopback port nobody listens on: connection refused at once, like a platform that is down.
        int s = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
        socklen_t len = sizeof a;
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
        ::close(s);
        platform_url = "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
    }
    idcard::SimProcessOptions o;
    o.dir = dir / "idcard";
    o.binary = std::string(KIOSK_BIN_DIR) + "/idcard-sim";
    o.extra_args = {"--cards", source_dir() + "/assets/demo/cards.json"};
    fs::create_directories(o.dir);
    auto c = idcard::SimProcess::launch(o);
    if (c) card.emplace(std::move(c.value()));
}

std::vector<std::string> Rig::kiosk_args(const std::string& script_text) const {
    std::ofstream(dir / "test.ks") << script_text;
    std::vector<std::string> a = {std::string(KIOSK_BIN_DIR) + "/kiosk", "--headless", "--state-dir", dir / "state",
                                  "--config", source_dir() + "/assets/demo/kiosk.toml",
                                  "--script", dir / "test.ks", "--screenshots", dir / "shots", "--dump", dir / "dump.json",
                                  "--log-level", "warn",
                                  "--set", "platform.url=" + platform_url,
                                  "--set", "printer.driver=sim", "--set", "scanner.driver=sim"};
    if (card) {
        a.insert(a.end(), {"--set", "idcard.driver=serial"});
        a.insert(a.end(), {"--set", "idcard.port=" + card->link(), "--set", "idcard.sim_control=" + card->control_path()});
    }
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

std::unique_ptr<Child> Rig::start(const std::string& script_text) const {
    return std::make_unique<Child>(kiosk_args(script_text), dir / "kiosk.log");
}

int Rig::run(const std::string& script_text, std::chrono::seconds timeout) {
    auto c = start(script_text);
    return c->wait(timeout);
}

std::string Rig::log() const {
    std::string s = read_all(dir / "kiosk.log");
    return s.size() > 6000 ? s.substr(s.size() - 6000) : s;
}

nlohmann::json Rig::dump() const { return nlohmann::json::parse(read_all(dir / "dump.json"), nullptr, false); }

std::string Rig::state_bytes() const {
    std::string all;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir / "state", ec); it != fs::recursive_directory_iterator(); it.increment(ec))
        // Content (forms, maps) is public and comes from the platform's bundle: not the citizen's.
        if (it->is_regular_file(ec) && it->path().string().find("/state/content/") == std::string::npos)
            all += read_all(it->path().string());
    return all;
}

long count_in_memory(pid_t pid, const std::string& needle) {
    std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
    int mem = ::open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY);
    if (!maps || mem < 0) return -1;
    long hits = 0;
    std::string line;
    std::vector<char> buf;
    while (std::getline(maps, line)) {
        unsigned long lo = 0, hi = 0;
        char perms[5] = {};
        if (std::sscanf(line.c_str(), "%lx-%lx %4s", &lo, &hi, perms) != 3 || perms[0] != 'r') continue;
        if (line.find("[vvar]") != std::string::npos || line.find("[vsyscall]") != std::string::npos) continue;
        // Read-only file mappings (fonts, libraries) cannot hold what the kiosk was told at run time.
        if (perms[1] != 'w') continue;
        buf.resize(hi - lo);
        ssize_t n = ::pread(mem, buf.data(), buf.size(), off_t(lo));
        if (n <= 0) continue;
        std::string_view v(buf.data(), size_t(n));
        for (size_t p = v.find(needle); p != std::string_view::npos; p = v.find(needle, p + 1)) ++hits;
    }
    ::close(mem);
    return hits;
}

}  // namespace kiosk::journeys::test
