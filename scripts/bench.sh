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
# Three more silos price the transport: in-memory, identical but for authentication off, on, and on with TLS (a
# throwaway CA and certificate from openssl in .data/bench/tls), on the next three port numbers. The generator pings
# each (rows noop-call-open, noop-call-auth, noop-call-auth-tls) after noop-call at every concurrency.
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
transport_pids=()
generator_pid=
started_services=false
cleanup() {
  local status=$?
  # The generator keeps nothing worth flushing, and its host would hold a SIGTERM until its loops end.
  if [ -n "$generator_pid" ]; then kill -KILL "$generator_pid" 2>/dev/null || true; fi
  for pid in "${transport_pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
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
# A failed start must stop the run: with no settings exported the silo would quietly run in memory.
services_env=$(scripts/services.sh start) || { echo "bench: the services did not start (see above)" >&2; exit 1; }
eval "$services_env"
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
# Starts a silo with the given env(1) options and settings (beside the rate limits and the key folder every silo here
# gets), logging to $log_dir/$1.log, and waits until it serves; its pid is left in started_pid.
start_silo() {
  local name=$1; shift
  : >"$log_dir/$name.log"   # so the wait below never reads a file the silo has not opened yet
  env "$@" "${limits[@]}" Hive__Security__KeysPath="$(cd "$keys" && pwd)" \
    dotnet silo/bin/Release/net10.0/Hive.Silo.dll >"$log_dir/$name.log" 2>&1 &
  started_pid=$!
  disown "$started_pid"   # the trap ends it by pid; the shell need not announce that
  local deadline=$((SECONDS + 120))
  until grep -q "Hive is running" "$log_dir/$name.log"; do
    if ! kill -0 "$started_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "bench: silo $name did not start; the end of $log_dir/$name.log:" >&2
      tail -n 10 "$log_dir/$name.log" >&2
      exit 1
    fi
    sleep 0.2
  done
}
start_silo silo Hive__Storage__ConnectionString="$bench_db" Hive__Silo__ClusterId=hive-bench \
  Hive__Silo__SiloPort="$silo_port" Hive__Silo__GatewayPort="$gateway_port" Hive__Http__Urls="http://127.0.0.1:$http_port"
silo_pid=$started_pid
echo "bench: silo pid $silo_pid serves gateway 127.0.0.1:$gateway_port (log: $log_dir/silo.log)"

# The transport silos: in-memory (services.sh's durable settings are taken out of their environment), one process each.
tls=$log_dir/tls
rm -rf "$tls" && mkdir -p "$tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=hive bench CA" \
  -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" -keyout "$tls/tls.key" -out "$tls/tls.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature\n' >"$tls/ext.cnf"
openssl x509 -req -in "$tls/tls.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 -extfile "$tls/ext.cnf" \
  -out "$tls/tls.crt" 2>/dev/null
transport_json="["
n=0
for variant in open auth auth-tls; do
  n=$((n + 1))
  settings=(Hive__Silo__SiloPort=$((silo_port + n)) Hive__Silo__GatewayPort=$((gateway_port + n)) Hive__Http__Urls="http://127.0.0.1:$((http_port + n))")
  case $variant in
    open) settings+=(Hive__Security__Mode=Open) ;;
    auth-tls) settings+=(Hive__Tls__Enabled=true Hive__Tls__CertificatePath="$tls/tls.crt" Hive__Tls__KeyPath="$tls/tls.key" Hive__Tls__CaPath="$tls/ca.crt") ;;
  esac
  start_silo "silo-$variant" -u Hive__Storage__Mode -u Hive__Storage__ConnectionString -u Hive__Clustering__Mode \
    -u Hive__Clustering__RedisConnectionString "${settings[@]}"
  transport_pids+=("$started_pid")
  token=$([ "$variant" = open ] && echo null || echo "\"$log_dir/generator.token\"")
  ca=$([ "$variant" = auth-tls ] && echo "\"$tls/ca.crt\"" || echo null)
  [ "$n" -gt 1 ] && transport_json+=","
  transport_json+="{\"name\":\"noop-call-$variant\",\"gateway\":\"127.0.0.1:$((gateway_port + n))\",\"pid\":$started_pid,\"token_file\":$token,\"tls_ca\":$ca}"
done
echo "$transport_json]" >"$log_dir/transport-silos.json"
echo "bench: transport silos (authentication off, on, on with TLS) pids ${transport_pids[*]} on gateways 127.0.0.1:$((gateway_port + 1))-$((gateway_port + 3))"

dotnet tests/Hive.LoadGen/bin/Release/net10.0/Hive.LoadGen.dll "${quick[@]}" --gateway "127.0.0.1:$gateway_port" --cluster-id hive-bench \
  --postgres "$bench_db" --silo-pid "$silo_pid" --token-file "$log_dir/generator.token" \
  --transport-silos "$log_dir/transport-silos.json" --json bench-results.json "$@" &
generator_pid=$!
# Waiting in the shell (not in the foreground) lets Ctrl+C reach the trap at once.
wait "$generator_pid"
generator_pid=
