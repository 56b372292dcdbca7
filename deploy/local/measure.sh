#!/usr/bin/env bash
# One measured run: starts the four services as separate processes (Release build, fresh SQLite
# files, $CLASSIFICATION_PROCESSES classification processes) on RabbitMQ at 127.0.0.1:5672, runs the
# load driver against them with the options given, prints each process's share of the CPU over the
# measured phase (the driver reads it, --process), and stops them. Every figure of docs/performance.md
# comes from here.
#   deploy/local/measure.sh --mode single --rate 150 --duration 20
#   deploy/local/measure.sh --mode batch --concurrency 4 --duration 20 --json artifacts/batch.json
# Environment: CLASSIFICATION_PROCESSES (1), MEASURE_DIR (artifacts/measure), SKIP_BUILD=1 to reuse
# the last Release build, and any service setting (e.g. Bus__PrefetchCount=64).
# With rabbitmqctl at hand (the broker on this machine, run as root) each run gets a virtual host of
# its own, deleted afterwards, so nothing left from an earlier run is counted; otherwise the run uses
# Bus__RabbitMq__VirtualHost (default /). The driver needs the management plugin for its delivery
# count (rabbitmq-plugins enable rabbitmq_management).
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${MEASURE_DIR:-artifacts/measure}
classifiers=${CLASSIFICATION_PROCESSES:-1}
mkdir -p "$out"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  dotnet build Moderation.sln -c Release -nologo -v quiet
fi

set -a
# shellcheck source=demo-keys.env
. deploy/local/demo-keys.env
Bus__Transport=RabbitMq
set +a

vhost=${Bus__RabbitMq__VirtualHost:-/}
own_vhost=""
if command -v rabbitmqctl >/dev/null 2>&1 && rabbitmqctl -q add_vhost "moderation-measure-$$" >/dev/null 2>&1; then
  own_vhost="moderation-measure-$$"
  vhost=$own_vhost
  rabbitmqctl -q set_permissions -p "$vhost" guest ".*" ".*" ".*" >/dev/null
fi
export Bus__RabbitMq__VirtualHost=$vhost

pids=()
names=()
stop_all() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ -n "$own_vhost" ]; then rabbitmqctl -q delete_vhost "$own_vhost" >/dev/null 2>&1 || true; fi
}
trap stop_all EXIT INT TERM

start() { # service port instance
  local lower bin
  lower=$(echo "$1" | tr '[:upper:]' '[:lower:]')
  bin="$PWD/services/Moderation.$1/bin/Release/net10.0"
  # The content root is the build output, so the service reads its appsettings.json (production
  # log levels: the framework's per-request lines are off) as it would from its image.
  ASPNETCORE_URLS="http://127.0.0.1:$2" Storage__ConnectionString="Data Source=$out/data/$lower.db" \
    dotnet "$bin/Moderation.$1.dll" --contentRoot "$bin" > "$out/$lower-$3.log" 2>&1 &
  pids+=($!)
  names+=("$lower-$3")
}

wait_ready() { # port
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "service on :$1 did not become ready" >&2
  return 1
}

rm -rf "$out/data"
mkdir -p "$out/data"
start Ingestion 5081 1
start Review 5083 1
start Audit 5084 1
for i in $(seq 1 "$classifiers"); do
  start Classification $((5082 + (i - 1) * 100)) "$i"
done
for port in 5081 5083 5084; do wait_ready "$port"; done
for i in $(seq 1 "$classifiers"); do wait_ready $((5082 + (i - 1) * 100)); done

watched=()
for i in "${!pids[@]}"; do watched+=(--process "${names[$i]}=${pids[$i]}"); done
if broker=$(pgrep -o beam.smp); then watched+=(--process "rabbitmq=$broker"); fi
dotnet tests/Moderation.LoadDriver/bin/Release/net10.0/Moderation.LoadDriver.dll --vhost "$vhost" "${watched[@]}" "$@"
