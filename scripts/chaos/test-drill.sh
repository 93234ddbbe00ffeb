#!/usr/bin/env bash
# Runs one of the failover integration tests (tests/Hive.IntegrationTests/Failover) as a chaos drill, N times in a row, and
# prints each run's verdict as it comes: the line FaultDrill writes for every drill it runs,
# acked=N lost=M duplicates=D recovery_ms=T. The last line printed is the last run's.
#
#   scripts/chaos/test-drill.sh <TestClassName> [--runs N]      e.g. scripts/chaos/test-drill.sh RedisOutageTests --runs 3
#
# It uses the services HIVE_TEST_POSTGRES and HIVE_TEST_REDIS name when both are set; otherwise it starts them
# (scripts/services.sh) unless they run, and stops them afterwards only if it started them;
# builds tests/Hive.IntegrationTests; then runs `dotnet test --filter FullyQualifiedName~<TestClassName>` with
# HIVE_CHAOS_REPORT naming a file the drills append their lines to. Exits non-zero on the first run that fails: the
# test failed, it printed no line, or a line has lost or duplicates other than 0. Progress goes to stderr, the
# lines to stdout; each run's test output is kept in .data/chaos/<TestClassName>-<run>.log.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() { echo "usage: $0 <TestClassName> [--runs N]" >&2; exit 64; }
[ $# -ge 1 ] || usage
class=$1
shift
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || usage
[[ "$class" =~ ^[A-Za-z_][A-Za-z0-9_.]*$ ]] || usage

say() { echo "test-drill: $(date +%T) $*" >&2; }

dir=.data/chaos
mkdir -p "$dir"
report=$(mktemp)
services_were_up=2
if [ -z "${HIVE_TEST_POSTGRES:-}" ] || [ -z "${HIVE_TEST_REDIS:-}" ]; then
  services_were_up=$(scripts/services.sh status | grep -c ': running' || true)
fi
cleanup() {
  rm -f "$report"
  if [ "$services_were_up" -lt 2 ]; then scripts/services.sh stop 2>/dev/null || true; fi
}
trap cleanup EXIT

if [ "$services_were_up" -lt 2 ]; then
  settings=$(scripts/services.sh start) || { say "the services did not start"; exit 1; }
  # Only the test variables: the durable-mode Hive__* settings are for a silo of one's own.
  eval "$(grep '^export HIVE_TEST_' <<<"$settings")"
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say "building tests/Hive.IntegrationTests"
dotnet build tests/Hive.IntegrationTests -nologo -v q >"$dir/$class-build.log" 2>&1 || { tail -n 20 "$dir/$class-build.log" >&2; say "the build failed"; exit 1; }

for run in $(seq 1 "$runs"); do
  log=$dir/$class-$run.log
  : >"$report"
  say "run $run of $runs: $class (output in $log)"
  status=0
  HIVE_CHAOS_REPORT=$report dotnet test tests/Hive.IntegrationTests --no-build --filter "FullyQualifiedName~$class" \
    --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
  cat "$report"
  if [ "$status" -ne 0 ]; then
    grep -E '^\s*(Failed|Error Message|Assert)' -A 3 "$log" | head -n 20 >&2 || true
    say "run $run failed (dotnet test exit $status); see $log"
    exit 1
  fi
  if [ ! -s "$report" ]; then say "run $run printed no drill line: does $class run a FaultDrill?"; exit 1; fi
  if grep -vqE '^acked=[0-9]+ lost=0 duplicates=0 recovery_ms=-?[0-9]+$' "$report"; then
    say "run $run lost or duplicated something (or never recovered); see $log"
    exit 1
  fi
done
say "$runs of $runs runs passed"
