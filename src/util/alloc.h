/* The one internal allocator pair: every allocation perfmgmt makes goes
 * through these, so an embedder's allocator (pm_allocator_set) and the tests'
 * failure injection see all of it. */
#ifndef PM_UTIL_ALLOC_H
#define PM_UTIL_ALLOC_H

#include <stddef.h>

#include "perfmgmt/common.h"

void *pm__malloc(size_t size);
void *pm__calloc(size_t count, size_t size); /* zeroed; checks count * size overflow */
void *pm__realloc(void *ptr, size_t size);
void pm__free(void *ptr);

/* Copies len bytes and adds a NUL; NULL when out of memory. */
char *pm__strndup(const char *s, size_t len);
char *pm__strdup(const char *s);

#endif
