// Pieces written once stay written once: the device-thread start/stop, the CUPS request-and-check, the baud table.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"
#include "temp_tree.h"

namespace fs = std::filesystem;

namespace {

struct Rule {
    std::regex pattern;
    /// Where the one copy lives: a file (relative path) or, when empty, "at most one file anywhere".
    std::string home;
    /// Only files under these folders are looked at.
    std::vector<std::string> under;
    std::string why;
};

const std::vector<Rule>& rules() {
    static const std::vector<Rule> r = {
        {std::regex(R"(\bippNewRequest\s*\()"), "", {"base", "drivers", "kiosk", "tools"},
         "IPP requests are built by one helper (new_request in drivers/printer/cups_printer.cpp)"},
        {std::regex(R"(\bippGetStatusCode\s*\()"), "", {"base", "drivers", "kiosk", "tools"},
         "IPP replies are checked by one helper (call in drivers/printer/cups_printer.cpp)"},
        {std::regex(R"(\bB(1200|2400|4800|9600|19200|38400|57600|115200|230400|460800|921600)\b)"),
         "drivers/serial/baud_rates.h", {"base", "drivers", "kiosk", "tools"},
         "termios speeds come from the one baud table (drivers/serial/baud_rates.h)"},
        {std::regex(R"(\bstd::jthread\b|\brequest_stop\s*\()"), "base/device_thread.h", {"drivers/scanner", "drivers/idcard"},
         "scanner and ID-card loops start and stop through base/device_thread.h"},
    };
    return r;
}

/// "file: why" for every file that holds a second copy of a piece written once.
std::vector<std::string> second_copies(const fs::path& root) {
    std::vector<std::string> out;
    for (const auto& rule : rules()) {
        std::vector<std::string> holders;
        for (const auto& top : rule.under) {
            if (!fs::is_directory(root / top)) continue;
            for (const auto& e : fs::recursive_directory_iterator(root / top)) {
                auto ext = e.path().extension().string();
                if (!e.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
                std::string rel = fs::relative(e.path(), root).generic_string();
                if (rel.rfind("tools/bench/", 0) == 0) continue;  // benchmarks may set up what they measure
                std::ifstream in(e.path());
                std::stringstream s;
                s << in.rdbuf();
                std::string text = s.str();
                if (rel != rule.home && std::regex_search(text, rule.pattern)) holders.push_back(rel);
            }
        }
        size_t allowed = rule.home.empty() ? 1 : 0;
        if (holders.size() > allowed)
            for (const auto& h : holders) out.push_back(h + ": " + rule.why);
    }
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& prefix) {
    for (const auto& x : v)
        if (x.rfind(prefix, 0) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("the device thread, the CUPS request-and-check and the baud table each exist once in the tree") {
    auto v = second_copies(KIOSK_SOURCE_DIR);
    for (const auto& x : v) MESSAGE(x);
    CHECK(v.empty());
}

TEST_CASE("the one-copy check finds a second IPP request, a private baud table and a scanner with its own thread") {
    kiosk::test::TempTree t{"kiosk-onecopy"};
    t.write("drivers/printer/cups_printer.cpp", "ipp_t* r = ippNewRequest(op);\nippGetStatusCode(x);\n");
    t.write("tools/kioskctl/cmd_print.cpp", "ipp_t* r = ippNewRequest (IPP_OP_GET_JOBS);\n");
    t.write("drivers/serial/baud_rates.h", "{9600, B9600}\n");
    t.write("tools/idcard-sim/main.cpp", "case 9600: return B9600;\n");
    t.write("drivers/scanner/new_scanner.h", "std::jthread m_thread;\n");
    t.write("drivers/idcard/ok_reader.h", "DeviceThread<ReaderState, ReaderEvent> m_thread{ReaderState::Ready};\n");
    t.write("base/device_thread.h", "std::jthread m_thread;\n");
    auto v = second_copies(t.path);
    for (const auto& x : v) MESSAGE(x);
    CHECK(has(v, "tools/kioskctl/cmd_print.cpp: IPP requests"));
    CHECK(has(v, "drivers/printer/cups_printer.cpp: IPP requests"));
    CHECK_FALSE(has(v, "drivers/printer/cups_printer.cpp: IPP replies"));
    CHECK(has(v, "tools/idcard-sim/main.cpp: termios"));
    CHECK_FALSE(has(v, "drivers/serial/baud_rates.h"));
    CHECK(has(v, "drivers/scanner/new_scanner.h: scanner and ID-card loops"));
    CHECK_FALSE(has(v, "drivers/idcard/ok_reader.h"));
    CHECK_FALSE(has(v, "base/device_thread.h"));
}
