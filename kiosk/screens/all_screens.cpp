// Every home service gets a screen: its own when delivered, else one that says it is not available yet.
#include "kiosk/screens/screen.h"

namespace kiosk::screens {

void register_unavailable_screen(const std::string& service);

void register_all_screens() {
    for (const char* s : {"forms", "certificates", "case_status", "map", "guide", "hall_info", "rating", "call_staff"})
        if (!has_screen(s)) register_unavailable_screen(s);
}

}  // namespace kiosk::screens
