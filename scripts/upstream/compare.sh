#!/usr/bin/env bash
# Replays google/pprof's TestParse table (Fixtures/upstream/cases.tsv) from files and compares
# each report byte for byte with upstream's golden file, read from a fetched mirror of
# github.com/google/pprof (never copied into this repository).
#
# Usage: scripts/upstream/compare.sh [-v] [-g] [-2] [-o DIR] [-r REV] [-m MIRROR] [-b BINARY] [ID...]
#   -v         print the diff (golden -> ours) of each failing case
#   -2         two passes, as TestParse runs them: the same binary first writes the fixture
#              with -proto (-topproto -addresses for the topproto cases, from the mangled
#              source/cpu.pb.gz), then reads that file with the case's flags. Exercises our
#              -proto/-topproto writers; all_frames cannot pass this way (pass 1 already
#              prunes, as the fixture's names are demangled).
#   -g         run Go's `go tool pprof` instead of our binary (Go 1.19 here: which goldens
#              Go 1.19 itself misses)
#   -o DIR     keep every case's output as DIR/<id>.<golden> (and the golden as .want)
#   -r REV     upstream revision to read goldens from (default HEAD of the mirror)
#   -m MIRROR  git directory of the mirror (default /work/.mirror/google+pprof/repo, or $PPROF_UPSTREAM)
#   -G DIR     read goldens and test sources from DIR (Fixtures/upstream/goldens: upstream's
#              files kept as test data) instead of a mirror
#   -c COMPAT  run our binary with PPROF_COMPAT=COMPAT (default: unset, the current default)
#   -b BINARY  our binary (default .build/release/pprof-tui; build it with
#              `swift build -c release --product pprof-tui`)
#   ID...      only these case ids (column 1 of cases.tsv), e.g. 31 32
# Prints PASS/FAIL/SKIP per case and a summary; exits 1 when a reproducible case fails.
# The fixtures are regenerated into a temp dir and must equal Fixtures/upstream/profiles/.
set -u
caller=$PWD
cd "$(dirname "$0")/../.."
root=$PWD
verbose=0 gotool=0 twopass=0 rev=HEAD keep= gdir= compat=
mirror=${PPROF_UPSTREAM:-/work/.mirror/google+pprof/repo}
bin=$root/.build/release/pprof-tui
while getopts vg2o:r:m:b:G:c: opt; do
  case $opt in
    v) verbose=1 ;;
    g) gotool=1 ;;
    r) rev=$OPTARG ;;
    m) mirror=$OPTARG ;;
    b) bin=$OPTARG ;;
    2) twopass=1 ;;
    o) keep=$OPTARG ;;
    G) gdir=$OPTARG ;;
    c) compat=$OPTARG ;;
    *) sed -n '2,26p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
abs() { case $1 in /*) echo "$1" ;; *) echo "$caller/$1" ;; esac; }
bin=$(abs "$bin") mirror=$(abs "$mirror")
[ -z "$keep" ] || keep=$(abs "$keep")
[ -z "$gdir" ] || gdir=$(abs "$gdir")
# The goldens of a file or mirror: show PATH (a path in upstream's tree) on stdout.
show() {
  if [ -n "$gdir" ]; then cat "$gdir/${1#internal/}" 2>/dev/null; else git -C "$mirror" show "$rev:$1" 2>/dev/null; fi
}
if [ -n "$compat" ]; then export PPROF_COMPAT=$compat; else unset PPROF_COMPAT; fi
only=" $* "

[ -n "$gdir" ] || git -C "$mirror" rev-parse --verify -q "$rev^{commit}" >/dev/null || { echo "compare.sh: no revision $rev in $mirror" >&2; exit 2; }
if [ $gotool = 1 ] && ! command -v go >/dev/null; then echo "compare.sh: -g needs go on PATH" >&2; exit 2; fi
if [ -n "$keep" ]; then mkdir -p "$keep" || exit 2; fi
if [ $gotool = 0 ] && [ ! -x "$bin" ]; then echo "compare.sh: no binary $bin (swift build -c release --product pprof-tui)" >&2; exit 2; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/upstream/gen_testparse.py "$work/profiles" || exit 2
if ! diff -r "$work/profiles" Fixtures/upstream/profiles >/dev/null; then
  echo "compare.sh: Fixtures/upstream/profiles differs from gen_testparse.py's output; regenerate it" >&2
  exit 2
fi
# TestParse runs in internal/driver with testdata/ beside it; no binaries are on the search path.
mkdir -p "$work/run/testdata" "$work/bin" "$work/tmp"
for f in driver/testdata/file1000.src driver/testdata/file2000.src driver/testdata/file3000.src \
  report/testdata/source1 report/testdata/source2; do
  show "internal/$f" >"$work/run/testdata/${f##*/}"
done
export PPROF_BINARY_PATH=$work/bin PPROF_TMPDIR=$work/tmp PPROF_TOOLS=$work/bin
# TestParse's baseFlags, plus -symbolize=none: pass 2's symbolizer is a fake demangler whose
# output the fixtures already carry; the real one would also simplify names that look like
# demangled C++ ("(anonymous namespace)::Bar::Foo" -> "::Bar::Foo"), which TestParse never does.
base=(-compact_labels -nodecount=20 -nodefraction=0.05 -edgefraction=0.01 -symbolize=none)

pass=0 fail=0 skip=0 failed=""
while IFS=$'\t' read -r id source fixture golden uflags cflags repro; do
  case $id in '#'* | '') continue ;; esac
  if [ "$only" != "  " ] && [[ $only != *" $id "* ]]; then continue; fi
  if [ "$repro" != file ]; then
    why="needs the fake object tool"
    [ "$repro" = code ] && why="report options built in code"
    printf 'SKIP %s %-52s (%s: %s)\n' "$id" "$golden" "$repro" "$why"
    skip=$((skip + 1)); continue
  fi
  gpath=internal/driver/testdata/$golden
  [[ $golden == */* ]] && gpath=$golden
  if ! show "$gpath" >"$work/want"; then
    printf 'SKIP %s %-52s (no such golden at %s)\n' "$id" "$golden" "$rev"
    skip=$((skip + 1)); continue
  fi
  read -r -a flags <<<"$cflags"
  out=$work/got
  rm -f "$out" "$work/pass1.pb.gz"
  if [ $gotool = 1 ]; then run=(go tool pprof); else run=("$bin"); fi
  input=$work/profiles/$fixture.pb.gz
  rc=0
  if [ $twopass = 1 ]; then
    if [ "$fixture" = cpu.topproto ]; then
      pass1=(-topproto -addresses "$work/profiles/source/cpu.pb.gz")
    else
      pass1=(-proto "$input")
    fi
    (cd "$work/run" && "${run[@]}" "${base[@]}" -output="$work/pass1.pb.gz" "${pass1[@]}") 2>"$work/stderr"
    rc=$?
    input=$work/pass1.pb.gz
  fi
  if [ $rc = 0 ]; then
    (cd "$work/run" && "${run[@]}" "${base[@]}" "${flags[@]}" -output="$out" "$input") 2>"$work/stderr"
    rc=$?
  fi
  [ -f "$out" ] || : >"$out"
  if [ -n "$keep" ]; then cp "$out" "$keep/$id.${golden##*/}"; cp "$work/want" "$keep/$id.${golden##*/}.want"; fi
  if [ $rc = 0 ] && cmp -s "$work/want" "$out"; then
    printf 'PASS %s %s\n' "$id" "$golden"
    pass=$((pass + 1))
  else
    n=$(diff "$work/want" "$out" | grep -c '^[<>]')
    why="$n lines differ"
    [ $rc = 0 ] || why="exit $rc: $(grep -v '^Generating report in' "$work/stderr" | head -1)"
    printf 'FAIL %s %-52s (%s)\n' "$id" "$golden" "$why"
    fail=$((fail + 1)); failed="$failed $id"
    if [ $verbose = 1 ]; then diff -u --label "golden/$golden" --label ours "$work/want" "$out" | sed 's/^/    /'; fi
  fi
done <Fixtures/upstream/cases.tsv

from=${gdir:-$(git -C "$mirror" rev-parse --short "$rev")}
echo "upstream ${from#"$root"/}: $pass passed, $fail failed, $skip skipped${failed:+ (failed:$failed)}"
[ $fail = 0 ]
