#ifndef GOODNEWS_CTHREADS_SHIM_H
#define GOODNEWS_CTHREADS_SHIM_H
#include <pthread.h>

// Declared by glibc only under _GNU_SOURCE, which the Glibc module is not built with.
extern int pthread_setname_np(pthread_t thread, const char *name);

// ThreadSanitizer's annotations (compiler-rt's tsan_interface.h): "__tsan_release" before a lock is let go and
// "__tsan_acquire" after it is taken tell it about a happens-before edge it cannot see (a futex). Weak: without
// the sanitizer's runtime linked in they are null, and each call below costs one predictable branch.
void __tsan_acquire(void *address) __attribute__((weak));
void __tsan_release(void *address) __attribute__((weak));

static inline void goodnews_sanitizer_acquire(void *address) {
    if (__tsan_acquire) __tsan_acquire(address);
}

static inline void goodnews_sanitizer_release(void *address) {
    if (__tsan_release) __tsan_release(address);
}
#endif
