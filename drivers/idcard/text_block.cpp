// Parsing of the ID card text block: the four layouts of the spec, nation/gender codes, GB 11643.
#include "drivers/idcard/text_block.h"

#include <string>

namespace kiosk::idcard {
namespace {

const char* const kNations[] = {
    nullptr, "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克",
    "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲",
    "门巴", "珞巴", "基诺"};

void append_utf8(WipedString& s, char32_t c) {
    if (c < 0x80) {
        s.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        s.push_back(static_cast<char>(0xC0 | (c >> 6)));
        s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        s.push_back(static_cast<char>(0xE0 | (c >> 12)));
        s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        s.push_back(static_cast<char>(0xF0 | (c >> 18)));
        s.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

/// One field of the block, decoded.
struct Field {
    std::span<const std::uint8_t> block;
    WipedString get(std::size_t offset, std::size_t size) const { return ucs2le_to_utf8(block.subspan(offset, size)); }
    /// Free text that is displayed (names, address, issuer): controls and bidi marks removed.
    WipedString text(std::size_t offset, std::size_t size) const { return ucs2le_to_display_utf8(block.subspan(offset, size)); }
};

Secret secret(const WipedString& s) { return Secret(std::string_view(s.data(), s.size())); }

Error bad(const char* what) { return make_error(Errc::InvalidInput, std::string("idcard: ") + what); }

Status check_gender(const WipedString& code, Identity& out) {
    const char* g = code.size() == 1 ? gender_name(code[0]) : nullptr;
    if (!g) return bad("gender code is not 0, 1, 2 or 9");
    out.gender = Secret(g);
    return {};
}

Status check_dates(const WipedString& birth, const WipedString& from, const WipedString& to, Identity& out) {
    if (!valid_date(birth)) return bad("birth date is not a valid YYYYMMDD date");
    if (!valid_date(from)) return bad("valid-from date is not a valid YYYYMMDD date");
    if (to != "长期" && !valid_date(to)) return bad("valid-to date is neither YYYYMMDD nor 长期");
    out.birth_date = secret(birth);
    out.valid_from = secret(from);
    out.valid_to = secret(to);
    return {};
}

Status check_id18(const WipedString& id, const char* what) {
    if (id.size() != 18) return bad((std::string(what) + " is not 18 characters").c_str());
    for (std::size_t i = 0; i < 17; ++i)
        if (id[i] < '0' || id[i] > '9') return bad((std::string(what) + " has a non-digit in its first 17 characters").c_str());
    if (!gb11643_valid(id)) return bad((std::string(what) + " fails the GB 11643 check character").c_str());
    return {};
}

bool is_upper_alpha3(const WipedString& s) {
    if (s.size() != 3) return false;
    for (char c : s)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

Status parse_resident_or_permit(Field f, bool permit, Identity& out) {
    out.type = permit ? CardType::ResidencePermit : CardType::ResidentId;
    out.name = secret(f.text(0, 30));
    if (out.name.empty()) return bad("name is empty");
    TRY(check_gender(f.get(30, 2), out));
    if (!permit) {
        WipedString n = f.get(32, 4);
        int code = (n.size() == 2 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9') ? (n[0] - '0') * 10 + (n[1] - '0') : -1;
        const char* name = code >= 0 ? nation_name(code) : nullptr;
        if (!name) return bad("nation code is not one of GB 3304");
        out.nation = Secret(name);
    }
    TRY(check_dates(f.get(36, 16), f.get(188, 16), f.get(204, 16), out));
    out.address = secret(f.text(52, 70));
    WipedString id = f.get(122, 36);
    TRY(check_id18(id, "ID number"));
    out.id_number = secret(id);
    out.issuer = secret(f.text(158, 30));
    if (permit) {
        out.pass_number = secret(f.get(220, 18));
        out.issue_count = secret(f.get(238, 4));
    }
    return {};
}

Status parse_foreign_2017(Field f, Identity& out) {
    out.type = CardType::ForeignPermanent2017;
    out.english_name = secret(f.text(0, 120));
    TRY(check_gender(f.get(120, 2), out));
    WipedString num = f.get(122, 30);
    // FIXME: the 2017 permit number has a check digit of its own whose rule is not in the
    // spec; only its shape (3 letters of nationality, 12 digits) is checked.
    bool shape = num.size() == 15;
    for (std::size_t i = 0; shape && i < 15; ++i)
        shape = i < 3 ? (num[i] >= 'A' && num[i] <= 'Z') : (num[i] >= '0' && num[i] <= '9');
    if (!shape) return bad("permit number is not 3 letters and 12 digits");
    out.id_number = secret(num);
    WipedString nat = f.get(152, 6);
    if (!is_upper_alpha3(nat)) return bad("nationality is not an ISO 3166 alpha-3 code");
    out.nationality = secret(nat);
    WipedString chinese = f.text(158, 30);
    out.name = chinese.empty() ? out.english_name : secret(chinese);
    if (out.name.empty()) return bad("name is empty");
    TRY(check_dates(f.get(220, 16), f.get(188, 16), f.get(204, 16), out));
    out.issuer = secret(f.text(240, 8));
    return {};
}

Status parse_foreign_2023(Field f, Identity& out) {
    out.type = CardType::ForeignPermanent2023;
    out.name = secret(f.text(0, 30));
    TRY(check_gender(f.get(30, 2), out));
    out.issue_count = secret(f.get(32, 4));
    WipedString english = f.text(52, 70);
    WipedString part2 = f.text(220, 22);
    // The English name runs on from part 1 into part 2 without a separator (spec: unsure).
    english.append(part2);
    out.english_name = secret(english);
    if (out.name.empty() && out.english_name.empty()) return bad("name is empty");
    if (out.name.empty()) out.name = out.english_name;
    WipedString id = f.get(122, 36);
    TRY(check_id18(id, "permit number"));
    if (id[0] != '9') return bad("permit number of a 2023 foreign card does not start with 9");
    out.id_number = secret(id);
    TRY(check_dates(f.get(36, 16), f.get(188, 16), f.get(204, 16), out));
    WipedString nat = f.get(242, 6);
    if (!is_upper_alpha3(nat)) return bad("nationality is not an ISO 3166 alpha-3 code");
    out.nationality = secret(nat);
    return {};
}

}  // namespace

bool is_control_or_bidi(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

namespace {
WipedString decode_ucs2le(std::span<const std::uint8_t> bytes, bool display) {
    WipedString s;
    s.reserve(bytes.size() * 3 / 2 + 4);
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        char32_t c = static_cast<char32_t>(bytes[i] | bytes[i + 1] << 8);
        if (c >= 0xD800 && c <= 0xDFFF) {
            // UCS-2 has no surrogates; a pair is accepted as UTF-16 for tolerance.
            if (c <= 0xDBFF && i + 3 < bytes.size()) {
                char32_t lo = static_cast<char32_t>(bytes[i + 2] | bytes[i + 3] << 8);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    append_utf8(s, 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00));
                    i += 2;
                    continue;
                }
            }
            c = 0xFFFD;
        }
        if (display && is_control_or_bidi(c)) continue;  // NUL padding included
        append_utf8(s, c);
    }
    if (bytes.size() % 2) append_utf8(s, 0xFFFD);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    return s;
}
}  // namespace

WipedString ucs2le_to_utf8(std::span<const std::uint8_t> bytes) { return decode_ucs2le(bytes, false); }

WipedString ucs2le_to_display_utf8(std::span<const std::uint8_t> bytes) { return decode_ucs2le(bytes, true); }

Status utf8_to_ucs2le(std::string_view u, std::span<std::uint8_t> out) {
    std::size_t o = 0;
    for (std::size_t i = 0; i < u.size();) {
        unsigned char b = static_cast<unsigned char>(u[i]);
        char32_t c;
        std::size_t n;
        if (b < 0x80) { c = b; n = 1; }
        else if ((b & 0xE0) == 0xC0) { c = b & 0x1F; n = 2; }
        else if ((b & 0xF0) == 0xE0) { c = b & 0x0F; n = 3; }
        else return make_error(Errc::InvalidInput, "idcard: text outside the UCS-2 range or not UTF-8");
        if (i + n > u.size()) return make_error(Errc::InvalidInput, "idcard: truncated UTF-8");
        for (std::size_t k = 1; k < n; ++k) {
            unsigned char cb = static_cast<unsigned char>(u[i + k]);
            if ((cb & 0xC0) != 0x80) return make_error(Errc::InvalidInput, "idcard: invalid UTF-8");
            c = c << 6 | (cb & 0x3F);
        }
        i += n;
        if (o + 2 > out.size()) return make_error(Errc::InvalidInput, "idcard: text does not fit its field");
        out[o++] = static_cast<std::uint8_t>(c & 0xFF);
        out[o++] = static_cast<std::uint8_t>(c >> 8);
    }
    for (; o + 1 < out.size(); o += 2) {
        out[o] = 0x20;
        out[o + 1] = 0x00;
    }
    return {};
}

char gb11643_check_char(std::string_view d) {
    static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    if (d.size() < 17) return 0;
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        if (d[i] < '0' || d[i] > '9') return 0;
        sum += (d[i] - '0') * kWeights[i];
    }
    return kCheck[sum % 11];
}

bool gb11643_valid(std::string_view id) {
    if (id.size() != 18) return false;
    char c = gb11643_check_char(id.substr(0, 17));
    return c != 0 && c == id[17];
}

const char* nation_name(int code) {
    if (code >= 1 && code <= 56) return kNations[code];
    if (code == 97) return "其他";
    if (code == 98) return "外国血统中国籍人士";
    return nullptr;
}

const char* gender_name(char code) {
    switch (code) {
        case '0': return "未知";
        case '1': return "男";
        case '2': return "女";
        case '9': return "未说明";
        default: return nullptr;
    }
}

bool valid_date(std::string_view d) {
    if (d.size() != 8) return false;
    for (char c : d)
        if (c < '0' || c > '9') return false;
    int y = std::stoi(std::string(d.substr(0, 4)));
    int m = std::stoi(std::string(d.substr(4, 2)));
    int day = std::stoi(std::string(d.substr(6, 2)));
    if (y < 1850 || m < 1 || m > 12 || day < 1) return false;
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
    return day <= max;
}

Status parse_text_block(std::span<const std::uint8_t> block, Identity& out) {
    if (block.size() != kTextBlockSize)
        return make_error(Errc::InvalidInput, "idcard: text block is " + std::to_string(block.size()) + " bytes, expected 256");
    out.wipe();
    Field f{block};
    const std::uint8_t flag = block[248];
    if (block[249] != 0) return bad("card type flag is not a UCS-2 character");
    Status st;
    switch (flag) {
        case ' ': st = parse_resident_or_permit(f, false, out); break;
        case 'J': st = parse_resident_or_permit(f, true, out); break;
        case 'I': st = parse_foreign_2017(f, out); break;
        case 'Y': st = parse_foreign_2023(f, out); break;
        default: return bad("unknown card type flag");
    }
    if (!st) out.wipe();
    return st;
}

}  // namespace kiosk::idcard
