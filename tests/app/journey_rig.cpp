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
#include <iconv.h>

#include <cstdio>
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

namespace {

std::string to_ucs2le(const std::string& u) {
    std::string out;
    for (size_t i = 0; i < u.size();) {
        unsigned char b = static_cast<unsigned char>(u[i]);
        char32_t c = b;
        size_t n = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
        if (n > 1) c = b & (0x7F >> n);
        for (size_t k = 1; k < n && i + k < u.size(); ++k) c = c << 6 | (static_cast<unsigned char>(u[i + k]) & 0x3F);
        i += n;
        out.push_back(char(c & 0xFF));
        out.push_back(char((c >> 8) & 0xFF));
    }
    return out;
}

std::string to_gb18030(const std::string& u) {
    iconv_t cd = ::iconv_open("GB18030", "UTF-8");
    if (cd == iconv_t(-1)) return {};
    std::string in = u, out(u.size() * 4 + 8, '\0');
    char* ip = in.data();
    char* op = out.data();
    size_t il = in.size(), ol = out.size();
    size_t rc = ::iconv(cd, &ip, &il, &op, &ol);
    ::iconv_close(cd);
    if (rc == size_t(-1)) return {};
    out.resize(out.size() - ol);
    return out;
}

}  // namespace

std::vector<MemoryNeedle> encodings_of(const std::string& label, const std::string& utf8) {
    std::vector<MemoryNeedle> out{{label + " UTF-8", utf8}};
    auto add = [&](const std::string& enc, const std::string& bytes) {
        if (bytes.empty()) return;
        for (const auto& n : out)
            if (n.bytes == bytes) return;
        out.push_back({label + " " + enc, bytes});
    };
    add("UCS-2LE", to_ucs2le(utf8));
    add("GB18030", to_gb18030(utf8));
    return out;
}

long MemoryScan::count(const std::string& what) const {
    for (const auto& [w, n] : hits)
        if (w == what) return n;
    return 0;
}

long MemoryScan::total() const {
    long t = 0;
    for (const auto& h : hits) t += h.second;
    return t;
}

long MemoryScan::total_of(const std::string& prefix) const {
    long t = 0;
    for (const auto& [w, n] : hits)
        if (w.rfind(prefix, 0) == 0) t += n;
    return t;
}

std::string MemoryScan::report() const {
    std::string r = readable ? "" : "memory NOT readable\n";
    for (const auto& [w, n] : hits) r += "  " + w + ": " + std::to_string(n) + "\n";
    return r + where;
}

MemoryScan scan_memory(pid_t pid, const std::vector<MemoryNeedle>& needles) {
    MemoryScan scan;
    for (const auto& n : needles) scan.hits.push_back({n.what, 0});
    std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
    int mem = ::open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY);
    if (!maps || mem < 0) {
        if (mem >= 0) ::close(mem);
        return scan;
    }
    scan.readable = true;
    int shown = 0;
    std::string line;
    std::vector<char> buf;
    while (std::getline(maps, line)) {
        unsigned long lo = 0, hi = 0;
        char perms[5] = {};
        if (std::sscanf(line.c_str(), "%lx-%lx %4s", &lo, &hi, perms) != 3 || perms[0] != 'r' || perms[1] != 'w') continue;
        if (line.find("[vvar]") != std::string::npos || line.find("[vsyscall]") != std::string::npos) continue;
        buf.resize(hi - lo);
        ssize_t got = ::pread(mem, buf.data(), buf.size(), off_t(lo));
        if (got <= 0) continue;
        std::string_view v(buf.data(), size_t(got));
        for (size_t i = 0; i < needles.size(); ++i) {
            const auto& nb = needles[i].bytes;
            for (size_t p = v.find(nb); p != std::string_view::npos; p = v.find(nb, p + 1)) {
                ++scan.hits[i].second;
                if (shown++ >= 12) continue;
                // The bytes before the hit (printable ASCII, the rest as dots) tell which
                // buffer kept it: a JSON key, an HTTP header, a frame preamble…
                size_t from = p >= 48 ? p - 48 : 0;
                std::string ctx;
                for (size_t k = from; k < p; ++k) {
                    unsigned char c = static_cast<unsigned char>(v[k]);
                    char hex[4];
                    std::snprintf(hex, sizeof hex, "%02x", c);
                    ctx += (c >= 0x20 && c < 0x7f) ? std::string(1, char(c)) : std::string("\\x") + hex;
                }
                auto name_at = line.find('/');
                std::string region = line.find('[') != std::string::npos ? line.substr(line.find('[')) :
                                     name_at != std::string::npos ? line.substr(name_at) : "anonymous";
                char off[32];
                std::snprintf(off, sizeof off, "+0x%zx", p);
                scan.where += "    " + needles[i].what + " in " + region + off + " after: " + ctx + "\n";
            }
        }
    }
    ::close(mem);
    return scan;
}

Paused::Paused(pid_t p) : pid(p) {
    ::kill(pid, SIGSTOP);
    // The stop is asynchronous: wait until /proc says the process is stopped.
    for (int i = 0; i < 100; ++i) {
        std::string st = read_all("/proc/" + std::to_string(pid) + "/stat");
        auto rp = st.rfind(')');
        if (rp != std::string::npos && rp + 2 < st.size() && (st[rp + 2] == 'T' || st[rp + 2] == 't')) break;
        ::usleep(10000);
    }
}

Paused::~Paused() { ::kill(pid, SIGCONT); }

std::string hold_jobs_while_flag(const std::string& printer_dir) {
    std::string flag = printer_dir + "/hold-jobs";
    std::ofstream(flag) << "1";
    std::ofstream(printer_dir + "/job.sh") << "#!/bin/sh\ncat \"$1\" >/dev/null 2>&1\nwhile [ -f '" << flag
                                          << "' ]; do sleep 0.1; done\nexit 0\n";
    return flag;
}

}  // namespace kiosk::journeys::test
