// The 256-byte text block of an ID card: UCS-2 decoding, the four layouts, codes and checks.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.h"
#include "base/secret.h"
#include "drivers/idcard/idcard_reader.h"

namespace kiosk::idcard {

inline constexpr std::size_t kTextBlockSize = 256;

/// Decodes UCS-2 little-endian to UTF-8, dropping the trailing space / NUL padding.
/// A lone surrogate or an odd byte count becomes U+FFFD, never a failure.
WipedString ucs2le_to_utf8(std::span<const std::uint8_t> bytes);
/// True for what must never reach the screen from a card's free text: C0 and C1 controls,
/// DEL, the line and paragraph separators, and the bidirectional formatting characters
/// (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), with which a forged card could reorder
/// or hide what the kiosk shows as the holder's name (Unicode TR #36 / UAX #9).
bool is_control_or_bidi(char32_t c);
/// ucs2le_to_utf8 without the characters of is_control_or_bidi: for the name, the English
/// name, the address and the issuer, which the kiosk displays.
WipedString ucs2le_to_display_utf8(std::span<const std::uint8_t> bytes);
/// Encodes UTF-8 (BMP only) as UCS-2 LE into exactly `out.size()` bytes, padding with
/// spaces. Fails when the text does not fit or is not valid UTF-8 within the BMP.
Status utf8_to_ucs2le(std::string_view utf8, std::span<std::uint8_t> out);

/// The GB 11643-1999 check character ('0'…'9' or 'X') for 17 digits; 0 if they are not digits.
char gb11643_check_char(std::string_view first17);
/// True when `id` is 17 digits followed by the right check character.
bool gb11643_valid(std::string_view id);

/// 汉 for 1, … 其他 for 97, 外国血统中国籍人士 for 98; nullptr for a code the spec does not list.
const char* nation_name(int code);
/// 男, 女, 未知 (0), 未说明 (9); nullptr otherwise.
const char* gender_name(char code);
/// True for YYYYMMDD naming a real calendar day.
bool valid_date(std::string_view yyyymmdd);

/// Parses a text block into `out` (fields it does not set are left empty). Fails with
/// Errc::InvalidInput and a message naming the field, never its value, when the layout flag
/// is unknown, a code or date is malformed, or the ID number fails its check character.
Status parse_text_block(std::span<const std::uint8_t> block, Identity& out);

}  // namespace kiosk::idcard
