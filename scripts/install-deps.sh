#!/usr/bin/env bash
# Installs what building and testing need from Debian, only when missing (idempotent).
# Usage: scripts/install-deps.sh [build|test]   (default: test)
set -euo pipefail
want=(libncursesw5-dev zlib1g-dev)
if [ "${1:-test}" = test ]; then
  want+=(golang-go graphviz tmux binutils gcc llvm python3)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
