#!/usr/bin/env bash
# The PostgreSQL crash drill: three durable silo processes under continuous writes lose their PostgreSQL server to
# `pg_ctl stop -m immediate` (every server process quits at once, as in a crash), 10 s later it is started again
# (crash recovery from the WAL). Writes must fail with storage-unavailable meanwhile, nothing acknowledged may be
# lost, no task completed twice, and the hive must serve again soon after, with no silo restarted. The server is a
# private one the test initdb's for itself on a free port (PrivatePostgres), so the shared test server is never touched.
# The test is tests/Hive.IntegrationTests/Failover/PostgresKillTests; the last line is acked=N lost=M duplicates=D recovery_ms=T.
#
#   scripts/chaos/postgres-kill.sh [--runs N]
set -euo pipefail
exec "$(dirname "$0")/test-drill.sh" PostgresKillTests "$@"
