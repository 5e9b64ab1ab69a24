#ifndef GOODNEWS_CLINUX_SHIM_H
#define GOODNEWS_CLINUX_SHIM_H
// Linux interfaces Swift's Glibc module leaves out: epoll, eventfd, and the GNU extensions below.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <pthread.h>

// Declared by glibc only under _GNU_SOURCE, which the Glibc module is not built with.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
extern int pthread_setname_np(pthread_t thread, const char *name);
#endif
