// App module "wayfinding": the hall map of the live content version, this kiosk's position and the phrase books, for the map screen.
#include <unistd.h>

#include <filesystem>

#include "base/log.h"
#include "kiosk/app/app.h"
#include "kiosk/app/module.h"
#include "kiosk/content/content_store.h"
#include "kiosk/screens/wayfinding_service.h"

namespace kiosk {

namespace {

namespace wf = wayfinding;

/// Loads everything the map screen needs from one content version. Never throws; the
/// returned data carries `error` when the map cannot be used.
std::shared_ptr<const screens::WayfindingData> load(const App& app, content::ContentStore& store, const std::string& assets) {
    auto data = std::make_shared<screens::WayfindingData>();
    data->content_version = store.version();
    std::string path = store.map_path();
    if (path.empty()) {
        data->error = "the content version " + store.version() + " has no map.json";
        return data;
    }
    std::vector<wf::MapProblem> problems;
    auto map = wf::load_hall_map(path, problems);
    if (!map) {
        data->error = "map.json: " + map.error().message;
        for (const auto& p : problems) LOG_WARN("wayfinding") << p.json_path << ": " << p.message;
        return data;
    }
    auto here = wf::kiosk_position(*map, app.config().str("wayfinding.kiosk_node"), app.config().number("wayfinding.facing_deg"));
    if (!here) {
        data->error = "wayfinding.kiosk_node: " + here.error().message;
        return data;
    }
    for (const char* lang : {"zh-CN", "en"}) {
        auto book = wf::PhraseBook::load_from_assets(assets, lang);
        if (!book) {
            data->error = "phrases: " + book.error().message;
            return data;
        }
        data->phrases.emplace(lang, std::move(book.value()));
    }
    data->here = *here;
    data->map = std::make_shared<const wf::HallMap>(std::move(map.value()));
    LOG_INFO("wayfinding") << "map of content " << store.version() << " loaded: " << data->map->floors.size() << " floors";
    return data;
}

}  // namespace

/// Service "wayfinding" → std::shared_ptr<screens::WayfindingService>. current() is called on the
/// UI thread by the map screen; it compares the live content version with the one loaded, so
/// after ContentChanged (screens rebuild) the new map is read once.
KIOSK_APP_MODULE(wayfinding, {"wayfinding", 15, [](App& app) -> Status {
    struct Cache {
        std::shared_ptr<content::ContentStore> store;  // the store the data came from
        std::shared_ptr<const screens::WayfindingData> data;
        std::string assets;
    };
    auto cache = std::make_shared<Cache>();
    cache->assets = app.assets_dir();
    auto service = std::make_shared<screens::WayfindingService>();
    App* a = &app;
    service->current = [a, cache]() -> std::shared_ptr<const screens::WayfindingData> {
        auto store = a->screen_services().content;
        if (!store) return nullptr;
        if (cache->store != store || !cache->data) {
            cache->store = store;
            cache->data = load(*a, *store, cache->assets);
            if (!cache->data->error.empty()) LOG_WARN("wayfinding") << "no map: " << cache->data->error;
        }
        return cache->data;
    };
    service->current();  // load now so the first visit to the map is quick and problems are logged at start
    app.screen_services().wayfinding = service;
    return {};
}})

}  // namespace kiosk
