// Process-wide health conditions: a small locked map, one log line per change.
#include "health.h"

#include <chrono>
#include <map>
#include <mutex>

#include "log.h"

namespace kiosk::health {
namespace {
std::mutex g_mutex;
std::map<std::string, Condition>& table() {
    static std::map<std::string, Condition> t;
    return t;
}
int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
}  // namespace

void raise(const std::string& id, const std::string& detail) {
    bool changed = false;
    {
        std::lock_guard lock(g_mutex);
        auto it = table().find(id);
        if (it == table().end()) {
            table().emplace(id, Condition{id, detail, wall_ms()});
            changed = true;
        } else if (it->second.detail != detail) {
            it->second.detail = detail;
            changed = true;
        }
    }
    if (changed) LOG_ERROR("health") << id << ": " << detail;
}

void clear(const std::string& id) {
    bool was = false;
    {
        std::lock_guard lock(g_mutex);
        was = table().erase(id) > 0;
    }
    if (was) LOG_INFO("health") << id << ": cleared";
}

void clear_prefix(const std::string& prefix) {
    std::vector<std::string> gone;
    {
        std::lock_guard lock(g_mutex);
        for (auto it = table().begin(); it != table().end();) {
            if (it->first.rfind(prefix, 0) == 0) {
                gone.push_back(it->first);
                it = table().erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const auto& id : gone) LOG_INFO("health") << id << ": cleared";
}

bool active(const std::string& id) {
    std::lock_guard lock(g_mutex);
    return table().count(id) > 0;
}

std::vector<Condition> snapshot() {
    std::lock_guard lock(g_mutex);
    std::vector<Condition> out;
    for (const auto& [id, c] : table()) out.push_back(c);
    return out;
}

void reset() {
    std::lock_guard lock(g_mutex);
    table().clear();
}

}  // namespace kiosk::health
