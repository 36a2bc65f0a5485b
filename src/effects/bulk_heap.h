#pragma once

#include <cstddef>

namespace pmr::effects {

/// Readies the heap for a command that holds a whole host in memory (every main.cf of a
/// thousand instances is 28 MB): the heap is grown once, by 30 MB of address space, and that part
/// is marked for transparent huge pages, so that it is faulted in 2 MB at a time instead of 4 KB
/// at a time. Otherwise those 28 MB take some 8,000 page faults, which on a virtual machine cost
/// more than reading the files. Only pages used become memory; freed memory is then kept for
/// reuse rather than given back. Does nothing after its first call, or when the allocator in use
/// does not grow the heap with brk (a sanitizer's); best effort, never an error.
void prepare_heap_for_whole_host();

}  // namespace pmr::effects
