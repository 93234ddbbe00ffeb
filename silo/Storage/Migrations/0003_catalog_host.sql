-- The silo that keeps a row's deadline only in memory (a watched agent's heartbeat check). When that silo dies,
-- the deadline sweeper finds its rows here and wakes those grains on a live silo.
ALTER TABLE hive_catalog ADD COLUMN IF NOT EXISTS host text;
-- Most rows have no host, and the sweeper asks only for the hosts of dead silos.
CREATE INDEX IF NOT EXISTS hive_catalog_host ON hive_catalog (host) WHERE host IS NOT NULL;
