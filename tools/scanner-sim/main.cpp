// scanner-sim: a simulated serial QR scanner on a pty (symlinked like a udev name), scripted by --send or a unix control socket.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "drivers/scanner/serial_lines.h"

using namespace kiosk::scanner;

namespace {

volatile sig_atomic_t g_quit = 0;
void on_signal(int) { g_quit = 1; }

const char* kUsage =
    "usage: scanner-sim --link PATH [--control SOCKET] [--send TEXT]... [--terminator CR|LF|CRLF|TAB]\n"
    "                   [--charset UTF-8|GB18030] [--baud N] [--delay-ms N] [--interval-ms N] [--exit-after-send]\n"
    "Control socket: one command a line, each answered \"ok\" or \"error MESSAGE\":\n"
    "  scan TEXT      send TEXT and the terminator\n"
    "  partial TEXT   send TEXT without the terminator (a half-read code)\n"
    "  garbage        send line noise ending with the terminator\n"
    "  unplug         remove the device (the pty closes, the link disappears)\n"
    "  replug         bring the device back (a new pty behind the same link)\n"
    "  quit           exit\n";

struct Options {
    std::string link, control;
    std::vector<std::string> sends;
    Terminator terminator = Terminator::CR;
    Charset charset = Charset::Utf8;
    int baud = 0;  // 0: no pacing
    int delay_ms = 300, interval_ms = 100;
    bool exit_after_send = false;
};

class Pty {
public:
    bool plugged() const { return m_master >= 0; }
    int master() const { return m_master; }

    bool plug(const std::string& link) {
        m_master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (m_master < 0 || grantpt(m_master) != 0 || unlockpt(m_master) != 0) return fail("posix_openpt");
        const char* name = ptsname(m_master);
        if (!name) return fail("ptsname");
        // Hold the slave open ourselves, raw, so the line discipline never echoes or edits
        // and the pty survives the driver closing and reopening it.
        m_slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (m_slave < 0) return fail("open slave");
        termios tio{};
        tcgetattr(m_slave, &tio);
        cfmakeraw(&tio);
        tcsetattr(m_slave, TCSANOW, &tio);
        ::unlink(link.c_str());
        if (::symlink(name, link.c_str()) != 0) return fail("symlink " + link);
        std::fprintf(stderr, "scanner-sim: %s -> %s\n", link.c_str(), name);
        return true;
    }

    void unplug(const std::string& link) {
        ::unlink(link.c_str());
        if (m_slave >= 0) ::close(m_slave);
        if (m_master >= 0) ::close(m_master);
        m_slave = m_master = -1;
    }

    /// Writes `bytes`; with `baud` > 0 they come out in small chunks at the pace of an 8N1
    /// line (ten bit times a byte), so the last byte arrives when it would on a real wire.
    bool write_all(const std::string& bytes, int baud) {
        const size_t chunk = baud > 0 ? 8 : bytes.size();
        size_t off = 0;
        while (off < bytes.size()) {
            size_t n = std::min(chunk, bytes.size() - off);
            if (baud > 0) std::this_thread::sleep_for(std::chrono::microseconds(n * 10'000'000LL / baud));
            if (!write_raw(bytes.data() + off, n)) return false;
            off += n;
        }
        return true;
    }

private:
    bool write_raw(const char* p, size_t len) {
        size_t off = 0;
        while (off < len) {
            ssize_t n = ::write(m_master, p + off, len - off);
            if (n < 0) {
                if (errno == EINTR) continue;
                if (errno == EAGAIN) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                    continue;
                }
                return false;
            }
            off += static_cast<size_t>(n);
        }
        return true;
    }
    bool fail(const std::string& what) {
        std::fprintf(stderr, "scanner-sim: %s: %s\n", what.c_str(), std::strerror(errno));
        if (m_slave >= 0) ::close(m_slave);
        if (m_master >= 0) ::close(m_master);
        m_slave = m_master = -1;
        return false;
    }
    int m_master = -1, m_slave = -1;
};

std::string garbage_bytes() {
    static std::mt19937 rng(12345);
    std::string s;
    int n = 8 + static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) {
        char c = static_cast<char>(0x80 + rng() % 0x80);  // high bytes: not a terminator, rarely valid text
        s.push_back(c);
    }
    return s;
}

struct Sim {
    Options opt;
    Pty pty;

    std::string send_text(const std::string& text, bool terminate) {
        if (!pty.plugged()) return "error unplugged";
        auto encoded = from_utf8(text, opt.charset);
        if (!encoded) return "error " + encoded.error().message;
        std::string bytes = *encoded;
        if (terminate) bytes += terminator_bytes(opt.terminator);
        return pty.write_all(bytes, opt.baud) ? "ok" : std::string("error write: ") + std::strerror(errno);
    }

    std::string command(const std::string& line) {
        auto space = line.find(' ');
        std::string word = line.substr(0, space), arg = space == std::string::npos ? "" : line.substr(space + 1);
        if (word == "scan") return send_text(arg, true);
        if (word == "partial") return send_text(arg, false);
        if (word == "garbage") {
            if (!pty.plugged()) return "error unplugged";
            return pty.write_all(garbage_bytes() + std::string(terminator_bytes(opt.terminator)), opt.baud) ? "ok" : "error write";
        }
        if (word == "unplug") {
            pty.unplug(opt.link);
            return "ok";
        }
        if (word == "replug") {
            if (pty.plugged()) return "ok";
            return pty.plug(opt.link) ? "ok" : "error cannot create pty";
        }
        if (word == "ping") return "ok";
        if (word == "quit") {
            g_quit = 1;
            return "ok";
        }
        return "error unknown command '" + word + "'";
    }
};

int listen_unix(const std::string& path) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (fd < 0 || path.size() >= sizeof addr.sun_path) return -1;
    std::strcpy(addr.sun_path, path.c_str());
    ::unlink(path.c_str());
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 4) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "scanner-sim: %s needs a value\n%s", a.c_str(), kUsage);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--link") opt.link = next();
        else if (a == "--control") opt.control = next();
        else if (a == "--send") opt.sends.push_back(next());
        else if (a == "--terminator") {
            auto t = parse_terminator(next());
            if (!t) return std::fprintf(stderr, "scanner-sim: %s\n", t.error().message.c_str()), 2;
            opt.terminator = *t;
        } else if (a == "--charset") {
            auto c = parse_charset(next());
            if (!c) return std::fprintf(stderr, "scanner-sim: %s\n", c.error().message.c_str()), 2;
            opt.charset = *c;
        } else if (a == "--baud") opt.baud = std::atoi(next().c_str());
        else if (a == "--delay-ms") opt.delay_ms = std::atoi(next().c_str());
        else if (a == "--interval-ms") opt.interval_ms = std::atoi(next().c_str());
        else if (a == "--exit-after-send") opt.exit_after_send = true;
        else if (a == "-h" || a == "--help") return std::fputs(kUsage, stdout), 0;
        else return std::fprintf(stderr, "scanner-sim: unknown option %s\n%s", a.c_str(), kUsage), 2;
    }
    if (opt.link.empty()) return std::fprintf(stderr, "scanner-sim: --link is required\n%s", kUsage), 2;

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    Sim sim{opt, {}};
    if (!sim.pty.plug(opt.link)) return 1;
    int lfd = -1;
    if (!opt.control.empty() && (lfd = listen_unix(opt.control)) < 0) {
        std::fprintf(stderr, "scanner-sim: cannot listen on %s: %s\n", opt.control.c_str(), std::strerror(errno));
        sim.pty.unplug(opt.link);
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);

    auto start = std::chrono::steady_clock::now();
    size_t next_send = 0;
    struct Client {
        int fd;
        std::string buf;
    };
    std::vector<Client> clients;
    while (!g_quit) {
        // --send codes go out on their own schedule, after the driver had time to open the port.
        if (next_send < opt.sends.size() &&
            std::chrono::steady_clock::now() - start >=
                std::chrono::milliseconds(opt.delay_ms + static_cast<int>(next_send) * opt.interval_ms)) {
            std::string r = sim.send_text(opt.sends[next_send++], true);
            if (r != "ok") std::fprintf(stderr, "scanner-sim: send: %s\n", r.c_str());
            if (next_send == opt.sends.size() && opt.exit_after_send) {
                std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the reader drain the pty
                break;
            }
        }
        std::vector<pollfd> fds;
        if (lfd >= 0) fds.push_back({lfd, POLLIN, 0});
        for (auto& c : clients) fds.push_back({c.fd, POLLIN, 0});
        if (sim.pty.plugged()) fds.push_back({sim.pty.master(), POLLIN, 0});
        int pr = ::poll(fds.data(), fds.size(), 20);
        if (pr <= 0) continue;
        size_t k = 0;
        if (lfd >= 0 && (fds[k++].revents & POLLIN)) {
            int c = ::accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
            if (c >= 0) clients.push_back({c, {}});
        }
        for (size_t ci = 0; ci < clients.size() && k < fds.size(); ++ci, ++k) {
            if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[1024];
            ssize_t n = ::read(clients[ci].fd, buf, sizeof buf);
            if (n <= 0) {
                ::close(clients[ci].fd);
                clients[ci].fd = -1;
                continue;
            }
            clients[ci].buf.append(buf, static_cast<size_t>(n));
            size_t nl;
            while ((nl = clients[ci].buf.find('\n')) != std::string::npos) {
                std::string line = clients[ci].buf.substr(0, nl);
                clients[ci].buf.erase(0, nl + 1);
                if (!line.empty() && line.back() == '\r') line.pop_back();
                std::string reply = sim.command(line) + "\n";
                if (::write(clients[ci].fd, reply.data(), reply.size()) < 0) break;
            }
        }
        std::erase_if(clients, [](const Client& c) { return c.fd < 0; });
        // Whatever the host writes to a scanner is ignored, but must be read so it never blocks.
        if (sim.pty.plugged() && k < fds.size() && (fds[k].revents & POLLIN)) {
            char sink[256];
            (void)!::read(sim.pty.master(), sink, sizeof sink);
        }
    }
    for (auto& c : clients) ::close(c.fd);
    if (lfd >= 0) {
        ::close(lfd);
        ::unlink(opt.control.c_str());
    }
    sim.pty.unplug(opt.link);
    return 0;
}
