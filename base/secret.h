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

/// An allocator that zeroes every block before freeing it, so a string that grows or is
/// destroyed leaves no copy of its old contents on the heap.
template <class T>
struct WipingAllocator {
    using value_type = T;
    WipingAllocator() = default;
    template <class U>
    WipingAllocator(const WipingAllocator<U>&) {}
    T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
    void deallocate(T* p, std::size_t n) {
        secure_wipe(p, n * sizeof(T));
        std::allocator<T>{}.deallocate(p, n);
    }
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
