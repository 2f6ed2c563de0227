#!/usr/bin/env bash
# Runs the IFC bridge's tests; installs the pinned requirements first when they are missing or of
# another version. For CI: `bash IFCBridge/run-tests.sh` (extra arguments go to pytest).
# PYTHON picks the interpreter (default python3). The Swift end-to-end tests run when
# .build/debug/barrierfree exists (or BARRIERFREE_BIN names the binary), the FZK-Haus tests when
# /work/shared/data/ifc/AC20-FZK-Haus.ifc exists (or BARRIERFREE_FZK_IFC names it); else they skip.
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"

if ! "$PY" - <<'CHECK'
import importlib.metadata as metadata
import sys

missing = []
for line in open("requirements.txt", encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if "==" not in line:
        continue
    name, version = (part.strip() for part in line.split("==", 1))
    try:
        if metadata.version(name) != version:
            missing.append(f"{name} {metadata.version(name)} (want {version})")
    except metadata.PackageNotFoundError:
        missing.append(f"{name} (missing)")
if missing:
    print("run-tests: requirements to install: " + ", ".join(missing))
    sys.exit(1)
CHECK
then
  "$PY" -m pip install --quiet --disable-pip-version-check -r requirements.txt
fi

exec "$PY" -m pytest -q tests "$@"
