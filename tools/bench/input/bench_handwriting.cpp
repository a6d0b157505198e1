// Benchmark: recognition after each stroke (what the pad does while the citizen writes), with
// and without the vocabulary, over the content's most frequent characters; model load time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "handwriting_common.h"
#include "tools/bench/bench_stats.h"

using namespace kiosk;
using Clock = std::chrono::steady_clock;

static void report(const char* what, std::vector<double> ms) {
    auto s = kiosk::bench::summarize(std::move(ms));
    std::printf("%-34s n=%zu  median %.2f ms  p90 %.2f  p99 %.2f  max %.2f\n", what, s.n, s.median, s.p90, s.p99, s.max);
}

int main(int argc, char** argv) {
    size_t count = argc > 1 ? size_t(std::atoi(argv[1])) : 100;
    auto t0 = Clock::now();
    auto rec = input::HandwritingRecognizer::create();
    if (!rec) {
        std::fprintf(stderr, "%s\n", rec.error().message.c_str());
        return 1;
    }
    double load = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    auto chars = test::content_characters_by_frequency();
    chars.resize(std::min(count, chars.size()));
    auto strokes = test::outside_strokes(100, 900, 320);
    auto run = [&](const char* name) {
        std::vector<double> ms;
        for (auto& ch : chars) {
            const auto& all = strokes[ch];
            for (size_t k = 1; k <= all.size(); ++k) {
                std::vector<input::InkStroke> part(all.begin(), all.begin() + long(k));
                auto a = Clock::now();
                auto c = (*rec)->recognize(part, 10);
                ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
            }
        }
        report(name, ms);
    };
    std::printf("model load and index: %.1f ms\n", load);
    run("per stroke, no vocabulary");
    t0 = Clock::now();
    (*rec)->set_vocabulary(test::content_vocabulary());
    std::printf("set_vocabulary (%zu characters): %.1f ms\n", (*rec)->vocabulary_size(),
                std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    run("per stroke, content vocabulary");
    return 0;
}
