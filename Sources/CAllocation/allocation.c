/* Counts heap memory where it is allocated and released.
 *
 * The allocation functions below take the place of glibc's (symbol
 * interposition: a program's own definitions win over the shared library's)
 * and forward to glibc's own entry points, __libc_malloc and its kin, adding
 * each block's size to a counter of the thread that allocates it and
 * subtracting it from the thread that frees it. A notebook is evaluated on a
 * thread of its own, so what that thread allocated and did not free since the
 * notebook started is the memory the notebook holds, whether or not a name
 * holds it, and notebooks checked side by side never count each other's.
 * Under a sanitizer, which brings an allocator of its own, nothing is
 * replaced and the counters stay 0. */
#include "CAllocation.h"

#include <errno.h>
#include <stdlib.h>
#if defined(__linux__)
#include <malloc.h>
#endif

__thread long cahier_thread_allocated;
__thread long cahier_thread_baseline;

#if !defined(__has_feature)
#define __has_feature(x) 0
#endif

#if defined(__linux__) && defined(__GLIBC__) && !__has_feature(address_sanitizer) && !__has_feature(memory_sanitizer) && !__has_feature(thread_sanitizer)
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

/* The size of the block glibc's allocator handed out at `block`: its chunk's
   size, kept in the word before it (the low three bits are flags). The same
   while the block lives, and read without a call: malloc_usable_size costs as
   much again as the counting. */
static inline long block_size(void *block) { return (long)(((size_t *)block)[-1] & ~(size_t)7); }

static inline void *counted(void *block) {
    if (block) cahier_thread_allocated += block_size(block);
    return block;
}

static inline void uncount(void *block) {
    if (block) cahier_thread_allocated -= block_size(block);
}

void *malloc(size_t size) { return counted(__libc_malloc(size)); }

void *calloc(size_t count, size_t size) { return counted(__libc_calloc(count, size)); }

void free(void *block) {
    uncount(block);
    __libc_free(block);
}

void cfree(void *block) { free(block); }

void *realloc(void *block, size_t size) {
    long before = block ? block_size(block) : 0;
    void *moved = __libc_realloc(block, size);
    if (moved) {
        cahier_thread_allocated += block_size(moved) - before;
    } else if (block && size == 0) {
        /* realloc(p, 0) freed p. */
        cahier_thread_allocated -= before;
    }
    return moved;
}

void *reallocarray(void *block, size_t count, size_t size) {
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return 0;
    }
    return realloc(block, total);
}

void *memalign(size_t alignment, size_t size) { return counted(__libc_memalign(alignment, size)); }

void *aligned_alloc(size_t alignment, size_t size) { return counted(__libc_memalign(alignment, size)); }

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0 || alignment == 0) return EINVAL;
    void *block = __libc_memalign(alignment, size);
    if (!block) return ENOMEM;
    *result = counted(block);
    return 0;
}

void *valloc(size_t size) { return counted(__libc_memalign(4096, size)); }

void *pvalloc(size_t size) {
    size_t rounded = (size + 4095) & ~(size_t)4095;
    if (rounded < size) {
        errno = ENOMEM;
        return 0;
    }
    return counted(__libc_memalign(4096, rounded ? rounded : 4096));
}
#endif
