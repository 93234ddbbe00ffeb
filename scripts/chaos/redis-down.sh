#!/usr/bin/env bash
# The Redis outage drill: three durable silo processes under continuous writes lose Redis (their membership table,
# and the gateway list their clients read) for 30 s, silos and client alike, then get it back. The running cluster
# must keep serving on the membership it already holds, lose no acknowledged write, complete no task twice, and
# restart no silo. Redis is the shared test server behind a TCP proxy that the test cuts, so nothing else notices.
# The test is tests/Hive.IntegrationTests/Failover/RedisOutageTests; the last line is acked=N lost=M duplicates=D recovery_ms=T.
#
#   scripts/chaos/redis-down.sh [--runs N]
set -euo pipefail
exec "$(dirname "$0")/test-drill.sh" RedisOutageTests "$@"
