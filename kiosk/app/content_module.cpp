// App module "content": opens the live content and its search index for the screens, and
// reopens them when a new version is switched in.
#include <filesystem>

#include "base/log.h"
#include "kiosk/app/app.h"
#include "kiosk/app/module.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/search.h"

namespace kiosk {

namespace {

/// Services for screens (ScreenServices::content, ::search): the store (null when nothing is
/// imported) and its search index.
/// Both live on the UI thread. After an import (kioskctl, or a platform update) the store
/// reports is_stale(); the app then posts ContentChanged and screens rebuild.
/// First boot: with nothing installed, the configured seed bundle goes through the same gate
/// as every other import (signed by a key of content.signing_keys).
void seed_content(App& app, const std::string& root) {
    std::string seed = app.config().str("content.seed_bundle");
    if (seed.empty() || std::filesystem::exists(root + "/current")) return;
    content::ImportPolicy policy;
    policy.trusted_keys = app.config().list("content.signing_keys");
    policy.actor = "first-boot seed";
    auto r = content::import_bundle(seed, root, policy);
    if (!r) LOG_ERROR("content") << "seed bundle " << seed << " refused: " << r.error().message;
}

/// `with_index`: the search index too. At start-up the home screen needs only the store (today's
/// opening hours); the index (pinyin for every name) is built after the first frame.
Status open_content(App& app, bool with_index = true) {
    std::string root = app.config().state_dir() + "/content";
    seed_content(app, root);
    auto store = content::ContentStore::open(root);
    if (!store) {
        LOG_WARN("content") << "no content installed in " << root << " (" << store.error().message
                            << "); import a bundle with: kioskctl content import PATH";
        app.screen_services().content.reset();
        app.screen_services().search.reset();
        return {};
    }
    std::shared_ptr<content::ContentStore> shared(std::move(store.value()));
    if (!with_index) {
        app.screen_services().content = shared;
        app.screen_services().search.reset();
        return {};
    }
    auto index = shared->build_search_index();
    if (!index) return index.error();
    LOG_INFO("content") << "content version " << shared->version() << " open";
    app.screen_services().content = shared;
    app.screen_services().search = index.value();
    return {};
}

/// The search index of the store opened before the first frame.
Status build_index(App& app) {
    const auto& store = app.screen_services().content;
    if (!store) return {};
    app.screen_services().search = TRY(store->build_search_index());
    return {};
}

}  // namespace

KIOSK_APP_MODULE(content, {"content", 10, [](App& app) -> Status { return open_content(app, false); }, {},
                           StartAt::BeforeFirstFrame, build_index})

/// Called by the app loop about once a second: a new version switched in by another
/// process (kioskctl content import, the content updater) is picked up here.
void refresh_content_if_stale(App& app) {
    const auto& store = app.screen_services().content;
    bool stale = !store ? std::filesystem::exists(app.config().state_dir() + "/content/current") : store->is_stale();
    if (!stale) return;
    if (auto r = open_content(app); !r) {
        LOG_ERROR("content") << "cannot open the new content: " << r.error().message;
        return;
    }
    app.events().post({screens::AppEvent::Kind::ContentChanged, "content"});
}

}  // namespace kiosk
