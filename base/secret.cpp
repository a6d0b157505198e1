// Wiping and masking of personal data.
#include "secret.h"

#include <malloc.h>
#include <sanitizer/asan_interface.h>  // ASAN_(UN)POISON_MEMORY_REGION: nothing without ASan
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

namespace kiosk {

void secure_wipe(void* p, std::size_t n) {
    if (p && n) explicit_bzero(p, n);
}

namespace {

// Size classes 32 … 4096 bytes, carved from 64 KiB locked slabs; larger blocks get their own
// locked mapping. Freed blocks are zeroed at once and kept on a free list per class.
constexpr std::size_t kMinClass = 32;
constexpr int kClasses = 8;  // 32, 64, …, 4096
constexpr std::size_t kSlab = 64 * 1024;

struct FreeBlock {
    FreeBlock* next;
};

struct SecureHeap {
    std::mutex mutex;
    FreeBlock* free[kClasses] = {};
    std::size_t unlocked_pages = 0;
};

SecureHeap& heap() {
    static SecureHeap* h = new SecureHeap;  // never destroyed: secrets outlive static destructors
    return *h;
}

std::size_t page_size() {
    static const std::size_t p = std::size_t(::sysconf(_SC_PAGESIZE));
    return p;
}

int class_of(std::size_t n) {
    std::size_t c = kMinClass;
    for (int i = 0; i < kClasses; ++i, c <<= 1)
        if (n <= c) return i;
    return -1;
}

/// A fresh mapping, locked and out of core dumps; counts pages it could not lock.
void* map_locked(std::size_t bytes, SecureHeap& h) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    if (::mlock(p, bytes) != 0) h.unlocked_pages += bytes / page_size();
    ::madvise(p, bytes, MADV_DONTDUMP);
    return p;
}

}  // namespace

void* secure_allocate(std::size_t n) {
    if (n == 0) n = 1;
    auto& h = heap();
    int c = class_of(n);
    std::lock_guard lock(h.mutex);
    if (c < 0) {
        std::size_t len = (n + page_size() - 1) / page_size() * page_size();
        return map_locked(len, h);
    }
    if (!h.free[c]) {
        std::size_t size = kMinClass << c;
        auto* slab = static_cast<unsigned char*>(map_locked(kSlab, h));
        for (std::size_t off = kSlab; off >= size; off -= size) {
            auto* b = reinterpret_cast<FreeBlock*>(slab + off - size);
            b->next = h.free[c];
            h.free[c] = b;
            ASAN_POISON_MEMORY_REGION(b, size);
        }
    }
    // Under ASan a block on the free list is poisoned, so a view of a Secret that outlived it
    // (a string_view from reveal() kept too long) is reported as use-after-free, as it would be
    // for a plain heap block.
    FreeBlock* b = h.free[c];
    ASAN_UNPOISON_MEMORY_REGION(b, kMinClass << c);
    h.free[c] = b->next;
    b->next = nullptr;
    return b;
}

void secure_deallocate(void* p, std::size_t n) {
    if (!p) return;
    if (n == 0) n = 1;
    int c = class_of(n);
    auto& h = heap();
    if (c < 0) {
        std::size_t len = (n + page_size() - 1) / page_size() * page_size();
        explicit_bzero(p, len);
        ::munlock(p, len);
        ::munmap(p, len);
        return;
    }
    explicit_bzero(p, kMinClass << c);
    std::lock_guard lock(h.mutex);
    auto* b = static_cast<FreeBlock*>(p);
    b->next = h.free[c];
    h.free[c] = b;
    ASAN_POISON_MEMORY_REGION(b, kMinClass << c);
}

std::size_t secure_unlocked_pages() {
    std::lock_guard lock(heap().mutex);
    return heap().unlocked_pages;
}

namespace {
thread_local int t_wipe_freed = 0;
}

__attribute__((noinline)) void scrub_stack(std::size_t bytes) {
    // A VLA would do; a fixed ceiling keeps it off the guard page of small thread stacks.
    constexpr std::size_t kMax = 128 * 1024;
    unsigned char area[kMax];
    explicit_bzero(area, bytes < kMax ? bytes : kMax);
    asm volatile("" : : "r"(area) : "memory");
}

WipeFreedOnThisThread::WipeFreedOnThisThread() { ++t_wipe_freed; }
WipeFreedOnThisThread::~WipeFreedOnThisThread() { --t_wipe_freed; }

}  // namespace kiosk

// The replaceable global deallocation functions ([new.delete]): they zero the block first
// while a WipeFreedOnThisThread lives on the calling thread; otherwise they are plain free().
// Allocation stays glibc's (operator new's default calls malloc), so this pairs with it.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_NO_DELETE_REPLACEMENT 1  // ASan pairs its own new and delete
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_NO_DELETE_REPLACEMENT 1
#endif
#ifndef KIOSK_NO_DELETE_REPLACEMENT
namespace {
inline void wiping_free(void* p) noexcept {
    if (p && kiosk::t_wipe_freed) explicit_bzero(p, malloc_usable_size(p));
    std::free(p);
}
}  // namespace

void operator delete(void* p) noexcept { wiping_free(p); }
void operator delete[](void* p) noexcept { wiping_free(p); }
void operator delete(void* p, std::size_t) noexcept { wiping_free(p); }
void operator delete[](void* p, std::size_t) noexcept { wiping_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { wiping_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { wiping_free(p); }
#endif

namespace kiosk {

namespace {
// Splits UTF-8 into code-point substrings (malformed bytes count as one character each).
std::vector<std::string_view> utf8_chars(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}
}  // namespace

std::string mask_name(std::string_view name) {
    auto chars = utf8_chars(name);
    bool latin = !chars.empty() && chars[0].size() == 1;
    std::string out;
    if (latin) {
        bool word_start = true;
        for (auto c : chars) {
            if (c == " " || c == "," || c == "-" || c == ".") {
                out += c;
                word_start = true;
            } else {
                out += word_start ? std::string(c) : std::string("*");
                word_start = false;
            }
        }
        return out;
    }
    if (chars.size() <= 1) return chars.empty() ? "" : "*";
    if (chars.size() == 2) return std::string(chars[0]) + "*";
    out = chars.front();
    for (std::size_t i = 1; i + 1 < chars.size(); ++i) out += "*";
    out += chars.back();
    return out;
}

std::string mask_middle(std::string_view text, std::size_t head, std::size_t tail) {
    auto chars = utf8_chars(text);
    if (chars.size() <= head + tail) return std::string(chars.size(), '*');
    std::string out;
    for (std::size_t i = 0; i < chars.size(); ++i)
        out += (i < head || i >= chars.size() - tail) ? std::string(chars[i]) : std::string("*");
    return out;
}

std::string mask_id_number(std::string_view id) { return mask_middle(id, 4, 4); }

}  // namespace kiosk
