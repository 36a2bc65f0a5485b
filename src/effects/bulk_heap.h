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

/// Grows the readied heap the same way until it spans at least `bytes` (at most 1 GiB), for a
/// plan that will hold more than the first reservation: each instance of the manifest, new or
/// not, adds its main.cf and master.cf as read or created, parsed and as planned (some 60 KB).
/// Without it, planning 10,000 new instances takes 80,000 page faults, and its cost stops being
/// linear in the number of instances; planning 1,000 existing ones with their master.cf, 5,000.
/// Does nothing before prepare_heap_for_whole_host(), or for what the heap already spans; best
/// effort, never an error.
void reserve_heap_for_whole_host(std::size_t bytes);

/// Readies the calling thread's own heap (glibc gives a thread an arena of its own, which grows
/// page by page, an mprotect call each time) for about `bytes` (at most 48 MB) the same way:
/// grown once, marked for huge pages, kept once freed. For a thread that builds much in memory,
/// such as one that parses a part of a long manifest. Once per thread, and only after
/// prepare_heap_for_whole_host() (which keeps freed memory); best effort, never an error.
void prepare_thread_heap(std::size_t bytes);

/// The heap that the tree of a manifest of `bytes` takes: some 16 bytes for each byte of YAML,
/// with room to spare.
[[nodiscard]] constexpr std::size_t heap_bytes_for_manifest(std::size_t bytes) {
    constexpr std::size_t heap_per_byte = 24;
    return bytes * heap_per_byte;
}

/// What reserve_heap_for_whole_host() should be given for a plan of a manifest of `instances`.
[[nodiscard]] constexpr std::size_t heap_bytes_for_instances(std::size_t instances) {
    constexpr std::size_t bytes_per_instance = 64 << 10;
    return instances * bytes_per_instance;
}

}  // namespace pmr::effects
