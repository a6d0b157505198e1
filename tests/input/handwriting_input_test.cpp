// Handwriting recognizer on bad input and with the stroke orders citizens use.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "handwriting_common.h"

using namespace kiosk;

TEST_CASE("a missing handwriting model is a NotFound error naming the package") {
    auto rec = input::HandwritingRecognizer::create("/nonexistent/handwriting.model");
    REQUIRE_FALSE(rec);
    CHECK(rec.error().code == Errc::NotFound);
    CHECK(rec.error().message.find("tegaki-zinnia-simplified-chinese") != std::string::npos);
}

TEST_CASE("a file that is not a Zinnia model is a Corrupt error, not a crash") {
    auto rec = input::HandwritingRecognizer::create(std::string(KIOSK_TEST_DATA) + "/handwriting/README.md");
    REQUIRE_FALSE(rec);
    CHECK(rec.error().code == Errc::Corrupt);
}

TEST_CASE("no strokes, empty strokes and points that are not numbers give no candidates and no crash") {
    auto rec = input::HandwritingRecognizer::create();
    REQUIRE(rec);
    CHECK((*rec)->recognize({}).empty());
    CHECK((*rec)->recognize({{}, {}}).empty());
    float nan = std::numeric_limits<float>::quiet_NaN();
    CHECK((*rec)->recognize({{{nan, nan}, {nan, 1}}}).empty());
    // A single tap (one point) is a dot: some candidate, no crash.
    CHECK_NOTHROW((*rec)->recognize({{{10, 10}}}));
}

TEST_CASE("a character with 辶 written last, as citizens write it, is among the first five candidates") {
    auto rec = input::HandwritingRecognizer::create();
    REQUIRE(rec);
    (*rec)->set_vocabulary(test::content_vocabulary());
    auto strokes = test::outside_strokes(0, 0, 400);
    // Plain Zinnia does not have them in its first 100. 道 and 运 are in the data in standard order (辶 last); the Tegaki model has 辶 first.
    for (std::string ch : {"道", "运"}) {
        auto c = (*rec)->recognize(strokes[ch], 5);
        bool found = false;
        for (auto& x : c) found |= x.text == ch;
        CHECK_MESSAGE(found, ch, " is not in the top 5");
    }
}

TEST_CASE("without a vocabulary, 辶 written last comes out first and characters without 辶 do not come out as one") {
    // Regression (2026-12-06): the last strokes of every character were tried at the front
    // against the 辶/廴 characters, with a penalty: 迟 逃 逐 透 were not first (the moved ink scores
    // lower than any ink as written), while 啊 came out as 逝, 嫂 as 遁, 宵 as 逗, 官 as 建. The
    // characters are from heldout_medians.json (not in the accuracy test).
    auto rec = input::HandwritingRecognizer::create();
    REQUIRE(rec);
    auto strokes = test::outside_strokes(0, 0, 400, "heldout_medians.json");
    for (std::string ch : {"迟", "逃", "逐", "透", "嫂", "宵"}) {
        REQUIRE(strokes.count(ch));
        auto c = (*rec)->recognize(strokes[ch], 5);
        REQUIRE_FALSE(c.empty());
        CHECK_MESSAGE(c[0].text == ch, ch, " came out as ", c[0].text);
    }
    const std::string enclosure = "逝遁逗建延廷逛逭";
    for (std::string ch : {"啊", "官"}) {
        auto c = (*rec)->recognize(strokes[ch], 5);
        REQUIRE_FALSE(c.empty());
        CHECK_MESSAGE(enclosure.find(c[0].text) == std::string::npos, ch, " came out as ", c[0].text);
    }
}

TEST_CASE("the vocabulary's characters rank before characters outside it") {
    auto rec = input::HandwritingRecognizer::create();
    REQUIRE(rec);
    (*rec)->set_vocabulary("社保");
    CHECK((*rec)->vocabulary_size() == 2);
    auto strokes = test::outside_strokes(0, 0, 400);
    auto c = (*rec)->recognize(strokes["社"], 5);
    REQUIRE_FALSE(c.empty());
    CHECK(c[0].text == "社");
}

TEST_CASE("where and how large the character is written does not change the answer") {
    auto rec = input::HandwritingRecognizer::create();
    REQUIRE(rec);
    auto small = test::outside_strokes(700, 1500, 200);
    auto large = test::outside_strokes(0, 0, 900);
    for (std::string ch : {"证", "申", "楼"}) {
        auto a = (*rec)->recognize(small[ch], 3), b = (*rec)->recognize(large[ch], 3);
        REQUIRE(!a.empty());
        REQUIRE(!b.empty());
        CHECK(a[0].text == b[0].text);
    }
}
