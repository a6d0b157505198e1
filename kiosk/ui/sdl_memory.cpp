// SDL's allocator: big blocks on huge pages (see sdl_memory.h), everything else to malloc.
#include "kiosk/ui/sdl_memory.h"

#include <SDL.h>
#include <sys/mman.h>

#include <malloc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace kiosk::ui {

namespace {

constexpr uintptr_t kHugePage = uintptr_t(2) << 20;

struct Block {
    void* start;  // what mmap returned (2 MB aligned)
    size_t size;  // bytes mapped
};

// A handful of blocks are live at once (the framebuffer, a screenshot): a vector is enough.
std::mutex g_mutex;
std::vector<Block> g_blocks;
bool g_last_advised = false;

// Finds the live block that starts at `p`; g_blocks.end() when `p` is not one of ours.
std::vector<Block>::iterator find_block(void* p) {
    for (auto it = g_blocks.begin(); it != g_blocks.end(); ++it)
        if (it->start == p) return it;
    return g_blocks.end();
}

void* map_large(size_t size) {
    size_t len = (size + 4095) & ~size_t(4095);
    // A tail of at least 3/4 of a huge page is rounded up to a whole one: the 1080×1920
    // framebuffer (7.9 MB) is then 4 huge pages for 90 kB more, instead of 3 and 490 small ones.
    if ((len & (kHugePage - 1)) >= kHugePage / 4 * 3) len = (len + kHugePage - 1) & ~(kHugePage - 1);
    // Over-map by one huge page, then cut the ends off so the block starts on a 2 MB boundary:
    // the kernel can only give huge pages to aligned 2 MB ranges.
    size_t span = len + kHugePage;
    void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    uintptr_t r = reinterpret_cast<uintptr_t>(raw);
    uintptr_t start = (r + kHugePage - 1) & ~(kHugePage - 1);
    if (start > r) munmap(raw, start - r);
    uintptr_t end = start + len, raw_end = r + span;
    if (raw_end > end) munmap(reinterpret_cast<void*>(end), raw_end - end);
    // Only whole huge pages are advised: a shorter tail stays in small pages, so a block never
    // holds more than a quarter of a huge page beyond what it was asked for.
    size_t whole = len & ~(kHugePage - 1);
    bool advised = whole > 0 && madvise(reinterpret_cast<void*>(start), whole, MADV_HUGEPAGE) == 0;
    std::lock_guard lock(g_mutex);
    g_blocks.push_back({reinterpret_cast<void*>(start), len});
    g_last_advised = advised;
    return reinterpret_cast<void*>(start);
}

// True when `p` was ours (and is now unmapped).
bool unmap_large(void* p) {
    std::lock_guard lock(g_mutex);
    auto it = find_block(p);
    if (it == g_blocks.end()) return false;
    munmap(it->start, it->size);
    g_blocks.erase(it);
    return true;
}

size_t large_size(void* p) {
    std::lock_guard lock(g_mutex);
    auto it = find_block(p);
    return it == g_blocks.end() ? 0 : it->size;
}

void* sdl_malloc(size_t size) { return size >= kLargeSdlBlock ? map_large(size) : std::malloc(size); }

void* sdl_calloc(size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return nullptr;
    // A fresh anonymous mapping is already zero.
    return n * size >= kLargeSdlBlock ? map_large(n * size) : std::calloc(n, size);
}

void sdl_free(void* p) {
    if (p && !unmap_large(p)) std::free(p);
}

void* sdl_realloc(void* p, size_t size) {
    if (!p) return sdl_malloc(size);
    size_t old = large_size(p);
    if (old == 0 && size < kLargeSdlBlock) return std::realloc(p, size);
    // From or to a large block: copy. SDL reallocates pixel buffers rarely, if ever; malloc's
    // usable size bounds what may be read from a small block.
    void* q = sdl_malloc(size);
    if (!q) return nullptr;
    size_t have = old ? old : malloc_usable_size(p);
    std::memcpy(q, p, have < size ? have : size);
    sdl_free(p);
    return q;
}

}  // namespace

void install_sdl_memory() {
    static std::once_flag once;
    std::call_once(once, [] { SDL_SetMemoryFunctions(sdl_malloc, sdl_calloc, sdl_realloc, sdl_free); });
}

SdlLargeBlocks sdl_large_blocks() {
    std::lock_guard lock(g_mutex);
    SdlLargeBlocks b;
    b.live = g_blocks.size();
    for (const auto& blk : g_blocks) b.bytes += blk.size;
    b.last_advised = g_last_advised;
    return b;
}

bool in_sdl_large_block(const void* p) {
    std::lock_guard lock(g_mutex);
    auto a = reinterpret_cast<uintptr_t>(p);
    for (const auto& blk : g_blocks) {
        auto s = reinterpret_cast<uintptr_t>(blk.start);
        if (a >= s && a < s + blk.size) return (s & (kHugePage - 1)) == 0;
    }
    return false;
}

}  // namespace kiosk::ui
