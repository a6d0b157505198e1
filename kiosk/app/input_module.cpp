// App module "input": loads the handwriting model and the pinyin dictionaries on a worker, primes both with the live content's words, and gives screens ui::InputEngines.
#include <mutex>

#include "base/log.h"
#include "kiosk/app/app.h"
#include "kiosk/app/module.h"
#include "kiosk/content/characters.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/pinyin.h"
#include "kiosk/input/handwriting.h"
#include "kiosk/input/pinyin.h"
#include "kiosk/screens/wayfinding_service.h"
#include "kiosk/ui/text_entry.h"

namespace kiosk {

namespace {

/// The words a citizen may look for: item, department and life-event names (with former
/// names and the items' materials), and the map's departments, aliases, rooms and places.
/// Read on the UI thread (the store and the map belong to it); a few milliseconds.
std::vector<std::string> guide_words(App& app) {
    std::vector<std::string> out;
    auto store = app.screen_services().content;
    if (store) {
        // The pads write Chinese: their vocabulary is the hall's Chinese whatever language the
        // last screen read the content in (screens set theirs again at every read).
        store->set_language("zh-CN");
        if (auto deps = store->departments()) {
            for (const auto& d : *deps) {
                out.push_back(d.name);
                for (const auto& f : d.former_names) out.push_back(f.name);
                if (auto items = store->items_by_department(d.id))
                    for (const auto& i : *items) {
                        out.push_back(i.name);
                        if (auto item = store->item(i.code))
                            for (const auto& m : item->materials) out.push_back(m.name);
                    }
            }
        }
        if (auto events = store->life_events())
            for (const auto& e : *events) out.push_back(e.name);
    }
    if (auto wf = app.screen_services().wayfinding; wf && wf->current)
        if (auto data = wf->current(); data && data->map) {
            const auto& map = *data->map;
            for (const auto& d : map.departments) {
                out.push_back(d.name.get("zh-CN"));
                out.insert(out.end(), d.aliases.begin(), d.aliases.end());
            }
            for (const auto& r : map.rooms) out.push_back(r.name.get("zh-CN"));
            for (const auto& p : map.pois) {
                out.push_back(p.name.get("zh-CN"));
                out.insert(out.end(), p.aliases.begin(), p.aliases.end());
            }
        }
    // Window names: "12号窗口" has digits (typed on 123); its words are primed here.
    out.push_back("号窗口");
    out.push_back("服务窗口");
    return out;
}

/// Both engines, made on a worker and handed to the UI thread whole.
struct Engines {
    std::shared_ptr<const input::HandwritingRecognizer> handwriting;
    std::shared_ptr<input::PinyinInput> pinyin;
    /// libpinyin is not thread-safe: lookups run on the text entry's worker, consumed() on the
    /// UI thread when a candidate is tapped.
    std::mutex pinyin_lock;
    std::shared_ptr<content::ContentStore> for_store;
};

struct State {
    std::mutex lock;  // guards `ready` between the worker and the UI thread
    std::shared_ptr<Engines> ready;
    bool loading = false;
    std::shared_ptr<content::ContentStore> requested;  // content the engines are (being) made for
};

std::shared_ptr<Engines> make_engines(std::vector<std::string> words, std::shared_ptr<content::ContentStore> store,
                                      std::string version_dir) {
    auto e = std::make_shared<Engines>();
    e->for_store = std::move(store);
    // The pad's vocabulary (ranked first) is every character of the content's text, not only
    // of the words the search finds: citizens write what they read on the kiosk (a material,
    // an address, a form's title), and the accuracy figures in BENCHMARKS.md are measured on
    // the content's 500 most frequent characters. With the search words alone (383 of the
    // demo content's 602 characters) the pad measured top-1 60.2 %, top-5 67.2 % on them.
    std::string vocab;
    for (const auto& w : words) vocab += w;
    if (!version_dir.empty()) {
        if (auto chars = content::han_characters_of_version(version_dir)) vocab += chars.value();
        else LOG_WARN("input") << "handwriting vocabulary: " << chars.error().message;
    }
    if (auto hw = input::HandwritingRecognizer::create()) {
        hw.value()->set_vocabulary(vocab);  // before it is shared with the UI thread
        e->handwriting = std::move(hw.value());
    } else {
        LOG_WARN("input") << "handwriting off: " << hw.error().message;
    }
    if (auto py = input::PinyinInput::create()) {
        if (auto src = content::PinyinSource::shared()) {
            auto s = src.value();
            size_t n = py.value()->prime(words, [s](char32_t cp) { return s->readings(cp); });
            LOG_INFO("input") << "pinyin primed with " << n << " phrases of the guide";
        }
        e->pinyin = std::move(py.value());
    } else {
        LOG_WARN("input") << "pinyin off: " << py.error().message;
    }
    return e;
}

}  // namespace

/// ScreenServices::input: the engines behind every text field's TextEntry. They load after the
/// first frame (the model is 26 MB, about a second); until then the 手写 tab says it is getting
/// ready and 拼音 shows no candidates. When the live content changes they are made again with
/// its words and swapped in when ready.
KIOSK_APP_MODULE(input, {"input", 20, [](App& app) -> Status {
    auto state = std::make_shared<State>();
    App* a = &app;
    // Called on the UI thread by every lookup: the engines for the live content, starting a
    // reload when it changed.
    auto current = [a, state]() -> std::shared_ptr<Engines> {
        auto store = a->screen_services().content;
        std::shared_ptr<Engines> ready;
        {
            std::lock_guard<std::mutex> g(state->lock);
            ready = state->ready;
            if (state->loading || state->requested == store) return ready;
            state->loading = true;
            state->requested = store;
        }
        auto words = guide_words(*a);
        std::string dir = store ? store->version_dir() : std::string();
        a->run_async([state, words = std::move(words), store, dir]() {
            auto made = make_engines(words, store, dir);
            std::lock_guard<std::mutex> g(state->lock);
            state->ready = made;
            state->loading = false;
            // Seen by no screen: it only wakes the UI thread so the pad redraws as ready.
            return screens::AppEvent{screens::AppEvent::Kind::RequestUpdate, "input", "ready"};
        });
        return ready;
    };
    // The engines as they are, from any thread (the lookups run on the worker; only `current`,
    // on the UI thread, reads the content and starts a reload).
    auto published = [state]() -> std::shared_ptr<Engines> {
        std::lock_guard<std::mutex> g(state->lock);
        return state->ready;
    };
    auto engines = std::make_shared<ui::InputEngines>();
    engines->worker = std::make_shared<ui::InputWorker>();
    engines->recognize = [published](const std::vector<ui::PadStroke>& strokes) {
        std::vector<std::string> out;
        auto e = published();
        if (!e || !e->handwriting) return out;
        std::vector<input::InkStroke> ink;
        ink.reserve(strokes.size());
        for (const auto& s : strokes) {
            input::InkStroke st;
            st.reserve(s.size());
            for (const auto& p : s) st.push_back({p.x, p.y});
            ink.push_back(std::move(st));
        }
        for (auto& c : e->handwriting->recognize(ink, 10)) out.push_back(std::move(c.text));
        for (auto& st : ink) secure_wipe(st.data(), st.size() * sizeof(input::InkPoint));
        return out;
    };
    engines->handwriting_ready = [current] {
        auto e = current();
        return e && e->handwriting;
    };
    engines->pinyin = [published](const std::string& letters) {
        auto e = published();
        if (!e || !e->pinyin) return std::vector<std::string>{};
        std::lock_guard<std::mutex> g(e->pinyin_lock);
        return e->pinyin->candidates(letters, 30);
    };
    engines->pinyin_consumed = [current](const std::string& letters, const std::string& chosen) -> size_t {
        auto e = current();
        if (!e || !e->pinyin) return 0;
        std::lock_guard<std::mutex> g(e->pinyin_lock);
        return e->pinyin->consumed(letters, chosen);
    };
    app.screen_services().input = engines;
    // Nothing of one citizen's writing or typing waits on the worker for the next one.
    std::weak_ptr<ui::InputWorker> worker = engines->worker;
    app.session_state().on_wipe([worker] {
        if (auto w = worker.lock()) w->clear();
    });
    current();  // start loading now, not at the first touch
    return {};
}})

}  // namespace kiosk
