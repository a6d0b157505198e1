// The ID-card reader interface: status and events; the identity read is personal data.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/secret.h"

namespace kiosk::idcard {

/// The four layouts of the 256-byte text block (docs/idcard.md, "The 256-byte text block", flag at 248).
enum class CardType { ResidentId, ResidencePermit /* HK/Macao/Taiwan */, ForeignPermanent2017, ForeignPermanent2023 };
/// "resident", "permit", "foreign-2017", "foreign-2023".
const char* card_type_name(CardType);

/// Opaque bytes (the photo) in a buffer that is zeroed before it is freed.
using WipedBytes = std::vector<unsigned char, WipingAllocator<unsigned char>>;

/// What an ID card holds. Every field is personal data; the photo stays opaque bytes.
/// Text fields are UTF-8 with the card's space padding removed.
struct Identity {
    CardType type = CardType::ResidentId;
    Secret name;            ///< Chinese name (or the English name on a 2017 foreign card without one)
    Secret english_name;    ///< foreign cards only
    Secret gender;          ///< 男 / 女 / 未知 / 未说明
    Secret nation;          ///< 汉, … (resident card only)
    Secret birth_date;      ///< YYYYMMDD
    Secret address;         ///< resident card and residence permit
    Secret id_number;       ///< ID number, or the permit number on a foreign card
    Secret issuer;          ///< issuing authority (its code on a 2017 foreign card)
    Secret valid_from;      ///< YYYYMMDD
    Secret valid_to;        ///< YYYYMMDD or 长期
    Secret nationality;     ///< ISO 3166 alpha-3, foreign cards
    Secret pass_number;     ///< residence permit: the HK/Macao/Taiwan travel permit number
    Secret issue_count;     ///< residence permit: issue count; 2023 foreign card: renewal count
    WipedBytes photo;       ///< proprietary compressed format, never decoded here
    WipedBytes fingerprint; ///< opaque, often empty

    Identity() = default;
    Identity(const Identity&) = default;
    Identity(Identity&&) = default;
    Identity& operator=(const Identity&) = default;
    Identity& operator=(Identity&&) = default;
    /// Clears every field, photo included, zeroing the memory it used.
    void wipe();
    ~Identity() { wipe(); }
};

enum class ReaderState { Ready, NoDevice, Fault };
/// "ready", "no-device", "fault".
const char* reader_state_name(ReaderState);

struct ReaderEvent {
    enum class Kind {
        CardRead,      ///< identity holds a card that passed every check
        CardRemoved,   ///< the card read (or refused) left the reader
        CardInvalid,   ///< the card was read but its data is wrong (GB 11643 check character, dates…)
        ReadFailed,    ///< the read itself failed (card lifted, checksum, SW3 error, timeout)
        StateChanged,  ///< state holds the new reader state
    } kind;
    std::shared_ptr<Identity> identity;  ///< CardRead only
    ReaderState state = ReaderState::Ready;
    std::string message;                 ///< for technicians (never personal data)
};
/// "card-read", "card-removed", …
const char* event_kind_name(ReaderEvent::Kind);

using ReaderListener = std::function<void(const ReaderEvent&)>;

class IdCardReader {
public:
    virtual ~IdCardReader() = default;
    /// Cached; never blocks.
    virtual ReaderState state() const = 0;
    /// Starts the reader loop on its own thread; events arrive on that thread.
    virtual void start(ReaderListener) = 0;
    /// Stops the loop and joins its thread; no event arrives after it returns.
    virtual void stop() = 0;
};

}  // namespace kiosk::idcard
