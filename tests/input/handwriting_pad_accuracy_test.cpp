// Handwriting accuracy through the real pad: the 500 most frequent characters of the guide and
// the map, from outside stroke data (hanzi-writer-data), written with script `stroke` steps in a
// headless kiosk and read back from the candidate row.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>

#include "handwriting_common.h"
#include "kiosk_run.h"

using namespace kiosk;
using namespace kiosk::test;

namespace {

const std::string kRepo = std::string(KIOSK_TEST_DATA) + "/../..";
/// The engines load after the first frame (the model is 26 MB): the pad's hint says ready.
const char* kReady = "wait-for \"请在此用手指写字\" 60\n";

struct Pad {
    int x = 0, y = 0, side = 0;
};

/// The writing pad in a dump: the text entry's item that is not a target and is square.
Pad pad_of(const nlohmann::json& dump) {
    for (const auto& w : dump["widgets"]) {
        if (w.value("type", "") != "textentry") continue;
        for (const auto& it : w["items"]) {
            auto b = it["bounds"];
            if (!it.value("tappable", true) && b[2] == b[3] && b[2].get<int>() > 100) return {b[0], b[1], b[2]};
        }
    }
    return {};
}

/// `stroke` lines for one character, as a finger writes it filling the pad (5 % margin), with a
/// point at least every 16 px along the path (the medians' own points are up to 300 units apart).
std::string stroke_steps(const std::vector<input::InkStroke>& medians, Pad pad) {
    const float margin = pad.side * 0.05f, scale = (pad.side - 2 * margin) / 1024.0f;
    std::string out;
    for (const auto& s : medians) {
        out += "stroke";
        auto put = [&](float x, float y) {
            out += " " + std::to_string(int(std::lround(pad.x + margin + x * scale))) + " " +
                   std::to_string(int(std::lround(pad.y + margin + y * scale)));
        };
        for (size_t i = 0; i < s.size(); ++i) {
            if (i == 0) {
                put(s[0].x, s[0].y);
                continue;
            }
            float dx = s[i].x - s[i - 1].x, dy = s[i].y - s[i - 1].y;
            int n = std::max(1, int(std::ceil(std::hypot(dx, dy) * scale / 16)));
            for (int k = 1; k <= n; ++k) put(s[i - 1].x + dx * k / n, s[i - 1].y + dy * k / n);
        }
        if (s.size() == 1) put(s[0].x, s[0].y);  // a dot: down and up at one place
        out += "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("the 500 most frequent characters of the guide and map, written on the pad, reach top-5 95 % and top-1 85 % (issue #14's goal)") {
    TempDir dir;
    auto imp = run_process({std::string(KIOSK_BIN_DIR) + "/kioskctl", "--config", kRepo + "/assets/demo/kiosk.toml", "--state-dir",
                            dir / "state", "content", "import", kRepo + "/assets/content"});
    REQUIRE_MESSAGE(imp.exit_code == 0, imp.output);
    // Where the pad is: the guide's search, portrait, normal text.
    auto first = run_kiosk(dir, "tap \"办事指南\"\ndump pad\n");
    REQUIRE_MESSAGE(first.process.exit_code == 0, first.process.output);
    Pad pad = pad_of(nlohmann::json::parse(read_file(first.shots + "/pad.json")));
    REQUIRE(pad.side >= 320);  // 8 cm at 40 px/cm

    auto chars = content_characters_by_frequency();
    REQUIRE(chars.size() >= 500);
    chars.resize(500);
    auto medians = outside_strokes(0, 0, 1024);  // the data's own 1024-unit box, y down
    // Each character written, the row dumped, the pad cleared; 100 characters a kiosk run, so
    // that a run stays within run_kiosk's two minutes on a machine busy with other builds (one
    // run of 500 took longer at load 12).
    constexpr size_t kPerRun = 100;
    int top1 = 0, top5 = 0;
    std::string misses;
    for (size_t from = 0; from < chars.size(); from += kPerRun) {
        std::string script = "tap \"办事指南\"\n" + std::string(kReady);
        for (size_t i = from; i < std::min(chars.size(), from + kPerRun); ++i) {
            REQUIRE_MESSAGE(medians.count(chars[i]), "tests/data/handwriting/medians.json lacks ", chars[i], ": regenerate it (README)");
            script += stroke_steps(medians[chars[i]], pad) + "dump c" + std::to_string(i) + "\ntap \"重写\"\n";
        }
        auto r = run_kiosk(dir, script);
        REQUIRE_MESSAGE(r.process.exit_code == 0, r.process.output);
        for (size_t i = from; i < std::min(chars.size(), from + kPerRun); ++i) {
            auto d = nlohmann::json::parse(read_file(r.shots + "/c" + std::to_string(i) + ".json"));
            std::vector<std::string> row;
            for (const auto& w : d["widgets"])
                if (w.value("type", "") == "textentry") row = w["candidates"].get<std::vector<std::string>>();
            if (!row.empty() && row[0] == chars[i]) ++top1;
            auto end5 = row.begin() + long(std::min<size_t>(5, row.size()));
            if (std::find(row.begin(), end5, chars[i]) != end5) ++top5;
            else misses += chars[i];
        }
    }
    double p1 = 100.0 * top1 / double(chars.size()), p5 = 100.0 * top5 / double(chars.size());
    std::printf("handwriting on the pad (%d px at %d,%d): %zu characters, top-1 %.1f %%, top-5 %.1f %%; not in top 5: %s\n",
                pad.side, pad.x, pad.y, chars.size(), p1, p5, misses.c_str());
    // Measured 2026-12-06 (BENCHMARKS.md, #14): the goal, with a few characters to spare. The
    // same recognizer on 500 held-out characters: tests/input/handwriting_accuracy_test.cpp.
    CHECK(top5 >= 475);  // 95 %
    CHECK(top1 >= 425);  // 85 %
}
