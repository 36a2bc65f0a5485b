#include "effects/bulk_heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace pmr::effects {

namespace {

constexpr std::size_t huge_page = std::size_t{2} << 20;
/// glibc's largest mmap threshold on 64-bit systems: a bigger block would be mapped on its own.
constexpr std::size_t largest_heap_block = std::size_t{32} << 20;
/// The most the heap is readied for: address space, not memory, but a bound all the same.
constexpr std::size_t largest_reservation = std::size_t{1} << 30;

bool prepared = false;
/// Bytes of heap readied so far; read by threads that ready their own (prepare_thread_heap())
/// while the main thread may grow it.
std::atomic<std::size_t> reserved = 0;

/// Marks the 2 MB pages that lie wholly inside [begin, begin + bytes) for huge pages.
void advise_huge_pages(void* begin, std::size_t bytes) {
    const auto start = reinterpret_cast<std::uintptr_t>(begin);
    const std::uintptr_t first = (start + huge_page - 1) & ~(huge_page - 1);
    const std::uintptr_t end = (start + bytes) & ~(huge_page - 1);
    if (first < end)
        ::madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);
}

/// Grows the heap by about `bytes` with blocks small enough to come from brk, and gives them
/// back to the allocator, which keeps them (the trim threshold is above the reservation).
/// Marks what brk added for huge pages; false when the heap did not grow with brk.
bool grow_heap(std::size_t bytes) {
    // The free space at the top of the heap serves the first block before brk is asked for
    // more: ask for that much more, so that the heap grows by `bytes`, not by what is missing.
    bytes += ::mallinfo2().keepcost;
    const auto start = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    std::vector<void*> blocks;
    blocks.reserve(bytes / (largest_heap_block - huge_page) + 1);
    for (std::size_t grown = 0; grown < bytes; grown += largest_heap_block - huge_page) {
        void* block = std::malloc(std::min(bytes - grown, largest_heap_block - huge_page));
        if (block == nullptr)
            break;
        blocks.push_back(block);
    }
    const auto end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    for (void* block : blocks)
        std::free(block);
    if (blocks.empty() || end <= start)
        return false;
    advise_huge_pages(reinterpret_cast<void*>(start), end - start);
    return true;
}

/// A thread's arena is one mapping of at most 64 MB (glibc's HEAP_MAX_SIZE): stay well inside.
constexpr std::size_t largest_thread_heap = std::size_t{48} << 20;

thread_local bool thread_heap_prepared = false;

}  // namespace

void prepare_thread_heap(std::size_t bytes) {
    // Not where the main heap could not be readied (a sanitizer's allocator): nor can this be.
    if (thread_heap_prepared || reserved == 0 || bytes < huge_page)
        return;
    thread_heap_prepared = true;
    bytes = std::min(bytes, largest_thread_heap);
    void* block = std::malloc(bytes);
    if (block == nullptr)
        return;
    advise_huge_pages(block, bytes);
    std::free(block);  // kept by the arena: the trim threshold is above it
}

void prepare_heap_for_whole_host() {
    if (prepared)
        return;
    prepared = true;
    // Serve the blocks below from the heap, and keep them there once freed.
    ::mallopt(M_MMAP_THRESHOLD, static_cast<int>(largest_heap_block));
    ::mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * largest_reservation));
    const std::size_t bytes = largest_heap_block - huge_page;
    if (grow_heap(bytes))
        reserved = bytes;
}

void reserve_heap_for_whole_host(std::size_t bytes) {
    bytes = std::min(bytes, largest_reservation);
    if (reserved == 0 || bytes <= reserved)
        return;  // not readied (or not a brk heap), or already enough
    if (grow_heap(bytes - reserved))
        reserved = bytes;
}

}  // namespace pmr::effects
