-- Grain state for Orleans' ADO.NET storage provider (storage name "hive").
--
-- One row per (service, state name, grain key). The provider's hash columns are left out: the primary key
-- is the natural key, so two grains can never share a row through a hash collision. The provider passes
-- the state name of [PersistentState] as @GrainTypeString; every Hive grain class has its own state name
-- and every string key carries its kind ("agent/", "task/"), so keys never fold onto an integer key.
CREATE TABLE hive_grain_state
(
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,
    key_n0      bigint      NOT NULL,
    key_n1      bigint      NOT NULL,
    -- The string key (or an integer key's extension). '' stands for "none", so it can be in the primary key.
    key_string  text        NOT NULL,
    payload     bytea,
    version     integer     NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, key_string, key_n0, key_n1)
);

-- The provider reads its queries from this table once, when the storage starts.
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text        NOT NULL
);

-- Contract: a row comes back with "PayloadBinary" and "Version", or no row when the grain has no state.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT payload AS "PayloadBinary", version AS "Version"
FROM hive_grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND key_string = COALESCE(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1');

-- Contract: the first write (@GrainStateVersion NULL) inserts version 1; later writes replace the row only
-- when its version is still @GrainStateVersion. "NewGrainStateVersion" is the new version; it comes back
-- NULL or unchanged when the write lost a race, which the provider raises as InconsistentStateException.
-- One statement, so a concurrent first write is decided by the primary key, not by a check-then-insert.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
WITH inserted AS (
    INSERT INTO hive_grain_state (service_id, state_name, key_n0, key_n1, key_string, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''), @PayloadBinary, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version),
updated AS (
    UPDATE hive_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND key_string = COALESCE(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version)
SELECT COALESCE((SELECT version FROM inserted), (SELECT version FROM updated), CAST(@GrainStateVersion AS integer))
    AS "NewGrainStateVersion"');

-- Contract: like a write with an empty payload; the row stays, so its version keeps growing and a stale
-- activation can never write over a clear. Clearing a grain that never wrote records an empty version 1.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
WITH inserted AS (
    INSERT INTO hive_grain_state (service_id, state_name, key_n0, key_n1, key_string, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''), NULL, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version),
updated AS (
    UPDATE hive_grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND key_string = COALESCE(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version)
SELECT COALESCE((SELECT version FROM inserted), (SELECT version FROM updated), CAST(@GrainStateVersion AS integer))
    AS "NewGrainStateVersion"');

-- Contract (DeleteStateOnClear): removes the row when its version is @GrainStateVersion.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
WITH deleted AS (
    DELETE FROM hive_grain_state
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND key_string = COALESCE(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version)
SELECT COALESCE((SELECT version + 1 FROM deleted), CAST(@GrainStateVersion AS integer)) AS "NewGrainStateVersion"');
