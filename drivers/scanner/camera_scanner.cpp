// V4L2 capture loop for the camera scanner (mmap streaming, YUYV). FIXME: never run against a real camera yet.
#include "drivers/scanner/camera_scanner.h"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "base/log.h"
#include "drivers/scanner/qr_decode.h"

namespace kiosk::scanner {
namespace {

int xioctl(int fd, unsigned long req, void* arg) {
    int rc;
    do rc = ::ioctl(fd, req, arg);
    while (rc < 0 && errno == EINTR);
    return rc;
}

Error v4l2_error(const std::string& what) {
    int e = errno;
    return make_error(e == ENODEV || e == ENOENT || e == ENXIO ? Errc::Unavailable : Errc::HardwareError,
                      what + ": " + std::strerror(e));
}

}  // namespace

CameraScanner::~CameraScanner() { stop(); }

void CameraScanner::start(ScanListener listener) {
    m_thread.start(std::move(listener), [this](std::stop_token st) { run(st); });
}

void CameraScanner::stop() { m_thread.stop(); }

void CameraScanner::run(std::stop_token stop) {
    m_thread.announce_start();
    auto clock = system_clock();
    while (!stop.stop_requested()) {
        auto st = capture(stop);
        if (!st) m_thread.change_state(st.error().code == Errc::Unavailable ? ScannerState::NoDevice : ScannerState::Fault, st.error().message);
        clock->sleep_for(std::chrono::seconds(2), stop);
    }
}

Status CameraScanner::capture(std::stop_token stop) {
    int fd = ::open(m_device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return v4l2_error("open " + m_device);
    struct Buffer {
        void* start = MAP_FAILED;
        size_t length = 0;
    };
    std::vector<Buffer> buffers;
    auto cleanup = [&] {
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(fd, VIDIOC_STREAMOFF, &type);
        for (auto& b : buffers)
            if (b.start != MAP_FAILED) munmap(b.start, b.length);
        ::close(fd);
    };
    auto fail = [&](const std::string& what) -> Status {
        Error e = v4l2_error(what);
        cleanup();
        return e;
    };

    v4l2_format fmt{};
    fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    fmt.fmt.pix.width = m_width;
    fmt.fmt.pix.height = m_height;
    fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_YUYV;
    fmt.fmt.pix.field = V4L2_FIELD_ANY;
    if (xioctl(fd, VIDIOC_S_FMT, &fmt) < 0) return fail("VIDIOC_S_FMT");
    if (fmt.fmt.pix.pixelformat != V4L2_PIX_FMT_YUYV) {
        cleanup();
        return make_error(Errc::HardwareError, "camera does not offer YUYV");
    }
    v4l2_requestbuffers req{};
    req.count = 4;
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd, VIDIOC_REQBUFS, &req) < 0) return fail("VIDIOC_REQBUFS");
    buffers.resize(req.count);
    for (unsigned i = 0; i < req.count; ++i) {
        v4l2_buffer b{};
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b.memory = V4L2_MEMORY_MMAP;
        b.index = i;
        if (xioctl(fd, VIDIOC_QUERYBUF, &b) < 0) return fail("VIDIOC_QUERYBUF");
        buffers[i].length = b.length;
        buffers[i].start = mmap(nullptr, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, b.m.offset);
        if (buffers[i].start == MAP_FAILED) return fail("mmap");
        if (xioctl(fd, VIDIOC_QBUF, &b) < 0) return fail("VIDIOC_QBUF");
    }
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd, VIDIOC_STREAMON, &type) < 0) return fail("VIDIOC_STREAMON");
    m_thread.change_state(ScannerState::Ready, {});

    std::string last_text;
    auto last_time = std::chrono::steady_clock::time_point{};
    while (!stop.stop_requested()) {
        pollfd p{fd, POLLIN, 0};
        int pr = ::poll(&p, 1, 200);
        if (pr < 0 && errno != EINTR) return fail("poll");
        if (pr <= 0) continue;
        if (p.revents & (POLLERR | POLLHUP)) {
            errno = ENODEV;
            return fail("camera");
        }
        v4l2_buffer b{};
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b.memory = V4L2_MEMORY_MMAP;
        if (xioctl(fd, VIDIOC_DQBUF, &b) < 0) {
            if (errno == EAGAIN) continue;
            return fail("VIDIOC_DQBUF");
        }
        // YUYV: Y0 U Y1 V — the luminance is every other byte, so ZXing reads the frame in place.
        LumaView view{static_cast<const uint8_t*>(buffers[b.index].start), static_cast<int>(fmt.fmt.pix.width),
                      static_cast<int>(fmt.fmt.pix.height), static_cast<int>(fmt.fmt.pix.bytesperline), 2};
        auto texts = decode_luminance(view, DecodeOptions{.try_harder = false});
        auto now = std::chrono::steady_clock::now();
        if (xioctl(fd, VIDIOC_QBUF, &b) < 0) return fail("VIDIOC_QBUF");
        if (!texts) continue;
        const std::string& text = texts->front();
        if (text == last_text && now - last_time < kCameraRepeatHold) {
            last_time = now;
            continue;
        }
        last_text = text;
        last_time = now;
        m_thread.emit(ScanEvent{ScanEvent::Kind::Scanned, text, ScannerState::Ready, {}, now});
    }
    cleanup();
    return {};
}

}  // namespace kiosk::scanner
