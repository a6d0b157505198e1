// What screens may see of the citizen's session: language, text size and a masked view of who is identified (read-only).
#pragma once

#include <optional>
#include <string>

namespace kiosk::session {

/// The card read for this session as a screen may show it: masked, never the data itself.
struct CardView {
    std::string masked_name;       ///< "王*试" (kiosk::mask_name)
    std::string masked_id_number;  ///< "1101**********1237" (kiosk::mask_id_number)
};

/// A snapshot the app keeps up to date on the UI thread. The session itself (identity,
/// login token, timers, wipe) is the app's (kiosk/app/session.h); screens change it only by
/// returning intents.
struct SessionView {
    std::string language;  ///< current UI language ("zh-CN", "en")
    bool large_text = false;
    /// The text-entry tab chosen in this session (ui::entry_mode_name); empty: none yet.
    std::string input_mode;
    /// The ID card read for this session, masked; nullopt when there is none.
    std::optional<CardView> card;
    /// True when an app login code was scanned for this session.
    bool login_code = false;
    /// An identity (card or login code) is there to ask the platform with.
    bool identified() const { return card.has_value() || login_code; }
};

}  // namespace kiosk::session
