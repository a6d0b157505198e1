// kioskctl scan decode IMAGE | scan listen: decode a QR image, or watch a real scanner and classify what it reads.
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>

#include <nlohmann/json.hpp>

#include "command.h"
#include "base/secret.h"
#include "drivers/scanner/payload.h"
#include "drivers/scanner/qr_decode.h"
#include "drivers/scanner/scanner.h"
#include "kiosk/app/device_settings.h"

namespace kiosk::ctl {
namespace {

using namespace kiosk::scanner;

int run_scan(Context& ctx);
const Register scan_cmd({"scan",
                         "scan decode IMAGE [--json]\n"
                         "scan listen [--port DEV [--baud N] [--charset C] [--terminator T] | --hid VID:PID|PATH] "
                         "[--count N] [--timeout S] [--json] [--reveal]",
                         "Decode a QR code from an image, or print what a scanner reads and what the kiosk makes of it",
                         run_scan});

const Command& self() {
    for (const auto& c : commands())
        if (c.name == "scan") return c;
    return commands().front();
}

/// Classification as JSON. Without `reveal`, what works as a password (query code, login
/// token) is hidden and the case number and URL path are shortened: a technician's screen
/// may be seen by citizens.
nlohmann::json describe_payload(const std::string& text, const std::vector<std::string>& hosts, bool reveal) {
    Payload p = classify_payload(text, hosts);
    nlohmann::json j{{"kind", payload_kind_name(p)}};
    if (auto* c = std::get_if<CaseReceipt>(&p)) {
        j["case_no"] = reveal ? c->case_no : mask_middle(c->case_no, 4, 4);
        j["query_code"] = reveal ? c->query_code : std::string(c->query_code.size(), '*');
    } else if (auto* l = std::get_if<LoginToken>(&p)) {
        j["token"] = reveal ? l->token : "(" + std::to_string(l->token.size()) + " characters)";
    } else if (auto* u = std::get_if<Url>(&p)) {
        j["host"] = u->host;
        if (reveal) j["url"] = u->url;
    } else if (auto* r = std::get_if<Rejected>(&p)) {
        j["reason"] = reject_reason_name(r->reason);
        j["message_key"] = r->message_key;
        j["detail"] = r->detail;
        j["bytes"] = text.size();
    }
    return j;
}

std::string one_line(const nlohmann::json& j) {
    std::string kind = j["kind"];
    if (kind == "case-receipt") return kind + " " + j["case_no"].get<std::string>() + " " + j["query_code"].get<std::string>();
    if (kind == "login-token") return kind + " " + j["token"].get<std::string>();
    if (kind == "url") return kind + " " + (j.contains("url") ? j["url"].get<std::string>() : j["host"].get<std::string>());
    return kind + " " + j["reason"].get<std::string>() + ": " + j["detail"].get<std::string>();
}

int run_decode(Context& ctx, bool json) {
    if (ctx.args.size() != 1) return usage_error(self(), "scan decode needs exactly one IMAGE");
    const std::string& path = ctx.args[0];
    auto texts = decode_image_file(path);
    if (!texts) {
        if (json)
            std::printf("%s\n", nlohmann::json{{"image", path}, {"ok", false}, {"error", errc_name(texts.error().code)},
                                               {"message", texts.error().message}}
                                    .dump()
                                    .c_str());
        return fail(texts.error().message);
    }
    const auto& hosts = ctx.config.list("scanner.allowed_hosts");
    if (json) {
        nlohmann::json codes = nlohmann::json::array();
        for (const auto& t : *texts) {
            nlohmann::json c = describe_payload(t, hosts, true);
            // The decoded text may be any bytes; dump() must not throw on invalid UTF-8.
            c["text"] = is_valid_utf8(t) ? t : std::string("(invalid UTF-8)");
            codes.push_back(c);
        }
        std::printf("%s\n", nlohmann::json{{"image", path}, {"ok", true}, {"codes", codes}}.dump(2).c_str());
    } else {
        for (const auto& t : *texts) std::printf("%s\n", t.c_str());
    }
    return 0;
}

int run_listen(Context& ctx, bool json) {
    bool reveal = ctx.take_flag("reveal");
    ScannerSettings opt = kiosk::scanner_settings(ctx.config);
    std::string port = ctx.take_option("port"), hid = ctx.take_option("hid");
    std::string baud = ctx.take_option("baud"), charset = ctx.take_option("charset"), term = ctx.take_option("terminator");
    std::string count_s = ctx.take_option("count"), timeout_s = ctx.take_option("timeout");
    if (!ctx.args.empty()) return usage_error(self(), "unexpected argument '" + ctx.args[0] + "'");
    if (!port.empty() && !hid.empty()) return usage_error(self(), "give --port or --hid, not both");
    if (!port.empty()) opt.driver = "serial", opt.port = port;
    if (!hid.empty()) opt.driver = "hid", opt.hid_device = hid;
    if (!baud.empty()) opt.baud = std::atoi(baud.c_str());
    if (!charset.empty()) opt.charset = charset;
    if (!term.empty()) opt.terminator = term;
    opt.camera_enabled = false;  // a technician tests one device at a time
    if (opt.driver != "serial" && opt.driver != "hid")
        return usage_error(self(), "no scanner to listen to: give --port or --hid (scanner.driver is " + opt.driver + ")");
    int count = count_s.empty() ? 1 : std::atoi(count_s.c_str());
    int timeout = timeout_s.empty() ? 30 : std::atoi(timeout_s.c_str());
    if (count < 1 || timeout < 0) return usage_error(self(), "--count must be >= 1 and --timeout >= 0");

    auto scanner = create_scanner(opt);
    if (!scanner) return fail(scanner.error().message, 2);
    std::mutex m;
    std::condition_variable cv;
    std::deque<ScanEvent> queue;
    (*scanner)->start([&](const ScanEvent& e) {
        std::lock_guard lock(m);
        queue.push_back(e);
        cv.notify_one();
    });
    std::fprintf(stderr, "kioskctl: listening on %s\n", (*scanner)->describe().c_str());
    const auto& hosts = ctx.config.list("scanner.allowed_hosts");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
    int got = 0;
    while (got < count) {
        std::unique_lock lock(m);
        bool any = timeout == 0 ? (cv.wait(lock, [&] { return !queue.empty(); }), true)
                                : cv.wait_until(lock, deadline, [&] { return !queue.empty(); });
        if (!any) break;
        ScanEvent e = std::move(queue.front());
        queue.pop_front();
        lock.unlock();
        nlohmann::json j;
        if (e.kind == ScanEvent::Kind::StateChanged) {
            if (json) j = {{"event", "state"}, {"state", scanner_state_name(e.state)}, {"message", e.message}};
            else std::fprintf(stderr, "scanner: %s%s%s\n", scanner_state_name(e.state), e.message.empty() ? "" : " - ", e.message.c_str());
        } else if (e.kind == ScanEvent::Kind::Unreadable) {
            ++got;
            if (json) j = {{"event", "unreadable"}, {"message", e.message}};
            else std::printf("unreadable %s\n", e.message.c_str());
        } else {
            ++got;
            nlohmann::json d = describe_payload(e.text, hosts, reveal);
            if (json) {
                j = d;
                j["event"] = "scan";
            } else {
                std::printf("%s\n", one_line(d).c_str());
            }
        }
        if (json && !j.is_null()) std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        std::fflush(stdout);
    }
    (*scanner)->stop();
    if (got < count) return fail("timeout after " + std::to_string(timeout) + " s: " + std::to_string(got) + " of " +
                                 std::to_string(count) + " codes");
    return 0;
}

int run_scan(Context& ctx) {
    if (ctx.args.empty()) return usage_error(self(), "missing subcommand");
    std::string sub = ctx.args[0];
    ctx.args.erase(ctx.args.begin());
    bool json = ctx.take_flag("json");
    if (sub == "decode") return run_decode(ctx, json);
    if (sub == "listen") return run_listen(ctx, json);
    return usage_error(self(), "unknown subcommand '" + sub + "'");
}

}  // namespace
}  // namespace kiosk::ctl
