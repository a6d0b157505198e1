// Names of error codes, for logs and technician output.
#include "result.h"

namespace kiosk {

const char* errc_name(Errc c) {
    switch (c) {
    case Errc::InvalidInput: return "InvalidInput";
    case Errc::NotFound: return "NotFound";
    case Errc::Io: return "Io";
    case Errc::Timeout: return "TimeOut";
    case Errc::DeviceNotReady: return "DeviceNotReady";
    case Errc::HardwareError: return "HardwareError";
    case Errc::Canceled: return "Canceled";
    case Errc::UserError: return "UserError";
    case Errc::Protocol: return "Protocol";
    case Errc::Unavailable: return "Unavailable";
    case Errc::Rejected: return "Rejected";
    case Errc::Corrupt: return "Corrupt";
    case Errc::Internal: return "Internal";
    }
    return "Unknown";
}

}  // namespace kiosk
