// The list of screens linked into the kiosk; a service without its own screen says it is not available yet.
#include "kiosk/screens/screen.h"

namespace kiosk::screens {

void register_home_screen();
void register_attract_screen();
void register_unavailable_screen(const std::string& service);

void register_all_screens() {
    static bool done = false;
    if (done) return;
    done = true;
    register_home_screen();
    register_attract_screen();
    // Services whose screens later issues deliver; each line is replaced by the real screen.
    for (const char* s : {"forms", "certificates", "case_status", "map", "guide", "hall_info", "rating", "call_staff"})
        register_unavailable_screen(s);
}

}  // namespace kiosk::screens
