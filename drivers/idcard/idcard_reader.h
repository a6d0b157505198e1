// The ID-card reader interface: status and events; the identity read is personal data.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "drivers/common/result.h"
#include "drivers/common/secret.h"

namespace kiosk::idcard {

enum class CardType { ResidentId, ResidencePermit /* HK/Macao/Taiwan */, ForeignPermanent2017, ForeignPermanent2023 };

/// What an ID card holds. Every field is personal data; the photo stays opaque bytes.
struct Identity {
    CardType type = CardType::ResidentId;
    Secret name;            ///< Chinese name (or English name on a 2017 foreign card)
    Secret english_name;    ///< foreign cards only
    Secret gender;          ///< 男 / 女 / 未知 / 未说明
    Secret nation;          ///< 汉, … (resident card only)
    Secret birth_date;      ///< YYYYMMDD
    Secret address;
    Secret id_number;
    Secret issuer;
    Secret valid_from;      ///< YYYYMMDD
    Secret valid_to;        ///< YYYYMMDD or 长期
    Secret nationality;     ///< ISO 3166 alpha-3, foreign cards
    std::vector<unsigned char> photo;
    void wipe();
    ~Identity() { wipe(); }
};

enum class ReaderState { Ready, NoDevice, Fault };
const char* reader_state_name(ReaderState);

struct ReaderEvent {
    enum class Kind { CardRead, CardRemoved, CardInvalid, ReadFailed, StateChanged } kind;
    std::shared_ptr<Identity> identity;  ///< CardRead only
    ReaderState state = ReaderState::Ready;
    std::string message;                 ///< for technicians (never personal data)
};

using ReaderListener = std::function<void(const ReaderEvent&)>;

class IdCardReader {
public:
    virtual ~IdCardReader() = default;
    virtual ReaderState state() const = 0;
    /// Starts the reader loop on its own thread; events arrive on that thread.
    virtual void start(ReaderListener) = 0;
    virtual void stop() = 0;
};

}  // namespace kiosk::idcard
