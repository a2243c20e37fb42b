#!/usr/bin/env bash
# Side-by-side sweep: runs `go tool pprof` and pprof-tui on the same profile
# and flags (or the same line-mode script on stdin) and compares stdout,
# stderr and the exit code. Prints one line per differing case and a summary;
# the differing outputs are kept under $SWEEP_OUT (default /tmp/diff-sweep).
#
# Usage: scripts/diff-sweep.sh [binary] [case-substring]
#   binary defaults to .build-diff/release/pprof-tui
#   (swift build -c release --scratch-path .build-diff --product pprof-tui)
# Profiles: Fixtures/profiles, Fixtures/profiles/crafted (except control, whose
# names pprof prints raw and we escape), the legacy fixtures, and protobufs
# pprof converts from the legacy fixtures (`go tool pprof -proto`).
set -uo pipefail
# pprof-tui compares with this machine's go tool pprof (Go 1.19): its switch (issue #18).
export PPROF_COMPAT=go1.19
cd "$(dirname "$0")/.."
bin=${1:-.build-diff/release/pprof-tui}
only=${2:-}
out=${SWEEP_OUT:-/tmp/diff-sweep}
root=$PWD
[ -x "$bin" ] || { echo "no binary at $bin" >&2; exit 2; }
command -v go >/dev/null || { echo "go is required" >&2; exit 2; }

export TZ=UTC LC_ALL=C
export PPROF_BINARY_PATH=/nonexistent PPROF_TMPDIR=$(mktemp -d) PPROF_TOOLS=
export HOME=$PPROF_TMPDIR
trap 'rm -rf "$PPROF_TMPDIR"' EXIT
rm -rf "$out"; mkdir -p "$out/converted"

# Protobufs written by pprof's own converter from the legacy formats.
for f in Fixtures/legacy/*.prof Fixtures/legacy/*.txt; do
  b=$(basename "$f"); b=${b//./_}
  go tool pprof -proto "$f" >"$out/converted/$b.pb.gz" 2>/dev/null || rm -f "$out/converted/$b.pb.gz"
done

profiles=(Fixtures/profiles/*.pb.gz)
for f in Fixtures/profiles/crafted/*.pb.gz Fixtures/profiles/crafted/raw.pb; do
  case $f in *control*) continue ;; esac
  profiles+=("$f")
done
legacy=(Fixtures/legacy/*.prof Fixtures/legacy/*.txt)
converted=("$out"/converted/*.pb.gz)

# Flag sets run on every profile.
flagsets=(
  "-top" "-top -cum" "-top -nodecount=3" "-top -nodecount=0" "-tree" "-tree -nodecount=4"
  "-peek=." "-peek=main|java" "-traces" "-tags" "-raw" "-comments" "-text" "-dot"
  "-top -functions" "-top -files" "-top -lines" "-top -addresses" "-top -filefunctions"
  "-top -noinlines" "-tree -lines" "-traces -lines" "-traces -addresses" "-peek=. -addresses"
  "-top -sample_index=0" "-top -sample_index=1" "-top -sample_index=2" "-top -sample_index=9"
  "-top -sample_index=bogus" "-top -sample_index=cpu" "-top -sample_index=samples"
  "-top -mean" "-top -unit=ms" "-top -unit=kb" "-top -unit=auto" "-top -unit=minimum"
  "-top -unit=bogus" "-top -unit=s" "-top -unit=mb" "-top -divide_by=3" "-top -divide_by=0.001"
  "-top -focus=main" "-top -ignore=main" "-top -hide=runtime" "-top -show=main"
  "-top -show_from=main" "-top -prune_from=main" "-top -focus=nomatchxyz" "-top -focus=("
  "-top -tagfocus=1kb:" "-top -tagfocus=:2ms" "-top -tagignore=1kb:" "-top -tagshow=thread"
  "-tags -tagfocus=1kb:" "-tags -tagfocus=:2ms" "-tags -taghide=bytes" "-top -tagfocus=bogus=x"
  "-top -relative_percentages -focus=main" "-top -nodefraction=0.2" "-tree -edgefraction=0.3"
  "-top -nodefraction=0" "-tree -nodefraction=0 -edgefraction=0" "-top -trim_path=/opt"
  "-list=main" "-list=." "-list=HashMap" "-list=nomatchxyz" "-top -symbolize=none"
  "-top -cum -lines -nodecount=6" "-peek=main -lines" "-tree -cum" "-traces -focus=main"
  "-raw -focus=main" "-top -show=main -hide=main.main" "-top -tagfocus=thread=worker-1"
  "-dot -nodecount=4" "-dot -lines" "-top -compact_labels" "-top -call_tree" "-top -unit=widgets"
)

# More, for the crafted profiles only (names, labels and units of other producers).
extraflags=(
  "-top -tagfocus=size=1kb:2kb" "-top -tagfocus=size=2kb" "-top -tagfocus=wait=:100ms" "-top -tagfocus=1s:"
  "-top -tagfocus=wait=5ms:1h" "-top -tagfocus=path=/etc/hosts" "-top -tagfocus=path=hosts,log"
  "-top -tagignore=path=hosts" "-tags -tagshow=size|wait" "-tags -taghide=path" "-traces -tagshow=path"
  "-top -tagfocus=size=1.5kb" "-top -tagfocus=bytes=1mb:" "-top -tagfocus=:1kb" "-top -tagfocus=xyz=1kb"
  "-top -tagfocus=1kb:2ms" "-top -tagfocus=1zz" "-top -tagfocus=thread=" "-top -tagfocus==x"
  "-top -tagroot=thread" "-top -tagleaf=thread,db" "-traces -tagroot=size" "-tree -tagroot=path"
  "-top -unit=b" "-top -unit=bytes" "-top -unit=gb" "-top -unit=ns" "-top -unit=us" "-top -unit=hours"
  "-top -unit=h" "-top -unit=count" "-top -unit=mib" "-top -unit=tb" "-top -unit=pb" "-top -unit=m"
  "-top -sample_index=-1" "-top -sample_index=+1" "-top -sample_index=1.5" "-top -sample_index=widgets"
  "-top -sample_index=things" "-top -sample_index=rss -mean" "-top -mean -sample_index=2"
  "-top -divide_by=-2" "-top -divide_by=0" "-top -divide_by=1e-9" "-top -divide_by=7"
  "-top -focus=Bar\\.baz" "-top -focus=java/util" "-top -ignore=HashMap|Parity" "-top -hide=^com"
  "-top -show=Parity" "-top -show_from=isOdd" "-top -prune_from=HashMap" "-top -focus=main -ignore=main"
  "-top -focus=Tree::walk" "-top -focus=mixed.cc" "-top -focus=libmixed" "-top -focus=0x7f"
  "-peek=HashMap" "-peek=isEven|isOdd" "-peek=factorial -lines" "-peek=walk" "-peek=visit -noinlines"
  "-tree -focus=Parity" "-traces -noinlines" "-traces -files" "-raw -noinlines" "-raw -lines"
  "-top -lines -noinlines" "-top -addresses -noinlines" "-top -files -cum" "-top -filefunctions -cum"
  "-list=Parity" "-list=walk" "-list=factorial" "-list=main.only" "-list=Handle" "-list=Handle -trim_path=/x"
  "-top -nodecount=1" "-top -nodecount=-1" "-tree -nodecount=2 -nodefraction=0" "-peek=. -nodecount=2"
  "-top -edgefraction=1" "-top -nodefraction=1" "-top -nodefraction=0.9" "-top -nodefraction=-1"
  "-top -relative_percentages -focus=Parity" "-tree -relative_percentages -focus=walk"
  "-traces -tagfocus=size=1kb:" "-top -call_tree" "-top -drop_negative" "-top -noinlines -cum"
  "-dot -focus=Parity" "-dot -nodecount=2" "-dot -addresses" "-dot -files" "-text -cum"
  "-top -output=/dev/stdout" "-top -show_from=(" "-top -ignore=[" "-top -hide=*" "-top -tagfocus=("
  "-top -symbolize=local" "-top -symbolize=fastlocal:force" "-top -symbolize=demangle=full"
  "-top -symbolize=demangle=templates" "-top -symbolize=demangle=none" "-top -symbolize=nope"
  "-top -symbolize=force" "-raw -symbolize=force" "-top -trim_path=/src" "-top -compact_labels=false"
  "-comments -add_comment=hello" "-top -add_comment=x" "-top -buildid=abc" "-top -normalize"
  "-top -alloc_space" "-top -inuse_space" "-top -total_delay" "-top -mean_delay" "-top -contentions"
)

# The smaller set for the legacy formats and their conversions.
quickflags=(
  "-top" "-top -cum" "-tree" "-peek=." "-traces" "-tags" "-raw" "-comments" "-dot"
  "-top -lines" "-top -addresses" "-top -files" "-top -noinlines" "-top -sample_index=1"
  "-top -mean" "-top -unit=ms" "-top -focus=main" "-top -hide=runtime" "-list=main" "-top -symbolize=none"
  "-traces -lines" "-top -tagfocus=1kb:"
)

# Line-mode scripts run on every profile (\n-separated commands).
scripts=(
  'top5\nsample_index=1\ntop\nfocus=main\npeek main\ntraces\ntags\nlist main\nunit=ms\ntop -cum 3\ngranularity=lines\ntop\nhide=x\n:\ntop\no\nbogus\nquit\n'
  'help\nhelp top\nhelp focus\nhelp bogus\nhelp sample_index\n'
  'top -bogus\ntop 0\ntop -5\ntop abc\ntop3 -cum\ntree 3\npeek\nlist\n'
  'nodecount=abc\nnodecount=2\ntop\nnodefraction=x\nnodefraction=0.5\ntop\ncum=maybe\ncum=true\ntop\nunit=\ntop\n'
  'sample_index=99\nsample_index=foo\nsample_index=0\ntop\nmean=1\ntop\nmean=0\n'
  'focus=(\nignore=[\ntop\nfocus=\ntop\ntagfocus=1kb:\ntop\ntagfocus=\nshow=main\ntop\nshow=\nhide=main\ntop\n'
  'granularity=addresses\ntop\ngranularity=bogus\ngranularity=files\ntop\ngranularity=filefunctions\ntraces\n'
  'o\ndivide_by=2\ntop\ndivide_by=abc\nrelative_percentages=1\nfocus=main\ntop\nreset\ntop\n'
  'top\ntop -cum\ntop main\ntop -main\ntop 3 main -runtime\ntree main\npeek . -cum\ntraces main\n'
  'trim_path=/x\nlist .\nsource_path=Fixtures/src\nlist main\ntop=1\nexit\ntop\n'
  'top\n\n\ntop2\n  top3  \n#comment\ntop 2 -lines\n'
  'dot\ndot 3\nraw\ncomments\ntext\ntop\nproto\nsvg\n'
  'options\nunit=widgets\ntop\nunit=bogus\ntop\nsort=cum\ntop\nsort=bogus\nsort=flat\ncall_tree=true\ntop\nnoinlines=t\ntop\ntrim_path\n'
  'focus main\nfocus=main bar\nfocus = main\ntop\n=x\nfocus=\nx=\ntop -cum -nodecount=3\ntop --cum\ntop -c\n'
  'tagfocus=size=1kb:\ntop\ntagfocus=bogus=\ntagfocus=1zz\ntop\ntagignore=path=hosts\ntags\ntagshow=path\ntags\ntagroot=path\ntraces\n'
  'samples\ntop\ncpu\ntop\nmean_cpu\ntop\ntotal_cpu\ntop\nrss\ntop\nwall\ntop\n'
  'peek\npeek (\nlist (\ntop (\ntop -focus=x\ntraces -x\ntags -x\nraw -x\ndot -x\nlist -x\n'
  'granularity=lines\npeek .\ntree\ngranularity=addresses\ntree\nnoinlines=true\npeek .\ntraces\n'
  'nodefraction=0\nedgefraction=0\ntree\nnodecount=1\ntree\ntop\nnodecount=0\ntop\nnodecount=-3\ntop\n'
  'show_from=main\ntop\nprune_from=walk\ntop\nshow=Tree\ntop\nhide=visit\npeek .\nrelative_percentages=true\ntop\n'
  'top > out.txt\ntop >\ntop >>x\n> x\nsample_index=1 top\ntop10 main\ntop10main\n'
)

total=0; failed=0
declare -A kind_total kind_fail
summary=$out/summary.txt; : >"$summary"

kind_of() {
  case $1 in
    */converted/*) echo converted ;;
    Fixtures/legacy/*) echo legacy ;;
    */crafted/*) echo crafted ;;
    *) echo go ;;
  esac
}

# compare <kind> <label> <stdin-file or -> args...
compare() {
  local kind=$1 label=$2 input=$3; shift 3
  [ -n "$only" ] && [[ "$label" != *"$only"* ]] && return
  local d=$out/cases/$(printf '%05d' "$total")
  mkdir -p "$d/run"
  local in=/dev/null; [ "$input" != - ] && in=$input
  # The same working directory for both (reports written to files, list's search path),
  # emptied in between; our list must not find sources pprof cannot (GOROOT / module
  # cache: a deliberate difference).
  (cd "$d/run" && go tool pprof "$@" <"$in" >../go.out 2>../go.err; echo $? >../go.rc) 2>/dev/null
  rm -rf "$d/run"; mkdir -p "$d/run"
  (cd "$d/run" && GOROOT=/nonexistent GOMODCACHE=/nonexistent GOPATH=/nonexistent \
    "$root/$bin" "$@" <"$in" >../us.out 2>../us.err; echo $? >../us.rc) 2>/dev/null
  rm -rf "$d/run"
  # The help of our two added commands (a documented difference).
  for f in "$d/us.out" "$d/us.err"; do
    perl -0pi -e 's/\n\n  pprof-tui additions:\n(    -?(collapsed|flame_svg) .*\n)+/\n/g' "$f"
  done
  total=$((total + 1)); kind_total[$kind]=$(( ${kind_total[$kind]:-0} + 1 ))
  local what=""
  cmp -s "$d/go.rc" "$d/us.rc" || what+=" exit($(cat "$d/go.rc")/$(cat "$d/us.rc"))"
  if ! cmp -s "$d/go.out" "$d/us.out"; then
    if [[ " $* " == *" -dot"* ]] && cmp -s <(sort "$d/go.out") <(sort "$d/us.out"); then :; else what+=" stdout"; fi
  fi
  cmp -s "$d/go.err" "$d/us.err" || what+=" stderr"
  if [ -n "$what" ]; then
    failed=$((failed + 1)); kind_fail[$kind]=$(( ${kind_fail[$kind]:-0} + 1 ))
    echo "$label" >"$d/label"
    printf '%s\t%s\t%s\n' "$(basename "$d")" "$what" "$label" | tee -a "$summary"
  else
    rm -rf "$d"
  fi
}

abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }

for p in "${profiles[@]}" "${legacy[@]}" "${converted[@]}"; do
  k=$(kind_of "$p"); ap=$(abs "$p")
  sets=("${flagsets[@]}")
  case $k in
    legacy|converted) sets=("${quickflags[@]}") ;;
    crafted) sets+=("${extraflags[@]}") ;;
  esac
  for fs in "${sets[@]}"; do
    read -r -a fa <<<"$fs"
    compare "$k" "$fs $p" - "${fa[@]}" -source_path="$PWD/Fixtures/src" "$ap"
  done
  i=0
  for s in "${scripts[@]}"; do
    i=$((i + 1))
    case $k in
      legacy|converted) [ $i -gt 2 ] && continue ;;
      go) [ $i -gt 12 ] && continue ;;
    esac
    f=$out/script$i.txt; printf "$s" >"$f"
    compare "$k" "shell#$i $p" "$f" "$ap"
  done
done

# Several profiles at once, -base, -diff_base, -normalize.
c=Fixtures/profiles/crafted
for fs in "-top" "-top -cum" "-traces" "-tree" "-raw" "-tags" "-peek=main" "-top -normalize" "-top -unit=ms"; do
  read -r -a fa <<<"$fs"
  compare crafted "$fs -base new" - "${fa[@]}" -base="$(abs $c/base.pb.gz)" "$(abs $c/new.pb.gz)"
  compare crafted "$fs -diff_base new" - "${fa[@]}" -diff_base="$(abs $c/base.pb.gz)" "$(abs $c/new.pb.gz)"
  compare crafted "$fs -normalize -base" - "${fa[@]}" -normalize -base="$(abs $c/base.pb.gz)" "$(abs $c/new.pb.gz)"
  compare crafted "$fs merged base+new" - "${fa[@]}" "$(abs $c/base.pb.gz)" "$(abs $c/new.pb.gz)"
  compare go "$fs merged heap+allocs" - "${fa[@]}" "$(abs Fixtures/profiles/heap.pb.gz)" "$(abs Fixtures/profiles/allocs.pb.gz)"
  compare crafted "$fs merged cpu+java" - "${fa[@]}" "$(abs Fixtures/profiles/cpu.pb.gz)" "$(abs $c/java.pb.gz)"
  compare crafted "$fs merged cpu+units (types differ)" - "${fa[@]}" "$(abs Fixtures/profiles/cpu.pb.gz)" "$(abs $c/units.pb.gz)"
  compare crafted "$fs -base heap of cpu" - "${fa[@]}" -base="$(abs Fixtures/profiles/heap.pb.gz)" "$(abs Fixtures/profiles/cpu.pb.gz)"
done

{
  echo "---"
  for k in "${!kind_total[@]}"; do echo "$k: ${kind_fail[$k]:-0} of ${kind_total[$k]} differ"; done
  echo "total: $failed of $total cases differ (outputs in $out/cases)"
} | tee -a "$summary"
