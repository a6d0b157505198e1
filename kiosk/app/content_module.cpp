// App module "content": opens the live content and its search index for the screens, and
// reopens them when a new version is switched in.
#include <filesystem>

#include "base/log.h"
#include "kiosk/app/app.h"
#include "kiosk/app/module.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/search.h"

namespace kiosk {

namespace {

/// Services for screens (ScreenContext::service):
///   "content" → std::shared_ptr<content::ContentStore>   (null when nothing is imported)
///   "search"  → std::shared_ptr<const content::SearchIndex>
/// Both live on the UI thread. After an import (kioskctl, or a platform update) the store
/// reports is_stale(); the app then posts ContentChanged and screens rebuild.
/// `with_index`: the search index too. At start-up the home screen needs only the store (today's
/// opening hours); the index (pinyin for every name) is built after the first frame.
Status open_content(App& app, bool with_index = true) {
    std::string root = app.config().state_dir() + "/content";
    auto store = content::ContentStore::open(root);
    if (!store) {
        LOG_WARN("content") << "no content installed in " << root << " (" << store.error().message
                            << "); import a bundle with: kioskctl content import PATH";
        app.provide("content", std::shared_ptr<content::ContentStore>());
        app.provide("search", std::shared_ptr<const content::SearchIndex>());
        return {};
    }
    std::shared_ptr<content::ContentStore> shared(std::move(store.value()));
    if (!with_index) {
        app.provide("content", shared);
        app.provide("search", std::shared_ptr<const content::SearchIndex>());
        return {};
    }
    auto index = shared->build_search_index();
    if (!index) return index.error();
    LOG_INFO("content") << "content version " << shared->version() << " open";
    app.provide("content", shared);
    app.provide("search", index.value());
    return {};
}

/// The search index of the store opened before the first frame.
Status build_index(App& app) {
    auto any = app.service("content");
    auto* store = std::any_cast<std::shared_ptr<content::ContentStore>>(&any);
    if (!store || !*store) return {};
    auto index = TRY((*store)->build_search_index());
    app.provide("search", index);
    return {};
}

}  // namespace

KIOSK_APP_MODULE(content, {"content", 10, [](App& app) -> Status { return open_content(app, false); }, {},
                           StartAt::BeforeFirstFrame, build_index})

/// Called by the app loop about once a second: a new version switched in by another
/// process (kioskctl content import, the content updater) is picked up here.
void refresh_content_if_stale(App& app) {
    auto any = app.service("content");
    auto* store = std::any_cast<std::shared_ptr<content::ContentStore>>(&any);
    bool stale = !store || !*store ? std::filesystem::exists(app.config().state_dir() + "/content/current")
                                   : (*store)->is_stale();
    if (!stale) return;
    if (auto r = open_content(app); !r) {
        LOG_ERROR("content") << "cannot open the new content: " << r.error().message;
        return;
    }
    app.events().post({screens::AppEvent::Kind::ContentChanged, "content"});
}

}  // namespace kiosk
