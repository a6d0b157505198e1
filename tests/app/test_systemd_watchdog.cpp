// The kiosk under a systemd notify socket: READY=1 after the first frame, WATCHDOG=1 while the UI
// loop runs, silence while the UI thread is stalled, STATUS= lines.
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "demo_mode.h"
#include "kiosk_run.h"

using namespace kiosk::test;
using Clock = std::chrono::steady_clock;

namespace {

struct Datagram {
    Clock::time_point at;
    std::string text;
};

/// A unix datagram socket standing in for systemd's: records what arrives and when.
class NotifySocket {
public:
    explicit NotifySocket(const std::string& path) : m_path(path) {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path.c_str());
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        timeval tv{0, 100000};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        m_thread = std::thread([this] {
            char buf[4096];
            while (!m_stop) {
                ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
                if (n > 0) m_got.push_back({Clock::now(), std::string(buf, size_t(n))});
            }
        });
    }
    ~NotifySocket() {
        stop();
        ::close(m_fd);
    }
    void stop() {
        m_stop = true;
        if (m_thread.joinable()) m_thread.join();
    }
    const std::vector<Datagram>& got() const { return m_got; }

private:
    std::string m_path;
    int m_fd = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::vector<Datagram> m_got;
};

std::vector<Clock::time_point> pings(const std::vector<Datagram>& got) {
    std::vector<Clock::time_point> out;
    for (const auto& d : got)
        if (d.text.find("WATCHDOG=1") != std::string::npos) out.push_back(d.at);
    return out;
}

}  // namespace

TEST_CASE("under a notify socket the kiosk sends READY=1, pings the watchdog while its loop runs and stops while the UI thread is stalled") {
    TempDir dir;
    NotifySocket sock(dir / "notify.sock");
    ::setenv("NOTIFY_SOCKET", (dir / "notify.sock").c_str(), 1);
    ::setenv("WATCHDOG_USEC", "400000", 1);  // WatchdogSec=0.4: a ping every 200 ms
    auto r = run_kiosk(dir, "live 2\nblock-ui 2\nlive 2\n");
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    sock.stop();
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    const auto& got = sock.got();
    REQUIRE_FALSE(got.empty());
    CHECK(got.front().text == "READY=1");  // nothing before the first frame
    auto p = pings(got);
    REQUIRE(p.size() >= 4);
    // The stall shows as one gap of at least the stalled time; before and after it the loop pinged.
    auto widest = std::chrono::milliseconds(0);
    size_t widest_at = 0;
    for (size_t i = 1; i < p.size(); ++i) {
        auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(p[i] - p[i - 1]);
        if (gap > widest) widest = gap, widest_at = i;
    }
    CHECK(widest >= std::chrono::milliseconds(1800));
    CHECK(widest_at >= 2);              // pings during the first `live 2`
    CHECK(p.size() - widest_at >= 2);   // and again after the stall
    bool status = false;
    for (const auto& d : got)
        if (d.text.rfind("STATUS=", 0) == 0 && d.text.find("printer") != std::string::npos &&
            d.text.find("outbox") != std::string::npos)
            status = true;
    CHECK(status);
}

TEST_CASE("without a notify socket the same run sends nothing and behaves the same") {
    TempDir dir;
    NotifySocket sock(dir / "notify.sock");
    ::unsetenv("NOTIFY_SOCKET");
    auto r = run_kiosk(dir, "live 1\nexpect \"证明打印\"\n");
    sock.stop();
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(sock.got().empty());
}

TEST_CASE("a production kiosk refuses the block-ui script step") {
    TempDir dir;
    auto r = run_kiosk(dir, "block-ui 1\n",
                       {"--set", "kiosk.mode=production", "--set", "printer.driver=none", "--set", "idcard.driver=none",
                        "--set", "scanner.driver=none", "--set", "copier.driver=none", "--set", "platform.url=https://127.0.0.1:9"});
    CHECK(r.process.exit_code == 1);
    CHECK(r.process.output.find("block-ui is allowed only with kiosk.mode = \"demo\"") != std::string::npos);
}
