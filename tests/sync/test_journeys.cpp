// Client calls of the citizen journeys, heartbeat and TLS against platform-sim with the demo identities and cases.
#include <doctest/doctest.h>

#include "kiosk/sync/heartbeat.h"
#include "kiosk/sync/platform_client.h"
#include "sim_process.h"

using namespace kiosk;
using namespace kiosk::sync;

namespace {
std::unique_ptr<PlatformClient> client_for(const test::SimProcess& sim, long timeout_ms = 5000) {
    auto s = sim.settings();
    s.timeout_ms = timeout_ms;
    return PlatformClient::create(s).value();
}
}  // namespace

TEST_CASE("case status returns the demo timelines and refuses a wrong query code") {
    test::SimProcess sim;
    REQUIRE(sim.running());
    auto c = client_for(sim);
    auto ready = c->case_status("SL20261120000123", "8K3Q");
    REQUIRE_MESSAGE(ready.ok(), ready.error().message);
    CHECK(ready->state == "ready");
    CHECK(ready->window == "21");  // 居民身份证换领 is collected at 公安局, 3F 21 (not 不动产登记中心)
    CHECK(ready->floor == 3);
    CHECK(ready->timeline.size() == 4);
    CHECK(c->case_status("SL20261118000045", "Q7P2")->state == "under-review");
    CHECK(c->case_status("SL20261101000777", "M4X9")->state == "needs-material");
    CHECK(c->case_status("SL20261015000310", "T2B6")->state == "posted");
    CHECK(c->case_status("SL20261120000123", "AAAA").error().code == Errc::NotFound);
    CHECK(c->case_status("sl2026", "8K3Q").error().code == Errc::InvalidInput);
    CHECK(c->case_status("SL20261120000123", "8k3q").error().code == Errc::InvalidInput);
}

TEST_CASE("certificates: wang has three, li one, zhao none, and an app login code maps to wang") {
    test::SimProcess sim;
    REQUIRE(sim.running());
    auto c = client_for(sim);
    auto wang = c->certificates_for(Secret("110105198808081237"), Secret("王测试"));
    REQUIRE_MESSAGE(wang.ok(), wang.error().message);
    REQUIRE(wang->size() == 3);
    CHECK((*wang)[0].title == "社保参保证明");
    CHECK((*wang)[1].title == "不动产登记信息查询结果");
    CHECK((*wang)[2].title == "个人纳税证明");
    CHECK(c->certificates_for(Secret("511602197503150026"), Secret("李小测"))->size() == 1);
    auto zhao = c->certificates_for(Secret("440306199901014563"), Secret("赵无证"));
    REQUIRE(zhao.ok());
    CHECK(zhao->empty());
    CHECK(c->certificates_for_login(Secret("demo-login-wang-0001abcd"))->size() == 3);
    CHECK(c->certificates_for_login(Secret("unknown-login-000000000")).error().code == Errc::NotFound);
}

TEST_CASE("case status and certificates carry the platform's optional English beside its Chinese") {
    test::SimProcess sim;
    REQUIRE(sim.running());
    auto c = client_for(sim);
    auto material = c->case_status("SL20261101000777", "M4X9");
    REQUIRE_MESSAGE(material.ok(), material.error().message);
    CHECK(material->service == "国有建设用地使用权及房屋所有权转移登记（二手房买卖）");
    CHECK(material->service_en == "Transfer of land use rights and home ownership (buying a second-hand home)");
    REQUIRE(material->missing.size() == 1);
    REQUIRE(material->missing_en.size() == 1);
    CHECK(material->missing_en[0] == "Original home sale contract");
    REQUIRE(material->timeline.size() == 3);
    CHECK(material->timeline[0].text == "已受理");
    CHECK(material->timeline[0].text_en == "Application received");
    auto wang = c->certificates_for(Secret("110105198808081237"), Secret("王测试"));
    REQUIRE(wang.ok());
    REQUIRE(wang->size() == 3);
    CHECK((*wang)[0].title == "社保参保证明");
    CHECK((*wang)[0].title_en == "Social Insurance Participation Certificate");
    CHECK((*wang)[0].issuer_en == "Demo City Human Resources and Social Security Bureau");
}

TEST_CASE("a certificate PDF is fetched once by its one-time id") {
    test::SimProcess sim;
    REQUIRE(sim.running());
    auto c = client_for(sim);
    auto list = c->certificates_for(Secret("511602197503150026"), Secret("李小测")).value();
    auto pdf = c->fetch_certificate(list.at(0).id);
    REQUIRE_MESSAGE(pdf.ok(), pdf.error().message);
    CHECK(pdf->reveal().substr(0, 5) == "%PDF-");
    CHECK(pdf->reveal().find("%%EOF") != std::string_view::npos);
    CHECK(c->fetch_certificate(list.at(0).id).error().code == Errc::NotFound);
    CHECK(c->fetch_certificate("../../etc").error().code == Errc::InvalidInput);
}

TEST_CASE("journey calls report Unavailable, Timeout and Protocol errors distinctly") {
    test::SimProcess sim;
    REQUIRE(sim.running());
    auto c = client_for(sim, 400);
    REQUIRE(sim.fault("latency", 1, 1500));
    CHECK(c->case_status("SL20261120000123", "8K3Q").error().code == Errc::Timeout);
    REQUIRE(sim.fault("malformed-json", 1));
    CHECK(c->case_status("SL20261120000123", "8K3Q").error().code == Errc::Protocol);
    REQUIRE(sim.fault("500", 1));
    CHECK(c->case_status("SL20261120000123", "8K3Q").error().code == Errc::Unavailable);
    REQUIRE(sim.fault("drop-mid-body", 1));
    CHECK(c->certificates_for_login(Secret("demo-login-wang-0001abcd")).error().code == Errc::Unavailable);
    sim.stop();
    CHECK(c->case_status("SL20261120000123", "8K3Q").error().code == Errc::Unavailable);
}

TEST_CASE("a call for staff sent directly and again through the outbox counts once") {
    test::SimProcess sim;
    REQUIRE(sim.running());
    auto c = client_for(sim);
    auto r = c->call_staff("call-42", "2F hall, kiosk 01", "help with certificate");
    REQUIRE(r.ok());
    CHECK_FALSE(r->duplicate);
    test::TempDir dir;
    auto outbox = Outbox::open(dir.path + "/o.db", {}).value();
    REQUIRE(outbox->post({"call-staff", Priority::CallStaff, "call-42", "{\"location\":\"2F hall, kiosk 01\"}", {}}).ok());
    UploaderOptions uo;
    uo.databases = {dir.path + "/o.db"};
    auto d = Uploader::create(sim.settings(), uo).value()->drain_now();
    CHECK(d.complete);
    CHECK(d.duplicates == 1);
    CHECK(sim.stats()["unique"] == 1);
}

TEST_CASE("the heartbeat reports device health and delivers remote commands to the callback") {
    test::SimProcess sim;
    REQUIRE(sim.running());
    REQUIRE(sim.post("/sim/commands", {{"kind", "show-notice"}, {"text", "maintenance at 22:00"}}));
    std::mutex m;
    std::vector<RemoteCommand> got;
    HeartbeatCallbacks cb;
    cb.health = [] {
        DeviceHealth h;
        h.printer_state = "no-paper";
        h.printer_reasons = {"media-empty"};
        h.app_version = "0.1.0";
        return h;
    };
    cb.on_command = [&](const RemoteCommand& c) {
        std::lock_guard lock(m);
        got.push_back(c);
    };
    auto hb = Heartbeat::create(sim.settings(), std::chrono::seconds(300), cb).value();
    REQUIRE(hb->start().ok());
    REQUIRE(test::eventually([&] {
        std::lock_guard lock(m);
        return !got.empty();
    }));
    {
        std::lock_guard lock(m);
        CHECK(got[0].kind == "show-notice");
        CHECK(got[0].text == "maintenance at 22:00");
    }
    auto last = sim.get("/sim/heartbeats");
    CHECK(last["printer"]["state"] == "no-paper");
    CHECK(last["printer"]["reasons"][0] == "media-empty");
    REQUIRE(sim.post("/sim/commands", {{"kind", "restart"}}));
    hb->beat_now();
    REQUIRE(test::eventually([&] {
        std::lock_guard lock(m);
        return got.size() == 2;
    }));
    hb->stop();
}

TEST_CASE("over HTTPS the kiosk accepts the platform's certificate and refuses a wrong one or a wrong pin") {
    test::TempDir tls;
    auto make_cert = [&](const std::string& name) {
        std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 "
                          "-addext subjectAltName=IP:127.0.0.1 -keyout " + tls.path + "/" + name + ".key -out " + tls.path + "/" + name +
                          ".pem 2>/dev/null";
        return std::system(cmd.c_str()) == 0;
    };
    REQUIRE(make_cert("right"));
    REQUIRE(make_cert("other"));
    test::SimProcess sim({"--tls-cert", tls.path + "/right.pem", "--tls-key", tls.path + "/right.key"}, "https");
    REQUIRE(sim.running());
    auto s = sim.settings();
    s.ca_bundle = tls.path + "/right.pem";
    auto good = PlatformClient::create(s).value()->case_status("SL20261120000123", "8K3Q");
    CHECK_MESSAGE(good.ok(), good.error().message);
    s.ca_bundle = tls.path + "/other.pem";  // the server shows a certificate the kiosk does not trust
    auto bad = PlatformClient::create(s).value()->case_status("SL20261120000123", "8K3Q");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Errc::Unavailable);
    CHECK(bad.error().message.find("tls") == 0);
    s.ca_bundle = tls.path + "/right.pem";
    s.pinned_pubkey = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    auto pinned = PlatformClient::create(s).value()->case_status("SL20261120000123", "8K3Q");
    REQUIRE_FALSE(pinned.ok());
    CHECK(pinned.error().message.find("tls") == 0);
}

TEST_CASE("plain http is refused for any host other than the loopback") {
    PlatformSettings s;
    s.base_url = "http://platform.example.gov.cn";
    CHECK(PlatformClient::create(s).error().code == Errc::InvalidInput);
}
