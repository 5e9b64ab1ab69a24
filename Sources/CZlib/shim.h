#ifndef GOODNEWS_CZLIB_SHIM_H
#define GOODNEWS_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2 is a macro over deflateInit2_: wrap it so Swift can call it.
static inline int goodnews_deflate_init_gzip(z_streamp stream, int level) {
    // windowBits 15 + 16 selects the gzip wrapper (RFC 1952) instead of zlib's.
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
static inline int goodnews_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}
#endif
