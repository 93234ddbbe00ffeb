#!/usr/bin/env bash
# The benchmark: PostgreSQL + Redis, one durable silo and the load generator, each a process of its own.
#
#   scripts/bench.sh           full run for the record (5 s warm-up, 20 s per case, 100,000 heartbeat agents)
#   scripts/bench.sh --quick   under 3 minutes: 0.5 s warm-up, 1.5 s per case, 5,000 heartbeat agents
#
# Prints the table (every scenario beside its baseline) and writes bench-results.json at the repository root.
# The services are scripts/services.sh's (HIVE_PG_PORT, HIVE_REDIS_PORT, HIVE_DATA_DIR move them); they are
# stopped at the end only when this script started them. The silo works in a database of its own (hive_bench,
# recreated each run) and its own cluster id, so a hive already running on the same services is not touched.
# HIVE_BENCH_SILO_PORT (11190), HIVE_BENCH_GATEWAY_PORT (30090) and HIVE_BENCH_HTTP_PORT (8190) move the silo. Extra arguments go to the generator.
# Callers are authenticated, as in production: the silo gets a fresh key folder (.data/bench/keys) and the generator an
# operator credential signed with it by `hive auth issue`.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
if [ "${1:-}" = "--quick" ]; then quick=(--quick); shift; fi
silo_port=${HIVE_BENCH_SILO_PORT:-11190}
gateway_port=${HIVE_BENCH_GATEWAY_PORT:-30090}
http_port=${HIVE_BENCH_HTTP_PORT:-8190}
pg_bin=${HIVE_PG_BIN:-/usr/lib/postgresql/15/bin}
log_dir=.data/bench
mkdir -p "$log_dir"

: >"$log_dir/silo.log"
silo_pid=
generator_pid=
started_services=false
cleanup() {
  local status=$?
  # The generator keeps nothing worth flushing, and its host would hold a SIGTERM until its loops end.
  if [ -n "$generator_pid" ]; then kill -KILL "$generator_pid" 2>/dev/null || true; fi
  if [ -n "$silo_pid" ] && kill -0 "$silo_pid" 2>/dev/null; then
    # A graceful stop would park every benchmark agent's deadline (100,000 state writes) in a database that is
    # thrown away next run, so give it a few seconds and then end it.
    kill -TERM "$silo_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$silo_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$silo_pid" 2>/dev/null || true
  fi
  if $started_services; then scripts/services.sh stop || true; fi
  exit "$status"
}
trap cleanup EXIT INT TERM

echo "bench: building (Release)"
dotnet build silo -c Release --nologo -v q >"$log_dir/build.log" 2>&1 || { tail -n 20 "$log_dir/build.log"; exit 1; }
dotnet build tests/Hive.LoadGen -c Release --nologo -v q >>"$log_dir/build.log" 2>&1 || { tail -n 20 "$log_dir/build.log"; exit 1; }
dotnet build client/Hive.Console -c Release --nologo -v q >>"$log_dir/build.log" 2>&1 || { tail -n 20 "$log_dir/build.log"; exit 1; }
keys=$log_dir/keys
rm -rf "$keys" && mkdir -p "$keys" && chmod 700 "$keys"
(umask 077 && head -c 32 /dev/urandom | base64 >"$keys/bench.hs256" && dotnet client/Hive.Console/bin/Release/net10.0/hive.dll auth issue \
  --operator bench --scopes read,halt,level,agents.admin,tasks.admin,memory,messages,escalations,import,tokens --ttl 12h \
  --key-file "$keys/bench.hs256" >"$log_dir/generator.token")

[[ $(scripts/services.sh status) == *"postgres: running"*"redis: running"* ]] || started_services=true
eval "$(scripts/services.sh start)"
pg_port=${HIVE_PG_PORT:-55432}
password=${HIVE_PG_PASSWORD:-hive-dev}
PGPASSWORD=$password "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U hive -d hive -qtA -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS hive_bench WITH (FORCE)" -c "CREATE DATABASE hive_bench"
bench_db="Host=127.0.0.1;Port=$pg_port;Database=hive_bench;Username=hive;Password=$password"
echo "bench: PostgreSQL $(PGPASSWORD=$password "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U hive -d hive_bench -qtA \
  -c "SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit')")"

# Rate limits are per caller and per silo, and the generator is one caller speaking for up to 1,000 agents, as fast as
# the silo goes: lift every bucket far above what the run can reach, so both limiters still run on each call but never
# refuse one.
limits=()
for kind in Read Heartbeat TaskStatusUpdate Escalation OperatorCommand TaskWrite MemoryWrite Message Registration; do
  for buckets in Buckets SiloBuckets; do
    limits+=("Hive__RateLimits__${buckets}__${kind}__PermitsPerSecond=1000000" "Hive__RateLimits__${buckets}__${kind}__Burst=1000000")
  done
done
env "${limits[@]}" \
  Hive__Storage__ConnectionString="$bench_db" Hive__Silo__ClusterId=hive-bench Hive__Security__KeysPath="$(cd "$keys" && pwd)" \
  Hive__Silo__SiloPort="$silo_port" Hive__Silo__GatewayPort="$gateway_port" Hive__Http__Urls="http://127.0.0.1:$http_port" \
  dotnet silo/bin/Release/net10.0/Hive.Silo.dll >"$log_dir/silo.log" 2>&1 &
silo_pid=$!
deadline=$((SECONDS + 120))
until grep -q "Hive is running" "$log_dir/silo.log"; do
  if ! kill -0 "$silo_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
    echo "bench: the silo did not start; the end of $log_dir/silo.log:" >&2
    tail -n 10 "$log_dir/silo.log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "bench: silo pid $silo_pid serves gateway 127.0.0.1:$gateway_port (log: $log_dir/silo.log)"

dotnet tests/Hive.LoadGen/bin/Release/net10.0/Hive.LoadGen.dll "${quick[@]}" --gateway "127.0.0.1:$gateway_port" --cluster-id hive-bench \
  --postgres "$bench_db" --silo-pid "$silo_pid" --token-file "$log_dir/generator.token" --json bench-results.json "$@" &
generator_pid=$!
# Waiting in the shell (not in the foreground) lets Ctrl+C reach the trap at once.
wait "$generator_pid"
generator_pid=
