#ifndef CAHIER_ALLOCATION_H
#define CAHIER_ALLOCATION_H

#include <stddef.h>

/* The bytes of heap memory the calling thread allocated and did not free
   since it last called cahier_start_counting: every block malloc, calloc,
   realloc and the aligned allocators handed out (its usable size), less every
   block it freed. Counted where memory is allocated and released, so it
   includes tensors, lists, strings, autograd's nodes and every temporary
   alike. A block freed by another thread is subtracted there. */
long cahier_allocated_bytes(void);

/* Starts the calling thread's count again from 0. */
void cahier_start_counting(void);

#endif
