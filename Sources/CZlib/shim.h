#ifndef PPROF_TUI_CZLIB_SHIM_H
#define PPROF_TUI_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro, which Swift cannot import: wrap it.
   windowBits 15 + 32 auto-detects gzip and zlib headers. */
static inline int pprof_inflate_init(z_stream *s) {
    return inflateInit2_(s, 15 + 32, ZLIB_VERSION, (int)sizeof(z_stream));
}

/* deflateInit2 is a macro too. windowBits 15 + 16 writes a gzip header and trailer. */
static inline int pprof_deflate_init(z_stream *s, int level) {
    return deflateInit2_(s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                         ZLIB_VERSION, (int)sizeof(z_stream));
}
#endif
