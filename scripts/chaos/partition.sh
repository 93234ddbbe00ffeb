#!/usr/bin/env bash
# The partition drill: in a durable three-silo hive under continuous writes, one silo is cut off from its peers and
# from PostgreSQL for 20 s (it still reaches Redis, and clients still reach its gateway), then the network heals.
#
#   scripts/chaos/partition.sh [--runs N]
#
# A true partition on one machine without root tricks: the test (tests/Hive.IntegrationTests/Failover/PartitionTests.cs) runs
# three real silo processes whose every silo-to-silo and PostgreSQL connection crosses a TCP proxy it owns, and the cut
# stalls, both ways, every connection into the isolated silo, every connection it dialed to a peer (found through
# /proc) and its PostgreSQL connections (see FailoverCluster.Partition). The majority declares it dead and serves on;
# the isolated silo must commit no write during the cut; when healed it rejoins (restarted, as an orchestrator would,
# if it stopped itself on learning it was declared dead), and the cluster has three active silos again. Every write the
# hive acknowledged must be read back afterwards, with no task completed twice.
#
# It runs that test through scripts/chaos/test-drill.sh (services started if needed, build, N runs, each run's verdict
# printed). The last line is the last run's: acked=N lost=M duplicates=D recovery_ms=T. Exits non-zero when any run
# failed: anything acknowledged lost, anything done twice, a write committed by the isolated silo, no recovery.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec scripts/chaos/test-drill.sh PartitionTests "$@"
