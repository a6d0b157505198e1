// SimControl (line protocol over a unix socket) and SimProcess (fork/exec of idcard-sim).
#include "drivers/idcard/sim_control.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace kiosk::idcard {
namespace {

using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

bool exists(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0;
}
bool lexists(const std::string& p) {
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0;
}

}  // namespace

Result<std::string> SimControl::send(const std::string& command, milliseconds timeout) const {
    if (command.find('\n') != std::string::npos) return make_error(Errc::InvalidInput, "sim-control: command has a newline");
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return make_error(Errc::Io, std::string("sim-control: socket: ") + std::strerror(errno));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (m_path.size() >= sizeof addr.sun_path) {
        ::close(fd);
        return make_error(Errc::InvalidInput, "sim-control: socket path too long");
    }
    std::strcpy(addr.sun_path, m_path.c_str());
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        int err = errno;
        ::close(fd);
        return make_error(Errc::Unavailable, "sim-control: connect " + m_path + ": " + std::strerror(err));
    }
    std::string line = command + "\n";
    if (::send(fd, line.data(), line.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(line.size())) {
        ::close(fd);
        return make_error(Errc::Io, "sim-control: send failed");
    }
    std::string answer;
    auto deadline = steady::now() + timeout;
    while (answer.find('\n') == std::string::npos) {
        auto left = std::chrono::duration_cast<milliseconds>(deadline - steady::now()).count();
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) {
            ::close(fd);
            return make_error(Errc::Timeout, "sim-control: no answer to '" + command + "'");
        }
        char buf[256];
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        answer.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (auto nl = answer.find('\n'); nl != std::string::npos) answer.resize(nl);
    if (answer.rfind("ok", 0) == 0) return answer.size() > 3 ? answer.substr(3) : std::string();
    if (answer.rfind("error: ", 0) == 0) return make_error(Errc::Rejected, "idcard-sim: " + answer.substr(7));
    return make_error(Errc::Protocol, "sim-control: unexpected answer to '" + command + "'");
}

Result<SimProcess> SimProcess::launch(SimProcessOptions o) {
    if (o.dir.empty()) return make_error(Errc::InvalidInput, "sim-process: no directory");
    if (o.binary.empty()) return make_error(Errc::InvalidInput, "sim-process: no idcard-sim binary given");
    if (!exists(o.binary)) return make_error(Errc::NotFound, "sim-process: " + o.binary + " not found");
    SimProcess p;
    p.m_link = o.dir + "/idcard";
    p.m_control = o.dir + "/control";
    ::unlink(p.m_link.c_str());
    ::unlink(p.m_control.c_str());
    std::vector<std::string> args = {o.binary, "--link", p.m_link, "--control", p.m_control};
    args.insert(args.end(), o.extra_args.begin(), o.extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) return make_error(Errc::Io, std::string("sim-process: fork: ") + std::strerror(errno));
    if (pid == 0) {
        execv(argv[0], argv.data());
        _exit(127);
    }
    p.m_pid = pid;
    auto deadline = steady::now() + o.ready_timeout;
    while (!(lexists(p.m_link) && exists(p.m_control))) {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            p.m_pid = -1;
            return make_error(Errc::Unavailable, "sim-process: idcard-sim exited early (status " + std::to_string(status) + ")");
        }
        if (steady::now() > deadline) return make_error(Errc::Timeout, "sim-process: idcard-sim did not create " + p.m_link);
        std::this_thread::sleep_for(milliseconds(10));
    }
    return p;
}

SimProcess::SimProcess(SimProcess&& o) noexcept : m_pid(o.m_pid), m_link(std::move(o.m_link)), m_control(std::move(o.m_control)) {
    o.m_pid = -1;
}

SimProcess::~SimProcess() { terminate(); }

void SimProcess::terminate() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    auto deadline = steady::now() + milliseconds(3000);
    while (waitpid(m_pid, &status, WNOHANG) == 0) {
        if (steady::now() > deadline) {
            ::kill(m_pid, SIGKILL);
            waitpid(m_pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(milliseconds(5));
    }
    m_pid = -1;
}

bool SimProcess::wait_link(bool want, milliseconds timeout) const {
    auto deadline = steady::now() + timeout;
    while (lexists(m_link) != want) {
        if (steady::now() > deadline) return false;
        std::this_thread::sleep_for(milliseconds(10));
    }
    return true;
}

}  // namespace kiosk::idcard
