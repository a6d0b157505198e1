// Log sink: one line per message on stderr; syslog priority prefixes when under journald.
#include "log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>

namespace kiosk::log {
namespace {
std::atomic<Level> g_level{Level::Info};
std::mutex g_mutex;

// systemd sets JOURNAL_STREAM when stderr is connected to the journal; then a "<N>" prefix
// carries the priority and the journal adds its own timestamp.
bool under_journald() {
    static const bool yes = std::getenv("JOURNAL_STREAM") != nullptr;
    return yes;
}

const char* level_name(Level l) {
    switch (l) {
    case Level::Debug: return "DEBUG";
    case Level::Info: return "INFO";
    case Level::Warn: return "WARN";
    case Level::Error: return "ERROR";
    default: return "";
    }
}

int syslog_priority(Level l) {
    switch (l) {
    case Level::Debug: return 7;
    case Level::Info: return 6;
    case Level::Warn: return 4;
    default: return 3;
    }
}
}  // namespace

void set_level(Level l) { g_level = l; }
Level level() { return g_level; }

bool parse_level(std::string_view t, Level& out) {
    if (t == "debug") out = Level::Debug;
    else if (t == "info") out = Level::Info;
    else if (t == "warn") out = Level::Warn;
    else if (t == "error") out = Level::Error;
    else if (t == "off") out = Level::Off;
    else return false;
    return true;
}

Line::Line(Level level, std::string_view tag) : m_level(level), m_tag(tag) {}

Line::~Line() {
    std::string text = m_out.str();
    // One line per message: a multi-line value must not forge a second log line.
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    std::lock_guard lock(g_mutex);
    if (under_journald()) {
        std::fprintf(stderr, "<%d>%.*s: %s\n", syslog_priority(m_level), int(m_tag.size()), m_tag.data(), text.c_str());
    } else {
        auto now = std::chrono::system_clock::now();
        std::time_t t = std::chrono::system_clock::to_time_t(now);
        int ms = int(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
        std::tm tm{};
        localtime_r(&t, &tm);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%H:%M:%S", &tm);
        std::fprintf(stderr, "%s.%03d %-5s %.*s: %s\n", stamp, ms, level_name(m_level), int(m_tag.size()), m_tag.data(),
                     text.c_str());
    }
}

}  // namespace kiosk::log
