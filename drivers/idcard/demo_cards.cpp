// Loading of the demo cards and encoding of their text blocks in the four layouts.
#include "drivers/idcard/demo_cards.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "drivers/idcard/text_block.h"

namespace kiosk::idcard {
namespace {

struct Place {
    const char* field;
    std::size_t offset, size;
};

// Where each field goes, per layout (docs/idcard.md, "The 256-byte text block").
const std::vector<Place>& layout_of(CardType t) {
    static const std::vector<Place> resident = {{"name", 0, 30}, {"gender", 30, 2}, {"nation", 32, 4},
        {"birth_date", 36, 16}, {"address", 52, 70}, {"id_number", 122, 36}, {"issuer", 158, 30},
        {"valid_from", 188, 16}, {"valid_to", 204, 16}};
    static const std::vector<Place> permit = {{"name", 0, 30}, {"gender", 30, 2}, {"birth_date", 36, 16},
        {"address", 52, 70}, {"id_number", 122, 36}, {"issuer", 158, 30}, {"valid_from", 188, 16},
        {"valid_to", 204, 16}, {"pass_number", 220, 18}, {"issue_count", 238, 4}};
    static const std::vector<Place> foreign2017 = {{"english_name", 0, 120}, {"gender", 120, 2},
        {"id_number", 122, 30}, {"nationality", 152, 6}, {"name", 158, 30}, {"valid_from", 188, 16},
        {"valid_to", 204, 16}, {"birth_date", 220, 16}, {"card_version", 236, 4}, {"issuer", 240, 8}};
    static const std::vector<Place> foreign2023 = {{"name", 0, 30}, {"gender", 30, 2}, {"renewal_count", 32, 4},
        {"birth_date", 36, 16}, {"english_name_1", 52, 70}, {"id_number", 122, 36}, {"valid_from", 188, 16},
        {"valid_to", 204, 16}, {"english_name_2", 220, 22}, {"nationality", 242, 6}, {"old_permit_link", 250, 6}};
    switch (t) {
        case CardType::ResidentId: return resident;
        case CardType::ResidencePermit: return permit;
        case CardType::ForeignPermanent2017: return foreign2017;
        case CardType::ForeignPermanent2023: return foreign2023;
    }
    return resident;
}

char flag_of(CardType t) {
    switch (t) {
        case CardType::ResidentId: return ' ';
        case CardType::ResidencePermit: return 'J';
        case CardType::ForeignPermanent2017: return 'I';
        case CardType::ForeignPermanent2023: return 'Y';
    }
    return ' ';
}

/// Splits UTF-8 after `n` code points.
std::pair<std::string, std::string> split_chars(const std::string& s, std::size_t n) {
    std::size_t i = 0, count = 0;
    while (i < s.size() && count < n) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        i += b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
        ++count;
    }
    if (i > s.size()) i = s.size();
    return {s.substr(0, i), s.substr(i)};
}

}  // namespace

std::string CardRecord::field(const std::string& k) const {
    auto it = fields.find(k);
    return it == fields.end() ? std::string() : it->second;
}

std::string default_cards_path() { return std::string(KIOSK_SOURCE_DIR) + "/assets/demo/cards.json"; }

Result<CardType> parse_card_type(const std::string& name) {
    for (CardType t : {CardType::ResidentId, CardType::ResidencePermit, CardType::ForeignPermanent2017, CardType::ForeignPermanent2023})
        if (name == card_type_name(t)) return t;
    return make_error(Errc::InvalidInput, "idcard: unknown card layout '" + name + "'");
}

Result<std::vector<CardRecord>> load_cards(const std::string& path) {
    std::ifstream in(path);
    if (!in) return make_error(Errc::NotFound, "idcard: cannot open cards file " + path);
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("cards") || !j["cards"].is_array())
        return make_error(Errc::InvalidInput, "idcard: " + path + ": expected an object with a \"cards\" array");
    std::vector<CardRecord> cards;
    for (std::size_t i = 0; i < j["cards"].size(); ++i) {
        const auto& c = j["cards"][i];
        std::string where = path + ": /cards/" + std::to_string(i);
        if (!c.is_object() || !c.contains("key") || !c["key"].is_string() || !c.contains("layout") || !c["layout"].is_string())
            return make_error(Errc::InvalidInput, "idcard: " + where + ": needs string \"key\" and \"layout\"");
        CardRecord r;
        r.key = c["key"].get<std::string>();
        auto t = parse_card_type(c["layout"].get<std::string>());
        if (!t) return make_error(Errc::InvalidInput, where + ": " + t.error().message);
        r.type = *t;
        for (auto it = c.begin(); it != c.end(); ++it) {
            if (it.key() == "key" || it.key() == "layout") continue;
            if (!it->is_string()) return make_error(Errc::InvalidInput, "idcard: " + where + "/" + it.key() + ": must be a string");
            r.fields[it.key()] = it->get<std::string>();
        }
        auto block = encode_text_block(r);
        if (!block) return make_error(Errc::InvalidInput, where + ": " + block.error().message);
        cards.push_back(std::move(r));
    }
    return cards;
}

Result<std::vector<std::uint8_t>> encode_text_block(const CardRecord& card) {
    std::vector<std::uint8_t> block(kTextBlockSize, 0);
    for (std::size_t i = 0; i + 1 < block.size(); i += 2) block[i] = 0x20;
    CardRecord c = card;
    if (c.type == CardType::ForeignPermanent2023) {
        auto [a, b] = split_chars(c.field("english_name"), 35);
        c.fields["english_name_1"] = a;
        c.fields["english_name_2"] = b;
    }
    for (const auto& p : layout_of(c.type)) {
        auto st = utf8_to_ucs2le(c.field(p.field), std::span(block).subspan(p.offset, p.size));
        if (!st) return make_error(Errc::InvalidInput, "field " + std::string(p.field) + ": " + st.error().message);
    }
    block[248] = static_cast<std::uint8_t>(flag_of(c.type));
    block[249] = 0;
    return block;
}

std::vector<std::uint8_t> demo_photo(const std::string& key) {
    std::vector<std::uint8_t> photo(1024);
    std::uint32_t x = 2166136261u;
    for (char ch : key) x = (x ^ static_cast<unsigned char>(ch)) * 16777619u;
    for (auto& b : photo) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b = static_cast<std::uint8_t>(x);
    }
    return photo;
}

}  // namespace kiosk::idcard
