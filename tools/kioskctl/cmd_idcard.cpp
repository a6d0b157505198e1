// kioskctl idcard read / status: read a card or query the SAM through the real serial driver.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

#include "command.h"
#include "drivers/idcard/sam_transport.h"
#include "drivers/idcard/text_block.h"
#include "kiosk/app/device_settings.h"

namespace kiosk::ctl {
namespace {

using namespace kiosk::idcard;

int run_idcard(Context& ctx);
const Register idcard_cmd({"idcard",
                           "idcard read [--port DEV] [--baud N] [--json] [--reveal] [--timeout S]\n"
                           "idcard status [--port DEV] [--baud N]",
                           "Read an ID card (masked unless --reveal) or show the reader's SAM status", run_idcard});

const Command& self() {
    for (const auto& c : commands())
        if (c.name == "idcard") return c;
    return commands().front();
}

Result<SamTransport> open_reader(Context& ctx) {
    TransportOptions o;
    o.path = ctx.take_option("port");
    auto configured = kiosk::reader_settings(ctx.config);
    if (o.path.empty()) o.path = configured.port;
    std::string baud = ctx.take_option("baud");
    o.baud = baud.empty() ? configured.baud : std::atoi(baud.c_str());
    return SamTransport::open(o);
}

std::string shown(const Secret& s, bool reveal, std::string (*mask)(std::string_view)) {
    if (reveal) return std::string(s.reveal());
    return mask ? mask(s.reveal()) : std::string(s.empty() ? "" : "***");
}

int print_identity(const Identity& id, bool json, bool reveal) {
    struct Row {
        const char* key;
        const Secret* value;
        std::string (*mask)(std::string_view);
    };
    const Row rows[] = {{"name", &id.name, mask_name},
                        {"english_name", &id.english_name, mask_name},
                        {"gender", &id.gender, nullptr},
                        {"nation", &id.nation, nullptr},
                        {"birth_date", &id.birth_date, nullptr},
                        {"address", &id.address, nullptr},
                        {"id_number", &id.id_number, mask_id_number},
                        {"issuer", &id.issuer, nullptr},
                        {"valid_from", &id.valid_from, nullptr},
                        {"valid_to", &id.valid_to, nullptr},
                        {"nationality", &id.nationality, nullptr},
                        {"pass_number", &id.pass_number, nullptr},
                        {"issue_count", &id.issue_count, nullptr}};
    if (json) {
        nlohmann::json j;
        j["type"] = card_type_name(id.type);
        j["masked"] = !reveal;
        for (const auto& r : rows)
            if (!r.value->empty()) j[r.key] = shown(*r.value, reveal, r.mask);
        j["photo_bytes"] = id.photo.size();
        std::string text = j.dump(2);
        std::printf("%s\n", text.c_str());
        secure_wipe(text.data(), text.size());
        return 0;
    }
    std::printf("%-12s %s\n", "type", card_type_name(id.type));
    for (const auto& r : rows)
        if (!r.value->empty()) {
            std::string v = shown(*r.value, reveal, r.mask);
            std::printf("%-12s %s\n", r.key, v.c_str());
            secure_wipe(v.data(), v.size());
        }
    std::printf("%-12s %zu bytes\n", "photo", id.photo.size());
    return 0;
}

int run_read(Context& ctx) {
    bool json = ctx.take_flag("json");
    bool reveal = ctx.take_flag("reveal");
    std::string t = ctx.take_option("timeout");
    double timeout_s = t.empty() ? 10.0 : std::atof(t.c_str());
    if (timeout_s <= 0) return usage_error(self(), "--timeout must be a positive number of seconds");
    auto reader = open_reader(ctx);
    if (!ctx.args.empty()) return usage_error(self(), "unexpected argument '" + ctx.args[0] + "'");
    if (!reader) return fail(reader.error().message);
    if (reader->sam_status() != 0x90) return fail("SAM reports " + sam::sw3_name(reader->sam_status()));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
    for (;;) {
        auto f = reader->transact(sam::Command::FindCard);
        if (!f) return fail(f.error().message);
        if (f->sw3 == 0x9F) break;
        if (std::chrono::steady_clock::now() > deadline) return fail("no card on the reader within " + t + (t.empty() ? "10" : "") + " s");
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
    auto sel = reader->transact(sam::Command::SelectCard);
    if (!sel) return fail(sel.error().message);
    if (sel->sw3 != 0x90) return fail("select card: " + sam::sw3_name(sel->sw3));
    auto rd = reader->transact(sam::Command::ReadTextPhoto);
    if (!rd) return fail(rd.error().message);
    if (rd->sw3 != 0x90) return fail("read card: " + sam::sw3_name(rd->sw3));
    auto blocks = sam::split_card_data(rd->data, false);
    secure_wipe(rd->data.data(), rd->data.size());
    if (!blocks) return fail(blocks.error().message);
    Identity id;
    auto st = parse_text_block(blocks->text, id);
    secure_wipe(blocks->text.data(), blocks->text.size());
    if (!st) return fail("card refused: " + st.error().message);
    id.photo.assign(blocks->photo.begin(), blocks->photo.end());
    secure_wipe(blocks->photo.data(), blocks->photo.size());
    return print_identity(id, json, reveal);
}

int run_status(Context& ctx) {
    auto reader = open_reader(ctx);
    if (!ctx.args.empty()) return usage_error(self(), "unexpected argument '" + ctx.args[0] + "'");
    if (!reader) return fail(reader.error().message);
    std::printf("port        %s\nbaud        %d\nsam         %s\n", reader->path().c_str(), reader->baud(),
                sam::sw3_name(reader->sam_status()).c_str());
    auto id = reader->transact(sam::Command::ReadSamId);
    if (id && id->sw3 == 0x90) {
        auto text = sam::format_sam_id(id->data);
        if (text) std::printf("sam id      %s\n", text->c_str());
    }
    return reader->sam_status() == 0x90 ? 0 : 1;
}

int run_idcard(Context& ctx) {
    if (ctx.args.empty()) return usage_error(self(), "missing subcommand");
    std::string sub = ctx.args[0];
    ctx.args.erase(ctx.args.begin());
    if (sub == "read") return run_read(ctx);
    if (sub == "status") return run_status(ctx);
    return usage_error(self(), "unknown subcommand '" + sub + "'");
}

}  // namespace
}  // namespace kiosk::ctl
