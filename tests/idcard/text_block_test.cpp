// The text block parser: all four layouts built by hand at the spec's offsets, codes, checks, wiping.
#include <doctest/doctest.h>

#include <string>

#include "drivers/idcard/demo_cards.h"
#include "drivers/idcard/text_block.h"

using namespace kiosk::idcard;
using kiosk::Errc;

namespace {

using Block = std::vector<std::uint8_t>;

Block blank(char16_t flag) {
    Block b(256);
    for (std::size_t i = 0; i < 256; i += 2) b[i] = 0x20;
    b[248] = static_cast<std::uint8_t>(flag);
    return b;
}

/// Writes UTF-16 text LE at `offset`, padded with spaces to `size` bytes (independent of the
/// library's encoder, so a shared mistake cannot hide).
void put(Block& b, std::size_t offset, std::size_t size, std::u16string_view text) {
    REQUIRE(text.size() * 2 <= size);
    for (std::size_t i = 0; i < size / 2; ++i) {
        char16_t c = i < text.size() ? text[i] : u' ';
        b[offset + 2 * i] = static_cast<std::uint8_t>(c & 0xFF);
        b[offset + 2 * i + 1] = static_cast<std::uint8_t>(c >> 8);
    }
}

Block resident(std::u16string_view id = u"110105198808081237", std::u16string_view valid_to = u"20380808") {
    Block b = blank(u' ');
    put(b, 0, 30, u"王测试");
    put(b, 30, 2, u"1");
    put(b, 32, 4, u"01");
    put(b, 36, 16, u"19880808");
    put(b, 52, 70, u"北京市朝阳区演示路1号");
    put(b, 122, 36, id);
    put(b, 158, 30, u"北京市公安局朝阳分局");
    put(b, 188, 16, u"20180808");
    put(b, 204, 16, valid_to);
    return b;
}

std::string s(const kiosk::Secret& v) { return std::string(v.reveal()); }

}  // namespace

TEST_CASE("a resident ID card's text block parses into every field") {
    Identity id;
    auto st = parse_text_block(resident(), id);
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    CHECK(id.type == CardType::ResidentId);
    CHECK(s(id.name) == "王测试");
    CHECK(s(id.gender) == "男");
    CHECK(s(id.nation) == "汉");
    CHECK(s(id.birth_date) == "19880808");
    CHECK(s(id.address) == "北京市朝阳区演示路1号");
    CHECK(s(id.id_number) == "110105198808081237");
    CHECK(s(id.issuer) == "北京市公安局朝阳分局");
    CHECK(s(id.valid_from) == "20180808");
    CHECK(s(id.valid_to) == "20380808");
}

TEST_CASE("a card valid for the long term keeps 长期 as its end date") {
    Identity id;
    REQUIRE(parse_text_block(resident(u"11010519491231002X", u"长期"), id).ok());
    CHECK(s(id.valid_to) == "长期");
    CHECK(s(id.id_number) == "11010519491231002X");
}

TEST_CASE("a card whose ID number fails the GB 11643 check character is refused with a clear message") {
    Identity id;
    auto st = parse_text_block(resident(u"110105198808081230"), id);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == Errc::InvalidInput);
    CHECK(st.error().message.find("GB 11643 check character") != std::string::npos);
    CHECK(st.error().message.find("110105") == std::string::npos);  // never the number itself
    CHECK(id.name.empty());
}

TEST_CASE("GB 11643 check characters of the spec's examples") {
    CHECK(gb11643_valid("11010519491231002X"));
    CHECK(gb11643_valid("932682198501010017"));
    CHECK(gb11643_valid("911124198108030024"));
    CHECK(gb11643_valid("110105198808081237"));
    CHECK(gb11643_valid("511602197503150026"));
    CHECK(gb11643_valid("440306199901014563"));
    CHECK_FALSE(gb11643_valid("110105198808081230"));
    CHECK_FALSE(gb11643_valid("11010519880808123"));
    CHECK_FALSE(gb11643_valid("1101051988080812a7"));
    CHECK(gb11643_check_char("11010519491231002") == 'X');
}

TEST_CASE("a Hong Kong Macao Taiwan residence permit parses with its pass number and issue count") {
    Block b = blank(u'J');
    put(b, 0, 30, u"陈港测");
    put(b, 30, 2, u"1");
    put(b, 36, 16, u"19900520");
    put(b, 52, 70, u"香港特别行政区九龙演示道8号");
    put(b, 122, 36, u"810000199005200020");
    put(b, 158, 30, u"深圳市公安局");
    put(b, 188, 16, u"20200601");
    put(b, 204, 16, u"20250601");
    put(b, 220, 18, u"H12345678");
    put(b, 238, 4, u"01");
    Identity id;
    auto st = parse_text_block(b, id);
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    CHECK(id.type == CardType::ResidencePermit);
    CHECK(s(id.pass_number) == "H12345678");
    CHECK(s(id.issue_count) == "01");
    CHECK(id.nation.empty());
    CHECK(s(id.id_number) == "810000199005200020");
}

TEST_CASE("a 2017 foreign permanent resident card parses its English name, permit number and nationality") {
    Block b = blank(u'I');
    put(b, 0, 120, u"SMITH, TEST JOHN");
    put(b, 120, 2, u"1");
    put(b, 122, 30, u"USA110080010101");
    put(b, 152, 6, u"USA");
    put(b, 158, 30, u"史测试");
    put(b, 188, 16, u"20170601");
    put(b, 204, 16, u"20270601");
    put(b, 220, 16, u"19800101");
    put(b, 236, 4, u"01");
    put(b, 240, 8, u"1500");
    Identity id;
    auto st = parse_text_block(b, id);
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    CHECK(id.type == CardType::ForeignPermanent2017);
    CHECK(s(id.english_name) == "SMITH, TEST JOHN");
    CHECK(s(id.name) == "史测试");
    CHECK(s(id.id_number) == "USA110080010101");
    CHECK(s(id.nationality) == "USA");
    CHECK(s(id.birth_date) == "19800101");
    CHECK(s(id.issuer) == "1500");
}

TEST_CASE("a 2023 foreign permanent resident card joins the two parts of the English name") {
    Block b = blank(u'Y');
    put(b, 0, 30, u"安测试");
    put(b, 30, 2, u"2");
    put(b, 32, 4, u"00");
    put(b, 36, 16, u"19850101");
    put(b, 52, 70, u"MUSTERFRAU ANNA TESTINE MARIA KLARA");
    put(b, 122, 36, u"932682198501010017");
    put(b, 188, 16, u"20230901");
    put(b, 204, 16, u"20330901");
    put(b, 220, 22, u" JO");
    put(b, 242, 6, u"SAU");
    Identity id;
    auto st = parse_text_block(b, id);
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    CHECK(id.type == CardType::ForeignPermanent2023);
    CHECK(s(id.english_name) == "MUSTERFRAU ANNA TESTINE MARIA KLARA JO");
    CHECK(s(id.gender) == "女");
    CHECK(s(id.nationality) == "SAU");
    CHECK(s(id.id_number) == "932682198501010017");
}

TEST_CASE("malformed fields are refused naming the field") {
    Identity id;
    Block b = resident();
    put(b, 30, 2, u"7");
    CHECK(parse_text_block(b, id).error().message.find("gender") != std::string::npos);
    b = resident();
    put(b, 32, 4, u"77");
    CHECK(parse_text_block(b, id).error().message.find("nation") != std::string::npos);
    b = resident();
    put(b, 36, 16, u"19880231");
    CHECK(parse_text_block(b, id).error().message.find("birth date") != std::string::npos);
    b = resident();
    b[248] = 'Q';
    CHECK(parse_text_block(b, id).error().message.find("flag") != std::string::npos);
    CHECK_FALSE(parse_text_block(Block(255), id).ok());
}

TEST_CASE("nation and gender codes map to their names") {
    CHECK(std::string(nation_name(1)) == "汉");
    CHECK(std::string(nation_name(5)) == "维吾尔");
    CHECK(std::string(nation_name(56)) == "基诺");
    CHECK(std::string(nation_name(97)) == "其他");
    CHECK(std::string(nation_name(98)) == "外国血统中国籍人士");
    CHECK(nation_name(0) == nullptr);
    CHECK(nation_name(57) == nullptr);
    CHECK(std::string(gender_name('0')) == "未知");
    CHECK(std::string(gender_name('9')) == "未说明");
    CHECK(gender_name('3') == nullptr);
}

TEST_CASE("UCS-2 decoding trims padding and survives odd bytes and lone surrogates") {
    Block b = {0x8B, 0x73, 0x20, 0x00, 0x00, 0xD8, 0x41};
    auto text = ucs2le_to_utf8(b);
    CHECK(std::string(text.data(), text.size()) == "王 \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("an identity is wiped, photo included") {
    Identity id;
    REQUIRE(parse_text_block(resident(), id).ok());
    id.photo.assign(1024, 0xAB);
    id.fingerprint.assign(16, 0xCD);
    const auto* name_data = id.name.reveal().data();
    (void)name_data;
    id.wipe();
    CHECK(id.name.empty());
    CHECK(id.id_number.empty());
    CHECK(id.address.empty());
    CHECK(id.birth_date.empty());
    CHECK(id.photo.empty());
    CHECK(id.fingerprint.empty());
    // The photo's buffer is still allocated after clear(): its bytes must be zero.
    REQUIRE(id.photo.capacity() >= 1024);
    const unsigned char* raw = id.photo.data();
    bool all_zero = true;
    for (std::size_t i = 0; i < 1024; ++i) all_zero = all_zero && raw[i] == 0;
    CHECK(all_zero);
}

TEST_CASE("every demo card of cards.json encodes and parses, and only 'bad' is refused") {
    auto cards = load_cards(default_cards_path());
    REQUIRE(cards.ok());
    CHECK(cards->size() == 7);
    int layouts[4] = {0, 0, 0, 0};
    for (const auto& c : *cards) {
        auto block = encode_text_block(c);
        REQUIRE(block.ok());
        Identity id;
        auto st = parse_text_block(*block, id);
        CHECK_MESSAGE(st.ok() == (c.key != "bad"), c.key);
        if (st.ok()) {
            ++layouts[int(id.type)];
            CHECK(s(id.id_number) == c.field("id_number"));
        }
    }
    for (int n : layouts) CHECK(n >= 1);
}
