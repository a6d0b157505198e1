// 好差评, 呼叫帮办, heartbeat and remote notices: the real kiosk (scripted) against the real platform-sim.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "kiosk/sync/http.h"
#include "kiosk/sync/outbox.h"
#include "kiosk_run.h"

using namespace kiosk::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kRepo = std::string(KIOSK_SOURCE_DIR);

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

/// A child process (platform-sim or a kiosk), output to a log file; killed on destruction.
class Child {
public:
    Child(const std::vector<std::string>& argv, const std::string& log) : m_log(log) {
        m_pid = fork();
        if (m_pid == 0) {
            int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, 1);
            dup2(fd, 2);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
    }
    ~Child() { stop(); }
    /// Waits up to `seconds` for the exit; its code, or -1 (still running: stopped).
    int wait(int seconds) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (m_pid > 0 && std::chrono::steady_clock::now() < deadline) {
            int st = 0;
            if (waitpid(m_pid, &st, WNOHANG) == m_pid) {
                m_pid = -1;
                return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        stop();
        return -1;
    }
    /// SIGKILL: SDL turns SIGTERM into a quit event, which a scripted run does not act on
    /// (and the outbox is built to survive a kill).
    void stop() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGKILL);
        int st;
        waitpid(m_pid, &st, 0);
        m_pid = -1;
    }
    std::string log() const { return read_file(m_log); }

private:
    pid_t m_pid = -1;
    std::string m_log;
};

/// platform-sim on 127.0.0.1 (port 0: a free one).
struct Sim {
    Sim(const TempDir& dir, int want_port = 0)
        : child({std::string(KIOSK_BIN_DIR) + "/platform-sim", "--port", std::to_string(want_port), "--bind", "127.0.0.1",
                 "--data", dir / "platform", "--assets", kRepo + "/assets/demo/platform", "--port-file", dir / "sim.port"},
                dir / "sim.log"),
          port_file(dir / "sim.port") {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline && port == 0) {
            if (fs::exists(port_file) && !trimmed(read_file(port_file)).empty()) port = std::stoi(trimmed(read_file(port_file)));
            else std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        fs::remove(port_file);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
    json request(const std::string& method, const std::string& path, const std::string& body = {}) {
        kiosk::sync::PlatformSettings s;
        s.base_url = url();
        s.timeout_ms = 10000;
        auto c = kiosk::sync::HttpClient::create(s);
        if (!c) return {};
        auto r = (*c)->request(method, path, body);
        if (!r || r->status != 200) return {};
        return json::parse(std::string(r->body.data(), r->body.size()), nullptr, false);
    }
    json stats() { return request("GET", "/sim/stats"); }
    int64_t count(const std::string& kind) {
        auto s = stats();
        return s.is_object() && s["by_kind"].contains(kind) ? s["by_kind"][kind].get<int64_t>() : 0;
    }
    /// The stored records of one kind (payload unsealed), through /sim/keys and /sim/records.
    std::vector<json> records(const std::string& kind) {
        kiosk::sync::PlatformSettings s;
        s.base_url = url();
        auto c = kiosk::sync::HttpClient::create(s);
        std::vector<json> out;
        if (!c) return out;
        auto keys = (*c)->request("GET", "/sim/keys");
        if (!keys) return out;
        std::string text(keys->body.data(), keys->body.size());
        for (size_t p = 0; p < text.size();) {
            size_t q = text.find('\n', p);
            if (q == std::string::npos) q = text.size();
            auto rec = request("GET", "/sim/records?key=" + text.substr(p, q - p));
            if (rec.is_object() && rec.value("kind", "") == kind) out.push_back(rec);
            p = q + 1;
        }
        return out;
    }
    Child child;
    std::string port_file;
    int port = 0;
};

/// A loopback port nobody listens on (for "platform down"), free for platform-sim later.
int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

template <class F>
bool eventually(F cond, int seconds = 30) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (cond()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return cond();
}

/// The kiosk's options: demo keys, this platform, the simulated printer and scanner.
std::vector<std::string> kiosk_args(const TempDir& dir, const std::string& url, std::vector<std::string> more = {}) {
    std::vector<std::string> a = {"--config", kRepo + "/assets/demo/kiosk.toml",
                                  "--set", "platform.url=" + url,
                                  "--set", "platform.heartbeat_interval_s=10",
                                  "--set", "printer.driver=sim", "--set", "scanner.driver=sim",
                                  "--set", "outbox.backoff_max_s=2"};
    a.insert(a.end(), more.begin(), more.end());
    (void)dir;
    return a;
}

/// Starts the kiosk in the background on `script` (its dump and shots in dir).
std::unique_ptr<Child> start_kiosk(const TempDir& dir, const std::string& script, const std::vector<std::string>& args) {
    write_file(dir / "test.ks", script);
    std::vector<std::string> argv = {std::string(KIOSK_BIN_DIR) + "/kiosk", "--headless", "--state-dir", dir / "state",
                                     "--script", dir / "test.ks", "--screenshots", dir / "shots", "--dump", dir / "dump.json",
                                     "--log-level", "warn"};
    argv.insert(argv.end(), args.begin(), args.end());
    return std::make_unique<Child>(argv, dir / "kiosk.log");
}

/// Copies the run's screenshots to build/tests/sync-module-shots/<prefix>-NAME.png for review.
void keep_shots(const TempDir& dir, const std::string& prefix) {
    std::error_code ec;
    fs::create_directories(SYNC_MODULE_SHOTS, ec);
    if (!fs::exists(dir / "shots")) return;
    for (const auto& e : fs::directory_iterator(dir / "shots"))
        fs::copy_file(e.path(), fs::path(SYNC_MODULE_SHOTS) / (prefix + "-" + e.path().filename().string()),
                      fs::copy_options::overwrite_existing, ec);
}

int64_t outbox_count(const TempDir& dir, kiosk::sync::Priority p) {
    auto q = kiosk::sync::OutboxQueue::open(dir / "state/outbox.db");
    if (!q) return -1;
    auto s = q->stats();
    return s ? s->by_class[int(p)] : -1;
}

// A script step that never succeeds: keeps the kiosk running (real time) until the test stops it.
const std::string kKeepRunning = "wait-for \"(test: keep running)\" 60\n";

}  // namespace

TEST_CASE("a rating (好差评) reaches the platform exactly once, with its reasons and no personal data") {
    TempDir dir("sync-module");
    Sim sim(dir);
    REQUIRE(sim.port > 0);
    auto kiosk = start_kiosk(dir, R"(tap "好差评"
expect-screen rating
screenshot rating-empty
tap "满意"
tap "指引清楚"
tap "打印清晰"
screenshot rating-chosen
tap "提交评价"
expect "感谢您的评价！"
screenshot rating-thanks
wait 9
expect-screen home
)" + kKeepRunning, kiosk_args(dir, sim.url()));
    CHECK_MESSAGE(eventually([&] { return sim.count("rating") == 1 && sim.count("usage") >= 1; }), kiosk->log());
    kiosk->stop();
    keep_shots(dir, "zh");
    auto stats = sim.stats();
    CHECK(stats["duplicates"].get<int64_t>() == 0);
    auto recs = sim.records("rating");
    REQUIRE(recs.size() == 1);
    auto p = recs[0]["payload"];
    CHECK(p["level"] == 4);
    CHECK(p["service"] == "kiosk");
    CHECK(p["reasons"] == json::array({"clear", "print"}));
    CHECK(recs[0]["class"] == "rating");
    CHECK_FALSE(recs[0]["was_sealed"].get<bool>());
    auto usage = sim.records("usage");
    REQUIRE(!usage.empty());
    CHECK(usage[0]["payload"]["screen"] == "rating");
}

TEST_CASE("call staff online: the ticket is shown and the platform holds the call once, with the kiosk's location") {
    TempDir dir("sync-module");
    Sim sim(dir);
    REQUIRE(sim.port > 0);
    auto r = run_kiosk(dir, R"(tap "呼叫帮办"
expect-screen call_staff
expect "1F 24小时自助区"
screenshot call-ready
tap "证件读不出"
tap "呼叫工作人员"
wait-for "工作人员正在赶来" 20
expect "您的呼叫号：T-"
screenshot call-sent
)", kiosk_args(dir, sim.url()));
    CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
    keep_shots(dir, "zh");
    // The direct call and the outbox copy share one key: stored once, whatever arrives when.
    CHECK(eventually([&] { return sim.count("call-staff") == 1; }, 10));
    auto recs = sim.records("call-staff");
    REQUIRE(recs.size() == 1);
    CHECK(recs[0]["payload"]["location"] == "1F 24小时自助区");
    CHECK(recs[0]["payload"]["reason"] == "id_card");
    CHECK(recs[0]["class"] == "call-staff");
}

TEST_CASE("call staff with the platform down: an honest offline message, the call kept and delivered once the platform is up") {
    TempDir dir("sync-module");
    int port = free_port();
    auto kiosk = start_kiosk(dir, R"(tap "呼叫帮办"
tap "呼叫工作人员"
wait-for "已记录您的呼叫" 20
expect "已记录，网络恢复后会通知工作人员，您也可以到一楼服务台。"
expect-not "工作人员正在赶来"
screenshot call-offline
wait-for "工作人员正在赶来" 60
expect "您的呼叫号：T-"
screenshot call-after-reconnect
)", kiosk_args(dir, "http://127.0.0.1:" + std::to_string(port)));
    // The call is in the outbox on disk before the platform exists.
    REQUIRE_MESSAGE(eventually([&] { return outbox_count(dir, kiosk::sync::Priority::CallStaff) == 1; }), kiosk->log());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    Sim sim(dir, port);
    REQUIRE(sim.port == port);
    int rc = kiosk->wait(70);
    CHECK_MESSAGE(rc == 0, kiosk->log());
    keep_shots(dir, "zh");
    CHECK(eventually([&] { return sim.count("call-staff") == 1; }, 20));
    CHECK(sim.stats()["unique"].get<int64_t>() >= 1);
    CHECK(sim.records("call-staff").size() == 1);
}

TEST_CASE("the heartbeat reports the printer's state and a show-notice command appears on the home screen") {
    TempDir dir("sync-module");
    Sim sim(dir);
    REQUIRE(sim.port > 0);
    // Queued before the kiosk starts: delivered with its first heartbeat.
    REQUIRE(sim.request("POST", "/sim/commands", json{{"kind", "show-notice"}, {"text", "今晚22:00起系统维护，自助打印暂停"}}.dump())
                .is_object());
    auto kiosk = start_kiosk(dir, R"(wait-for "通知：今晚22:00起系统维护，自助打印暂停" 30
screenshot home-notice
tap "English"
expect "Notice: 今晚22:00起系统维护，自助打印暂停"
screenshot home-notice-en
tap "中文"
printer media-empty
)" + kKeepRunning, kiosk_args(dir, sim.url()));
    bool seen = eventually([&] {
        auto hb = sim.request("GET", "/sim/heartbeats");
        return hb.is_object() && hb.contains("printer") && hb["printer"].value("state", "") == "no-paper";
    }, 45);
    auto hb = sim.request("GET", "/sim/heartbeats");
    kiosk->stop();
    keep_shots(dir, "zh");
    REQUIRE_MESSAGE(seen, (hb.dump() + "\n" + kiosk->log()));
    CHECK(hb["kiosk_id"] == "kiosk-demo-01");
    CHECK(hb["printer"]["reasons"] == json::array({"media-empty"}));
    CHECK(hb["free_disk_mb"].get<int64_t>() > 0);
    CHECK(hb["uptime_s"].get<int64_t>() >= 0);
    CHECK(hb["app_version"].get<std::string>() != "");
    CHECK(hb["scanner"] == "ready");
    CHECK(hb["outbox"].contains("depth"));
}

TEST_CASE("rating and call staff screens fit in landscape, in English and in large text") {
    struct Variant {
        const char* name;
        std::vector<std::string> set;
        const char* rating_level;
        const char* call;
        int w, h;
    };
    const Variant variants[] = {
        {"landscape", {"--set", "display.orientation=landscape"}, "不满意", "呼叫工作人员", 1920, 1080},
        {"en", {"--set", "kiosk.language=en"}, "Dissatisfied", "Call a member of staff", 1080, 1920},
        {"large", {"--set", "display.large_text=true"}, "非常不满意", "呼叫工作人员", 1080, 1920},
        {"large-landscape", {"--set", "display.large_text=true", "--set", "display.orientation=landscape"}, "基本满意",
         "呼叫工作人员", 1920, 1080},
    };
    for (const auto& v : variants) {
        CAPTURE(v.name);
        TempDir dir("sync-module");
        std::string script = "tap \"" + std::string(v.rating_level == std::string("Dissatisfied") ? "Rate our service" : "好差评") +
                             "\"\ntap \"" + v.rating_level + "\"\nscreenshot rating\ndump rating\nexpect-screen rating\n"
                             "tap \"" + (std::string(v.name) == "en" ? "Home" : "首页") + "\"\n"
                             "tap \"" + (std::string(v.name) == "en" ? "Call staff" : "呼叫帮办") + "\"\n"
                             "screenshot call\ndump call\n";
        // No platform at all: the screens must not depend on it.
        auto r = run_kiosk(dir, script, kiosk_args(dir, "http://127.0.0.1:" + std::to_string(free_port()), v.set));
        CHECK_MESSAGE(r.process.exit_code == 0, r.process.output);
        keep_shots(dir, v.name);
        for (const char* d : {"rating", "call"}) {
            auto dump = json::parse(read_file(dir / "shots/" + d + ".json"), nullptr, false);
            REQUIRE(dump.is_object());
            for (const auto& w : dump["widgets"]) {
                if (!w.contains("bounds")) continue;
                auto b = w["bounds"];
                CAPTURE(w.dump());
                CHECK(b[0].get<int>() >= 0);
                CHECK(b[1].get<int>() >= 0);
                CHECK(b[0].get<int>() + b[2].get<int>() <= v.w);
                CHECK(b[1].get<int>() + b[3].get<int>() <= v.h);
            }
            // Touch targets are never smaller than 1.5 cm (60 px at 40 px/cm).
            for (const auto& w : dump["widgets"])
                if (w.value("tappable", false)) CHECK(w["bounds"][3].get<int>() >= 60);
        }
    }
}
