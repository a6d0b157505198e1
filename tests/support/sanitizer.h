// Whether the tree is built with AddressSanitizer (tools/dev test --sanitize), for the few tests that cannot run under it.
#pragma once

namespace kiosk::test {

/// True in the sanitizer build. Tests that read the kiosk's memory for personal data after a
/// wipe (tests/app/test_journeys_memory_*, the idle-timeout journey's scan, tests/copy's
/// memory test) are skipped under it, because there they would measure ASan and not the
/// kiosk: ASan replaces malloc and operator delete (the kiosk's wiping operator delete in
/// base/secret.cpp steps aside for it, so WipeFreedOnThisThread does nothing), and keeps freed
/// blocks unwiped in its quarantine; and its shadow memory is terabytes of writable mappings
/// that a scan of /proc/PID/mem cannot read through in any useful time. They run in the
/// normal build, which is the kiosk as shipped.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

}  // namespace kiosk::test
