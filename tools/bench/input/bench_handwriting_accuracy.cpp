// Benchmark: handwriting accuracy (top-1, top-5) of the recognizer on outside stroke data, on the
// content's 500 most frequent characters and on held-out characters, with the pad's geometry.
// Usage: bench_handwriting_accuracy [-v]   (-v lists the misses; HW_SETS=ac runs only sets a and c)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "handwriting_common.h"

using namespace kiosk;

namespace {

/// The medians as the pad test writes them: the 564-pixel pad less a 5 % margin, a point at
/// least every 16 px (rounded), filled in by the script runner every 10 px (rounded again).
std::vector<input::InkStroke> as_on_pad(const std::vector<input::InkStroke>& medians) {
    const float side = 564, margin = side * 0.05f, scale = (side - 2 * margin) / 1024.0f;
    std::vector<input::InkStroke> out;
    for (const auto& s : medians) {
        std::vector<input::InkPoint> step;  // the script's points
        for (size_t i = 0; i < s.size(); ++i) {
            auto put = [&](float x, float y) { step.push_back({std::round(margin + x * scale), std::round(margin + y * scale)}); };
            if (i == 0) {
                put(s[0].x, s[0].y);
                continue;
            }
            float dx = s[i].x - s[i - 1].x, dy = s[i].y - s[i - 1].y;
            int n = std::max(1, int(std::ceil(std::hypot(dx, dy) * scale / 16)));
            for (int k = 1; k <= n; ++k) put(s[i - 1].x + dx * k / n, s[i - 1].y + dy * k / n);
        }
        input::InkStroke t{step.front()};
        for (size_t i = 1; i < step.size(); ++i) {
            auto a = step[i - 1], b = step[i];
            int n = std::max(1, int(std::ceil(std::hypot(b.x - a.x, b.y - a.y) / 10)));
            for (int k = 1; k <= n; ++k) t.push_back({std::round(a.x + (b.x - a.x) * k / n), std::round(a.y + (b.y - a.y) * k / n)});
        }
        out.push_back(std::move(t));
    }
    return out;
}

std::map<std::string, std::vector<input::InkStroke>> load(const char* file) {
    std::ifstream in(std::string(KIOSK_TEST_DATA) + "/handwriting/" + file);
    auto j = nlohmann::json::parse(in);
    std::map<std::string, std::vector<input::InkStroke>> out;
    for (auto& [ch, strokes] : j.items()) {
        std::vector<input::InkStroke> ink;
        for (const auto& s : strokes) {
            input::InkStroke st;
            for (const auto& p : s) st.push_back({p[0].get<float>(), 900 - p[1].get<float>()});
            ink.push_back(std::move(st));
        }
        out[ch] = as_on_pad(ink);
    }
    return out;
}

void run(const char* what, const input::HandwritingRecognizer& rec, const std::vector<std::string>& chars,
         std::map<std::string, std::vector<input::InkStroke>>& ink, bool verbose) {
    int top1 = 0, top5 = 0;
    std::string miss1, miss5;
    for (const auto& ch : chars) {
        auto c = rec.recognize(ink[ch], 5);
        bool in5 = false;
        for (auto& x : c) in5 |= x.text == ch;
        if (!c.empty() && c[0].text == ch) ++top1;
        else miss1 += ch + "(" + (c.empty() ? std::string("-") : c[0].text) + ")";
        if (in5) ++top5;
        else miss5 += ch;
    }
    std::printf("%-46s n=%zu  top-1 %5.1f %%  top-5 %5.1f %%\n", what, chars.size(), 100.0 * top1 / double(chars.size()),
                100.0 * top5 / double(chars.size()));
    if (verbose) std::printf("  not top-1: %s\n  not in top 5: %s\n", miss1.c_str(), miss5.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    bool verbose = argc > 1 && std::strcmp(argv[1], "-v") == 0;
    auto rec = input::HandwritingRecognizer::create();
    if (!rec) {
        std::fprintf(stderr, "%s\n", rec.error().message.c_str());
        return 1;
    }
    auto content = test::content_characters_by_frequency();
    auto ink = load("medians.json");
    auto held = load("heldout_medians.json");
    std::vector<std::string> top(content.begin(), content.begin() + 500), rest(content.begin() + 500, content.end()), other;
    for (auto& [ch, s] : held) other.push_back(ch);
    const char* sets = std::getenv("HW_SETS") ? std::getenv("HW_SETS") : "abcde";
    auto want = [&](char c) { return std::strchr(sets, c) != nullptr; };
    if (want('a')) run("content top 500, no vocabulary", **rec, top, ink, verbose);
    if (want('b')) run("content 501-, no vocabulary", **rec, rest, ink, verbose);
    if (want('c')) run("held-out GB 2312 level 1, no vocabulary", **rec, other, held, verbose);
    (*rec)->set_vocabulary(test::content_vocabulary());
    if (want('d')) run("content top 500, content vocabulary (the pad)", **rec, top, ink, verbose);
    if (want('e')) run("content 501-, content vocabulary", **rec, rest, ink, verbose);
    return 0;
}
