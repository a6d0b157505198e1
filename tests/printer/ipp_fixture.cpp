// IppPrinter: starts and stops a real ippeveprinter for the printer tests.
#include "ipp_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>


namespace kiosk::printer::test {
namespace fs = std::filesystem;

int free_port() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    int port = ntohs(a.sin_port);
    ::close(s);
    return port;
}

std::string make_temp_dir(const std::string& prefix) {
    std::string tmpl = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
    char* d = ::mkdtemp(tmpl.data());
    return d ? std::string(d) : std::string();
}

std::string test_pdf(const std::string& name) { return std::string(KIOSK_TEST_DATA) + "/pdf/" + name; }

static void write_script(const std::string& path, const std::string& body) {
    std::ofstream(path) << "#!/bin/sh\n" << body;
    fs::permissions(path, fs::perms::owner_all);
}

static int spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env, const std::string& log) {
    pid_t pid = ::fork();
    if (pid == 0) {
        ::setpgid(0, 0);
        for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
        if (!log.empty()) {
            FILE* f = std::fopen(log.c_str(), "w");
            if (f) {
                ::dup2(fileno(f), 1);
                ::dup2(fileno(f), 2);
            }
        }
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    return pid;
}

IppPrinter::IppPrinter(JobScript script, const std::string& name) {
    m_dir = make_temp_dir("kiosk-ipp");
    m_spool = m_dir + "/spool";
    fs::create_directories(m_spool);
    std::string sock = m_dir + "/dbus.sock";
    // dbus-daemon --fork prints its pid; we run it in the foreground instead and keep it.
    m_dbus_pid = spawn({"dbus-daemon", "--session", "--nofork", "--address=unix:path=" + sock}, {}, m_dir + "/dbus.log");
    for (int i = 0; i < 250 && !fs::exists(sock); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));

    std::string cmd = m_dir + "/job.sh";
    switch (script) {
    case JobScript::Complete: write_script(cmd, "cat \"$1\" >/dev/null 2>&1\nexit 0\n"); break;
    case JobScript::Slow: write_script(cmd, "cat \"$1\" >/dev/null 2>&1\nsleep 3\nexit 0\n"); break;
    case JobScript::OutOfPaper:
        write_script(cmd, "echo 'STATE: +media-empty,media-needed' >&2\necho 'ERROR: Out of paper' >&2\nexit 1\n");
        break;
    }
    for (int attempt = 0; attempt < 3 && !m_ready; ++attempt) {
        m_port = free_port();
        m_printer_pid = spawn({"ippeveprinter", "-r", "off", "-n", "localhost", "-p", std::to_string(m_port), "-k", "-d",
                               m_spool, "-f", "application/pdf,image/pwg-raster,image/urf", "-c", cmd, "-v", name},
                              {"DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + sock}, m_dir + "/printer.log");
        // Ready when its web page answers.
        for (int i = 0; i < 250 && !m_ready; ++i) {
            int status = 0;
            if (::waitpid(m_printer_pid, &status, WNOHANG) == m_printer_pid) {
                m_printer_pid = 0;
                break;  // exited (port taken?): try another port
            }
            m_ready = http_get("/");
            if (!m_ready) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

IppPrinter::~IppPrinter() {
    stop();
    if (m_dbus_pid > 0) {
        ::kill(m_dbus_pid, SIGTERM);
        ::waitpid(m_dbus_pid, nullptr, 0);
    }
    std::error_code ec;
    if (!std::getenv("KIOSK_KEEP_TEST_DIRS")) fs::remove_all(m_dir, ec);
}

void IppPrinter::stop() {
    if (m_printer_pid > 0) {
        ::kill(m_printer_pid, SIGTERM);
        ::waitpid(m_printer_pid, nullptr, 0);
        m_printer_pid = 0;
    }
}

std::string IppPrinter::uri() const { return "ipp://127.0.0.1:" + std::to_string(m_port) + "/ipp/print"; }

std::vector<std::string> IppPrinter::spooled(const std::string& suffix) const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m_spool, ec)) {
        std::string n = e.path().filename().string();
        if (n.size() >= suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(n);
    }
    return out;
}

bool IppPrinter::http_get(const std::string& path) {
    // A plain HTTP/1.0 GET on a socket: enough for ippeveprinter's web forms.
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return false;
    timeval tv{5, 0};
    ::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(uint16_t(m_port));
    if (::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(s);
        return false;
    }
    std::string req = "GET " + path + " HTTP/1.0\r\nHost: localhost:" + std::to_string(m_port) + "\r\n\r\n";
    bool ok = ::send(s, req.data(), req.size(), MSG_NOSIGNAL) == ssize_t(req.size());
    std::string reply;
    char buf[4096];
    ssize_t n;
    // The status line is all we need (the server may keep the connection open).
    while (ok && reply.find("\r\n") == std::string::npos && (n = ::recv(s, buf, sizeof buf, 0)) > 0)
        reply.append(buf, size_t(n));
    ::close(s);
    return reply.rfind("HTTP/1.", 0) == 0 && reply.size() > 12 && reply.compare(9, 3, "200") == 0;
}

// The forms of ippeveprinter 2.4.2 (read from GET /media and GET /supplies): every field
// of the form is sent, as a browser would; main tray is size1/type1/level1, the by-pass
// tray size3/type3/level3; supply0 is the waste toner tank, supply1 the black toner.
bool IppPrinter::set_main_tray_level(int sheets) {
    return http_get("/media?size1=iso_a4_210x297mm&type1=stationery&level1=" + std::to_string(sheets) +
                    "&size3=na_number-10_4.125x9.5in&type3=envelope&level3=-2");
}

bool IppPrinter::set_toner_level(int percent) {
    return http_get("/supplies?supply0=25&supply1=" + std::to_string(percent));
}

std::string IppPrinter::log() const {
    std::ifstream f(m_dir + "/printer.log");
    std::stringstream ss;
    ss << f.rdbuf();
    std::string s = ss.str();
    return s.size() > 4000 ? s.substr(s.size() - 4000) : s;
}

}  // namespace kiosk::printer::test
