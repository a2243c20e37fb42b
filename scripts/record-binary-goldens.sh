#!/usr/bin/env bash
# Records `go tool pprof`'s output for the binary fixtures (Fixtures/binaries/goldens/CASES.tsv:
# `<name><TAB><args>`, `{dir}` standing for the build directory, leading KEY=VALUE words set
# the environment) into Fixtures/binaries/goldens/<name> (stdout) and <name>.stderr (stderr,
# `{dir}` written back for the directory), plus BUILD.sha256, the hashes of the binaries the
# outputs belong to (BinaryGoldenTests compares with the goldens only when its build has the
# same hashes; otherwise with `go tool pprof` run live, or skips). Always exits 1: a recording
# run is never a passing run. Usage: PPROF_RECORD=1 scripts/record-binary-goldens.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${PPROF_RECORD:-}" = 1 ] || { echo "set PPROF_RECORD=1 to record" >&2; exit 1; }
command -v go >/dev/null || { echo "go is required (scripts/install-deps.sh test)" >&2; exit 1; }
g=Fixtures/binaries/goldens
build=$(mktemp -d)
home=$(mktemp -d)
trap 'rm -rf "$build" "$home"' EXIT
scripts/build-binary-fixtures.sh "$build" >/dev/null
(cd "$build" && sha256sum hot hot_pie hot_stripped gohot) >"$g/BUILD.sha256"
export TZ=UTC LC_ALL=C HOME=$home PPROF_TMPDIR=$home PPROF_TOOLS=
n=0
while IFS=$'\t' read -r name argline || [ -n "$name" ]; do
  [ -z "$name" ] && continue
  read -r -a words <<<"${argline//\{dir\}/$build}"
  envs=(PPROF_BINARY_PATH=/nonexistent) args=()
  for w in "${words[@]}"; do
    if [ ${#args[@]} -eq 0 ] && [[ "$w" =~ ^[A-Z_]+= ]]; then envs+=("$w"); else args+=("$w"); fi
  done
  set +e
  env "${envs[@]}" go tool pprof "${args[@]}" >"$g/$name" 2>"$g/$name.stderr" </dev/null
  set -e
  sed -i "s#$build#{dir}#g" "$g/$name" "$g/$name.stderr"
  [ -s "$g/$name.stderr" ] || rm -f "$g/$name.stderr"
  n=$((n + 1))
done <"$g/CASES.tsv"
echo "recorded $n binary goldens in $g; run the tests again without PPROF_RECORD" >&2
exit 1
