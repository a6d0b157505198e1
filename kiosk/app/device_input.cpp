// Classification of device output, once, with the configured rules: cards into the session, scans into typed events.
#include "kiosk/app/device_input.h"

#include "base/secret.h"
#include "drivers/scanner/payload.h"
#include "kiosk/app/session.h"

namespace kiosk {

namespace {

using screens::AppEvent;

AppEvent from_reader(idcard::ReaderEvent& e, Session& session) {
    using K = idcard::ReaderEvent::Kind;
    switch (e.kind) {
    case K::CardRead: {
        if (!e.identity) return AppEvent{AppEvent::Kind::CardInvalid, "idcard", "card.read_failed", false};
        screens::CardView view{mask_name(e.identity->name.reveal()), mask_id_number(e.identity->id_number.reveal())};
        session.identity = std::move(e.identity);  // the previous one (if any) wipes itself when dropped
        return AppEvent{AppEvent::Kind::CardPlaced, "idcard", "", true, std::move(view)};
    }
    case K::CardRemoved: return AppEvent{AppEvent::Kind::CardRemoved, "idcard"};
    case K::CardInvalid: return AppEvent{AppEvent::Kind::CardInvalid, "idcard", "card.invalid", false};
    case K::ReadFailed: return AppEvent{AppEvent::Kind::CardInvalid, "idcard", "card.read_failed", false};
    case K::StateChanged:
        return AppEvent{AppEvent::Kind::ReaderFault, "idcard", idcard::reader_state_name(e.state),
                        e.state == idcard::ReaderState::Ready};
    }
    return AppEvent{AppEvent::Kind::ReaderFault, "idcard"};
}

std::optional<AppEvent> from_scanner(scanner::ScanEvent& e, Session& session, const InputRules& rules) {
    using K = scanner::ScanEvent::Kind;
    if (e.kind == K::StateChanged) return std::nullopt;
    if (e.kind == K::Unreadable)  // bytes that are not text in the scanner's charset
        return AppEvent{AppEvent::Kind::ScanRejected, "scanner", "scan.rejected.unreadable", false};
    auto payload = scanner::classify_payload(e.text, rules.allowed_hosts);
    secure_wipe(e.text.data(), e.text.size());  // a receipt's query code or a login token
    if (auto* c = std::get_if<scanner::CaseReceipt>(&payload)) {
        screens::ScannedReceipt r{std::move(c->case_no), std::move(c->query_code)};
        return AppEvent{AppEvent::Kind::ReceiptScanned, "scanner", "", true, std::move(r)};
    }
    if (auto* l = std::get_if<scanner::LoginToken>(&payload)) {
        session.login_token = Secret(l->token);
        secure_wipe(l->token.data(), l->token.size());
        return AppEvent{AppEvent::Kind::LoginCodeScanned, "scanner"};
    }
    if (auto* u = std::get_if<scanner::Url>(&payload)) return AppEvent{AppEvent::Kind::UrlScanned, "scanner", u->url};
    const auto& rejected = std::get<scanner::Rejected>(payload);
    return AppEvent{AppEvent::Kind::ScanRejected, "scanner", rejected.message_key, false};
}

}  // namespace

std::optional<AppEvent> classify_device_input(DeviceInput input, Session& session, const InputRules& rules) {
    if (auto* r = std::get_if<idcard::ReaderEvent>(&input)) return from_reader(*r, session);
    return from_scanner(std::get<scanner::ScanEvent>(input), session, rules);
}

}  // namespace kiosk
