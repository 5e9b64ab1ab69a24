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

// An anonymous in-memory file (memfd) holding a copy of `count` bytes, then sealed against writes, growth and
// shrinking, so the pages sendfile(2) hands to the socket can never change under a send in flight.
// Returns the descriptor (close-on-exec) or -1 with errno set. memfd_create and the seals are GNU/Linux-only
// names, hence the raw syscall and the constants of <linux/memfd.h> and <linux/fcntl.h>.
#include <errno.h>
#include <fcntl.h>
static inline int goodnews_sealed_memfd(const void *bytes, size_t count) {
    int fd = (int)syscall(SYS_memfd_create, "goodnews-body", 0x0001U /* MFD_CLOEXEC */ | 0x0002U /* MFD_ALLOW_SEALING */);
    if (fd < 0) return -1;
    const char *next = (const char *)bytes;
    size_t left = count;
    while (left > 0) {
        ssize_t n = write(fd, next, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            int saved = errno; close(fd); errno = saved;
            return -1;
        }
        next += n;
        left -= (size_t)n;
    }
    // F_ADD_SEALS with F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE.
    if (fcntl(fd, 1024 + 9, 0x0001 | 0x0002 | 0x0004 | 0x0008) != 0) {
        int saved = errno; close(fd); errno = saved;
        return -1;
    }
    return fd;
}
#endif
