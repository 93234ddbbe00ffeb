-- Each inbox's highest sequence ever stored lives in a row of its own, so an ack deletes the message instead of
-- rewriting its ~1 KB row as acked, and hive_messages holds only what is still pending (it no longer grows with
-- every message ever sent).
CREATE TABLE IF NOT EXISTS hive_inbox_heads (
    agent_id      text   PRIMARY KEY,
    last_sequence bigint NOT NULL
);

INSERT INTO hive_inbox_heads (agent_id, last_sequence)
SELECT agent_id, max(sequence) FROM hive_messages GROUP BY agent_id
ON CONFLICT (agent_id) DO UPDATE SET last_sequence = greatest(hive_inbox_heads.last_sequence, excluded.last_sequence);

DELETE FROM hive_messages WHERE acked;
DROP INDEX IF EXISTS hive_messages_pending;
ALTER TABLE hive_messages DROP COLUMN IF EXISTS acked, DROP COLUMN IF EXISTS acked_at;
