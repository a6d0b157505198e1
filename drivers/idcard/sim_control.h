// Client of idcard-sim's control socket, and a launcher that runs idcard-sim as a child process.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "base/result.h"

namespace kiosk::idcard {

/// Sends line commands ("place wang", "remove", "fault checksum", "unplug 500", …) to a
/// running idcard-sim. One connection per command, so a client never holds state.
class SimControl {
public:
    explicit SimControl(std::string socket_path) : m_path(std::move(socket_path)) {}
    /// The answer's text after "ok" (often empty); Rejected with the sim's message for
    /// "error: …"; Unavailable when the sim is not listening.
    Result<std::string> send(const std::string& command,
                             std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) const;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

struct SimProcessOptions {
    std::string dir;                     ///< where the link ("idcard") and socket ("control") go
    std::string binary;                  ///< idcard-sim; default: $KIOSK_BIN_DIR-style sibling lookup
    std::vector<std::string> extra_args; ///< e.g. {"--baud", "9600"}
    std::chrono::milliseconds ready_timeout{10000};
};

/// idcard-sim running as a child: started by launch(), which returns once the pty link and
/// the control socket exist; stopped (SIGTERM, then waited for) by the destructor.
class SimProcess {
public:
    static Result<SimProcess> launch(SimProcessOptions options);
    SimProcess(SimProcess&& o) noexcept;
    SimProcess& operator=(SimProcess&&) = delete;
    SimProcess(const SimProcess&) = delete;
    ~SimProcess();

    const std::string& link() const { return m_link; }
    const std::string& control_path() const { return m_control; }
    SimControl control() const { return SimControl(m_control); }
    /// Sends a command and fails loudly (Result error) on anything but "ok".
    Result<std::string> send(const std::string& command) const { return control().send(command); }
    /// Waits until the link path exists again (after "replug") or is gone (after "unplug").
    bool wait_link(bool exists, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) const;
    void terminate();

private:
    SimProcess() = default;
    pid_t m_pid = -1;
    std::string m_link, m_control;
};

}  // namespace kiosk::idcard
