-- The authenticated principal behind each audit event (agent:<id>, service:<name>, operator:<name>), beside the actor
-- the call declared. Empty for events written before authentication existed and for the hive's own timers.
ALTER TABLE hive_audit ADD COLUMN IF NOT EXISTS principal text;
