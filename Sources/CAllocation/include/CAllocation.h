#ifndef CAHIER_ALLOCATION_H
#define CAHIER_ALLOCATION_H

#include <stddef.h>

/* The calling thread's allocations less its releases, in bytes, and that
   count when it last started counting (see allocation.c). */
extern __thread long cahier_thread_allocated;
extern __thread long cahier_thread_baseline;

/* The bytes of heap memory the calling thread allocated and did not free
   since it last called cahier_start_counting: every block malloc, calloc,
   realloc and the aligned allocators handed out (its size), less every
   block it freed. Counted where memory is allocated and released, so it
   includes tensors, lists, strings, autograd's nodes and every temporary
   alike. A block freed by another thread is subtracted there. Inline, so that
   the work budget can look at it at every step. */
static inline long cahier_allocated_bytes(void) { return cahier_thread_allocated - cahier_thread_baseline; }

/* Starts the calling thread's count again from 0. */
static inline void cahier_start_counting(void) { cahier_thread_baseline = cahier_thread_allocated; }

/* Starts the calling thread's count again from `held`: the thread takes over
   a notebook that already holds `held` bytes, allocated on another thread
   (or, across fork, in another process) whose count they were. Those blocks
   are subtracted here when this thread frees them, as they would have been
   had this thread allocated them. */
static inline void cahier_start_counting_holding(long held) { cahier_thread_baseline = cahier_thread_allocated - held; }

#endif
