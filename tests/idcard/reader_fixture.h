// Test fixture: idcard-sim on a real pty as a child process, the serial reader on it, an event log.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "drivers/idcard/serial_reader.h"
#include "drivers/idcard/sim_control.h"

namespace kiosk::idcard::test {

using namespace std::chrono_literals;
using K = ReaderEvent::Kind;

/// A fresh directory under /tmp, removed (with what the sim left) at the end.
struct TempDir {
    std::string path;
    TempDir() {
        char tmpl[] = "/tmp/idcard-test-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

/// Every event the reader posted, in order; tests wait for the next one of a kind.
class EventLog {
public:
    void operator()(const ReaderEvent& e) {
        std::lock_guard lock(m_mutex);
        m_events.push_back(e);
        m_cv.notify_all();
    }
    /// The next event of `kind` after those already taken; nullopt after `timeout`.
    std::optional<ReaderEvent> next(K kind, std::chrono::milliseconds timeout = 8000ms) {
        std::unique_lock lock(m_mutex);
        std::optional<ReaderEvent> found;
        m_cv.wait_for(lock, timeout, [&] {
            for (std::size_t i = m_cursor[int(kind)]; i < m_events.size(); ++i)
                if (m_events[i].kind == kind) {
                    m_cursor[int(kind)] = i + 1;
                    found = m_events[i];
                    return true;
                }
            return false;
        });
        return found;
    }
    /// Waits for a StateChanged to `state`.
    bool wait_state(ReaderState state, std::chrono::milliseconds timeout = 8000ms) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto e = next(K::StateChanged, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
            if (e && e->state == state) return true;
        }
        return false;
    }
    int count(K kind) {
        std::lock_guard lock(m_mutex);
        int n = 0;
        for (const auto& e : m_events) n += e.kind == kind;
        return n;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<ReaderEvent> m_events;
    std::size_t m_cursor[5] = {0, 0, 0, 0, 0};
};

inline std::string sim_binary() { return std::string(KIOSK_BIN_DIR) + "/idcard-sim"; }

/// idcard-sim + SerialIdCardReader, with timeouts short enough for quick tests.
struct ReaderRig {
    TempDir dir;
    std::optional<SimProcess> sim;
    std::unique_ptr<SerialIdCardReader> reader;
    EventLog events;

    explicit ReaderRig(std::vector<std::string> sim_args = {}, int reader_baud = 0) {
        auto s = SimProcess::launch({dir.path, sim_binary(), sim_args});
        REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
        sim.emplace(std::move(s.value()));
        SerialReaderOptions o;
        o.transport.path = sim->link();
        o.transport.baud = reader_baud;
        o.transport.reply_timeout = 600ms;
        o.poll_interval = 40ms;
        o.reconnect_interval = 80ms;
        reader = std::make_unique<SerialIdCardReader>(o);
        reader->start([this](const ReaderEvent& e) { events(e); });
        REQUIRE(events.wait_state(ReaderState::Ready));
    }
    ~ReaderRig() { reader->stop(); }

    void send(const std::string& cmd) {
        auto r = sim->send(cmd);
        REQUIRE_MESSAGE(r.ok(), cmd << ": " << (r.ok() ? "" : r.error().message));
    }
    /// Places a card and returns the event that followed (CardRead, CardInvalid or ReadFailed).
    ReaderEvent place_and_wait(const std::string& card) {
        send("place " + card);
        auto deadline = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < deadline) {
            for (K k : {K::CardRead, K::CardInvalid, K::ReadFailed})
                if (auto e = events.next(k, 20ms)) return *e;
        }
        FAIL("no read event after placing " << card);
        return ReaderEvent{K::ReadFailed};
    }
};

}  // namespace kiosk::idcard::test
