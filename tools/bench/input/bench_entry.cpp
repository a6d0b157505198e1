// Benchmark: UI frames while typing pinyin and writing on the pad (TextEntry on SDL's software renderer), lookups on the UI thread against on the worker, alternated in one run.
#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <mutex>
#include <thread>

#include "handwriting_common.h"
#include "kiosk/content/pinyin.h"
#include "kiosk/input/pinyin.h"
#include "kiosk/ui/text_entry.h"
#include "tools/bench/bench_stats.h"

using namespace kiosk;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point a) { return std::chrono::duration<double, std::milli>(Clock::now() - a).count(); }

static void report(const char* what, std::vector<double> ms) {
    auto s = kiosk::bench::summarize(std::move(ms));
    std::printf("%-58s n=%zu  median %.2f ms  p90 %.2f  p99 %.2f  max %.2f\n", what, s.n, s.median, s.p90, s.p99, s.max);
}

// Words a citizen types, letter by letter: guide words, initials, fuzzy spellings, everyday words.
static const char* const kWords[] = {"shebao", "sb", "gongjijin", "gjj", "budongchan", "bdcdj", "hukou", "shenfenzheng",
                                     "sfz", "yibao", "sebao", "zufang", "jiehundengji", "yingyezhizhao", "xiexie",
                                     "dianti", "weishengjian", "chuangkou", "gongan", "shuiwu"};

int main(int argc, char** argv) {
    int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) return 1;
    SDL_Window* win = SDL_CreateWindow("bench", 0, 0, 1080, 1920, SDL_WINDOW_HIDDEN);
    SDL_Renderer* ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    auto fonts = ui::FontLibrary::create();
    if (!win || !ren || !fonts) return 1;
    ui::TextRenderer text(ren, *fonts.value());
    ui::Theme theme;

    auto t0 = Clock::now();
    auto py = input::PinyinInput::create();
    if (!py) {
        std::fprintf(stderr, "%s\n", py.error().message.c_str());
        return 1;
    }
    std::printf("libpinyin load: %.1f ms\n", since(t0));
    auto src = content::PinyinSource::shared();
    if (!src) return 1;
    std::vector<std::string> words;
    for (auto& c : test::content_characters_by_frequency()) words.push_back(c);  // single characters are skipped
    {
        // The guide's names (items.json etc.), as the app primes with them.
        std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/assets/content/items.json");
        auto j = nlohmann::json::parse(in);
        for (auto& i : j["items"]) words.push_back(i["name"]);
    }
    t0 = Clock::now();
    auto s = src.value();
    size_t n = py.value()->prime(words, [s](char32_t cp) { return s->readings(cp); });
    std::printf("prime %zu phrases: %.1f ms\n", n, since(t0));

    auto hw = input::HandwritingRecognizer::create();
    if (!hw) return 1;
    hw.value()->set_vocabulary(test::content_vocabulary());

    auto engines = std::make_shared<ui::InputEngines>();
    input::PinyinInput* p = py.value().get();
    engines->pinyin = [p](const std::string& l) { return p->candidates(l, 30); };
    engines->pinyin_consumed = [p](const std::string& l, const std::string& c) { return p->consumed(l, c); };
    const input::HandwritingRecognizer* h = hw.value().get();
    engines->recognize = [h](const std::vector<ui::PadStroke>& strokes) {
        std::vector<input::InkStroke> ink;
        for (auto& s : strokes) {
            input::InkStroke st;
            for (auto& pt : s) st.push_back({pt.x, pt.y});
            ink.push_back(st);
        }
        std::vector<std::string> out;
        for (auto& c : h->recognize(ink, 10)) out.push_back(c.text);
        return out;
    };

    // The same engines on the UI thread (as before #14 item 2) and on a worker (as the app now
    // runs them), alternated round by round so both see the same load.
    auto on_worker = std::make_shared<ui::InputEngines>(*engines);
    on_worker->worker = std::make_shared<ui::InputWorker>();
    std::mutex pinyin_lock;  // the worker's lookups and consumed() on the UI thread, as in the app
    on_worker->pinyin = [p, &pinyin_lock](const std::string& l) {
        std::lock_guard<std::mutex> g(pinyin_lock);
        return p->candidates(l, 30);
    };
    on_worker->pinyin_consumed = [p, &pinyin_lock](const std::string& l, const std::string& c) {
        std::lock_guard<std::mutex> g(pinyin_lock);
        return p->consumed(l, c);
    };
    const std::shared_ptr<ui::InputEngines> modes[2] = {engines, on_worker};
    const char* names[2] = {"UI thread", "worker"};

    // One UI frame as the app makes it: the input (if any), the widget's tick, the drawing,
    // finished with a one-pixel read-back (toolchain gotcha 3).
    // Wall clock says what a citizen sees; the UI thread's CPU time says what the frame's own work
    // costs, whatever the machine's load (other engineers build beside these runs).
    auto thread_cpu = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    };
    double last_cpu = 0;  // of the last frame
    auto frame = [&](ui::TextEntry& entry, ui::TextField* field, const std::function<void()>& input) {
        auto a = Clock::now();
        double c0 = thread_cpu();
        if (input) input();
        entry.tick(Clock::now());
        ui::Canvas canvas{ren, text, theme, Clock::now()};
        SDL_RenderClear(ren);
        entry.draw(canvas);
        if (field) field->draw(canvas);
        Uint32 px;
        SDL_Rect one{0, 0, 1, 1};
        SDL_RenderReadPixels(ren, &one, SDL_PIXELFORMAT_ARGB8888, &px, 4);
        last_cpu = thread_cpu() - c0;
        return since(a);
    };
    // Frames until the row has the answer (the app's loop waits 1 ms between frames while a
    // widget animates); returns the time from the input to the frame that shows the answer.
    // The frame that shows the answer (the row's update) is also kept in `updates`: with the
    // lookup on the UI thread it is the input's own frame, on the worker the last one here.
    auto until_answered = [&](ui::TextEntry& entry, ui::TextField* field, const std::shared_ptr<ui::InputEngines>& e,
                              Clock::time_point since_input, std::vector<double>& frames, std::vector<double>& updates,
                              std::vector<double>& updates_cpu) {
        while (e->worker && e->worker->busy()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            frames.push_back(frame(entry, field, nullptr));
        }
        updates.push_back(frames.back());
        updates_cpu.push_back(last_cpu);
        return since(since_input);
    };

    // Pinyin: each key pressed through the widget, then frames until the row shows its answer.
    std::vector<double> lookup, frames[2], answered[2], updates[2], updates_cpu[2];
    for (int r = 0; r < rounds; ++r)
        for (int m = 0; m < 2; ++m)
            for (const char* w : kWords) {
                ui::TextField field("", 40);
                ui::TextEntry entry(modes[m], {ui::EntryMode::Pinyin}, ui::EntryMode::Pinyin, {}, theme, text);
                entry.bounds = {40, 1128, 1000, 768};
                entry.target = &field;
                field.bounds = {40, 174, 1000, 120};
                std::string typed;
                for (const char* c = w; *c; ++c) {
                    typed += *c;
                    if (m == 0) {
                        auto a = Clock::now();
                        std::lock_guard<std::mutex> g(pinyin_lock);
                        (void)p->candidates(typed, 30);
                        lookup.push_back(since(a));
                    }
                    SDL_Rect key{};
                    for (auto& it : entry.items())
                        if (it.text == std::string(1, *c)) key = it.bounds;
                    auto k = Clock::now();
                    frames[m].push_back(frame(entry, &field, [&] {
                        entry.on_pointer({ui::PointerEvent::Kind::Down, key.x + 5, key.y + 5, Clock::now()});
                        entry.on_pointer({ui::PointerEvent::Kind::Up, key.x + 5, key.y + 5, Clock::now()});
                    }));
                    answered[m].push_back(until_answered(entry, &field, modes[m], k, frames[m], updates[m], updates_cpu[m]));
                }
            }
    report("pinyin: keystroke → candidates (lookup alone)", lookup);
    for (int m = 0; m < 2; ++m) {
        std::string a = std::string("pinyin, ") + names[m] + ": every UI frame";
        std::string b = std::string("pinyin, ") + names[m] + ": key → row shown";
        std::string u = std::string("pinyin, ") + names[m] + ": candidate bar update frame";
        report(a.c_str(), frames[m]);
        report(u.c_str(), updates[m]);
        report((u + ", CPU").c_str(), updates_cpu[m]);
        report(b.c_str(), answered[m]);
    }

    // Handwriting: each stroke lifted, then frames until the row shows its candidates.
    auto chars = test::content_characters_by_frequency();
    chars.resize(std::min<size_t>(chars.size(), size_t(20 * rounds)));
    auto strokes = test::outside_strokes(198, 1372, 484);
    std::vector<double> hw_frames[2], hw_answered[2], hw_updates[2], hw_updates_cpu[2];
    for (size_t i = 0; i < chars.size(); ++i)
        for (int m = 0; m < 2; ++m) {
            ui::TextField field("", 40);
            ui::TextEntry entry(modes[m], {ui::EntryMode::Handwriting}, ui::EntryMode::Handwriting, {}, theme, text);
            entry.bounds = {40, 1128, 1000, 768};
            entry.target = &field;
            for (auto& s : strokes[chars[i]]) {
                auto t = Clock::now();
                entry.on_pointer({ui::PointerEvent::Kind::Down, int(s[0].x), int(s[0].y), t});
                for (auto& pt : s) entry.on_pointer({ui::PointerEvent::Kind::Move, int(pt.x), int(pt.y), t});
                auto a = Clock::now();
                hw_frames[m].push_back(frame(entry, nullptr, [&] {
                    entry.on_pointer({ui::PointerEvent::Kind::Up, int(s.back().x), int(s.back().y), Clock::now()});
                }));
                hw_answered[m].push_back(until_answered(entry, nullptr, modes[m], a, hw_frames[m], hw_updates[m], hw_updates_cpu[m]));
            }
        }
    for (int m = 0; m < 2; ++m) {
        std::string a = std::string("handwriting, ") + names[m] + ": every UI frame";
        std::string b = std::string("handwriting, ") + names[m] + ": finger up → row shown";
        std::string u = std::string("handwriting, ") + names[m] + ": candidate bar update frame";
        report(a.c_str(), hw_frames[m]);
        report(u.c_str(), hw_updates[m]);
        report((u + ", CPU").c_str(), hw_updates_cpu[m]);
        report(b.c_str(), hw_answered[m]);
    }
    // The renderer, the window and SDL_ttf stay until the process ends: the text cache and
    // the fonts (locals) are freed on return and need them.
    return 0;
}
