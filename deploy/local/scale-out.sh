#!/usr/bin/env bash
# Competing consumers, measured: runs the load driver against ingestion, review and audit with 1, 2
# and 3 classification processes on the same broker, and prints one line of figures per count.
# Usage: deploy/local/scale-out.sh [driver options...]   e.g. --mode batch --duration 30
# Needs RabbitMQ on 127.0.0.1:5672 with its management plugin (rabbitmq-plugins enable rabbitmq_management).
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${SCALE_OUT_DIR:-artifacts/scale-out}
mkdir -p "$out"
dotnet build Moderation.sln -c Release -nologo -v quiet

set -a
. deploy/local/demo-keys.env
Bus__Transport=RabbitMq
Logging__LogLevel__Default=Warning
set +a

pids=()
stop_all() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; pids=(); }
trap stop_all EXIT INT TERM

start() { # service port instance
  local lower
  lower=$(echo "$1" | tr '[:upper:]' '[:lower:]')
  ASPNETCORE_URLS="http://127.0.0.1:$2" Storage__ConnectionString="Data Source=$out/data/$lower.db" \
    dotnet "services/Moderation.$1/bin/Release/net10.0/Moderation.$1.dll" > "$out/$lower-$3.log" 2>&1 &
  pids+=($!)
}

wait_ready() { # port
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "service on :$1 did not become ready" >&2
  return 1
}

for count in 1 2 3; do
  rm -rf "$out/data"
  mkdir -p "$out/data"
  start Ingestion 5081 1
  start Review 5083 1
  start Audit 5084 1
  for i in $(seq 1 "$count"); do
    start Classification $((5082 + (i - 1) * 100)) "$i"
  done
  for port in 5081 5083 5084; do wait_ready "$port"; done
  for i in $(seq 1 "$count"); do wait_ready $((5082 + (i - 1) * 100)); done
  echo "== $count classification process(es)"
  dotnet tests/Moderation.LoadDriver/bin/Release/net10.0/Moderation.LoadDriver.dll \
    --baseline-seconds 0 --json "$out/classification-$count.json" "$@" || true
  stop_all
done
