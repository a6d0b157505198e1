// Personal data: masking for the screen, no way into a stream, wiped memory.
#include <doctest/doctest.h>

#include <sstream>
#include <type_traits>
#include <vector>

#include "base/log.h"
#include "base/result.h"
#include "base/secret.h"

using namespace kiosk;

namespace {
template <class T, class = void>
struct streamable : std::false_type {};
template <class T>
struct streamable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>> : std::true_type {};
}  // namespace

TEST_CASE("personal data cannot be streamed into a log or any ostream") {
    static_assert(!streamable<Secret>::value, "Secret must not be streamable");
    static_assert(streamable<std::string>::value);
    CHECK(!streamable<Secret>::value);
}

TEST_CASE("names and ID numbers are masked the way the screen shows them") {
    CHECK(mask_name("张三") == "张*");
    CHECK(mask_name("张小三") == "张*三");
    CHECK(mask_name("欧阳娜娜") == "欧**娜");
    CHECK(mask_name("John Smith") == "J*** S****");
    CHECK(mask_name("") == "");
    CHECK(mask_id_number("14010119900101123X") == "1401**********123X");
    CHECK(mask_id_number("110105198808081237") == "1101**********1237");
    CHECK(mask_id_number("123") == "***");
    CHECK(mask_middle("SL20261120000123", 2, 3) == "SL***********123");
}

TEST_CASE("a wiped secret is empty and its bytes are zeroed") {
    Secret s("110105198808081237");
    const char* p = s.reveal().data();
    size_t n = s.size();
    s.wipe();
    CHECK(s.empty());
    // The buffer still belongs to the string (capacity kept): its old bytes must be zero.
    for (size_t i = 0; i < n; ++i) CHECK(p[i] == 0);
}

TEST_CASE("a moved-from secret keeps nothing") {
    Secret a("王测试");
    Secret b = std::move(a);
    CHECK(b.reveal() == "王测试");
    Secret c;
    c = std::move(b);
    CHECK(b.empty());
    CHECK(c.reveal() == "王测试");
}

TEST_CASE("Result gives its value by value from a temporary, so range-for over it is safe") {
    auto make = [] { return Result<std::vector<int>>(std::vector<int>{1, 2, 3}); };
    int sum = 0;
    for (int v : make().value()) sum += v;
    CHECK(sum == 6);
    auto fail = [] { return Result<int>(make_error(Errc::Timeout, "slow")); };
    CHECK(!fail().ok());
    CHECK(fail().error().code == Errc::Timeout);
    CHECK(std::string(errc_name(Errc::Timeout)) == "TimeOut");
    auto chain = [&]() -> Result<int> {
        int v = TRY(fail());
        return v + 1;
    };
    CHECK(chain().error().message == "slow");
}
