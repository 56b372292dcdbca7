#!/usr/bin/env bash
# Runs every test of the solution and ends with one line of its own: "N passed, N failed[, N skipped]".
# Brings up what the tests need: RabbitMQ on 127.0.0.1:5672 (a running one; else an installed
# rabbitmq-server; else, as root on Debian, installed from Debian's packages), and Debian's Chromium
# for the browser tests (installed from Debian's packages when missing; Playwright downloads nothing);
# and, unless MODERATION_TEST_MONGODB names a MongoDB server already, the MongoDB-wire-protocol server
# of tests/mongo-wire-server (from npm, exact versions, patched; needs Node.js and npm) on a free port
# of 127.0.0.1 for the MongoDB store tests, stopped when the script ends (docs/operations-mongodb-tests.md).
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '[run-tests] %s\n' "$*" >&2; }

rabbit_answers() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }

wait_for_rabbit() {
  for _ in $(seq 1 60); do
    rabbit_answers && return 0
    sleep 1
  done
  return 1
}

ensure_rabbitmq() {
  if rabbit_answers; then
    log "RabbitMQ answers on 127.0.0.1:5672."
    return 0
  fi
  if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/sbin/rabbitmq-server ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "Installing rabbitmq-server from Debian's packages..."
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null && apt-get install -y -qq rabbitmq-server >/dev/null || { log "apt-get could not install rabbitmq-server."; return 1; }
    else
      log "RabbitMQ is not running and cannot be installed here (needs root and apt-get)."
      return 1
    fi
  fi
  if ! rabbit_answers; then
    log "Starting rabbitmq-server..."
    PATH="$PATH:/usr/sbin" rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  wait_for_rabbit || { log "RabbitMQ did not answer on 127.0.0.1:5672 within 60 s."; return 1; }
  log "RabbitMQ answers on 127.0.0.1:5672."
}

# A virtual host of the tests' own, emptied on every run, so queues left by an earlier run deliver nothing stale.
prepare_vhost() {
  local ctl
  ctl=$(command -v rabbitmqctl || echo /usr/sbin/rabbitmqctl)
  if [ -x "$ctl" ]; then
    for _ in $(seq 1 30); do "$ctl" -q await_startup >/dev/null 2>&1 && break; sleep 1; done
    "$ctl" -q delete_vhost moderation-tests >/dev/null 2>&1 || true
    if "$ctl" -q add_vhost moderation-tests >/dev/null 2>&1 &&
       "$ctl" -q set_permissions -p moderation-tests guest '.*' '.*' '.*' >/dev/null 2>&1; then
      echo moderation-tests
      return
    fi
  fi
  echo /
}

# The browser tests drive /usr/bin/chromium; without it they report themselves skipped.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    log "Chromium: $(/usr/bin/chromium --version 2>/dev/null)."
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "Installing chromium from Debian's packages..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null || { log "apt-get could not install chromium: the browser tests will be skipped."; return 1; }
    log "Chromium: $(/usr/bin/chromium --version 2>/dev/null)."
  else
    log "Chromium is missing and cannot be installed here (needs root and apt-get): the browser tests will be skipped."
    return 1
  fi
}

# Why the MongoDB tests could not run, for their skip messages (Moderation.Testing.TestEnvironment).
mongo_unavailable() {
  export MODERATION_TEST_MONGODB_UNAVAILABLE="$1"
  log "$1: the MongoDB store tests will be skipped."
  return 1
}

mongo_pid=""
mongo_log=""
stop_mongo_wire_server() {
  if [ -n "$mongo_pid" ]; then
    kill "$mongo_pid" 2>/dev/null
    wait "$mongo_pid" 2>/dev/null
    mongo_pid=""
  fi
  [ -n "$mongo_log" ] && rm -f "$mongo_log"
}
trap stop_mongo_wire_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_mongodb() {
  if [ -n "${MODERATION_TEST_MONGODB:-}" ]; then
    log "MongoDB tests use the server MODERATION_TEST_MONGODB names."
    return 0
  fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    mongo_unavailable "Node.js and npm are not installed, so tests/mongo-wire-server cannot run and MODERATION_TEST_MONGODB names no other server"
    return 1
  fi
  log "Installing tests/mongo-wire-server from npm (exact versions) and patching it..."
  if ! tests/mongo-wire-server/setup.sh </dev/null >/dev/null; then
    mongo_unavailable "npm could not install tests/mongo-wire-server (is the npm registry reachable?)"
    return 1
  fi
  mongo_log=$(mktemp)
  local port attempt failure=""
  for attempt in 1 2 3; do
    port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
    node tests/mongo-wire-server/server.js --port "$port" >"$mongo_log" 2>&1 </dev/null &
    mongo_pid=$!
    for _ in $(seq 1 100); do
      if grep -q "listening" "$mongo_log"; then
        export MODERATION_TEST_MONGODB="mongodb://127.0.0.1:$port/?directConnection=true"
        log "MongoDB tests use tests/mongo-wire-server on 127.0.0.1:$port."
        return 0
      fi
      kill -0 "$mongo_pid" 2>/dev/null || break
      sleep 0.1
    done
    failure=$(tail -n 1 "$mongo_log")
    stop_mongo_wire_server
    mongo_log=$(mktemp)
  done
  mongo_unavailable "tests/mongo-wire-server did not start (${failure:-no output})"
}

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
ensure_chromium || true
ensure_mongodb || true

broker_ready=0
if ensure_rabbitmq; then
  broker_ready=1
  export MODERATION_TEST_RABBITMQ=127.0.0.1
  MODERATION_TEST_RABBITMQ_VHOST=$(prepare_vhost)
  export MODERATION_TEST_RABBITMQ_VHOST
  log "Broker tests use virtual host '$MODERATION_TEST_RABBITMQ_VHOST'."
fi

results=$(mktemp -d)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
status=0
if dotnet build Moderation.sln -nologo -v quiet </dev/null; then
  # One project at a time, each with its own TRX file: the counts below come from those files. A
  # test still running after 15 minutes has hung (no test takes near that long): its test host
  # is stopped and the test named, and the run fails, so a hang neither uses up a CI run's time
  # nor hides which test it was.
  for project in $(grep -l 'Microsoft.NET.Test.Sdk' tests/*/*.csproj | sort); do
    name=$(basename "$project" .csproj)
    log "Testing $name..."
    dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 15m --blame-hang-dump-type none </dev/null || status=1
  done
else
  log "The solution does not build."
  status=1
fi

# Sum the counters of every project's TRX file (plain shell: a fresh machine may have no python).
count() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
summary=""
if ls "$results"/*.trx >/dev/null 2>&1; then
  passed=$(count passed)
  failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
  skipped=$(( $(count total) - $(count executed) ))
  summary="$passed passed, $failed failed"
  [ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
fi
rm -rf "$results"

if [ -z "$summary" ]; then
  summary="0 passed, 1 failed"
  status=1
fi
if [ "$broker_ready" = 0 ]; then
  log "RabbitMQ could not be brought up: the broker tests were skipped, so this run does not count as green."
  status=1
fi
if [ "$status" != 0 ] && [ "${summary#* passed, 0 failed}" != "$summary" ]; then
  summary="${summary%%,*}, 1 failed${summary#*failed}"
fi
echo "$summary"
exit "$status"
