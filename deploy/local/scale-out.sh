#!/usr/bin/env bash
# Competing consumers, measured: one run of deploy/local/measure.sh each with 1, 2 and 3
# classification processes on the same broker (fresh processes and stores every time), the driver
# options passed on. Each run prints the driver's figures and each process's share of the CPU.
# Usage: deploy/local/scale-out.sh [driver options...]   e.g. --mode single --concurrency 128 --duration 20
# SKIP_BUILD=1 reuses the last Release build.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${SCALE_OUT_DIR:-artifacts/scale-out}
mkdir -p "$out"
if [ "${SKIP_BUILD:-}" != 1 ]; then dotnet build Moderation.sln -c Release -nologo -v quiet; fi
for count in 1 2 3; do
  echo "== $count classification process(es)"
  CLASSIFICATION_PROCESSES=$count SKIP_BUILD=1 MEASURE_DIR="$out/$count" \
    deploy/local/measure.sh --baseline-seconds 0 --json "$out/classification-$count.json" "$@" || true
done
