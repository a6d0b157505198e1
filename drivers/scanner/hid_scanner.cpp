// HID wedge scanner on libevdev: find by id, grab (EVIOCGRAB), decode key-downs, rescan after an unplug.
#include "drivers/scanner/hid_scanner.h"

#include <dirent.h>
#include <fcntl.h>
#include <libevdev/libevdev.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>

#include "base/log.h"

namespace kiosk::scanner {

Result<HidSelector> parse_hid_selector(std::string_view text) {
    HidSelector sel;
    if (text.empty()) return make_error(Errc::InvalidInput, "scanner.hid_device is empty");
    if (text.front() == '/') {
        sel.path = std::string(text);
        return sel;
    }
    auto colon = text.find(':');
    auto hex = [](std::string_view s, uint16_t& out) {
        if (s.empty() || s.size() > 4) return false;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
        return ec == std::errc() && end == s.data() + s.size();
    };
    if (colon == std::string_view::npos || !hex(text.substr(0, colon), sel.vendor) || !hex(text.substr(colon + 1), sel.product))
        return make_error(Errc::InvalidInput, "scanner.hid_device must be vvvv:pppp (hex) or a /dev/input path");
    return sel;
}

Result<std::string> find_hid_device(const HidSelector& sel, const std::string& input_dir) {
    if (!sel.path.empty()) {
        if (access(sel.path.c_str(), R_OK) != 0) return make_error(Errc::NotFound, sel.path + ": " + std::strerror(errno));
        return sel.path;
    }
    DIR* dir = opendir(input_dir.c_str());
    if (!dir) return make_error(Errc::NotFound, input_dir + ": " + std::strerror(errno));
    std::string found;
    while (dirent* e = readdir(dir)) {
        if (std::strncmp(e->d_name, "event", 5) != 0) continue;
        std::string path = input_dir + "/" + e->d_name;
        int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) continue;
        libevdev* dev = nullptr;
        if (libevdev_new_from_fd(fd, &dev) == 0) {
            bool match = libevdev_get_id_vendor(dev) == sel.vendor && libevdev_get_id_product(dev) == sel.product &&
                         libevdev_has_event_type(dev, EV_KEY);
            libevdev_free(dev);
            if (match && (found.empty() || path < found)) found = path;  // lowest eventN: the keyboard interface
        }
        ::close(fd);
    }
    closedir(dir);
    if (found.empty()) {
        char id[16];
        std::snprintf(id, sizeof id, "%04x:%04x", sel.vendor, sel.product);
        return make_error(Errc::NotFound, std::string("no input device ") + id);
    }
    return found;
}

Result<std::unique_ptr<HidScanner>> HidScanner::create(const std::string& selector) {
    auto sel = TRY(parse_hid_selector(selector));
    return std::unique_ptr<HidScanner>(new HidScanner(std::move(sel), selector));
}

HidScanner::~HidScanner() { stop(); }

void HidScanner::start(ScanListener listener) {
    m_thread.start(std::move(listener), [this](std::stop_token st) { run(st); });
}

void HidScanner::stop() { m_thread.stop(); }

void HidScanner::run(std::stop_token stop) {
    m_thread.announce_start();
    auto clock = system_clock();
    while (!stop.stop_requested()) {
        auto path = find_hid_device(m_selector);
        if (!path) {
            m_thread.change_state(ScannerState::NoDevice, path.error().message);
            clock->sleep_for(kHidRescanInterval, stop);
            continue;
        }
        int fd = ::open(path->c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            m_thread.change_state(ScannerState::NoDevice, *path + ": " + std::strerror(errno));
            clock->sleep_for(kHidRescanInterval, stop);
            continue;
        }
        read_device(fd, stop);
        ::close(fd);
        if (!stop.stop_requested()) clock->sleep_for(kHidRescanInterval, stop);
    }
}

void HidScanner::read_device(int fd, std::stop_token stop) {
    libevdev* dev = nullptr;
    if (int rc = libevdev_new_from_fd(fd, &dev); rc < 0) {
        m_thread.change_state(ScannerState::Fault, std::string("not an input device: ") + std::strerror(-rc));
        return;
    }
    // Exclusive grab: the scanner's keys must never reach the UI as typing (spec).
    if (int rc = libevdev_grab(dev, LIBEVDEV_GRAB); rc < 0) {
        m_thread.change_state(ScannerState::Fault, std::string("cannot grab (another program has it?): ") + std::strerror(-rc));
        libevdev_free(dev);
        return;
    }
    libevdev_set_clock_id(dev, CLOCK_MONOTONIC);  // event times comparable with steady_clock
    m_thread.change_state(ScannerState::Ready, {});
    HidDecoder decoder;
    auto to_time = [](const timeval& tv) {
        return std::chrono::steady_clock::time_point(std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec));
    };
    while (!stop.stop_requested()) {
        pollfd p{fd, POLLIN, 0};
        int pr = ::poll(&p, 1, 100);
        if (pr < 0 && errno != EINTR) break;
        if (pr <= 0) continue;
        unsigned flags = LIBEVDEV_READ_FLAG_NORMAL;
        for (;;) {
            input_event ev{};
            int rc = libevdev_next_event(dev, flags, &ev);
            if (rc == LIBEVDEV_READ_STATUS_SYNC) {
                // Events were dropped by the kernel: whatever half-code we hold is incomplete.
                decoder.reset();
                flags = LIBEVDEV_READ_FLAG_SYNC;
                continue;
            }
            if (rc == -EAGAIN) {
                if (flags == LIBEVDEV_READ_FLAG_SYNC) {
                    flags = LIBEVDEV_READ_FLAG_NORMAL;
                    continue;
                }
                break;
            }
            if (rc < 0) {
                m_thread.change_state(ScannerState::NoDevice, std::string("device gone: ") + std::strerror(-rc));
                libevdev_free(dev);
                return;
            }
            if (flags == LIBEVDEV_READ_FLAG_SYNC || ev.type != EV_KEY) continue;
            auto out = decoder.feed(ev.code, ev.value, to_time(ev.time));
            if (!out || !m_thread.listening()) continue;
            if (out->kind == HidDecoded::Kind::Code)
                m_thread.emit(ScanEvent{ScanEvent::Kind::Scanned, std::move(out->text), ScannerState::Ready, {}, to_time(ev.time)});
            else
                m_thread.emit(ScanEvent{ScanEvent::Kind::Unreadable, {}, ScannerState::Ready, out->why, to_time(ev.time)});
        }
    }
    libevdev_grab(dev, LIBEVDEV_UNGRAB);
    libevdev_free(dev);
}

}  // namespace kiosk::scanner
