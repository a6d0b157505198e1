// DeviceThread: a device's own thread, its listener and its state, the start/stop every driver loop shares.
#pragma once

#include <atomic>
#include <functional>
#include <stop_token>
#include <thread>
#include <utility>

namespace kiosk {

/// The part every device loop repeats (scanners, ID-card readers): start a loop once with
/// the listener its events go to, stop it by asking and joining, and a state that other
/// threads read without blocking. The driver owns one as a member and calls stop() in its
/// destructor, before the members the loop uses are gone.
template <class State, class Event>
class DeviceThread {
public:
    using Listener = std::function<void(const Event&)>;

    explicit DeviceThread(State initial) : m_state(initial) {}
    DeviceThread(const DeviceThread&) = delete;
    DeviceThread& operator=(const DeviceThread&) = delete;
    ~DeviceThread() { stop(); }

    /// Runs `loop(stop_token)` on a thread of its own, events going to `listener`. Does
    /// nothing while a loop runs (a second start() would lose the first listener's thread).
    template <class Loop>
    void start(Listener listener, Loop&& loop) {
        if (m_thread.joinable()) return;
        m_listener = std::move(listener);
        m_thread = std::jthread(std::forward<Loop>(loop));
    }

    /// Asks the loop to stop and waits for it; nothing when none runs. Loops wait with the
    /// stop token (Clock::sleep_for, condition_variable_any), so this returns promptly.
    void stop() {
        if (!m_thread.joinable()) return;
        m_thread.request_stop();
        m_thread.join();
        m_thread = {};
    }

    bool running() const { return m_thread.joinable(); }

    /// The last state set; never blocks.
    State state() const { return m_state.load(); }

    /// Stores `s`; true when it differs from the state before, i.e. when it is news.
    bool set_state(State s) { return m_state.exchange(s) != s; }

    /// True when a listener was given (a loop skips work whose only result is an event).
    bool listening() const { return bool(m_listener); }

    /// Hands `e` to the listener (on the calling thread; loops call it from theirs).
    void emit(const Event& e) const {
        if (m_listener) m_listener(e);
    }

private:
    std::atomic<State> m_state;
    Listener m_listener;
    std::jthread m_thread;
};

}  // namespace kiosk
