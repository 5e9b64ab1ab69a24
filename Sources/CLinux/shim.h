#ifndef GOODNEWS_CLINUX_SHIM_H
#define GOODNEWS_CLINUX_SHIM_H
// Linux interfaces Swift's Glibc module leaves out: epoll, eventfd, and the GNU extensions below.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// Declared by glibc only under _GNU_SOURCE, which the Glibc module is not built with.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

// CPUs this process may run on (its affinity mask: `taskset`, cgroup cpusets), 0 if unknown.
// sched_getaffinity and CPU_COUNT are GNU extensions, hence the raw syscall and a bit count here.
#include <sys/syscall.h>
#include <unistd.h>
static inline int goodnews_usable_cpus(void) {
    unsigned long mask[16] = {0};
    long size = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
    if (size <= 0) return 0;
    int count = 0;
    for (long i = 0; i < size / (long)sizeof(unsigned long); i++) count += __builtin_popcountl(mask[i]);
    return count;
}
#endif
