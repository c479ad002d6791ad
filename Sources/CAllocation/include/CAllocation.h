#ifndef CAHIER_ALLOCATION_H
#define CAHIER_ALLOCATION_H

#include <stddef.h>

/* The bytes of heap memory this process holds now: every block malloc,
   calloc, realloc and the aligned allocators handed out (its usable size),
   less every block freed. Counted where memory is allocated and released,
   so it includes tensors, lists, strings, autograd's nodes and every
   temporary alike. Safe to call from any thread (one relaxed atomic load). */
long cahier_allocated_bytes(void);

#endif
