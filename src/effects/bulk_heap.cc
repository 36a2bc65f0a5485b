#include "effects/bulk_heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace pmr::effects {

namespace {

constexpr std::size_t huge_page = std::size_t{2} << 20;
/// glibc's largest mmap threshold on 64-bit systems: a bigger block would be mapped on its own.
constexpr std::size_t largest_heap_block = std::size_t{32} << 20;

}  // namespace

void prepare_heap_for_whole_host() {
    static bool prepared = false;
    if (prepared)
        return;
    prepared = true;
    const std::size_t bytes = largest_heap_block - huge_page;

    // Serve the block below from the heap, and keep it there once freed.
    ::mallopt(M_MMAP_THRESHOLD, static_cast<int>(largest_heap_block));
    ::mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * largest_heap_block));
    const auto start = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    void* block = std::malloc(bytes);
    const auto end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    std::free(block);
    if (block == nullptr || end <= start)
        return;

    const std::uintptr_t first = (start + huge_page - 1) & ~(huge_page - 1);
    if (first < end) {
        ::madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);
    }
}

}  // namespace pmr::effects
