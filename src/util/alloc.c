#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *default_malloc(size_t size, void *payload)
{
    (void)payload;
    return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

static pm_allocator allocator = {
    PM_ALLOCATOR_VERSION, default_malloc, default_realloc, default_free, NULL
};

pm_status pm_allocator_set(const pm_allocator *a)
{
    if (a == NULL) {
        allocator.malloc = default_malloc;
        allocator.realloc = default_realloc;
        allocator.free = default_free;
        allocator.payload = NULL;
        return PM_OK;
    }
    if (a->version != PM_ALLOCATOR_VERSION)
        return PM_EVERSION;
    if (a->malloc == NULL || a->realloc == NULL || a->free == NULL)
        return PM_EINVAL;
    allocator = *a;
    return PM_OK;
}

void *pm__malloc(size_t size)
{
    /* malloc(0) may return NULL on success; ask for one byte so NULL always means failure. */
    return allocator.malloc(size ? size : 1, allocator.payload);
}

void *pm__calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    void *p = pm__malloc(count * size);
    if (p != NULL)
        memset(p, 0, count * size);
    return p;
}

void *pm__realloc(void *ptr, size_t size)
{
    return allocator.realloc(ptr, size ? size : 1, allocator.payload);
}

void pm__free(void *ptr)
{
    if (ptr != NULL)
        allocator.free(ptr, allocator.payload);
}

void pm_free(void *ptr)
{
    pm__free(ptr);
}

char *pm__strndup(const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *copy = pm__malloc(len + 1);
    if (copy == NULL)
        return NULL;
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *pm__strdup(const char *s)
{
    return pm__strndup(s, strlen(s));
}
