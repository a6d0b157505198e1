// kioskctl print FILE, kioskctl printer status, kioskctl printer jobs: printing for technicians in the field.
#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "command.h"
#include "kiosk/app/device_settings.h"

namespace kiosk::ctl {
namespace {
using namespace kiosk::printer;

/// printer.* from the configuration, with --printer URI|NAME choosing a CUPS/IPP printer.
PrinterSettings settings_for(Context& ctx) {
    PrinterSettings s = kiosk::printer_settings(ctx.config);
    std::string dest = ctx.take_option("printer");
    if (!dest.empty()) {
        s.driver = dest.rfind("sim:", 0) == 0 ? "sim" : "cups";
        if (s.driver == "sim") s.sim_dir = dest.substr(4);
        else s.uri = dest;
    }
    return s;
}

bool parse_int(const std::string& text, int lo, int hi, int& out) {
    try {
        size_t used = 0;
        long v = std::stol(text, &used);
        if (used != text.size() || v < lo || v > hi) return false;
        out = int(v);
        return true;
    } catch (...) {
        return false;
    }
}

int run_print(Context& ctx);
const Register print_cmd({"print", "print FILE [--printer URI|NAME] [--copies N] [--timeout S]",
                          "Print a PDF and wait for the outcome (exit 1 with the reason if it fails)", run_print});

int run_print(Context& ctx) {
    const Command& self = *std::find_if(commands().begin(), commands().end(), [](auto& c) { return c.name == "print"; });
    PrinterSettings s = settings_for(ctx);
    int copies = 1, timeout = int(s.job_timeout.count());
    if (auto c = ctx.take_option("copies"); !c.empty() && !parse_int(c, 1, 99, copies))
        return usage_error(self, "--copies must be 1..99");
    if (auto t = ctx.take_option("timeout"); !t.empty() && !parse_int(t, 1, 3600, timeout))
        return usage_error(self, "--timeout must be 1..3600 seconds");
    if (ctx.args.size() != 1) return usage_error(self, "print needs exactly one FILE");
    s.job_timeout = std::chrono::seconds(timeout);
    auto svc = create_print_service(s);
    if (!svc) return fail(svc.error().message);
    auto id = (*svc)->print({ctx.args[0], "kioskctl", copies}, [](const JobRecord& r) {
        std::fprintf(stderr, "job %s: %s%s%s\n", r.id.c_str(), phase_name(r.phase),
                     r.stopped_by ? " — " : "", r.stopped_by ? condition_name(*r.stopped_by) : "");
    });
    if (!id) return fail(id.error().message);
    // The service fails the job at the timeout itself; the extra margin covers the cancel.
    auto r = (*svc)->wait(*id, std::chrono::seconds(timeout) + std::chrono::seconds(15));
    if (!r) return fail(r.error().message);
    if (r->phase == JobPhase::Done) {
        std::printf("printed: job %s (printer job %d on %s)\n", r->id.c_str(), r->printer_job_id, r->destination.c_str());
        return 0;
    }
    return fail(std::string(phase_name(r->phase)) + ": " + r->reason);
}

nlohmann::json status_json(const PrinterStatus& s, const std::string& dest) {
    nlohmann::json j;
    j["destination"] = dest;
    j["availability"] = availability_name(s.availability);
    j["can_print"] = s.can_print();
    j["state"] = s.state;
    j["message"] = s.state_message;
    j["conditions"] = nlohmann::json::array();
    for (Condition c : s.conditions) j["conditions"].push_back(condition_name(c));
    j["reasons"] = s.raw_reasons;
    j["supplies"] = nlohmann::json::array();
    for (const auto& sup : s.supplies) j["supplies"].push_back({{"name", sup.name}, {"type", sup.type}, {"level", sup.level}});
    return j;
}

nlohmann::json job_json(const JobRecord& r) {
    return {{"id", r.id},           {"name", r.name},
            {"phase", phase_name(r.phase)}, {"printer_job_id", r.printer_job_id},
            {"printer_state", job_state_name(r.printer_state)}, {"reason", r.reason},
            {"copies", r.copies},   {"attempts", r.attempts},
            {"destination", r.destination}, {"created_ms", r.created_ms}, {"updated_ms", r.updated_ms}};
}

int run_printer(Context& ctx);
const Register printer_cmd({"printer", "printer status [--printer URI|NAME] [--json]\nprinter jobs [--limit N] [--json]",
                            "Show the printer's state, reasons and supply levels, or the recent print jobs",
                            run_printer});

int run_printer(Context& ctx) {
    const Command& self = *std::find_if(commands().begin(), commands().end(), [](auto& c) { return c.name == "printer"; });
    bool json = ctx.take_flag("json");
    PrinterSettings s = settings_for(ctx);
    std::string limit_text = ctx.take_option("limit");
    if (ctx.args.size() != 1) return usage_error(self, "expected 'status' or 'jobs'");
    if (ctx.args[0] == "status") {
        auto p = create_printer(s);
        if (!p) return fail(p.error().message);
        auto st = (*p)->refresh_status();
        PrinterStatus status = st ? *st : (*p)->status();
        if (json) {
            auto j = status_json(status, (*p)->destination());
            if (!st) j["error"] = st.error().message;
            std::printf("%s\n", j.dump(2).c_str());
        } else {
            std::printf("printer:    %s\n", (*p)->destination().c_str());
            std::printf("state:      %s (%s)%s%s\n", availability_name(status.availability), status.state.c_str(),
                        status.state_message.empty() ? "" : " — ", status.state_message.c_str());
            std::string conds;
            for (Condition c : status.conditions) conds += std::string(conds.empty() ? "" : ", ") + condition_name(c);
            std::printf("conditions: %s\n", conds.empty() ? "none" : conds.c_str());
            std::string reasons;
            for (const auto& r : status.raw_reasons) reasons += (reasons.empty() ? "" : ", ") + r;
            std::printf("reasons:    %s\n", reasons.empty() ? "none" : reasons.c_str());
            for (const auto& sup : status.supplies)
                std::printf("supply:     %-20s %s\n", sup.name.c_str(),
                            sup.level < 0 ? "unknown" : (std::to_string(sup.level) + "%").c_str());
        }
        return st ? 0 : 1;
    }
    if (ctx.args[0] == "jobs") {
        int limit = 20;
        if (!limit_text.empty() && !parse_int(limit_text, 1, 10000, limit)) return usage_error(self, "--limit must be 1..10000");
        auto store = JobStore::open(s.jobs_db);
        if (!store) return fail(store.error().message);
        auto rows = store->recent(size_t(limit));
        if (!rows) return fail(rows.error().message);
        if (json) {
            nlohmann::json j = nlohmann::json::array();
            for (const auto& r : *rows) j.push_back(job_json(r));
            std::printf("%s\n", j.dump(2).c_str());
        } else {
            for (const auto& r : *rows)
                std::printf("%s  %-16s %-15s printer job %-5d %s\n", r.id.c_str(), r.name.c_str(), phase_name(r.phase),
                            r.printer_job_id, r.reason.c_str());
        }
        return 0;
    }
    return usage_error(self, "unknown subcommand '" + ctx.args[0] + "'");
}

}  // namespace
}  // namespace kiosk::ctl
