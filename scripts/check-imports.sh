#!/usr/bin/env bash
# Checks that Package.swift declares exactly what each target imports: every `import X` of a
# target of this package appears in that target's dependencies, and every dependency on a
# package target is imported somewhere in the target (run by `make check` and `make test`).
# The fuzz targets are included (the manifest declares them with PPROF_FUZZ=1).
# Exits 1 listing each missing or unused dependency.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=$(PPROF_FUZZ=1 ${SWIFT:-swift} package dump-package)
python3 - "$manifest" <<'PY'
import json, os, re, sys

package = json.loads(sys.argv[1])
targets = {t["name"]: t for t in package["targets"]}
# `import X`, `@testable import X`, `import struct X.Y`, `@_exported import X`.
import_re = re.compile(r"^\s*(?:@\w+\s+)*import\s+(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?(\w+)")

def target_dir(t):
    if t.get("path"):
        return t["path"]
    return os.path.join("Tests" if t["type"] == "test" else "Sources", t["name"])

problems = []
for name, t in sorted(targets.items()):
    if t["type"] == "system":
        continue
    declared = set()
    for d in t["dependencies"]:
        for kind in ("byName", "target"):
            if kind in d and d[kind][0] in targets:
                declared.add(d[kind][0])
    imported = {}
    root = target_dir(t)
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith(".swift"):
                continue
            path = os.path.join(dirpath, f)
            with open(path, encoding="utf-8") as fh:
                for lineno, line in enumerate(fh, 1):
                    m = import_re.match(line)
                    if m and m.group(1) in targets and m.group(1) != name:
                        imported.setdefault(m.group(1), f"{path}:{lineno}")
    # C targets are imported by their headers' users, not by Swift files of their own.
    if not any(f.endswith(".swift") for _, _, fs in os.walk(root) for f in fs):
        continue
    for m in sorted(set(imported) - declared):
        problems.append(f"{name}: imports {m} ({imported[m]}) but does not declare it")
    for m in sorted(declared - set(imported)):
        problems.append(f"{name}: declares {m} but never imports it")

for p in problems:
    print("check-imports: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
