// Demo / simulated cards: loading assets/demo/cards.json and encoding a card's text block.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "drivers/idcard/idcard_reader.h"

namespace kiosk::idcard {

/// One fictional card as written in cards.json: a key ("wang"), a layout and its fields as
/// stored on the card (codes, not names). Demo data only: never a real person's card.
struct CardRecord {
    std::string key;
    CardType type = CardType::ResidentId;
    std::map<std::string, std::string> fields;  ///< name, gender, nation, birth_date, …
    std::string field(const std::string& k) const;
};

/// The cards.json shipped in the source tree (assets/demo/cards.json).
std::string default_cards_path();
/// Loads every card of a cards.json; an unknown layout or a field that will not fit its
/// place in the text block is an error naming the card and the field.
Result<std::vector<CardRecord>> load_cards(const std::string& path);
/// Parses a layout name ("resident", "permit", "foreign-2017", "foreign-2023").
Result<CardType> parse_card_type(const std::string& name);

/// The 256-byte text block a reader would send for `card` (encoded, not validated: the
/// "bad" demo card keeps its wrong check character).
Result<std::vector<std::uint8_t>> encode_text_block(const CardRecord& card);
/// 1024 opaque bytes standing in for the card's compressed photo (derived from the key).
std::vector<std::uint8_t> demo_photo(const std::string& key);

}  // namespace kiosk::idcard
