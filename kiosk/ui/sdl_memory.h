// SDL's allocator for big pixel buffers: whole huge pages, so the 8 MB framebuffer costs 4 page faults, not 2,025.
#pragma once

#include <cstddef>

namespace kiosk::ui {

/// Blocks of at least this size that SDL asks for (the window framebuffer, a screenshot's
/// surface) are mapped on 2 MB boundaries with MADV_HUGEPAGE; smaller ones go to malloc.
/// Why (issue 18): SDL zeroes every new surface, and on this VM each 4 kB page fault that the
/// zeroing of the 1080×1920 framebuffer takes costs about 12 µs: 25–28 ms before the first
/// frame; with huge pages the same zeroing takes 6–8 ms (tools/bench/ui, BENCHMARKS.md). A block
/// of 4 MB or more is at most 512 kB larger than asked (its tail rounded up to a huge page).
inline constexpr size_t kLargeSdlBlock = size_t(4) << 20;

/// Makes SDL allocate through the functions above. Safe to call at any time and more than once
/// (the first call installs them; memory SDL got before is still freed by malloc's free, since
/// a block is recognised as large only by the table of large blocks). Call it before SDL_Init.
void install_sdl_memory();

/// How many large blocks are live, and whether the last one was given huge pages by the kernel
/// advice (false where transparent huge pages are off: the block is then plain pages).
struct SdlLargeBlocks {
    size_t live = 0;
    size_t bytes = 0;
    bool last_advised = false;
};
SdlLargeBlocks sdl_large_blocks();

/// Whether `p` lies inside a live large block, and that block's start is 2 MB aligned.
bool in_sdl_large_block(const void* p);

}  // namespace kiosk::ui
