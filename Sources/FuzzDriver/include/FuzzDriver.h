#ifndef PPROF_FUZZ_DRIVER_H
#define PPROF_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for programs that have their own main (it exists only in binaries
/// linked with -sanitize=fuzzer). Declared here because Swift cannot see it otherwise.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
