// Test rig for the citizen journeys: platform-sim, idcard-sim and the real kiosk binary run as processes.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "drivers/idcard/sim_control.h"

namespace kiosk::journeys::test {

/// A fresh temp dir, removed at the end (unless KIOSK_KEEP_TEST_DIRS is set).
struct Dir {
    Dir();
    ~Dir();
    std::string path;
    std::string operator/(const std::string& n) const { return path + "/" + n; }
};

/// A child process with its output in a file; stopped (SIGTERM, then SIGKILL) when dropped.
class Child {
public:
    Child(const std::vector<std::string>& argv, const std::string& log_path);
    ~Child();
    pid_t pid() const { return m_pid; }
    /// Waits for the exit; -1 on timeout (the child is then killed).
    int wait(std::chrono::seconds timeout);
    void stop();

private:
    pid_t m_pid = -1;
    int m_exit = -1;
};

/// platform-sim on a free loopback port, with the demo assets.
class Platform {
public:
    explicit Platform(const std::string& dir);
    bool started() const { return m_port > 0; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    /// POST /sim/faults with this JSON body; true on 200.
    bool fault(const nlohmann::json& body);
    /// GET path → JSON (null on error).
    nlohmann::json get(const std::string& path);

private:
    std::unique_ptr<Child> m_child;
    int m_port = 0;
};

/// Everything a scripted journey needs.
struct Rig {
    Dir dir;
    std::unique_ptr<Platform> platform;
    std::optional<idcard::SimProcess> card;
    std::string platform_url;  ///< platform->url(), or a dead port for "platform down"
    std::vector<std::string> extra;  ///< more kiosk arguments (--set …)

    /// Starts platform-sim (unless `with_platform` is false: the URL then points at a port
    /// nobody listens on) and idcard-sim.
    explicit Rig(bool with_platform = true);
    std::vector<std::string> kiosk_args(const std::string& script_text) const;
    /// Runs the kiosk to the end of the script; returns its exit code (-1: timed out).
    int run(const std::string& script_text, std::chrono::seconds timeout = std::chrono::seconds(60));
    /// Starts the kiosk without waiting.
    std::unique_ptr<Child> start(const std::string& script_text) const;
    std::string log() const;                 ///< the kiosk's output (for failure messages)
    nlohmann::json dump() const;             ///< dump.json of the last run
    std::string shot(const std::string& name) const { return dir / ("shots/" + name + ".png"); }
    /// Every file under the state dir, concatenated (to check nothing personal is on disk).
    std::string state_bytes() const;
};

/// The certificate journey up to a print in progress (wang's 社保参保证明, one page), for tests
/// of what happens while it prints.
inline constexpr const char* kCertificatePrintSteps = R"(tap "证明打印"
card wang
wait-for "请核对您的身份" 10
tap "是我本人，查询我的证明"
wait-for "社保参保证明" 10
tap "社保参保证明"
wait-for "打印（共 1 页，免费）" 10
tap "打印（共 1 页，免费）"
wait-for "正在打印，请稍候…" 20
)";

/// Makes the printer in `printer_dir` (an IppPrinter's dir()) keep every job "processing" while
/// the returned flag file exists, as a printer waiting for paper does; remove it to let it finish.
std::string hold_jobs_while_flag(const std::string& printer_dir);

/// Polls `pred` every 20 ms until true or `deadline`.
template <class F>
bool eventually(F pred, std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
    auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        struct timespec ts{0, 20'000'000};
        nanosleep(&ts, nullptr);
    }
    return pred();
}

bool file_exists(const std::string& path);
std::string read_all(const std::string& path);

/// Searches the readable memory of process `pid` for `needle`; returns the hit count
/// (-1 when the memory cannot be read).
long count_in_memory(pid_t pid, const std::string& needle);

/// One form of a piece of personal data as it may sit in memory ("name UCS-2LE": bytes).
struct MemoryNeedle {
    std::string what;
    std::string bytes;
};
/// `utf8` as an attacker would look for it: UTF-8 (= ASCII for digits), UCS-2LE (what the
/// ID card sends) and GB18030 (what older Chinese software uses); forms equal to an earlier
/// one are left out.
std::vector<MemoryNeedle> encodings_of(const std::string& label, const std::string& utf8);

/// The result of one scan: hits per needle, and where the first ones were (for the failure
/// message: region and the bytes before the hit, which name the buffer that kept it).
struct MemoryScan {
    bool readable = false;
    std::vector<std::pair<std::string, long>> hits;  ///< in the order of the needles
    std::string where;
    long count(const std::string& what) const;
    long total() const;
    /// Hits of every needle whose label starts with `prefix` ("name", "id").
    long total_of(const std::string& prefix) const;
    std::string report() const;
};
/// Reads every writable mapping of `pid` through /proc/PID/mem (root, or ptrace rights) and
/// counts each needle.
MemoryScan scan_memory(pid_t pid, const std::vector<MemoryNeedle>& needles);

/// Stops `pid` (SIGSTOP) for the lifetime of the object, so a scan sees one moment.
struct Paused {
    explicit Paused(pid_t pid);
    ~Paused();
    pid_t pid;
};

/// The demo's test identity (assets/demo/cards.json, fictional): never a real person.
inline const std::string kWangName = "王测试";
inline const std::string kWangId = "110105198808081237";

}  // namespace kiosk::journeys::test
