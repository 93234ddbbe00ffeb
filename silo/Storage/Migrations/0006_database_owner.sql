-- One database, one hive. Only hive_grain_state is keyed by service id: the catalog, audit trail, memory change log and
-- inboxes are not, so two hives sharing a database would read and purge each other's rows. The database therefore
-- belongs to one service id, recorded here; a silo claims it at start when nobody has, and refuses it otherwise.
CREATE TABLE IF NOT EXISTS hive_owner (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),  -- at most one row
    service_id text        NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now()
);

-- A database that already holds the grain state of exactly one hive belongs to that hive; with several it stays
-- unclaimed (their rows are already mixed) and the first silo to start claims it.
INSERT INTO hive_owner (service_id)
SELECT min(service_id) FROM hive_grain_state HAVING count(DISTINCT service_id) = 1
ON CONFLICT DO NOTHING;
