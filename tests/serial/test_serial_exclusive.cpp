// Fault (issue 12): serial ports were opened shared, so a second program could read a card's frames.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "drivers/serial/serial_port.h"

namespace {

/// A pseudo-terminal pair: the master stays here, the slave's path is what a driver opens.
struct Pty {
    int master = -1, slave = -1;
    std::string path;
    Pty() {
        char name[128] = {};
        REQUIRE(openpty(&master, &slave, name, nullptr, nullptr) == 0);
        path = name;
        ::close(slave);  // only the driver holds the slave: the flag below is its doing
        slave = -1;
    }
    ~Pty() {
        if (master >= 0) ::close(master);
    }
};

/// TIOCGEXCL (Linux 3.8): whether the terminal is in exclusive mode, read through another
/// descriptor of the same terminal (root may still open it, which is how the test looks).
int exclusive_flag(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    REQUIRE(fd >= 0);
    int excl = -1;
    REQUIRE(::ioctl(fd, TIOCGEXCL, &excl) == 0);
    ::close(fd);
    return excl;
}

/// Opens `path` as an unprivileged user in a child process; returns the child's errno (0: opened).
int open_as_nobody(const std::string& path) {
    pid_t pid = fork();
    if (pid == 0) {
        // nobody (65534) cannot skip TIOCEXCL the way root can; the pty is made world-writable
        // first by the parent so that only the exclusive flag can refuse it.
        if (setgid(65534) != 0 || setuid(65534) != 0) _exit(100);
        int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
        _exit(fd >= 0 ? 0 : errno);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

}  // namespace

TEST_CASE("an open serial port is in exclusive mode, so no other program can open it and read the card's frames") {
    Pty pty;
    auto port = kiosk::SerialPort::open(pty.path, 115200);
    REQUIRE_MESSAGE(port, port.error().message);
    CHECK(exclusive_flag(pty.path) == 1);
    if (getuid() == 0) {
        REQUIRE(::chmod(pty.path.c_str(), 0666) == 0);
        CHECK(open_as_nobody(pty.path) == EBUSY);
    }
}

TEST_CASE("closing the serial port gives up exclusive mode, so a restarted reader can open it again") {
    Pty pty;
    {
        auto port = kiosk::SerialPort::open(pty.path, 115200);
        REQUIRE_MESSAGE(port, port.error().message);
        // A second fd on the slave keeps the terminal alive across the driver's close.
        int keep = ::open(pty.path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
        REQUIRE(keep >= 0);
        port->close();
        CHECK(exclusive_flag(pty.path) == 0);
        ::close(keep);
    }
    auto again = kiosk::SerialPort::open(pty.path, 115200);
    CHECK_MESSAGE(again, again.error().message);
}
