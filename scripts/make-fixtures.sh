#!/usr/bin/env bash
# Regenerates the real Go profiles under Fixtures/profiles (and the crafted
# edge cases under Fixtures/profiles/crafted and Fixtures/bad). Needs Go; the
# results are committed so tests don't.
#
# The real-profile programs live where the profiles say their source is
# (Fixtures/src/example.com/fixtures/<name>, so `-source_path=Fixtures/src`
# finds them for `list`); the crafted generator lives in Fixtures/gen/crafted.
# Programs are copied to a neutral directory and built with -trimpath so that no
# path of this checkout ends up inside a profile.
#
# Usage: scripts/make-fixtures.sh [name...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${FIXTURE_WORKDIR:-/home/dev/fixtures}
all=(cpu heap goroutine contention labels leak crafted)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=("${all[@]}")

export GOFLAGS=-mod=mod GO111MODULE=on GOPROXY=off GOTOOLCHAIN=local
mkdir -p "$work/bin" "$work/out" Fixtures/profiles Fixtures/bad

build() { # name
  local from="Fixtures/src/example.com/fixtures/$1"
  [ "$1" = crafted ] && from="Fixtures/gen/crafted"
  rm -rf "${work:?}/src/$1"
  mkdir -p "$work/src"
  cp -r "$from" "$work/src/$1"
  (cd "$work/src/$1" && go build -trimpath -o "$work/bin/$1" .)
}

for n in "${names[@]}"; do
  echo "fixture: $n" >&2
  build "$n"
  out="$work/out/$n"
  rm -rf "$out"; mkdir -p "$out"
  case "$n" in
    cpu)        (cd "$out" && "$work/bin/cpu" -o cpu.pb.gz) ;;
    labels)     (cd "$out" && "$work/bin/labels" -o labels.pb.gz) ;;
    heap)       (cd "$out" && "$work/bin/heap" -d .) ;;
    goroutine)  (cd "$out" && "$work/bin/goroutine" -d .) ;;
    contention) (cd "$out" && "$work/bin/contention" -d .) ;;
    leak)       (cd "$out" && "$work/bin/leak" -d .) ;;
    crafted)    (cd "$out" && "$work/bin/crafted" -d .) ;;
    *) echo "unknown fixture $n" >&2; exit 2 ;;
  esac
  if [ "$n" = crafted ]; then
    rm -rf Fixtures/profiles/crafted Fixtures/bad
    mkdir -p Fixtures/profiles/crafted Fixtures/bad
    cp "$out"/profiles/* Fixtures/profiles/crafted/
    cp "$out"/bad/* Fixtures/bad/
  else
    for p in "$out"/*.pb.gz; do
      # Refuse profiles that leak a path of this machine.
      if go tool pprof -raw "$p" 2>/dev/null | grep -E '/work|/tmp/|/root' >/dev/null; then
        echo "error: $p mentions a local path" >&2; exit 1
      fi
      cp "$p" Fixtures/profiles/
    done
  fi
done
echo "done; now run scripts/record-goldens.sh" >&2
