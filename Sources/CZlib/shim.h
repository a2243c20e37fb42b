#ifndef PPROF_TUI_CZLIB_SHIM_H
#define PPROF_TUI_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro, which Swift cannot import: wrap it.
   windowBits 15 + 32 auto-detects gzip and zlib headers. */
static inline int pprof_inflate_init(z_stream *s) {
    return inflateInit2_(s, 15 + 32, ZLIB_VERSION, (int)sizeof(z_stream));
}
#endif
