// SaneCopier: sane_open, options (mode, resolution, tl/br geometry in mm), sane_start/sane_read into wiped memory; SANE statuses → copier states.
#include "drivers/copier/sane_copier.h"

#include <sane/sane.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif
#include <sane/saneopts.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <strings.h>

#include "base/log.h"
#include "base/secret.h"

namespace kiosk::copier {

namespace {
/// Under ASan, LeakSanitizer ignores what is allocated while this lives: for the SANE backends
/// that sane_get_devices loads, which keep their device lists for good (about 66 KB a probe;
/// tools/sanitize/lsan.supp). A suppression entry cannot match them: the backends are unloaded
/// by sane_exit, and ASan's fast unwinder stops at their frames before reaching libsane (the
/// slow unwinder that would reach it made the sanitizer run three times as long).
struct LeaksOfThirdParty {
#if defined(__SANITIZE_ADDRESS__)
    LeaksOfThirdParty() { __lsan_disable(); }
    ~LeaksOfThirdParty() { __lsan_enable(); }
#endif
};
}  // namespace

namespace {

constexpr const char* kTag = "copier";
std::atomic<bool> g_in_use{false};  // SANE's global state belongs to one SaneCopier

SANE_Handle H(void* h) { return static_cast<SANE_Handle>(h); }

/// The option's index by name, or -1.
int find_option(SANE_Handle h, const char* name) {
    for (SANE_Int i = 1;; ++i) {
        const SANE_Option_Descriptor* d = sane_get_option_descriptor(h, i);
        if (!d) return -1;
        if (d->name && std::strcmp(d->name, name) == 0) return i;
    }
}

bool settable(const SANE_Option_Descriptor* d) {
    return d && SANE_OPTION_IS_ACTIVE(d->cap) && SANE_OPTION_IS_SETTABLE(d->cap);
}

/// Sets a numeric option (SANE_TYPE_INT or SANE_TYPE_FIXED, one value).
Status set_number(SANE_Handle h, const char* name, double value) {
    int i = find_option(h, name);
    if (i < 0) return make_error(Errc::NotFound, std::string("the scanner has no option ") + name);
    const auto* d = sane_get_option_descriptor(h, i);
    if (!settable(d)) return make_error(Errc::NotFound, std::string("option ") + name + " cannot be set");
    SANE_Word w = d->type == SANE_TYPE_FIXED ? SANE_FIX(value) : SANE_Word(std::lround(value));
    SANE_Int info = 0;
    SANE_Status st = sane_control_option(h, i, SANE_ACTION_SET_VALUE, &w, &info);
    if (st != SANE_STATUS_GOOD)
        return make_error(Errc::InvalidInput, std::string("option ") + name + ": " + sane_strstatus(st));
    return {};
}

/// Sets a string option; with `choices`, the first value the option's list offers
/// (case-insensitive): backends spell modes differently ("Color", "color", "Colour").
Status set_string(SANE_Handle h, const char* name, std::vector<std::string> choices) {
    int i = find_option(h, name);
    if (i < 0) return make_error(Errc::NotFound, std::string("the scanner has no option ") + name);
    const auto* d = sane_get_option_descriptor(h, i);
    if (!settable(d)) return make_error(Errc::NotFound, std::string("option ") + name + " cannot be set");
    std::string value = choices.front();
    if (d->constraint_type == SANE_CONSTRAINT_STRING_LIST) {
        bool found = false;
        for (const auto& c : choices) {
            for (const SANE_String_Const* s = d->constraint.string_list; *s && !found; ++s)
                if (strcasecmp(*s, c.c_str()) == 0) value = *s, found = true;
            if (found) break;
        }
        if (!found) return make_error(Errc::InvalidInput, std::string("option ") + name + " offers none of " + choices.front());
    }
    std::vector<char> buf(std::max<size_t>(size_t(d->size), value.size() + 1), 0);
    std::memcpy(buf.data(), value.c_str(), value.size());
    SANE_Int info = 0;
    SANE_Status st = sane_control_option(h, i, SANE_ACTION_SET_VALUE, buf.data(), &info);
    if (st != SANE_STATUS_GOOD)
        return make_error(Errc::InvalidInput, std::string("option ") + name + ": " + sane_strstatus(st));
    return {};
}

/// A backend option from the configuration, by its type.
Status set_any(SANE_Handle h, const std::string& name, const std::string& value) {
    int i = find_option(h, name.c_str());
    if (i < 0) return make_error(Errc::InvalidInput, "the scanner has no option " + name);
    const auto* d = sane_get_option_descriptor(h, i);
    switch (d->type) {
    case SANE_TYPE_BOOL: {
        if (!settable(d)) return make_error(Errc::InvalidInput, "option " + name + " cannot be set");
        SANE_Word w = (value == "yes" || value == "true" || value == "1") ? SANE_TRUE : SANE_FALSE;
        SANE_Status st = sane_control_option(h, i, SANE_ACTION_SET_VALUE, &w, nullptr);
        if (st != SANE_STATUS_GOOD) return make_error(Errc::InvalidInput, "option " + name + ": " + sane_strstatus(st));
        return {};
    }
    case SANE_TYPE_INT:
    case SANE_TYPE_FIXED: {
        char* end = nullptr;
        double v = std::strtod(value.c_str(), &end);
        if (!end || *end) return make_error(Errc::InvalidInput, "option " + name + " needs a number");
        return set_number(h, name.c_str(), v);
    }
    case SANE_TYPE_STRING: return set_string(h, name.c_str(), {value});
    default: return make_error(Errc::InvalidInput, "option " + name + " is not a value option");
    }
}

/// The upper end of a numeric option's range (the glass size for br-x / br-y).
double range_max(SANE_Handle h, const char* name) {
    int i = find_option(h, name);
    if (i < 0) return 0;
    const auto* d = sane_get_option_descriptor(h, i);
    if (d->constraint_type != SANE_CONSTRAINT_RANGE || !d->constraint.range) return 0;
    SANE_Word m = d->constraint.range->max;
    return d->type == SANE_TYPE_FIXED ? SANE_UNFIX(m) : double(m);
}

/// What a failed SANE call means for the citizen (state) and for the caller (error code).
struct Outcome {
    CopierState state;
    Errc code;
    bool lost;  ///< the handle is no good any more: close it and look for the device again
};
Outcome outcome_of(SANE_Status st) {
    switch (st) {
    case SANE_STATUS_COVER_OPEN: return {CopierState::CoverOpen, Errc::DeviceNotReady, false};
    case SANE_STATUS_JAMMED: return {CopierState::Jammed, Errc::DeviceNotReady, false};
    case SANE_STATUS_DEVICE_BUSY: return {CopierState::Busy, Errc::DeviceNotReady, false};
    case SANE_STATUS_NO_DOCS: return {CopierState::Ready, Errc::UserError, false};
    case SANE_STATUS_CANCELLED: return {CopierState::Ready, Errc::Canceled, false};
    // An I/O error mid-scan is what an unplugged USB scanner gives: close the handle; the
    // poller opens it again when the device is back.
    case SANE_STATUS_IO_ERROR: return {CopierState::NoDevice, Errc::HardwareError, true};
    case SANE_STATUS_EOF: return {CopierState::Error, Errc::HardwareError, false};
    default: return {CopierState::Error, Errc::HardwareError, false};
    }
}

}  // namespace

const char* copier_state_name(CopierState s) {
    switch (s) {
    case CopierState::Ready: return "ready";
    case CopierState::Busy: return "busy";
    case CopierState::NoDevice: return "no-device";
    case CopierState::CoverOpen: return "cover-open";
    case CopierState::Jammed: return "jammed";
    case CopierState::Error: return "error";
    }
    return "error";
}

bool can_scan(CopierState s) { return s != CopierState::NoDevice && s != CopierState::Busy; }

Result<std::unique_ptr<SaneCopier>> SaneCopier::create(Options o) {
    if (g_in_use.exchange(true)) return make_error(Errc::DeviceNotReady, "SANE is already in use in this process");
    auto c = std::unique_ptr<SaneCopier>(new SaneCopier(std::move(o)));
    {
        std::lock_guard lock(c->m_sane);
        (void)c->open_locked();  // NoDevice is a state, not an error
    }
    c->m_thread = std::jthread([p = c.get()](std::stop_token st) { p->run(st); });
    return c;
}

SaneCopier::SaneCopier(Options o) : m_options(std::move(o)) {}

SaneCopier::~SaneCopier() {
    m_thread.request_stop();
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
    std::lock_guard lock(m_sane);
    close_locked();
    if (m_inited) sane_exit();
    m_inited = false;
    g_in_use = false;
}

CopierStatus SaneCopier::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void SaneCopier::set_listener(CopierListener l) {
    CopierStatus now;
    {
        std::lock_guard lock(m_mutex);
        m_listener = std::move(l);
        now = m_status;
        if (!m_listener) return;
    }
    CopierListener copy;
    {
        std::lock_guard lock(m_mutex);
        copy = m_listener;
    }
    copy(now);
}

void SaneCopier::set_status(CopierState s, std::string message, std::string device) {
    CopierListener l;
    CopierStatus now;
    {
        std::lock_guard lock(m_mutex);
        bool changed = m_status.state != s;
        m_status.state = s;
        m_status.message = std::move(message);
        if (device != "\x01") m_status.device = std::move(device);
        if (!changed || !m_listener) return;
        l = m_listener;
        now = m_status;
    }
    l(now);
}

double SaneCopier::glass_width_mm() const {
    std::lock_guard lock(m_mutex);
    return m_glass_w;
}
double SaneCopier::glass_height_mm() const {
    std::lock_guard lock(m_mutex);
    return m_glass_h;
}

std::string SaneCopier::describe() const {
    auto s = status();
    return "sane " + (s.device.empty() ? (m_options.device.empty() ? std::string("(first device)") : m_options.device) : s.device);
}

Status SaneCopier::open_locked() {
    if (m_handle) return {};
    // SANE starts once and is only looked into on each try: a restart re-reads dll.conf and
    // the backends' configuration (some backends find a device plugged in later only then),
    // but costs ~0.75 s of CPU and leaks ~72 KB inside SANE 1.2.1's backends each time. Done on
    // every look, once a second, a kiosk without its scanner burnt most of a core and grew by
    // gigabytes a day; so a restart waits restart_interval.
    auto now = std::chrono::steady_clock::now();
    bool restart = m_inited && now - m_started >= m_options.restart_interval;
    if (restart) {
        sane_exit();
        m_inited = false;
    }
    if (!m_inited) {
        SANE_Int version = 0;
        SANE_Status st;
        {
            LeaksOfThirdParty sane_backends;  // tools/sanitize/lsan.supp says why
            st = sane_init(&version, nullptr);
        }
        m_inited = st == SANE_STATUS_GOOD;
        m_started = now;
        {
            std::lock_guard lock(m_mutex);
            ++m_looks.starts;
        }
        if (!m_inited) {
            set_status(CopierState::NoDevice, std::string("sane_init: ") + sane_strstatus(st), "");
            return make_error(Errc::Unavailable, "sane_init failed");
        }
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_looks.looks;
    }
    SANE_Status st = SANE_STATUS_GOOD;
    std::string name = m_options.device;
    if (name.empty()) {
        const SANE_Device** list = nullptr;
        {
            LeaksOfThirdParty sane_backends;  // tools/sanitize/lsan.supp says why
            st = sane_get_devices(&list, SANE_TRUE);
        }
        if (st != SANE_STATUS_GOOD || !list || !list[0]) {
            set_status(CopierState::NoDevice, "no scanner found", "");
            return make_error(Errc::Unavailable, "no scanner found");
        }
        name = list[0]->name;
    }
    SANE_Handle h = nullptr;
    st = sane_open(name.c_str(), &h);
    if (st != SANE_STATUS_GOOD || !h) {
        set_status(CopierState::NoDevice, "sane_open " + name + ": " + sane_strstatus(st), "");
        return make_error(Errc::Unavailable, "scanner " + name + " not found");
    }
    m_handle = h;
    {
        std::lock_guard lock(m_mutex);
        m_glass_w = range_max(h, SANE_NAME_SCAN_BR_X);
        m_glass_h = range_max(h, SANE_NAME_SCAN_BR_Y);
    }
    LOG_INFO(kTag) << "scanner " << name << " open";
    set_status(CopierState::Ready, "", name);
    return {};
}

void SaneCopier::close_locked() {
    if (!m_handle) return;
    sane_close(H(m_handle));
    m_handle = nullptr;
}

void SaneCopier::run(std::stop_token stop) {
    std::mutex wait_mutex;
    auto wait = m_options.reconnect_interval;
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(wait_mutex);
            m_wake.wait_for(lock, stop, wait, [] { return false; });
        }
        if (stop.stop_requested()) break;
        std::unique_lock sane(m_sane, std::try_to_lock);
        if (!sane.owns_lock()) continue;  // a scan is running: the device is there
        if (m_handle) {
            wait = m_options.reconnect_interval;  // a device lost later is looked for soon again
            continue;
        }
        (void)open_locked();
        if (!m_handle) wait = std::min(wait * 2, std::max(m_options.look_interval_max, m_options.reconnect_interval));
    }
}

SaneCopier::Looks SaneCopier::looks() const {
    std::lock_guard lock(m_mutex);
    return m_looks;
}

Result<ScanImage> SaneCopier::scan(const ScanRequest& r) {
    if (r.dpi < 50 || r.dpi > 1200) return make_error(Errc::InvalidInput, "dpi must be 50..1200");
    if (r.width_mm <= 0 || r.height_mm <= 0 || r.x_mm < 0 || r.y_mm < 0)
        return make_error(Errc::InvalidInput, "empty or negative scan area");
    std::lock_guard sane(m_sane);
    if (!m_handle && !open_locked()) return make_error(Errc::DeviceNotReady, "no scanner");
    CopierState before = status().state;
    set_status(CopierState::Busy, "scanning");
    m_decided = false;
    auto img = scan_locked(r);
    if (img) set_status(CopierState::Ready, "");
    // A refused option leaves the device as it was; a SANE status decided the state itself.
    else if (!m_decided) set_status(before == CopierState::Busy ? CopierState::Ready : before, img.error().message);
    return img;
}

Result<ScanImage> SaneCopier::scan_locked(const ScanRequest& r) {
    SANE_Handle h = H(m_handle);
    auto fail = [&](SANE_Status st, const std::string& what) -> Error {
        Outcome o = outcome_of(st);
        m_decided = true;
        std::string msg = what + ": " + sane_strstatus(st);
        LOG_WARN(kTag) << msg;
        if (o.lost) {
            close_locked();
            set_status(CopierState::NoDevice, msg, "");
        } else {
            set_status(o.state, msg);
        }
        return make_error(o.code, msg);
    };
    // Options first (mode before resolution and geometry: some backends change ranges by mode).
    TRY(set_string(h, SANE_NAME_SCAN_MODE, r.mode == ColorMode::Color ? std::vector<std::string>{"Color", "Colour", "24bit Color"}
                                                                       : std::vector<std::string>{"Gray", "Grayscale", "Grey"}));
    if (auto d = set_number(h, SANE_NAME_BIT_DEPTH, 8); !d && d.error().code != Errc::NotFound) return d.error();
    TRY(set_number(h, SANE_NAME_SCAN_RESOLUTION, r.dpi));
    double gw = glass_width_mm(), gh = glass_height_mm();
    if ((gw > 0 && r.x_mm + r.width_mm > gw + 0.5) || (gh > 0 && r.y_mm + r.height_mm > gh + 0.5))
        return make_error(Errc::InvalidInput, "scan area outside the glass");
    TRY(set_number(h, SANE_NAME_SCAN_TL_X, r.x_mm));
    TRY(set_number(h, SANE_NAME_SCAN_TL_Y, r.y_mm));
    TRY(set_number(h, SANE_NAME_SCAN_BR_X, std::min(gw > 0 ? gw : 1e9, r.x_mm + r.width_mm)));
    TRY(set_number(h, SANE_NAME_SCAN_BR_Y, std::min(gh > 0 ? gh : 1e9, r.y_mm + r.height_mm)));
    for (const auto& [k, v] : m_options.extra_options) TRY(set_any(h, k, v));

    SANE_Status st = sane_start(h);
    if (st != SANE_STATUS_GOOD) {
        auto e = fail(st, "sane_start");
        if (m_handle) sane_cancel(h);
        return e;
    }
    SANE_Parameters p{};
    st = sane_get_parameters(h, &p);
    if (st != SANE_STATUS_GOOD) {
        auto e = fail(st, "sane_get_parameters");
        if (m_handle) sane_cancel(h);
        return e;
    }
    int channels = p.format == SANE_FRAME_GRAY ? 1 : p.format == SANE_FRAME_RGB ? 3 : 0;
    if (channels == 0 || p.depth != 8 || p.pixels_per_line <= 0 || p.bytes_per_line < p.pixels_per_line * channels) {
        sane_cancel(h);
        set_status(CopierState::Error, "unsupported image format");
        return make_error(Errc::HardwareError, "unsupported image format (three-pass or not 8 bits)");
    }
    // Hand scanners do not know the height (lines = -1): allow what the area asks for.
    int lines = p.lines > 0 ? p.lines : int(std::ceil(r.height_mm / 25.4 * r.dpi)) + 16;
    auto img = ScanImage::make(p.pixels_per_line, lines, channels, r.dpi);
    if (!img.valid()) {
        sane_cancel(h);
        return make_error(Errc::Internal, "no memory for the scan");
    }
    // Rows arrive in pieces of any size; padding after each row (bytes_per_line) is dropped.
    const size_t bpl = size_t(p.bytes_per_line), keep = img.stride;
    PixelBuffer chunk(64 * 1024);
    size_t pos = 0;  // bytes of the current row received
    int row = 0;
    for (;;) {
        SANE_Int len = 0;
        st = sane_read(h, chunk.data(), SANE_Int(chunk.size()), &len);
        if (st == SANE_STATUS_EOF) break;
        if (st != SANE_STATUS_GOOD) {
            auto e = fail(st, "sane_read");
            if (m_handle) sane_cancel(h);
            return e;  // img and chunk are wiped on the way out
        }
        for (SANE_Int i = 0; i < len;) {
            size_t take = std::min(size_t(len - i), bpl - pos);
            if (row < img.height && pos < keep) {
                size_t n = std::min(take, keep - pos);
                std::memcpy(img.row(row) + pos, chunk.data() + i, n);
            }
            pos += take;
            i += SANE_Int(take);
            if (pos == bpl) pos = 0, ++row;
        }
    }
    sane_cancel(h);  // ends the scan (SANE requires it after EOF too)
    if (row == 0) {
        set_status(CopierState::Error, "the scanner sent no image");
        return make_error(Errc::HardwareError, "the scanner sent no image");
    }
    img.height = std::min(row, img.height);
    return img;
}

}  // namespace kiosk::copier
