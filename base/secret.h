// Personal data: a string type that wipes its memory, cannot be logged, and masks for display.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace kiosk {

/// Zeroes memory in a way the optimiser may not remove.
void secure_wipe(void* p, std::size_t n);

/// Memory for personal data: from pages locked in RAM (mlock: never swapped), left out of
/// core dumps (MADV_DONTDUMP), and zeroed when freed. Small blocks come from locked slabs in
/// size classes (sodium_malloc's guard pages would cost 3 pages a string); large ones get
/// their own mapping, unmapped when freed. Thread-safe. Never returns null: throws
/// std::bad_alloc like operator new.
void* secure_allocate(std::size_t bytes);
/// Zeroes and releases a block from secure_allocate (`bytes` as asked for).
void secure_deallocate(void* p, std::size_t bytes);
/// Pages secure_allocate could not lock (RLIMIT_MEMLOCK reached): 0 on a healthy kiosk.
std::size_t secure_unlocked_pages();

/// While alive on a thread, every C++ heap block that thread frees (operator delete) is
/// zeroed first. For third-party code that copies personal data into its own objects
/// (poppler parsing a certificate, nlohmann parsing a reply): targeted, where the glibc-wide
/// M_PERTURB it replaces cost every allocation of the process a memset (and missed freed
/// blocks under about 1 KB, which stay intact in tcache/fastbins).
class WipeFreedOnThisThread {
public:
    WipeFreedOnThisThread();
    ~WipeFreedOnThisThread();
    WipeFreedOnThisThread(const WipeFreedOnThisThread&) = delete;
    WipeFreedOnThisThread& operator=(const WipeFreedOnThisThread&) = delete;
};

/// Zeroes `bytes` of the calling thread's stack below the caller: for threads that handed
/// personal data to a C library which copied it through stack buffers (libcups sends a
/// document through a 32 KiB one).
void scrub_stack(std::size_t bytes = 128 * 1024);

/// An allocator for personal data (see secure_allocate): locked pages, zeroed before they
/// are reused, so a string that grows or is destroyed leaves no copy of its old contents.
template <class T>
struct WipingAllocator {
    using value_type = T;
    WipingAllocator() = default;
    template <class U>
    WipingAllocator(const WipingAllocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(secure_allocate(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) { secure_deallocate(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const WipingAllocator<U>&) const { return true; }
};

using WipedString = std::basic_string<char, std::char_traits<char>, WipingAllocator<char>>;

/// Personal data (a name, an ID number, a case's details). Its contents are reachable only
/// through reveal(), which makes every use visible in review; it has no operator<<, so it
/// cannot reach a log or a stream by accident; it wipes its memory when destroyed or
/// cleared.
class Secret {
public:
    Secret() = default;
    explicit Secret(std::string_view v) : m_value(v.begin(), v.end()) {}
    Secret(const Secret&) = default;
    Secret(Secret&&) noexcept = default;
    Secret& operator=(const Secret&) = default;
    Secret& operator=(Secret&& o) noexcept {
        wipe();
        m_value = std::move(o.m_value);
        o.wipe();
        return *this;
    }
    ~Secret() { wipe(); }

    std::string_view reveal() const { return {m_value.data(), m_value.size()}; }
    bool empty() const { return m_value.empty(); }
    std::size_t size() const { return m_value.size(); }
    void wipe() {
        secure_wipe(m_value.data(), m_value.capacity());
        m_value.clear();
    }
    bool operator==(const Secret& o) const { return m_value == o.m_value; }

private:
    WipedString m_value;
};

/// Refuses, at compile time, to stream personal data into a log or any ostream.
std::ostream& operator<<(std::ostream&, const Secret&) = delete;

/// 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜 (UTF-8 aware; Latin names keep the first letter
/// of each word: "John Smith" → "J*** S****").
std::string mask_name(std::string_view utf8_name);
/// Keeps the first 4 and last 4 characters: 14010119900101123X → 1401**********123X.
std::string mask_id_number(std::string_view id);
/// Keeps the first `head` and last `tail` characters of a code or number, stars the rest.
std::string mask_middle(std::string_view text, std::size_t head, std::size_t tail);

}  // namespace kiosk
