// Journey: every copy screen in all four layouts (portrait and landscape, normal and large text)
// and both languages keeps the layout rules (--check-layout: nothing cut, off-screen or overlapping).
#include <doctest/doctest.h>

#include "copy_rig.h"

using namespace kiosk::journeys::test;

namespace {

// Both copy journeys up to their previews and the end, with one step per screen state.
std::string walk(bool english) {
    auto t = [&](const char* zh, const char* en) { return std::string(english ? en : zh); };
    std::string s = english ? "tap \"English\"\n" : "";
    s += "tap \"" + t("复印", "Copy") + "\"\nwait-for \"" + t("身份证复印", "ID card copy") + "\" 10\n";
    s += "tap \"" + t("身份证复印", "ID card copy") + "\"\n";
    s += "tap \"" + t("扫描人像面", "Scan the photo side") + "\"\nwait-for \"" + t("扫描国徽面", "Scan the emblem side") + "\" 30\n";
    s += "tap \"" + t("扫描国徽面", "Scan the emblem side") + "\"\nwait-for \"" + t("打印（1 页）", "Print (1 page)") + "\" 30\n";
    s += "tap \"" + t("打印（1 页）", "Print (1 page)") + "\"\nwait-for \"" + t("请取走您的复印件", "Please take your copies") + "\" 60\n";
    s += "tap \"" + t("完成，清除扫描内容", "Done, clear my scans") + "\"\n";
    if (english) s += "tap \"English\"\n";
    s += "tap \"" + t("复印", "Copy") + "\"\nwait-for \"" + t("文件复印", "Document copy") + "\" 10\n";
    s += "tap \"" + t("文件复印", "Document copy") + "\"\n";
    s += "tap \"" + t("扫描第 1 页", "Scan page 1") + "\"\nwait-for \"" + t("已扫描 1 页", "1 page(s) scanned") + "\" 30\n";
    s += "tap \"" + t("扫描第 2 页", "Scan page 2") + "\"\nwait-for \"" + t("已扫描 2 页", "2 page(s) scanned") + "\" 30\n";
    s += "tap \"+\"\n";
    return s;
}

}  // namespace

TEST_CASE("the copy screens keep every layout rule in portrait and landscape, normal and large text, Chinese and English") {
    Rig rig;
    for (std::string orientation : {"portrait", "landscape"})
        for (std::string large : {"false", "true"})
            for (bool english : {false, true}) {
                CAPTURE(orientation);
                CAPTURE(large);
                CAPTURE(english);
                rig.extra = {"--set", "copier.driver=sim", "--set", "display.orientation=" + orientation,
                             "--set", "display.large_text=" + large, "--check-layout"};
                int rc = rig.run(walk(english), std::chrono::seconds(120));
                INFO(rig.log());
                CHECK(rc == 0);
            }
}
