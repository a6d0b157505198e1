// Levelled logging to stderr (journald-aware); personal data cannot be streamed into it.
#pragma once

#include <sstream>
#include <string_view>

namespace kiosk::log {

enum class Level { Debug = 0, Info = 1, Warn = 2, Error = 3, Off = 4 };

void set_level(Level);
Level level();
/// Parses "debug", "info", "warn", "error", "off"; returns false on anything else.
bool parse_level(std::string_view text, Level& out);

/// One log line, written when it goes out of scope. Use through the LOG_* macros:
///   LOG_INFO("printer") << "state " << state_name(s);
/// A kiosk::Secret or PersonalData value does not compile here: see secret.h.
class Line {
public:
    Line(Level level, std::string_view tag);
    ~Line();
    Line(const Line&) = delete;
    Line& operator=(const Line&) = delete;
    template <class T>
    Line& operator<<(const T& v) {
        m_out << v;
        return *this;
    }

private:
    Level m_level;
    std::string_view m_tag;
    std::ostringstream m_out;
};

}  // namespace kiosk::log

// A for statement, not an if, so `if (x) LOG_WARN(...) << ...; else ...` means what it says.
#define KIOSK_LOG(lvl, tag)                                                                          \
    for (bool kiosk_log_on_ = ::kiosk::log::Level::lvl >= ::kiosk::log::level(); kiosk_log_on_; kiosk_log_on_ = false) \
    ::kiosk::log::Line(::kiosk::log::Level::lvl, tag)
#define LOG_DEBUG(tag) KIOSK_LOG(Debug, tag)
#define LOG_INFO(tag) KIOSK_LOG(Info, tag)
#define LOG_WARN(tag) KIOSK_LOG(Warn, tag)
#define LOG_ERROR(tag) KIOSK_LOG(Error, tag)
