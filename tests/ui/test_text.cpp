// Text: the Chinese font is found, and mixed Chinese/Latin text breaks where ICU allows.
#include <doctest/doctest.h>

#include "kiosk/ui/text.h"

using namespace kiosk::ui;

namespace {
struct Fonts {
    Fonts() {
        TTF_Init();
        auto lib = FontLibrary::create();
        REQUIRE_MESSAGE(lib.ok(), (lib.ok() ? "" : lib.error().message));
        fonts = std::move(lib.value());
    }
    std::unique_ptr<FontLibrary> fonts;
};

std::string strip_spaces(std::string s) {
    std::string out;
    for (char c : s)
        if (c != ' ') out += c;
    return out;
}
}  // namespace

TEST_CASE("fontconfig finds the Simplified Chinese face of Noto Sans CJK, not the Japanese one") {
    auto face = find_font("Noto Sans CJK SC:lang=zh-cn");
    REQUIRE(face.ok());
    CHECK(face->file.find("NotoSansCJK") != std::string::npos);
    // In the collection, index 0 is Japanese; the SC face is elsewhere.
    CHECK(face->index != 0);
}

TEST_CASE("wrapped lines fit the width and lose no character") {
    Fonts f;
    TTF_Font* font = f.fonts->get(40, Weight::Regular);
    std::string text = "请携带本人居民身份证原件及复印件1份，到2楼12号窗口办理不动产登记（Real estate registration）业务。";
    auto lines = wrap_text(font, text, 500);
    REQUIRE(lines.size() > 1);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(text_width(font, l) <= 500);
        joined += l;
    }
    CHECK(strip_spaces(joined) == strip_spaces(text));
}

TEST_CASE("a line never starts with closing punctuation and a Latin word is never split") {
    Fonts f;
    TTF_Font* font = f.fonts->get(40, Weight::Regular);
    std::string text = "打印机缺纸，请到一楼服务台求助。Please ask at the service desk, thank you。办理时限：5个工作日。";
    for (int width : {260, 300, 340, 420, 520, 700}) {
        auto lines = wrap_text(font, text, width);
        for (const auto& l : lines) {
            CHECK_MESSAGE(l.rfind("，", 0) != 0, "width ", width, ": ", l);
            CHECK_MESSAGE(l.rfind("。", 0) != 0, "width ", width, ": ", l);
            CHECK_MESSAGE(l.rfind("：", 0) != 0, "width ", width, ": ", l);
        }
        // "service" and "thank" must each appear whole on one line.
        bool service = false, thank = false;
        for (const auto& l : lines) {
            service |= l.find("service") != std::string::npos;
            thank |= l.find("thank") != std::string::npos;
        }
        CHECK_MESSAGE(service, "width ", width);
        CHECK_MESSAGE(thank, "width ", width);
    }
}

TEST_CASE("explicit newlines start new lines and an overlong word is cut rather than overflowing") {
    Fonts f;
    TTF_Font* font = f.fonts->get(40, Weight::Regular);
    auto lines = wrap_text(font, "第一行\n第二行", 1000);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "第一行");
    CHECK(lines[1] == "第二行");
    auto cut = wrap_text(font, "https://zwfw.example.gov.cn/a/very/long/path/without/spaces", 300);
    CHECK(cut.size() > 1);
    for (const auto& l : cut) CHECK(text_width(font, l) <= 300);
}

TEST_CASE("each font file is opened once, whatever sizes are asked for, and each size measures as its own") {
    Fonts f;
    TTF_Font* a = f.fonts->get(40, Weight::Regular);
    int w40 = text_width(a, "办事指南 Guide");
    int h40 = TTF_FontHeight(a);
    TTF_Font* b = f.fonts->get(20, Weight::Regular);
    int w20 = text_width(b, "办事指南 Guide");
    f.fonts->get(56, Weight::Bold);
    f.fonts->get(28, Weight::Bold);
    CHECK(f.fonts->opens() == 2);  // one regular face, one bold face
    CHECK(w20 < w40);
    CHECK(w20 >= w40 / 2 - 4);
    CHECK(w20 <= w40 / 2 + 4);
    // Back at 40 after other sizes: the same metrics as the first time.
    TTF_Font* again = f.fonts->get(40, Weight::Regular);
    CHECK(text_width(again, "办事指南 Guide") == w40);
    CHECK(TTF_FontHeight(again) == h40);
}
