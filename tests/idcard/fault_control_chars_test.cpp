// Fault (issue 12): names read off the card kept control and bidi characters, which reorder or hide what the screen shows.
#include <doctest/doctest.h>

#include <string>

#include "drivers/idcard/text_block.h"

using namespace kiosk::idcard;

namespace {

using Block = std::vector<std::uint8_t>;

/// A resident card's block with `name`, `address` and `issuer` (UTF-16, as the card sends).
Block resident(std::u16string_view name, std::u16string_view address = u"北京市朝阳区演示路1号",
               std::u16string_view issuer = u"北京市公安局朝阳分局") {
    Block b(256);
    auto put = [&](std::size_t offset, std::size_t size, std::u16string_view text) {
        REQUIRE(text.size() * 2 <= size);
        for (std::size_t i = 0; i < size / 2; ++i) {
            char16_t c = i < text.size() ? text[i] : u' ';
            b[offset + 2 * i] = static_cast<std::uint8_t>(c & 0xFF);
            b[offset + 2 * i + 1] = static_cast<std::uint8_t>(c >> 8);
        }
    };
    put(0, 30, name);
    put(30, 2, u"1");
    put(32, 4, u"01");
    put(36, 16, u"19880808");
    put(52, 70, address);
    put(122, 36, u"110105198808081237");
    put(158, 30, issuer);
    put(188, 16, u"20180808");
    put(204, 16, u"20380808");
    put(220, 36, u"");
    return b;
}

std::string s(const kiosk::Secret& v) { return std::string(v.reveal()); }

}  // namespace

TEST_CASE("a right-to-left override in the name is removed, so the screen shows the name as the card holds it") {
    Identity id;
    // U+202E would show 王测试 as 试测王 followed by whatever comes after it on the line.
    auto st = parse_text_block(resident(u"王\u202E测试"), id);
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    CHECK(s(id.name) == "王测试");
}

TEST_CASE("every bidi formatting character is removed from the name") {
    for (char16_t c : {u'\u061C', u'\u200E', u'\u200F', u'\u202A', u'\u202B', u'\u202C', u'\u202D', u'\u202E', u'\u2066',
                       u'\u2067', u'\u2068', u'\u2069'}) {
        std::u16string name = u"王测";
        name += c;
        name += u"试";
        Identity id;
        REQUIRE(parse_text_block(resident(name), id).ok());
        CHECK_MESSAGE(s(id.name) == "王测试", "U+" << std::hex << int(c));
    }
}

TEST_CASE("newlines, tabs, escape, DEL and C1 controls are removed from the name, the address and the issuer") {
    Identity id;
    REQUIRE(parse_text_block(resident(u"王\n测\t试\x1b", u"北京市\r\n朝阳区\x7f演示路\x85" u"1号", u"北京市\u2028公安局\x9b"), id).ok());
    CHECK(s(id.name) == "王测试");
    CHECK(s(id.address) == "北京市朝阳区演示路1号");
    CHECK(s(id.issuer) == "北京市公安局");
}

TEST_CASE("a name made only of control characters is refused as empty") {
    Identity id;
    auto st = parse_text_block(resident(u"\u202E\u202E\n"), id);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("name is empty") != std::string::npos);
}

TEST_CASE("the middle dot and letters of minority names are kept") {
    Identity id;
    REQUIRE(parse_text_block(resident(u"阿依古丽·买买提"), id).ok());
    CHECK(s(id.name) == "阿依古丽·买买提");
}
