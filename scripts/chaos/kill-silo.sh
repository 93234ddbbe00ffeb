#!/usr/bin/env bash
# The failover drill: a durable three-silo hive under continuous writes loses one silo to SIGKILL, and every write
# the hive acknowledged must be read back afterwards, with no task completed twice.
#
#   scripts/chaos/kill-silo.sh
#
# It starts the services (scripts/services.sh) unless they run, builds, starts three silos in a cluster of their own
# on a database of their own (fresh ids and a fresh database, so earlier runs and a developer's own hive are not
# touched; the database is dropped afterwards unless the drill failed), starts the chaos driver
# (tests/Hive.Chaos), lets the load run, kills silo 2, keeps the load running, stops it and verifies. Everything it
# started is stopped on any exit. Authentication is on: the silos get a key folder (.data/chaos/keys, see
# scripts/cluster.sh) and the driver an operator credential signed with it by `hive auth issue`. The last line is the driver's: acked=N lost=M duplicates=D recovery_ms=T.
# Exits non-zero when anything acknowledged was lost, anything was done twice, or the hive never recovered.
#
# Overridable: CHAOS_LOAD_SECONDS (8) before the kill, CHAOS_AFTER_SECONDS (8) after it, CHAOS_VICTIM (2),
# HIVE_SILO_PORT_BASE (11210) and HIVE_GATEWAY_PORT_BASE (30099) for the silos, and services.sh's HIVE_PG_PORT,
# HIVE_REDIS_PORT. Logs: .data/chaos/ (silo-i.log, driver.log).
set -euo pipefail
cd "$(dirname "$0")/../.."

load_seconds=${CHAOS_LOAD_SECONDS:-8}
after_seconds=${CHAOS_AFTER_SECONDS:-8}
victim=${CHAOS_VICTIM:-2}
export HIVE_CLUSTER_DIR=.data/chaos
export HIVE_SILO_PORT_BASE=${HIVE_SILO_PORT_BASE:-11210} HIVE_GATEWAY_PORT_BASE=${HIVE_GATEWAY_PORT_BASE:-30099}
run=chaos-$(date +%s)
database=${run//-/_}
export Hive__Silo__ClusterId=$run Hive__Silo__ServiceId=$run
# The silos do not report load signals, so the service level stays full: on a busy 2-core machine the storage
# latency alone drops the hive to essential service, which refuses memory writes and messages, and the drill would
# measure load shedding instead of failover. The load-shedding tests cover that behaviour on their own.
export Hive__Health__ReportSiloSignals=false
dir=$HIVE_CLUSTER_DIR
export HIVE_KEYS_PATH=$dir/keys
all_scopes=read,halt,level,agents.admin,tasks.admin,memory,messages,escalations,import,tokens
driver_pid=

say() { echo "kill-silo: $(date +%T.%3N) $*" >&2; }

services_were_up=$(scripts/services.sh status | grep -c ': running' || true)
cleanup() {
  exec 3>&- 2>/dev/null || true
  if [ -n "$driver_pid" ] && kill -0 "$driver_pid" 2>/dev/null; then kill "$driver_pid" 2>/dev/null || true; fi
  scripts/cluster.sh stop >/dev/null 2>&1 || true
  rm -f "$dir/driver.token"
  if [ "$keep_database" = no ]; then psql_hive -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ "$services_were_up" -lt 2 ]; then scripts/services.sh stop 2>/dev/null || true; fi
}
keep_database=no
psql_hive() { PGPASSWORD=${HIVE_PG_PASSWORD:-hive-dev} "${HIVE_PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -h 127.0.0.1 \
  -p "${HIVE_PG_PORT:-55432}" -U hive -d hive -v ON_ERROR_STOP=1 -qtA "$@"; }
trap cleanup EXIT

services_env=$(scripts/services.sh start) || { say "the services did not start (see above)"; exit 1; }
eval "$services_env"
psql_hive -c "CREATE DATABASE $database"
export HIVE_PG_DATABASE=$database   # cluster.sh hands the silos services.sh's settings, which name this database
mkdir -p "$dir"
rm -f "$dir"/silo-*.pid "$dir/driver.in"
say "building"
dotnet build tests/Hive.Chaos --nologo -v q >/dev/null
dotnet build client/Hive.Console --nologo -v q >/dev/null
scripts/cluster.sh start 3 >&2
(umask 077 && dotnet client/Hive.Console/bin/Debug/net10.0/hive.dll auth issue --operator chaos-driver --scopes "$all_scopes" --ttl 1h \
  --keys-path "$HIVE_KEYS_PATH" >"$dir/driver.token")

mkfifo "$dir/driver.in"
dotnet tests/Hive.Chaos/bin/Debug/net10.0/Hive.Chaos.dll --redis "$HIVE_TEST_REDIS" --cluster-id "$run" --service-id "$run" --token-file "$dir/driver.token" \
  <"$dir/driver.in" >"$dir/driver.out" 2>"$dir/driver.log" &
driver_pid=$!
exec 3>"$dir/driver.in"   # the driver's commands; it stops when this closes
deadline=$((SECONDS + 180))
until grep -q '^chaos: .* load running' "$dir/driver.log"; do
  if ! kill -0 "$driver_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then say "the driver did not start its load"; tail -n 5 "$dir/driver.log" >&2; exit 1; fi
  sleep 0.2
done

say "load runs for ${load_seconds} s"
sleep "$load_seconds"
echo kill >&3
scripts/cluster.sh kill "$victim" >&2
say "silo $victim killed"
say "load goes on for ${after_seconds} s without silo $victim"
sleep "$after_seconds"
echo stop >&3
exec 3>&-
say "load stopped; verifying"
status=0
wait "$driver_pid" || status=$?
driver_pid=
grep '^chaos: ' "$dir/driver.log" | tail -n 12 >&2 || true
line=$(tail -n 1 "$dir/driver.out")
echo "$line"
if [ "$status" -ne 0 ]; then
  keep_database=yes
  say "the drill failed (driver exit $status); see $dir/driver.log and database $database"
fi
exit "$status"
