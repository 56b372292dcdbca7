#!/usr/bin/env bash
# Runs the four services as four processes on this machine against RabbitMQ on 127.0.0.1:5672,
# each with its own SQLite file under ./data/: ingestion :5081, classification :5082, review :5083,
# audit :5084. Ctrl+C stops all four. Override any setting through the environment
# (e.g. Bus__RabbitMq__Host, Storage__Provider=Mongo with Storage__ConnectionString).
set -euo pipefail
cd "$(dirname "$0")/../.."

set -a
# shellcheck source=demo-keys.env
. deploy/local/demo-keys.env
Bus__Transport=${Bus__Transport:-RabbitMq}
set +a

dotnet build Moderation.sln -nologo -v quiet
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
for service in Ingestion Classification Review Audit; do
  lower=$(echo "$service" | tr '[:upper:]' '[:lower:]')
  Storage__ConnectionString=${Storage__ConnectionString:-"Data Source=data/$lower.db"} \
  Storage__Database=${Storage__Database:-$lower} \
    dotnet run --no-build --project "services/Moderation.$service" &
  pids+=($!)
done
wait
