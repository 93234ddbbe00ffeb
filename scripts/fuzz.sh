#!/usr/bin/env bash
# A long fuzz run: every Hive.Client entry point driven with hostile values, in memory and on PostgreSQL, then the
# HTTP endpoints. Usage: scripts/fuzz.sh [calls-per-hive] [seed]   (defaults: 50000 calls per hive, a random seed)
# The seed is printed first, and again on failure: HIVE_FUZZ_SEED=<seed> repeats the run exactly.
set -uo pipefail
cd "$(dirname "$0")/.."

calls=${1:-50000}
seed=${2:-$(shuf -i 1-2147483646 -n 1)}
echo "fuzz: seed $seed, $calls calls per hive"

already_running=$(scripts/services.sh status | grep -c ': running' || true)
cleanup() { if [ "$already_running" -lt 2 ]; then scripts/services.sh stop || true; fi; }
trap cleanup EXIT
settings=$(scripts/services.sh start) || { echo "fuzz: PostgreSQL and Redis did not start" >&2; exit 1; }
eval "$(grep '^export HIVE_TEST_' <<<"$settings")"

# The in-memory hive runs in tests/Hive.Tests, the PostgreSQL hive and HTTP in tests/Hive.IntegrationTests.
HIVE_FUZZ_SEED=$seed HIVE_FUZZ_CALLS=$calls dotnet test Hive.Orleans.sln --nologo --filter "FullyQualifiedName~Hive.Tests.Fuzz" \
  --logger "console;verbosity=normal"
status=$?
if [ "$status" -ne 0 ]; then echo "fuzz: FAILED with seed $seed (HIVE_FUZZ_SEED=$seed scripts/fuzz.sh $calls $seed repeats it)"; fi
exit "$status"
