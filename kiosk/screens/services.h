// The services a screen may read, typed: live content and search, the hall map, the platform's notice, the kiosk's location, the technician's status, the input engines.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace kiosk::content {
class ContentStore;
class SearchIndex;
}  // namespace kiosk::content

namespace kiosk::ui {
struct InputEngines;
}  // namespace kiosk::ui

namespace kiosk::screens {

struct WayfindingService;
struct TechnicianService;

/// A notice sent by the platform (show-notice): shown on the home screen until `until_ms`
/// (wall time, milliseconds since the epoch).
struct RemoteNotice {
    std::string text;
    int64_t until_ms = 0;
};

/// Filled by the app modules on the UI thread (content, wayfinding, sync); screens read it
/// through ScreenContext::services(). A null pointer means "not available" (no content
/// installed, no map): the screen says so plainly.
struct ScreenServices {
    std::shared_ptr<content::ContentStore> content;        ///< the live content version
    std::shared_ptr<const content::SearchIndex> search;    ///< its search index
    std::shared_ptr<WayfindingService> wayfinding;         ///< hall map of the live version
    std::shared_ptr<const RemoteNotice> remote_notice;     ///< null: no notice
    std::string kiosk_location;                            ///< kiosk.location, shown on 呼叫帮办
    std::shared_ptr<TechnicianService> technician;         ///< null: no technician PIN configured
    /// Handwriting and pinyin behind every text field (kiosk/app/input_module.cpp); null: none.
    std::shared_ptr<const ui::InputEngines> input;
    /// Set only when the configuration cannot be loaded and there is no last good one: the
    /// problem, for the technician on the 暂停服务 screen (issue 19).
    std::string out_of_service_problem;
};

}  // namespace kiosk::screens
