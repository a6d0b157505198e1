// Identity wiping and the names of card types, reader states and events.
#include "drivers/idcard/idcard_reader.h"

namespace kiosk::idcard {

void Identity::wipe() {
    for (Secret* s : {&name, &english_name, &gender, &nation, &birth_date, &address, &id_number, &issuer, &valid_from,
                      &valid_to, &nationality, &pass_number, &issue_count})
        s->wipe();
    for (WipedBytes* b : {&photo, &fingerprint}) {
        secure_wipe(b->data(), b->capacity());
        b->clear();
    }
}

const char* card_type_name(CardType t) {
    switch (t) {
        case CardType::ResidentId: return "resident";
        case CardType::ResidencePermit: return "permit";
        case CardType::ForeignPermanent2017: return "foreign-2017";
        case CardType::ForeignPermanent2023: return "foreign-2023";
    }
    return "?";
}

const char* reader_state_name(ReaderState s) {
    switch (s) {
        case ReaderState::Ready: return "ready";
        case ReaderState::NoDevice: return "no-device";
        case ReaderState::Fault: return "fault";
    }
    return "?";
}

const char* event_kind_name(ReaderEvent::Kind k) {
    using K = ReaderEvent::Kind;
    switch (k) {
        case K::CardRead: return "card-read";
        case K::CardRemoved: return "card-removed";
        case K::CardInvalid: return "card-invalid";
        case K::ReadFailed: return "read-failed";
        case K::StateChanged: return "state-changed";
    }
    return "?";
}

}  // namespace kiosk::idcard
