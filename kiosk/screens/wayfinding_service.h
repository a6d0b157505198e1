// What the wayfinding app module provides to the map screen: the hall map of the live content version, this kiosk's position, the phrase books.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "kiosk/wayfinding/directions.h"
#include "kiosk/wayfinding/hall_map.h"

namespace kiosk::screens {

/// What the wayfinding app module gives the map screen (service "wayfinding"): the map of the
/// live content version, where this kiosk stands, and the phrase books. Immutable once made.
struct WayfindingData {
    std::shared_ptr<const wayfinding::HallMap> map;
    wayfinding::KioskPosition here;
    std::map<std::string, wayfinding::PhraseBook> phrases;  ///< by language ("zh-CN", "en")
    std::string content_version;
    std::string error;  ///< why there is no map (for the log; the screen shows a plain message)
    const wayfinding::PhraseBook* phrase_book(const std::string& lang) const {
        auto it = phrases.find(lang);
        if (it == phrases.end()) it = phrases.find("zh-CN");
        return it == phrases.end() ? nullptr : &it->second;
    }
};

/// The service object under "wayfinding": current() returns the data of the content version
/// now live, reloading the map when a new version was switched in (null: no content).
struct WayfindingService {
    std::function<std::shared_ptr<const WayfindingData>()> current;
};

}  // namespace kiosk::screens
