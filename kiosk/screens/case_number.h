// The hall's 受理编号 and 查询码 formats, checked as the citizen types (办件查询's inline validation).
#pragma once

#include <string>
#include <string_view>

namespace kiosk::screens {

/// 受理编号 as the hall's receipts print it: "SL", the date of acceptance (YYYYMMDD) and a
/// six-digit serial, e.g. SL20261120000123 (assets/demo/platform/cases.json). The kiosk fills
/// in the prefix, so the citizen types digits only. Every number of this form also passes the
/// receipt rules of docs/scanner.md ([0-9A-Z-]{6,32}).
/// FIXME: one format for every hall; a hall whose numbers differ needs it in its content.
inline constexpr std::string_view kCasePrefix = "SL";
inline constexpr int kCaseDigits = 14;
inline constexpr int kQueryCodeMin = 4, kQueryCodeMax = 12;

enum class FieldCheck {
    Empty,       ///< nothing typed yet (for the case number: the prefix only)
    Incomplete,  ///< fine so far, `left` more characters needed
    Complete,    ///< the whole format, nothing wrong seen
    BadChar,     ///< a character the format does not allow (a letter or '-' among the digits)
    BadDate,     ///< the date part cannot be a date (month 13, day 00)
};

struct FieldState {
    FieldCheck check = FieldCheck::Empty;
    int left = 0;  ///< Incomplete: characters still to type
};

/// `value` is the whole field, prefix included.
inline FieldState check_case_no(std::string_view value) {
    if (value.substr(0, kCasePrefix.size()) != kCasePrefix) return {FieldCheck::BadChar};
    std::string_view digits = value.substr(kCasePrefix.size());
    if (digits.empty()) return {FieldCheck::Empty, kCaseDigits};
    for (char c : digits)
        if (c < '0' || c > '9') return {FieldCheck::BadChar};
    if (int(digits.size()) > kCaseDigits) return {FieldCheck::BadChar};
    auto num = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; ++i) v = v * 10 + (digits[i] - '0');
        return v;
    };
    // The date is checked as soon as its part is typed, so a slip shows at the digit that made it.
    if (digits.size() >= 4 && (num(0, 4) < 2000 || num(0, 4) > 2099)) return {FieldCheck::BadDate};
    if (digits.size() >= 6 && (num(4, 2) < 1 || num(4, 2) > 12)) return {FieldCheck::BadDate};
    if (digits.size() >= 8 && (num(6, 2) < 1 || num(6, 2) > 31)) return {FieldCheck::BadDate};
    if (int(digits.size()) < kCaseDigits) return {FieldCheck::Incomplete, kCaseDigits - int(digits.size())};
    return {FieldCheck::Complete};
}

inline FieldState check_query_code(std::string_view value) {
    if (value.empty()) return {FieldCheck::Empty, kQueryCodeMin};
    for (char c : value)
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return {FieldCheck::BadChar};
    if (int(value.size()) < kQueryCodeMin) return {FieldCheck::Incomplete, kQueryCodeMin - int(value.size())};
    if (int(value.size()) > kQueryCodeMax) return {FieldCheck::BadChar};
    return {FieldCheck::Complete};
}

}  // namespace kiosk::screens
