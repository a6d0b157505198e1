// create_reader: settings → SerialIdCardReader, SimIdCardReader or nothing.
#include "drivers/idcard/reader_factory.h"

#include "drivers/idcard/serial_reader.h"
#include "drivers/idcard/sim_reader.h"

namespace kiosk::idcard {

Result<std::unique_ptr<IdCardReader>> create_reader(const ReaderSettings& c) {
    if (c.driver == "none") return std::unique_ptr<IdCardReader>();
    if (c.driver == "sim") {
        auto r = TRY(SimIdCardReader::create(c.sim_cards.empty() ? default_cards_path() : c.sim_cards));
        return std::unique_ptr<IdCardReader>(std::move(r));
    }
    if (c.driver == "serial") {
        if (c.port.empty()) return make_error(Errc::InvalidInput, "idcard: driver serial needs idcard.port");
        SerialReaderOptions o;
        o.transport.path = c.port;
        o.transport.baud = c.baud;
        return std::unique_ptr<IdCardReader>(std::make_unique<SerialIdCardReader>(std::move(o)));
    }
    return make_error(Errc::InvalidInput, "idcard: unknown driver '" + c.driver + "'");
}

}  // namespace kiosk::idcard
