// Home-screen shortcuts: a card laid on the reader opens 证明打印, a receipt scanned opens 办件查询.
#include <doctest/doctest.h>

#include "kiosk_run.h"

using namespace kiosk::test;

TEST_CASE("a card placed on the home screen opens the certificate journey with the identity masked") {
    TempDir dir;
    auto r = run_kiosk(dir,
                       "expect-screen home\n"
                       "card wang\n"
                       "wait-for \"王*试\"\n"
                       "expect-screen certificates\n"
                       "expect-not \"王测试\"\n"
                       "expect-not \"110105198808081237\"\n"
                       "expect \"1101**********1237\"\n",
                       {"--set", "idcard.driver=sim", "--set", "platform.url=http://127.0.0.1:9"});
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
}

TEST_CASE("a case receipt scanned on the home screen opens the case status journey") {
    TempDir dir;
    auto r = run_kiosk(dir,
                       "scan ZWCASE:1:SL20261120000123:8K3Q\n"
                       "expect-screen case_status\n"
                       "scan something-else\n",
                       {"--set", "scanner.driver=sim", "--set", "platform.url=http://127.0.0.1:9"});
    REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
    CHECK(r.dump["screen"] == "case_status");
}
