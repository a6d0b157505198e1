// Names and small helpers of the printer interface, and the IPP reason mapping.
#include "drivers/printer/printer.h"

#include <algorithm>
#include <array>

#include "drivers/printer/status_mapping.h"

namespace kiosk::printer {

const char* availability_name(Availability a) {
    switch (a) {
    case Availability::Ready: return "ready";
    case Availability::Busy: return "busy";
    case Availability::Unavailable: return "unavailable";
    }
    return "unavailable";
}

const char* condition_name(Condition c) {
    switch (c) {
    case Condition::MediaEmpty: return "media-empty";
    case Condition::MediaLow: return "media-low";
    case Condition::MediaJam: return "media-jam";
    case Condition::DoorOpen: return "door-open";
    case Condition::TonerLow: return "toner-low";
    case Condition::TonerEmpty: return "toner-empty";
    case Condition::Offline: return "offline";
    case Condition::Paused: return "paused";
    case Condition::Stopped: return "stopped";
    case Condition::Attention: return "attention";
    }
    return "attention";
}

bool is_blocking(Condition c) {
    switch (c) {
    case Condition::MediaLow:
    case Condition::TonerLow:
    case Condition::Attention: return false;
    default: return true;
    }
}

const char* severity_name(Severity s) {
    switch (s) {
    case Severity::Report: return "report";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
    }
    return "error";
}

const char* job_state_name(JobState s) {
    switch (s) {
    case JobState::Pending: return "pending";
    case JobState::Held: return "held";
    case JobState::Processing: return "processing";
    case JobState::Stopped: return "stopped";
    case JobState::Completed: return "completed";
    case JobState::Canceled: return "canceled";
    case JobState::Aborted: return "aborted";
    case JobState::Unknown: return "unknown";
    }
    return "unknown";
}

bool PrinterStatus::has(Condition c) const {
    return std::find(conditions.begin(), conditions.end(), c) != conditions.end();
}

std::optional<Condition> PrinterStatus::blocking() const {
    for (Condition c : conditions)
        if (is_blocking(c)) return c;
    return std::nullopt;
}

bool PrinterStatus::same_as(const PrinterStatus& o) const {
    if (availability != o.availability || conditions != o.conditions || raw_reasons != o.raw_reasons ||
        state != o.state || supplies.size() != o.supplies.size())
        return false;
    for (size_t i = 0; i < supplies.size(); ++i)
        if (supplies[i].name != o.supplies[i].name || supplies[i].level != o.supplies[i].level) return false;
    return true;
}

namespace {

struct Known {
    std::string_view keyword;
    Condition condition;
};

// PWG 5100.9 / RFC 8011 keywords the kiosk tells apart; everything else is Attention.
constexpr std::array kKnown{
    Known{"media-empty", Condition::MediaEmpty},       Known{"media-needed", Condition::MediaEmpty},
    Known{"media-low", Condition::MediaLow},           Known{"media-jam", Condition::MediaJam},
    Known{"door-open", Condition::DoorOpen},           Known{"cover-open", Condition::DoorOpen},
    Known{"interlock-open", Condition::DoorOpen},      Known{"toner-low", Condition::TonerLow},
    Known{"marker-supply-low", Condition::TonerLow},   Known{"toner-empty", Condition::TonerEmpty},
    Known{"marker-supply-empty", Condition::TonerEmpty}, Known{"offline", Condition::Offline},
    Known{"shutdown", Condition::Offline},             Known{"timed-out", Condition::Offline},
    Known{"paused", Condition::Paused},                Known{"moving-to-paused", Condition::Paused},
    Known{"stopped-partly", Condition::Attention},     Known{"stopping", Condition::Stopped},
};

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Reason parse_reason(std::string_view keyword) {
    Reason r;
    r.severity = Severity::Error;  // RFC 8011 §5.4.12: no suffix means error
    std::string_view base = keyword;
    if (ends_with(base, "-report")) {
        r.severity = Severity::Report;
        base.remove_suffix(7);
    } else if (ends_with(base, "-warning")) {
        r.severity = Severity::Warning;
        base.remove_suffix(8);
    } else if (ends_with(base, "-error")) {
        r.severity = Severity::Error;
        base.remove_suffix(6);
    }
    r.keyword = std::string(base);
    for (const auto& k : kKnown)
        if (k.keyword == base) {
            r.condition = k.condition;
            return r;
        }
    // CUPS adds reasons of its own without a suffix (cups-waiting-for-job-completed, …):
    // they describe the queue, not a fault, unless they explicitly say -error.
    const bool cups_own = base.rfind("cups-", 0) == 0 && !ends_with(keyword, "-error");
    if (r.severity != Severity::Report && !cups_own && base != "none" && !base.empty())
        r.condition = Condition::Attention;
    return r;
}

PrinterStatus make_status(std::string_view state, const std::vector<std::string>& reasons, std::string message,
                          std::vector<Supply> supplies) {
    PrinterStatus s;
    s.state = std::string(state);
    s.state_message = std::move(message);
    s.supplies = std::move(supplies);
    bool present[size_t(Condition::Attention) + 1] = {};
    for (const auto& raw : reasons) {
        if (raw.empty() || raw == "none") continue;
        s.raw_reasons.push_back(raw);
        Reason r = parse_reason(raw);
        if (r.condition) present[size_t(*r.condition)] = true;
        s.reasons.push_back(std::move(r));
    }
    if (state == "stopped") present[size_t(Condition::Stopped)] = true;
    for (size_t i = 0; i <= size_t(Condition::Attention); ++i)
        if (present[i]) s.conditions.push_back(Condition(i));
    if (s.blocking())
        s.availability = Availability::Unavailable;
    else
        s.availability = state == "processing" ? Availability::Busy : Availability::Ready;
    return s;
}

PrinterStatus unreachable_status(std::string message) {
    PrinterStatus s;
    s.state = "unreachable";
    s.availability = Availability::Unavailable;
    s.conditions = {Condition::Offline};
    s.state_message = std::move(message);
    return s;
}

}  // namespace kiosk::printer
