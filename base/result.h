// Result<T>: a value or an Error (code + message); the project's way to fail without exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kiosk {

/// Error codes shared by every module. Device codes follow XFS4IoT's completion codes.
enum class Errc {
    InvalidInput,   ///< malformed input from outside (config, JSON, frame, QR payload)
    NotFound,
    Io,             ///< file, socket or serial I/O failed
    Timeout,
    DeviceNotReady, ///< device present but cannot do this now (no paper, no card)
    HardwareError,
    Canceled,
    UserError,      ///< the citizen did something the device refuses (card removed too early)
    Protocol,       ///< the peer broke the protocol (bad checksum, malformed reply)
    Unavailable,    ///< a service is down or unreachable
    Rejected,       ///< the peer refused permanently (HTTP 4xx, IPP client error)
    Corrupt,        ///< stored data failed a check (hash, signature)
    Internal,
};

const char* errc_name(Errc);

struct Error {
    Errc code = Errc::Internal;
    std::string message;  ///< for technicians and logs; never carries personal data
};

inline Error make_error(Errc code, std::string message) { return Error{code, std::move(message)}; }

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    /// By value, not T&&: `for (auto& x : *store->departments())` must not iterate a
    /// destroyed temporary (it did, twice, in the content tests).
    T value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T operator*() && { return std::move(*this).value(); }
    const Error& error() const { return std::get<1>(m_v); }
    T value_or(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }
    void value() const {}

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

}  // namespace kiosk

/// TRY(expr): evaluate a Result; on error return the error from the enclosing function,
/// otherwise yield the value (GCC/Clang statement expression, as SerenityOS does).
#define TRY(expr)                                            \
    ({                                                       \
        auto _kiosk_try = (expr);                            \
        if (!_kiosk_try.ok()) return _kiosk_try.error();     \
        std::move(_kiosk_try).value();                       \
    })
