#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* An arena for one parse: cmark allocates a node per inline and a buffer per
   line, then frees them one by one; from an arena they cost a pointer bump
   each and are all released at once (cahier_arena_release). One arena per
   thread. Each allocation keeps its size in front of it, for realloc. */

typedef struct cahier_arena_block {
    struct cahier_arena_block *next;
    size_t size;
    size_t used;
    size_t mapped; /* the bytes mapped for the block, or 0 when it came from malloc */
    _Alignas(16) unsigned char data[];
} cahier_arena_block;

static _Thread_local cahier_arena_block *cahier_arena_head = NULL;

enum { cahier_arena_header = 16, cahier_arena_first_block = 256 << 10, cahier_arena_large_block = 8 << 20 };

/* A block: the first small, from malloc; later ones large and mapped with
   transparent huge pages where the kernel allows them, so that a large
   document's hundreds of megabytes of nodes take a page fault per 2 MB, not per 4 KB. */
/* `room` more than `need` is asked for a buffer that grows (see
   cahier_arena_realloc); a mapped block's pages cost nothing until touched. */
static inline cahier_arena_block *cahier_arena_block_new(size_t need, size_t room) {
    size_t wanted = cahier_arena_head == NULL ? cahier_arena_first_block : cahier_arena_large_block;
    if (need > SIZE_MAX / 4 || room > SIZE_MAX / 4 - need) room = 0;
    size_t capacity = need + room > wanted ? need + room : wanted;
    size_t bytes = sizeof(cahier_arena_block) + capacity;
    cahier_arena_block *block;
    size_t mapped = 0;
    if (capacity >= cahier_arena_large_block) {
        size_t huge = 2 << 20;
        mapped = (bytes + huge - 1) & ~(huge - 1);
        /* Map 2 MB more, to start the block on a 2 MB boundary. */
        unsigned char *region = (unsigned char *)mmap(NULL, mapped + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (region == MAP_FAILED) abort(); /* as cmark's own allocator does */
        uintptr_t aligned = ((uintptr_t)region + huge - 1) & ~(uintptr_t)(huge - 1);
        if (aligned > (uintptr_t)region) munmap(region, aligned - (uintptr_t)region);
        size_t tail = (uintptr_t)region + mapped + huge - (aligned + mapped);
        if (tail > 0) munmap((unsigned char *)aligned + mapped, tail);
#ifdef MADV_HUGEPAGE
        madvise((void *)aligned, mapped, MADV_HUGEPAGE);
#endif
        block = (cahier_arena_block *)aligned;
        capacity = mapped - sizeof(cahier_arena_block);
    } else {
        block = (cahier_arena_block *)malloc(bytes);
        if (block == NULL) abort();
    }
    block->next = cahier_arena_head;
    block->size = capacity;
    block->used = 0;
    block->mapped = mapped;
    cahier_arena_head = block;
    return block;
}

static inline void *cahier_arena_allocate_with_room(size_t size, size_t room) {
    if (size > SIZE_MAX / 2) abort();
    size_t need = cahier_arena_header + ((size + 15) & ~(size_t)15);
    cahier_arena_block *block = cahier_arena_head;
    if (block == NULL || block->size - block->used < need) block = cahier_arena_block_new(need, room);
    unsigned char *start = block->data + block->used;
    block->used += need;
    *(size_t *)start = size;
    return start + cahier_arena_header;
}

static inline void *cahier_arena_allocate(size_t size) { return cahier_arena_allocate_with_room(size, 0); }

static inline void *cahier_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / 2 / size) abort();
    void *memory = cahier_arena_allocate(count * size);
    /* A mapped block's bytes past what it has handed out were never written:
       the kernel gave them as zeros, and writing zeros again would only touch their pages. */
    if (cahier_arena_head->mapped == 0) memset(memory, 0, count * size);
    return memory;
}

static inline void *cahier_arena_realloc(void *old, size_t size) {
    if (old == NULL) return cahier_arena_allocate(size);
    size_t had = *(size_t *)((unsigned char *)old - cahier_arena_header);
    if (size <= had) return old;
    /* The newest allocation of the newest block grows in place when there is room. */
    cahier_arena_block *block = cahier_arena_head;
    size_t grown = (size + 15) & ~(size_t)15, kept = (had + 15) & ~(size_t)15;
    if (block != NULL && (unsigned char *)old + kept == block->data + block->used && block->size - block->used >= grown - kept) {
        block->used += grown - kept;
        *(size_t *)((unsigned char *)old - cahier_arena_header) = size;
        return old;
    }
    /* Moved: a large buffer (the rendered HTML) gets a block with room to grow
       in place about five times more (cmark grows a buffer by half), not a copy each time. */
    void *memory = cahier_arena_allocate_with_room(size, size >= cahier_arena_large_block / 8 && size < SIZE_MAX / 16 ? 7 * size : 0);
    memcpy(memory, old, had);
    return memory;
}

static inline void cahier_arena_free(void *memory) { (void)memory; }

/* Releases everything allocated from this thread's arena. */
static inline void cahier_arena_release(void) {
    cahier_arena_block *block = cahier_arena_head;
    while (block != NULL) {
        cahier_arena_block *next = block->next;
        if (block->mapped) munmap(block, block->mapped); else free(block);
        block = next;
    }
    cahier_arena_head = NULL;
}

static inline cmark_mem *cahier_arena_mem(void) {
    static cmark_mem mem = {cahier_arena_calloc, cahier_arena_realloc, cahier_arena_free};
    return &mem;
}
