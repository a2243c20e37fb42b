#!/usr/bin/env bash
# Builds the binaries of Fixtures/binaries/ into OUTDIR and writes their address-only profiles
# (scripts/binary_profiles.py). Compiler flags (recorded here, used by the goldens):
#   hot         gcc -g -O1 -fno-omit-frame-pointer -no-pie -fdebug-prefix-map=OUTDIR=/pprof-fixtures
#   hot_stripped  a copy of hot through `strip`
#   hot_pie     the same with -fPIE -pie (mapped at an ASLR base in pie.pb.gz)
#   gohot       Fixtures/binaries/gohot with go build -trimpath, CGO_ENABLED=0 (only with Go)
# The DWARF names the source /pprof-fixtures/hot.c, so `-trim_path=/pprof-fixtures
# -source_path=OUTDIR` lists it wherever OUTDIR is.
# Usage: scripts/build-binary-fixtures.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
cp "$here/Fixtures/binaries/hot.c" "$out/hot.c"
cd "$out"
flags=(-g -O1 -fno-omit-frame-pointer "-fdebug-prefix-map=$out=/pprof-fixtures")
gcc "${flags[@]}" -no-pie -o hot hot.c
gcc "${flags[@]}" -fPIE -pie -o hot_pie hot.c
cp hot hot_stripped
strip hot_stripped
# gohot: the Go program, `go build -trimpath` (sources recorded as example.com/gohot/main.go),
# when Go is installed.
if command -v go >/dev/null; then
  rm -rf gohot-src && cp -r "$here/Fixtures/binaries/gohot" gohot-src
  (cd gohot-src && GOFLAGS= GOWORK=off CGO_ENABLED=0 go build -trimpath -o ../gohot .)
fi
python3 "$here/scripts/binary_profiles.py" "$out"
