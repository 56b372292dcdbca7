#!/usr/bin/env bash
# A series of identical runs of deploy/local/measure.sh (fresh processes, stores and virtual host
# each time), then one line per run and the series' medians from the load driver's `summarize`.
# One run on a small shared machine moves by a fifth from the next; the targets in docs/performance.md are
# judged on a series.
# Usage: RUNS=5 deploy/local/series.sh [driver options...]   e.g. --mode single --concurrency 128 --duration 20
# Environment: RUNS (5), SERIES_DIR (artifacts/series), SKIP_BUILD=1 to reuse the last Release
# build, and anything measure.sh takes.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${RUNS:-5}
out=${SERIES_DIR:-artifacts/series}
mkdir -p "$out"
rm -f "$out"/run-*.json
if [ "${SKIP_BUILD:-}" != 1 ]; then dotnet build Moderation.sln -c Release -nologo -v quiet; fi
reports=()
for i in $(seq 1 "$runs"); do
  echo "== run $i of $runs"
  if SKIP_BUILD=1 MEASURE_DIR="$out/measure" deploy/local/measure.sh --json "$out/run-$i.json" "$@"; then
    reports+=("$out/run-$i.json")
  elif [ -f "$out/run-$i.json" ]; then
    echo "run $i saw submissions without their verdict; it stays in the series" >&2
    reports+=("$out/run-$i.json")
  else
    echo "run $i wrote no report" >&2
  fi
done
[ "${#reports[@]}" -gt 0 ] || { echo "no run wrote a report" >&2; exit 1; }
dotnet tests/Moderation.LoadDriver/bin/Release/net10.0/Moderation.LoadDriver.dll summarize "${reports[@]}"
