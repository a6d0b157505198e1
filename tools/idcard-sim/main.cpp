// idcard-sim: a simulated SAM ID-card reader on a pseudo-terminal, driven over a control socket.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "drivers/serial/baud_rates.h"
#include "sim_device.h"

using namespace kiosk::idcard;
using kiosk::baud_for_speed;
using kiosk::speed_for_baud;
using steady = std::chrono::steady_clock;

namespace {

volatile sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

struct Args {
    std::string link, control, cards = default_cards_path(), place;
    int baud = 115200;
    bool pacing = true, verbose = false;
};

int usage() {
    std::fprintf(stderr,
                 "usage: idcard-sim --link PATH [--control SOCKET] [--cards cards.json] [--baud N]\n"
                 "                  [--place NAME] [--no-pacing] [--verbose]\n"
                 "Control commands (one a line, answer \"ok…\" or \"error: …\"):\n"
                 "  place NAME | remove | cards | status | baud N | unplug [MS] | replug | quit\n"
                 "  fault checksum|truncate|garbage|sw3 CODE|slow MS [xN|always] | fault sam CODE | fault clear\n");
    return 2;
}

/// The line rate to open the pseudo-terminal at: an unknown --baud falls back to 115200.
speed_t speed_of(int baud) {
    speed_t s = speed_for_baud(baud);
    return s ? s : speed_for_baud(115200);
}

/// The pseudo-terminal standing in for the reader's USB-serial port.
struct Pty {
    int master = -1;
    int slave_keep = -1;  ///< held open so the master never sees a hang-up between clients
    bool open(const std::string& link, int baud) {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) return false;
        const char* name = ptsname(master);
        if (!name) return false;
        std::string slave = name;
        termios tio{};
        tcgetattr(master, &tio);
        cfmakeraw(&tio);
        cfsetispeed(&tio, speed_of(baud));
        cfsetospeed(&tio, speed_of(baud));
        tcsetattr(master, TCSANOW, &tio);  // on a master this sets the slave's termios
        slave_keep = ::open(slave.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
        fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
        std::string tmp = link + ".tmp";
        ::unlink(tmp.c_str());
        if (::symlink(slave.c_str(), tmp.c_str()) != 0 || ::rename(tmp.c_str(), link.c_str()) != 0) return false;
        return true;
    }
    void close(const std::string& link) {
        ::unlink(link.c_str());
        if (master >= 0) ::close(master);
        if (slave_keep >= 0) ::close(slave_keep);
        master = slave_keep = -1;
    }
    /// The rate the driver set on its side of the line.
    int line_baud() const {
        termios tio{};
        if (tcgetattr(master, &tio) != 0) return 0;
        return baud_for_speed(cfgetospeed(&tio));
    }
};

struct Client {
    int fd;
    std::string in;
};

int listen_on(const std::string& path) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path) return -1;
    std::strcpy(addr.sun_path, path.c_str());
    ::unlink(path.c_str());
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 8) != 0) return -1;
    return fd;
}

}  // namespace

int main(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        auto val = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (s == "--link") a.link = val();
        else if (s == "--control") a.control = val();
        else if (s == "--cards") a.cards = val();
        else if (s == "--baud") a.baud = std::atoi(val().c_str());
        else if (s == "--place") a.place = val();
        else if (s == "--no-pacing") a.pacing = false;
        else if (s == "--verbose") a.verbose = true;
        else return usage();
    }
    if (a.link.empty()) return usage();
    auto cards = load_cards(a.cards);
    if (!cards) {
        std::fprintf(stderr, "idcard-sim: %s\n", cards.error().message.c_str());
        return 1;
    }
    sim::SimDevice dev(std::move(cards.value()));
    dev.set_baud(a.baud);
    if (!a.place.empty() && dev.control("place " + a.place).rfind("ok", 0) != 0) {
        std::fprintf(stderr, "idcard-sim: no card named '%s'\n", a.place.c_str());
        return 1;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);

    Pty pty;
    if (!pty.open(a.link, a.baud)) {
        std::fprintf(stderr, "idcard-sim: cannot create the pty or link %s: %s\n", a.link.c_str(), std::strerror(errno));
        return 1;
    }
    int lfd = -1;
    if (!a.control.empty() && (lfd = listen_on(a.control)) < 0) {
        std::fprintf(stderr, "idcard-sim: cannot listen on %s\n", a.control.c_str());
        pty.close(a.link);
        return 1;
    }
    std::vector<Client> clients;
    sam::FrameParser parser;
    // Output is paced at the line rate: byte k leaves at out_start + k × byte time.
    std::deque<std::uint8_t> out;
    steady::time_point out_start{}, replug_at{};
    std::size_t out_sent = 0;
    int pending_baud = 0;
    bool plugged = true, replug_pending = false;

    auto byte_ns = [&] { return std::chrono::nanoseconds(10'000'000'000LL / dev.baud()); };
    auto queue = [&](const sim::Output& o) {
        if (out.empty()) {
            out_start = steady::now() + std::chrono::milliseconds(o.delay_ms);
            out_sent = 0;
        } else if (o.delay_ms) {
            out_start += std::chrono::milliseconds(o.delay_ms);
        }
        out.insert(out.end(), o.bytes.begin(), o.bytes.end());
        if (o.new_baud) pending_baud = o.new_baud;
    };
    auto unplug = [&] {
        pty.close(a.link);
        plugged = false;
        out.clear();
        parser.clear();
    };
    auto replug = [&] {
        replug_pending = false;
        if (plugged) return true;
        plugged = pty.open(a.link, dev.baud());
        return plugged;
    };

    while (!g_stop) {
        std::vector<pollfd> fds;
        if (plugged) fds.push_back({pty.master, POLLIN, 0});
        if (lfd >= 0) fds.push_back({lfd, POLLIN, 0});
        for (auto& c : clients) fds.push_back({c.fd, POLLIN, 0});
        int timeout = 500;
        auto now = steady::now();
        if (!out.empty()) {
            auto due = out_start + (a.pacing ? byte_ns() * static_cast<long>(out_sent) : std::chrono::nanoseconds(0));
            timeout = due <= now ? 0 : static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(due - now).count()) + 1;
        }
        if (replug_pending) {
            int left = replug_at <= now ? 0 : static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(replug_at - now).count()) + 1;
            timeout = std::min(timeout, left);
        }
        if (poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) break;
        now = steady::now();
        if (replug_pending && now >= replug_at) replug();
        std::size_t idx = 0;
        if (plugged && idx < fds.size() && fds[idx].fd == pty.master) {
            if (fds[idx].revents & POLLIN) {
                std::uint8_t buf[512];
                ssize_t n = read(pty.master, buf, sizeof buf);
                if (n > 0) {
                    if (pty.line_baud() != dev.baud()) {
                        // Wrong rate on the line: what the reader hears and says is noise.
                        sim::Output noise;
                        noise.bytes.assign(static_cast<std::size_t>(n), 0xFE);
                        queue(noise);
                        if (a.verbose) std::fprintf(stderr, "idcard-sim: line at %d baud, device at %d\n", pty.line_baud(), dev.baud());
                    } else {
                        parser.feed(std::span<const std::uint8_t>(buf, static_cast<std::size_t>(n)));
                        while (auto f = parser.next()) queue(dev.handle(*f));
                    }
                }
            }
            ++idx;
        }
        // Paced output to the reader.
        while (plugged && !out.empty()) {
            auto due = out_start + (a.pacing ? byte_ns() * static_cast<long>(out_sent) : std::chrono::nanoseconds(0));
            if (due > now) break;
            std::size_t n = 0;
            std::uint8_t chunk[256];
            while (n < sizeof chunk && n < out.size() &&
                   (!a.pacing || out_start + byte_ns() * static_cast<long>(out_sent + n) <= now)) {
                chunk[n] = out[n];
                ++n;
            }
            ssize_t w = write(pty.master, chunk, n);
            if (w <= 0) break;
            out.erase(out.begin(), out.begin() + w);
            out_sent += static_cast<std::size_t>(w);
            if (out.empty() && pending_baud) {
                dev.set_baud(pending_baud);
                pending_baud = 0;
            }
        }
        if (lfd >= 0 && idx < fds.size() && fds[idx].fd == lfd) {
            if (fds[idx].revents & POLLIN) {
                int c = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
                if (c >= 0) clients.push_back({c, {}});
            }
            ++idx;
        }
        for (std::size_t ci = 0; ci < clients.size() && idx < fds.size(); ++ci, ++idx) {
            if (!(fds[idx].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[512];
            ssize_t n = read(clients[ci].fd, buf, sizeof buf);
            if (n <= 0) {
                ::close(clients[ci].fd);
                clients[ci].fd = -1;
                continue;
            }
            clients[ci].in.append(buf, static_cast<std::size_t>(n));
            std::size_t nl;
            while ((nl = clients[ci].in.find('\n')) != std::string::npos) {
                std::string line = clients[ci].in.substr(0, nl);
                clients[ci].in.erase(0, nl + 1);
                if (!line.empty() && line.back() == '\r') line.pop_back();
                std::string answer;
                if (line.rfind("unplug", 0) == 0) {
                    int ms = std::atoi(line.c_str() + 6);
                    if (plugged) unplug();
                    if (ms > 0) {
                        replug_pending = true;
                        replug_at = steady::now() + std::chrono::milliseconds(ms);
                    }
                    answer = "ok";
                } else if (line == "replug") {
                    answer = replug() ? "ok" : std::string("error: cannot recreate the pty: ") + std::strerror(errno);
                } else if (line == "quit") {
                    g_stop = 1;
                    answer = "ok";
                } else {
                    answer = dev.control(line);
                    if (line == "status") answer += plugged ? " plugged=yes" : " plugged=no";
                }
                if (a.verbose) std::fprintf(stderr, "idcard-sim: %s -> %s\n", line.c_str(), answer.c_str());
                answer += "\n";
                if (write(clients[ci].fd, answer.data(), answer.size()) < 0) {}
            }
        }
        std::erase_if(clients, [](const Client& c) { return c.fd < 0; });
    }
    for (auto& c : clients) ::close(c.fd);
    if (plugged) pty.close(a.link);
    if (lfd >= 0) {
        ::close(lfd);
        ::unlink(a.control.c_str());
    }
    return 0;
}
