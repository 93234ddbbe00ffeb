#!/usr/bin/env bash
# The one test command: builds the solution, runs every test project, prints "N passed, N failed, N skipped"
# and exits with dotnet test's own status (non-zero when anything failed or did not build).
#
#   scripts/test.sh                everything: tests/Hive.Tests and tests/Hive.IntegrationTests (starts PostgreSQL and Redis)
#   scripts/test.sh --fast         only tests/Hive.Tests: unit and in-memory cluster tests, no services, no processes
#
# Any other argument goes to dotnet test, e.g. scripts/test.sh --filter "Category=Durable" (docs/testing.md).
set -uo pipefail
cd "$(dirname "$0")/.."

fast=0
args=()
for arg in "$@"; do
  if [ "$arg" = --fast ]; then fast=1; else args+=("$arg"); fi
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)

if [ "$fast" -eq 1 ]; then
  trap 'rm -f "$log"' EXIT
  target=tests/Hive.Tests/Hive.Tests.csproj
else
  # The integration tests need PostgreSQL and Redis. Start them here and stop them on any exit; services a
  # developer already had running (for a durable hive of their own) are left running.
  already_running=$(scripts/services.sh status | grep -c ': running' || true)
  cleanup() {
    rm -f "$log"
    if [ "$already_running" -lt 2 ]; then scripts/services.sh stop || true; fi
  }
  trap cleanup EXIT
  started=$(date +%s)
  if settings=$(scripts/services.sh start); then
    # Only the test variables: the durable-mode Hive__* settings would turn the in-memory silo tests durable.
    eval "$(grep '^export HIVE_TEST_' <<<"$settings")"
    echo "Test services up in $(($(date +%s) - started)) s."
  else
    echo "The test services did not start; the integration tests will fail and say what they miss." >&2
  fi
  target=Hive.Orleans.sln
fi

dotnet test "$target" --nologo ${args[@]+"${args[@]}"} 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S" line per test assembly.
read -r passed failed skipped < <(
  sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\3 \2 \4/p' "$log" |
    awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or the test host failed before any test could report
  echo "The test run did not complete (exit $status); see the output above." >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
